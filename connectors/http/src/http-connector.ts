import { readFileSync } from 'node:fs';
import { Pool, errors as undiciErrors } from 'undici';
import {
  AmtsboteError,
  type Connector,
  type ConnectorFactory,
  type DeliveryReceipt,
  type HttpConnectorSettings,
  type OutboundMessage,
} from '@amtsbote/core';

/** Statuses after which the same request may succeed later (RFC 9110 §15; 429 per RFC 6585). */
function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After as delay in ms: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function readSecret(path: string | undefined): Buffer | undefined {
  return path ? readFileSync(path) : undefined;
}

/** Plain HTTP may only stay on this machine: the local reference back office, tests. */
function isLoopback(hostname: string): boolean {
  // URL has already normalised the host: `127.1` reads `127.0.0.1`, IPv6 comes in brackets.
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Node's codes for a server certificate that fails verification (OpenSSL's X509_V_ERR_*, and the host name check). */
const untrustedCertificateCodes = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The server offers no TLS version we accept: it alerts `protocol_version`, or answers with an old one. */
const tlsVersionCodes = new Set(['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'ERR_SSL_UNSUPPORTED_PROTOCOL']);

/**
 * Why a request failed, as an AmtsboteError. The back office's certificate or TLS version will not
 * get better by trying again (it takes someone to fix it), so those are permanent. Everything else
 * (refused or reset connections, failed handshakes, timeouts) may pass and is retriable; that
 * includes a back office dropping our client certificate, which Node cannot tell from a reset.
 */
function requestError(err: unknown, origin: string, timeoutMs: number): AmtsboteError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && untrustedCertificateCodes.has(code)) {
    const reason = `${(err as Error).message} (${code})`;
    return new AmtsboteError('AMTSBOTE_DELIVERY_REJECTED', `the TLS certificate of ${origin} is not trusted: ${reason}`, { cause: err });
  }
  if (code && tlsVersionCodes.has(code)) {
    return new AmtsboteError('AMTSBOTE_DELIVERY_REJECTED', `${origin} offers no TLS 1.2 or newer (${code})`, { cause: err });
  }
  const timeout = err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError;
  return new AmtsboteError(
    'AMTSBOTE_DELIVERY_UNAVAILABLE',
    timeout ? `no answer from ${origin} within ${timeoutMs} ms` : `cannot reach ${origin}: ${(err as Error).message}`,
    { retriable: true, cause: err },
  );
}

/**
 * Delivers messages by HTTP(S) POST with `Idempotency-Key` = the message id. TLS is 1.2 or newer,
 * certificates are always verified (against `tls.caFile` when given), and client certificates are
 * sent when configured (mTLS). Plain HTTP is refused unless the back office is on a loopback
 * address. Connections are kept alive and pooled per destination.
 */
export const createHttpConnector: ConnectorFactory<HttpConnectorSettings> = (settings, { logger }) => {
  const url = new URL(settings.url);
  const log = logger.child({ component: 'connector-http', origin: url.origin });
  let pool: Pool | undefined;

  const token = () => {
    if (!settings.tokenEnv) return undefined;
    const value = process.env[settings.tokenEnv];
    if (!value) {
      throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `environment variable ${settings.tokenEnv} (bearer token) is not set`);
    }
    return value;
  };

  const connector: Connector = {
    async connect() {
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
        throw new AmtsboteError(
          'AMTSBOTE_CONFIG_INVALID',
          `refusing ${url.protocol}//${url.host}: back offices are reached by https (plain http only on a loopback address)`,
        );
      }
      pool ??= new Pool(url.origin, {
        connections: 16,
        keepAliveTimeout: 30_000,
        connect: {
          minVersion: 'TLSv1.2',
          rejectUnauthorized: true,
          ca: readSecret(settings.tls?.caFile),
          cert: readSecret(settings.tls?.certFile),
          key: readSecret(settings.tls?.keyFile),
        },
      });
    },

    async deliver(message: OutboundMessage): Promise<DeliveryReceipt> {
      if (!pool) await connector.connect();
      const bearer = token();
      let response;
      try {
        response = await pool!.request({
          method: 'POST',
          path: url.pathname + url.search,
          headers: {
            'content-type': `${message.contentType}; charset=utf-8`,
            'idempotency-key': message.messageId,
            'x-xoev-standard': `${message.standard} ${message.standardVersion}`,
            'x-xoev-message-type': message.messageType,
            ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          },
          body: message.payload,
          headersTimeout: settings.timeoutMs,
          bodyTimeout: settings.timeoutMs,
        });
      } catch (err) {
        throw requestError(err, url.origin, settings.timeoutMs);
      }
      const body = await response.body.text().catch(() => '');
      const status = response.statusCode;
      if (status >= 200 && status < 300) {
        let reference: string | undefined;
        try {
          reference = (JSON.parse(body) as { receiptId?: string }).receiptId;
        } catch {
          // a back office need not answer with JSON
        }
        const duplicate = response.headers['idempotent-replayed'] === 'true';
        log.debug({ messageId: message.messageId, status, duplicate }, 'delivered');
        return { reference, duplicate };
      }
      if (isRetriableStatus(status)) {
        throw new AmtsboteError('AMTSBOTE_DELIVERY_UNAVAILABLE', `${url.origin} answered HTTP ${status}`, {
          retriable: true,
          retryAfterMs: parseRetryAfter(response.headers['retry-after']),
        });
      }
      throw new AmtsboteError('AMTSBOTE_DELIVERY_REJECTED', `${url.origin} refused the message with HTTP ${status}`);
    },

    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
  return connector;
};

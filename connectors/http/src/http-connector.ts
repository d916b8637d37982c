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

/**
 * Delivers messages by HTTP(S) POST with `Idempotency-Key` = the message id. TLS is 1.2 or newer,
 * certificates are always verified (against `tls.caFile` when given), and client certificates are
 * sent when configured (mTLS). Connections are kept alive and pooled per destination.
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
        const timeout = err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError;
        throw new AmtsboteError(
          'AMTSBOTE_DELIVERY_UNAVAILABLE',
          timeout ? `no answer from ${url.origin} within ${settings.timeoutMs} ms` : `cannot reach ${url.origin}: ${(err as Error).message}`,
          { retriable: true, cause: err },
        );
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

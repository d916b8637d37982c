import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { setTimeout } from 'node:timers/promises';
import { connect, type TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmtsboteError, createLogger, type HttpConnectorSettings, type OutboundMessage } from '@amtsbote/core';
import {
  createTestPki,
  startTlsServer,
  type CertificateFiles,
  type TestPki,
  type TlsServer,
  type TlsServerOptions,
} from '@amtsbote/testing';
import { createHttpConnector } from './http-connector.js';

// Real TLS servers on loopback, with certificates of a throwaway PKI made by openssl.

const logger = createLogger('test', { level: 'silent' });
const message: OutboundMessage = {
  messageId: '0b4a2f8e-6f1e-5c9a-9d7e-2f6a8b1c3d4e',
  applicationId: 'app-1',
  destinationId: 'dest',
  standard: 'xdomea',
  standardVersion: '3.1.0',
  messageType: 'Geschaeftsgang.Geschaeftsgang.0201',
  contentType: 'application/xml',
  payload: Buffer.from('<x/>'),
};

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => rmSync(pki.dir, { recursive: true, force: true }));

const servers: TlsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A back office over TLS that records what reached it. */
async function backOffice(options: Omit<TlsServerOptions, 'pki'> = {}) {
  const received: IncomingMessage[] = [];
  const server = await startTlsServer({
    pki,
    handler: (req, res) => {
      received.push(req);
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"receiptId":"r-1"}');
    },
    ...options,
  });
  servers.push(server);
  return Object.assign(server, { received });
}

/** What the connector trusts (`ca`) and presents (`client`). */
type TlsFiles = { ca?: string; client?: CertificateFiles };

function settingsFor(url: string, tls: TlsFiles = {}): HttpConnectorSettings {
  return {
    type: 'http',
    url,
    timeoutMs: 2_000,
    tls: { caFile: tls.ca, certFile: tls.client?.cert, keyFile: tls.client?.key },
  };
}

async function deliverTo(url: string, tls: TlsFiles = {}) {
  const connector = createHttpConnector(settingsFor(url, tls), { logger });
  try {
    return await connector.deliver(message);
  } finally {
    await connector.close();
  }
}

async function errorOf(promise: Promise<unknown>): Promise<AmtsboteError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AmtsboteError);
  return err as AmtsboteError;
}

describe('createHttpConnector over TLS', () => {
  it('delivers over mTLS with the pinned CA; the back office sees our certificate and the message id', async () => {
    const server = await backOffice({ requestCert: true, crl: pki.crl });
    expect(await deliverTo(server.url, { ca: pki.ca, client: pki.client })).toEqual({ reference: 'r-1', duplicate: false });
    const [request] = server.received;
    expect((request?.socket as TLSSocket).getPeerCertificate().subject.CN).toBe('amtsbote-delivery');
    expect(request?.headers['idempotency-key']).toBe(message.messageId);
  });

  it('reuses its TLS connection for a later delivery', async () => {
    const server = await backOffice({ requestCert: true });
    const connector = createHttpConnector(settingsFor(server.url, { ca: pki.ca, client: pki.client }), { logger });
    try {
      await connector.deliver(message);
      await setTimeout(10);
      await connector.deliver({ ...message, messageId: 'c3a1e0f2-9b7d-5e4c-8a6f-1d2e3f4a5b6c' });
    } finally {
      await connector.close();
    }
    expect(server.received).toHaveLength(2);
    expect(server.secureConnections).toBe(1);
  });

  it('needs few handshakes for back-to-back deliveries', async () => {
    // undici marks a connection free a tick after its response ends, so a request right after it
    // opens a second connection; from then on the two take turns.
    const server = await backOffice({ requestCert: true });
    const connector = createHttpConnector(settingsFor(server.url, { ca: pki.ca, client: pki.client }), { logger });
    try {
      for (let i = 0; i < 10; i++) await connector.deliver(message);
    } finally {
      await connector.close();
    }
    expect(server.received).toHaveLength(10);
    expect(server.secureConnections).toBeLessThanOrEqual(2);
  });

  describe('refuses the back office, permanently', () => {
    it('when its certificate comes from another CA than the pinned one', async () => {
      const server = await backOffice({ certificate: pki.wrongCaServer });
      const err = await errorOf(deliverTo(server.url, { ca: pki.ca }));
      expect(err).toMatchObject({ code: 'AMTSBOTE_DELIVERY_REJECTED', retriable: false });
      expect(err.message).toMatch(/TLS certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted.*UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
      expect(server.received).toHaveLength(0);
    });

    it('when no CA is pinned and its certificate is not from a public CA (verification stays on)', async () => {
      const server = await backOffice();
      expect(await errorOf(deliverTo(server.url))).toMatchObject({ code: 'AMTSBOTE_DELIVERY_REJECTED', retriable: false });
      expect(server.received).toHaveLength(0);
    });

    it.each(['TLSv1', 'TLSv1.1'] as const)('when it speaks no TLS newer than %s', async (version) => {
      // OpenSSL 3 allows TLS 1.0/1.1 only at security level 0.
      const server = await backOffice({ minVersion: 'TLSv1', maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' });
      expect(await negotiatedByAnyClient(server.url)).toBe(version);
      const err = await errorOf(deliverTo(server.url, { ca: pki.ca }));
      expect(err).toMatchObject({ code: 'AMTSBOTE_DELIVERY_REJECTED', retriable: false });
      expect(err.message).toMatch(/offers no TLS 1\.2 or newer/);
      expect(server.received).toHaveLength(0);
    });

    it.each(['http://backoffice.example/xoev', 'http://10.1.2.3/xoev', 'http://127.0.0.1.example.org/xoev', 'ftp://127.0.0.1/xoev'])(
      'when %s is not https and not on a loopback address',
      async (url) => {
        const refusal = { code: 'AMTSBOTE_CONFIG_INVALID', retriable: false, message: expect.stringMatching(/https/) };
        expect(await errorOf(createHttpConnector(settingsFor(url), { logger }).connect())).toMatchObject(refusal);
        expect(await errorOf(deliverTo(url))).toMatchObject(refusal);
      },
    );
  });

  // The local stack and the integration tests use the reference back office over plain http.
  it.each(['http://127.0.0.1:8090/xoev', 'http://127.8.9.10/xoev', 'http://localhost:8090/xoev', 'http://[::1]:8090/xoev'])(
    'allows plain http on the loopback address %s',
    async (url) => {
      const connector = createHttpConnector(settingsFor(url), { logger });
      await expect(connector.connect()).resolves.toBeUndefined();
      await connector.close();
    },
  );

  // The back office enforces mTLS, not Amtsbote; these prove that the reference setup (node:https
  // with requestCert and a CRL) refuses what it should. Node's server drops such a connection
  // without telling the client why, so the connector sees a closed connection: retriable.
  describe('a back office that requires client certificates turns away', () => {
    it.each([
      ['no client certificate', undefined],
      ['a client certificate from another CA', 'wrongCaClient'],
      ['an expired client certificate', 'expiredClient'],
      ['a revoked client certificate', 'revokedClient'],
    ] as const)('%s', async (_case, certificate) => {
      const server = await backOffice({ requestCert: true, crl: pki.crl });
      const err = await errorOf(deliverTo(server.url, { ca: pki.ca, client: certificate && pki[certificate] }));
      expect(err).toMatchObject({ code: 'AMTSBOTE_DELIVERY_UNAVAILABLE', retriable: true });
      expect(server.received).toHaveLength(0);
    });

    it('the revoked certificate only because of the CRL', async () => {
      const server = await backOffice({ requestCert: true });
      expect(await deliverTo(server.url, { ca: pki.ca, client: pki.revokedClient })).toMatchObject({ reference: 'r-1' });
    });

    it('the expired certificate only because it expired', () => {
      const expired = new X509Certificate(readFileSync(pki.expiredClient.cert));
      expect(expired.checkIssued(new X509Certificate(readFileSync(pki.ca)))).toBe(true);
      expect(Date.parse(expired.validTo)).toBeLessThan(Date.now());
    });
  });
});

/** The TLS version a client that accepts anything from TLS 1.0 up negotiates with the server. */
function negotiatedByAnyClient(url: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const anyVersion = { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;
    const socket = connect({ host: hostname, port: Number(port), ca: readFileSync(pki.ca), ...anyVersion }, () => {
      resolve(socket.getProtocol());
      socket.end();
    });
    socket.on('error', reject);
  });
}

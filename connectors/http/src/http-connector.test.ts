import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AmtsboteError, createLogger, type OutboundMessage } from '@amtsbote/core';
import { createHttpConnector, parseRetryAfter } from './http-connector.js';

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

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function backOffice(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/xoev/messages`;
}

async function deliverTo(url: string, timeoutMs = 2_000) {
  const connector = createHttpConnector({ type: 'http', url, timeoutMs }, { logger });
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

describe('createHttpConnector', () => {
  it('posts the XML with the message id as Idempotency-Key and returns the receipt', async () => {
    let seen: IncomingMessage | undefined;
    const url = await backOffice((req, res) => {
      seen = req;
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"receiptId":"r-1"}');
    });
    expect(await deliverTo(url)).toEqual({ reference: 'r-1', duplicate: false });
    expect(seen?.headers['idempotency-key']).toBe(message.messageId);
    expect(seen?.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(seen?.headers['x-xoev-message-type']).toBe('Geschaeftsgang.Geschaeftsgang.0201');
  });

  it('reports a repeat the back office recognised', async () => {
    const url = await backOffice((_req, res) => res.writeHead(200, { 'idempotent-replayed': 'true' }).end('{}'));
    expect(await deliverTo(url)).toMatchObject({ duplicate: true });
  });

  it.each([408, 429, 500, 502, 503])('treats HTTP %i as retriable', async (status) => {
    const url = await backOffice((_req, res) => res.writeHead(status).end());
    const err = await errorOf(deliverTo(url));
    expect(err).toMatchObject({ code: 'AMTSBOTE_DELIVERY_UNAVAILABLE', retriable: true });
  });

  it('honours Retry-After on 429', async () => {
    const url = await backOffice((_req, res) => res.writeHead(429, { 'retry-after': '7' }).end());
    expect((await errorOf(deliverTo(url))).retryAfterMs).toBe(7_000);
  });

  it.each([400, 401, 403, 404, 413, 422])('treats HTTP %i as a permanent refusal', async (status) => {
    const url = await backOffice((_req, res) => res.writeHead(status).end());
    expect(await errorOf(deliverTo(url))).toMatchObject({ code: 'AMTSBOTE_DELIVERY_REJECTED', retriable: false });
  });

  it('treats a refused connection as retriable', async () => {
    const url = await backOffice(() => {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await errorOf(deliverTo(url))).toMatchObject({ retriable: true });
  });

  it('gives up waiting after the timeout, retriably', async () => {
    const url = await backOffice(() => {});
    const err = await errorOf(deliverTo(url, 200));
    expect(err).toMatchObject({ retriable: true });
    expect(err.message).toMatch(/within 200 ms/);
    server?.closeAllConnections();
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['Wed, 25 Nov 2026 10:00:30 GMT', 30_000],
    ['soon', undefined],
    [undefined, undefined],
  ])('reads %s as %s ms', (value, expected) => {
    expect(parseRetryAfter(value, Date.parse('Wed, 25 Nov 2026 10:00:00 GMT'))).toBe(expected);
  });
});

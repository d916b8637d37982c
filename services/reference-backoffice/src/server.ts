import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@amtsbote/core';
import type { InboxStore } from './inbox-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Options of the reference back office's HTTP endpoint. */
export interface ReferenceBackofficeOptions {
  store: InboxStore;
  logger: Logger;
  /** Largest accepted body; a real vendor endpoint has one too. */
  maxBodyBytes?: number;
  /** Called once per new (not duplicate) message after it is stored, e.g. to send replies. */
  onNewMessage?(xml: Buffer): void;
  /** Tests: asked for every message (body read, not stored yet) whether to misbehave this time; undefined: behave. */
  fault?(request: { idempotencyKey: string; xml: Buffer }): BackofficeFault | undefined;
}

/** How a vendor's endpoint can fail a delivery, for tests of Amtsbote's retries and timeouts. */
export type BackofficeFault =
  /** Answers this status (e.g. 503, or 429 with Retry-After) and stores nothing. */
  | { status: number; retryAfterSeconds?: number }
  /** Stores the message, then answers after this long: slow, or, beyond the sender's timeout, an answer nobody waits for. */
  | { answerAfterMs: number }
  /** Stores nothing and never answers; the connection stays open until the sender gives up. */
  | { hang: true };

/** Counters that tests and the demo read from GET /stats. */
export interface IntakeStats {
  unique: number;
  duplicates: number;
  rejected: number;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpProblem(413, `body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * A small back-office receiver that behaves like a vendor's endpoint: POST /xoev/messages stores
 * the XML durably and answers 201 with a receipt; the same Idempotency-Key again answers 200 with
 * the same receipt and `Idempotent-Replayed: true`, and is counted as a duplicate, never stored twice.
 */
export function createReferenceBackoffice(options: ReferenceBackofficeOptions): { server: Server; stats: IntakeStats } {
  const { store, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const stats: IntakeStats = { unique: 0, duplicates: 0, rejected: 0 };

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !UUID.test(key)) throw new HttpProblem(400, 'Idempotency-Key must be a UUID');
    const contentType = req.headers['content-type'] ?? '';
    if (!/^(application|text)\/xml\b/.test(contentType)) throw new HttpProblem(415, 'expected an XML body');
    const xml = await readBody(req, maxBodyBytes);
    const fault = options.fault?.({ idempotencyKey: key, xml });
    if (fault && 'hang' in fault) return;
    if (fault && 'status' in fault) {
      const retryAfter: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      sendJson(res, fault.status, { type: 'about:blank', title: 'fault injected by a test', status: fault.status }, retryAfter);
      return;
    }
    const messageType = req.headers['x-xoev-message-type'];
    const { receipt, duplicate } = await store.accept(key.toLowerCase(), typeof messageType === 'string' ? messageType : null, xml);
    if (duplicate) stats.duplicates++;
    else stats.unique++;
    if (!duplicate) options.onNewMessage?.(xml);
    logger.info({ messageId: receipt.messageId, duplicate }, duplicate ? 'duplicate delivery' : 'message received');
    if (fault) await sleep(fault.answerAfterMs);
    sendJson(res, duplicate ? 200 : 201, receipt, duplicate ? { 'idempotent-replayed': 'true' } : {});
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = async () => {
      if (req.method === 'POST' && url.pathname === '/xoev/messages') return receive(req, res);
      if (req.method === 'GET' && url.pathname === '/stats') return sendJson(res, 200, { ...stats, stored: await store.count() });
      const match = /^\/xoev\/messages\/([0-9a-f-]{36})$/i.exec(url.pathname);
      if (req.method === 'GET' && match?.[1]) {
        const xml = await store.xml(match[1].toLowerCase());
        if (!xml) throw new HttpProblem(404, 'no such message');
        res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(xml);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/livez') return sendJson(res, 200, { ok: true });
      throw new HttpProblem(404, 'not found');
    };
    handle().catch((err: unknown) => {
      const status = err instanceof HttpProblem ? err.status : 500;
      if (status === 500) logger.error({ err }, 'request failed');
      else stats.rejected++;
      if (!res.headersSent) {
        sendJson(res, status, { type: 'about:blank', title: (err as Error).message, status }, { 'content-type': 'application/problem+json' });
      }
    });
  });
  return { server, stats };
}

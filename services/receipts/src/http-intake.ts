import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { AmtsboteError, toAmtsboteError, type Destination, type Logger } from '@amtsbote/core';
import { RefusedReply, type ReplyIntake } from './reply-intake.js';

/** TLS of the receipts endpoint; with `clientCaFile`, back offices authenticate by client certificate (mTLS). */
export interface IntakeTls {
  certFile: string;
  keyFile: string;
  clientCaFile?: string;
  crlFile?: string;
}

/** Options of the HTTP endpoint back offices post their replies to. */
export interface HttpIntakeOptions {
  intake: ReplyIntake;
  /** The destinations in force: who may post, by client certificate CN or bearer token. */
  destinations(): Destination[];
  logger: Logger;
  maxBodyBytes: number;
  tls?: IntakeTls;
}

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The destinations whose token this is; comparing digests in constant time leaks nothing about the tokens. */
function destinationsByToken(destinations: Destination[], token: string): Destination[] {
  const presented = digest(token);
  return destinations.filter((d) => {
    const expected = d.replies?.tokenEnv ? process.env[d.replies.tokenEnv] : undefined;
    return expected !== undefined && expected.length > 0 && timingSafeEqual(digest(expected), presented);
  });
}

/**
 * Who is posting: the destinations of a verified client certificate, else of a bearer token. One
 * vendor system may serve several destinations with one credential.
 */
function authenticate(req: IncomingMessage, destinations: Destination[]): Destination[] {
  const socket = req.socket as Partial<TLSSocket>;
  if (socket.authorized && socket.getPeerCertificate) {
    const cn = socket.getPeerCertificate().subject?.CN;
    const byCertificate = cn ? destinations.filter((d) => d.replies?.clientCertificateCN === cn) : [];
    if (byCertificate.length > 0) return byCertificate;
  }
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return match?.[1] ? destinationsByToken(destinations, match[1]) : [];
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpRefusal(413, `the body has ${declared} bytes, more than the limit of ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpRefusal(413, `the body is larger than the limit of ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendProblem(res: ServerResponse, status: number, title: string, extra: Record<string, unknown> = {}): void {
  if (res.headersSent) return;
  // An oversized body is not read to its end: close the connection rather than drain it.
  res.writeHead(status, { 'content-type': 'application/problem+json', ...(status === 413 ? { connection: 'close' } : {}) });
  res.end(JSON.stringify({ type: 'about:blank', title, status, ...extra }));
}

/**
 * Starts the receipts endpoint: `POST /replies` with an XÖV reply as body. Answers 202 only after the
 * reply is stored in Kafka; 401 to an unknown caller, 4xx to a reply it refuses (with problems), and
 * 503 when the reply could not be stored, so the back office sends it again later. Logs name the
 * caller and the outcome, never the reply's content.
 */
export async function startHttpIntake(options: HttpIntakeOptions & { port: number; host: string }): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const { intake, logger } = options;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'POST' || url.pathname !== '/replies') throw new HttpRefusal(404, 'not found; replies go to POST /replies');
    const senders = authenticate(req, options.destinations()).map((d) => d.id);
    if (senders.length === 0) throw new HttpRefusal(401, 'unknown caller: present a registered client certificate or bearer token');
    if (!/^(application|text)\/xml\b/.test(req.headers['content-type'] ?? '')) throw new HttpRefusal(415, 'expected an XML body');
    const payload = await readBody(req, options.maxBodyBytes);
    const stored = await intake.take({ payload, senderDestinationIds: senders, channel: 'http' });
    logger.info({ senders, replyId: stored.replyId, inReplyTo: stored.inReplyTo, kind: stored.kind }, 'reply stored');
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify(stored));
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      // Without the query: a caller may put anything there, personal data included.
      const caller = { remote: req.socket.remoteAddress, path: req.url?.split('?')[0] };
      if (err instanceof HttpRefusal) {
        logger.warn({ ...caller, status: err.status, reason: err.message }, 'request refused');
        sendProblem(res, err.status, err.message);
      } else if (err instanceof RefusedReply) {
        logger.warn({ ...caller, status: err.status, reason: err.message }, 'reply refused');
        sendProblem(res, err.status, err.message, { problems: err.toProblems() });
      } else {
        const error = toAmtsboteError(err);
        logger.error({ ...caller, code: error.code, err: error.message }, 'reply not stored');
        // Retriable: the back office keeps the reply and sends it again; anything else is our fault.
        sendProblem(res, error.retriable ? 503 : 500, error instanceof AmtsboteError && error.retriable ? 'the reply could not be stored; send it again later' : 'internal error', {});
      }
    });
  };

  const server = options.tls
    ? createHttpsServer(
        {
          cert: readFileSync(options.tls.certFile),
          key: readFileSync(options.tls.keyFile),
          minVersion: 'TLSv1.2',
          ...(options.tls.clientCaFile
            ? { ca: readFileSync(options.tls.clientCaFile), requestCert: true, rejectUnauthorized: false }
            : {}),
          ...(options.tls.crlFile ? { crl: readFileSync(options.tls.crlFile) } : {}),
        },
        listener,
      )
    : createHttpServer(listener);
  server.on('tlsClientError', (err, socket) => logger.warn({ remote: socket.remoteAddress, err: err.message }, 'TLS handshake refused'));
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

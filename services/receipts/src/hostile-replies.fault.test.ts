import { request } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mb, metricSum, reportRow, startFaultPipeline, type FaultPipeline, type PipelineProcess } from '@amtsbote/testing';

const MB = 1024 * 1024;
/** Each payload is posted this often; the median answer time must stay below the bound. */
const TRIES = 5;
const BOUND_MS = 100;

/** The answer to one post: status, problem title, and how long the server took once it had the whole request. */
interface Answer {
  status: number;
  title: string;
  /** From the last byte sent (or, for a body refused before it is read, the first) to the answer's headers. */
  ms: number;
  sentBytes: number;
}

/**
 * Posts `body` to the receipts endpoint over real HTTP. A stream is sent chunk by chunk, as a client
 * uploading 100 MB would, and stops once the server has answered.
 */
function post(url: string, token: string, body: Buffer | Readable, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    let sentBytes = 0;
    let sentAt = Date.now();
    let answered = false;
    // A connection reset before any answer counts as status 0: a client would see no refusal, only an error.
    const fail = (err: Error) => {
      if (answered) return;
      answered = true;
      if (body instanceof Readable) body.destroy();
      resolve({ status: 0, title: err.message, ms: Date.now() - sentAt, sentBytes });
    };
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}`, ...headers } }, (res) => {
      const answeredAt = Date.now();
      answered = true;
      if (body instanceof Readable) body.destroy();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      // 'close' comes whether the body ended or the server cut the connection after answering.
      res.on('close', () => {
        let title = '';
        try {
          title = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { title?: string }).title ?? '';
        } catch {
          title = Buffer.concat(chunks).toString('utf8').slice(0, 200);
        }
        resolve({ status: res.statusCode ?? 0, title, ms: answeredAt - sentAt, sentBytes });
      });
    });
    req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', fail);
    if (body instanceof Readable) {
      body.on('data', (chunk: Buffer) => {
        sentBytes += chunk.length;
        if (!req.write(chunk)) body.pause();
      });
      req.on('drain', () => body.resume());
      body.on('end', () => {
        sentAt = Date.now();
        req.end();
      });
    } else {
      sentBytes = body.length;
      req.end(body);
      req.on('finish', () => (sentAt = Date.now()));
    }
  });
}

/** `total` bytes of XML-ish text, produced in 64 KiB chunks as they are read. */
function stream(total: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const next = chunk.subarray(0, Math.min(chunk.length, left));
      left -= next.length;
      this.push(next);
    },
  });
}

const laughs = (levels: number) => {
  const entities = ['<!ENTITY l0 "lol">'];
  for (let i = 1; i < levels; i++) entities.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE lolz [${entities.join('')}]><lolz>&l${levels - 1};</lolz>`;
};

/** Hostile replies, each with the status it must be refused with and a word its problem title must contain. */
const payloads: { name: string; body: () => Buffer | Readable; headers?: Record<string, string>; status: number; says: string }[] = [
  { name: 'billion laughs', body: () => Buffer.from(laughs(10)), status: 400, says: 'REPLY_DOCTYPE_FORBIDDEN' },
  {
    name: 'external entity (file:///etc/passwd)',
    body: () => Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
    status: 400,
    says: 'REPLY_DOCTYPE_FORBIDDEN',
  },
  {
    name: 'external DTD and parameter entity',
    body: () => Buffer.from('<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd" [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p"> %p;]><x/>'),
    status: 400,
    says: 'REPLY_DOCTYPE_FORBIDDEN',
  },
  {
    name: 'repeated DOCTYPE, lower case, after a comment',
    body: () => Buffer.from('<?xml version="1.0"?><!-- harmlos --><!doctype x><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
    status: 400,
    says: 'REPLY_DOCTYPE_FORBIDDEN',
  },
  {
    name: 'quadratic blow-up (one 50 KB entity used 10,000 times)',
    body: () => Buffer.from(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "${'a'.repeat(50_000)}">]><x>${'&a;'.repeat(10_000)}</x>`),
    status: 400,
    says: 'REPLY_DOCTYPE_FORBIDDEN',
  },
  { name: 'numeric character references (900,000 × &#65;)', body: () => Buffer.from(`<x>${'&#65;'.repeat(900_000)}</x>`), status: 400, says: 'REPLY_TOO_MANY_CHARACTER_REFERENCES' },
  { name: 'hex character references (500,000 × &#x1F600;)', body: () => Buffer.from(`<x>${'&#x1F600;'.repeat(500_000)}</x>`), status: 400, says: 'REPLY_TOO_MANY_CHARACTER_REFERENCES' },
  { name: 'deep nesting (200,000 levels)', body: () => Buffer.from(`${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}`), status: 400, says: 'REPLY_TOO_DEEP' },
  // Well-formed, shallow, no references, within the size limit: refused only after a full parse.
  { name: 'attribute flood (100,000 attributes, 1 MB)', body: () => Buffer.from(`<x ${Array.from({ length: 100_000 }, (_, i) => `a${i}="1"`).join(' ')}/>`), status: 400, says: 'REPLY' },
  { name: 'element flood (1,000,000 empty elements, 4 MB)', body: () => Buffer.from(`<x>${'<a/>'.repeat(1_000_000)}</x>`), status: 400, says: 'REPLY' },
  { name: 'UTF-16 declared', body: () => Buffer.from('<?xml version="1.0" encoding="UTF-16"?><x/>'), status: 400, says: 'REPLY_UNSUPPORTED_ENCODING' },
  { name: '100 MB body, Content-Length declared', body: () => stream(100 * MB), headers: { 'content-length': String(100 * MB) }, status: 413, says: 'limit' },
  { name: '100 MB body, streamed (chunked, no length)', body: () => stream(100 * MB), status: 413, says: 'limit' },
];

describe('fault matrix, row 9: hostile replies posted to the receipts endpoint over real HTTP', () => {
  let pipeline: FaultPipeline;
  let receipts: PipelineProcess;

  beforeAll(async () => {
    pipeline = await startFaultPipeline('hostile-replies', { services: ['receipts'], replies: true });
    receipts = pipeline.processes[0]!;
  }, 300_000);

  afterAll(async () => {
    await pipeline?.close();
  });

  it(`refuses each within ${BOUND_MS} ms with a clear error, with bounded memory`, { timeout: 600_000 }, async () => {
    const startedAt = Date.now();
    const rss = async () => metricSum(await receipts.metrics(), 'process_resident_memory_bytes');
    let crashed = '';
    void receipts.ended.then((end) => (crashed ||= `ended with ${JSON.stringify(end)}`));
    const rssBefore = await rss();
    let rssPeak = rssBefore;
    const results: { name: string; answers: Answer[] }[] = [];
    for (const payload of payloads) {
      const answers: Answer[] = [];
      for (let i = 0; i < TRIES && !crashed; i++) answers.push(await post(pipeline.repliesUrl, pipeline.repliesToken, payload.body(), payload.headers));
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (crashed) {
        crashed = `${crashed} on "${payload.name}": ${receipts.output().split('\n').filter((l) => /Error|at /.test(l)).slice(0, 3).join(' / ')}`;
        results.push({ name: payload.name, answers });
        break;
      }
      rssPeak = Math.max(rssPeak, await rss());
      results.push({ name: payload.name, answers });
    }
    const rssAfter = crashed ? 0 : await rss();
    const median = (answers: Answer[]) => [...answers].sort((a, b) => a.ms - b.ms)[Math.floor(answers.length / 2)]?.ms ?? NaN;
    const statuses = (answers: Answer[]) => [...new Set(answers.map((a) => a.status))].join('/');
    reportRow(
      '9 hostile replies over HTTP',
      [
        ...results.map(({ name, answers }) => `${name}: ${statuses(answers)} in ${median(answers)} ms (max ${Math.max(...answers.map((a) => a.ms))}) after ${mb(Math.max(...answers.map((a) => a.sentBytes)))} sent`),
        crashed ? `receipts CRASHED: ${crashed}` : `receipts RSS ${mb(rssBefore)} → peak ${mb(rssPeak)} → ${mb(rssAfter)}`,
      ],
      startedAt,
    );

    expect(crashed, 'the receipts service must survive every request').toBe('');
    for (const [i, { name, answers }] of results.entries()) {
      const payload = payloads[i]!;
      for (const answer of answers) {
        // The server answers 413 and closes at once, without reading the rest; a client still writing
        // may see that as a reset before it reads the answer (status 0). It has sent no more than a few MB.
        if (payload.status === 413 && answer.status === 0) continue;
        expect({ name, status: answer.status }).toEqual({ name, status: payload.status });
        expect(answer.title, name).toContain(payload.says);
      }
      expect(median(answers), name).toBeLessThan(BOUND_MS);
      // A large body is refused after the limit (5 MB), not read to its end.
      expect(Math.max(...answers.map((a) => a.sentBytes)), name).toBeLessThan(payload.status === 413 ? 50 * MB : 10 * MB);
    }
    // Every 100 MB body was refused by the server, as its log says.
    expect(receipts.logLines('request refused').filter((l) => l.includes('"status":413')).length).toBeGreaterThanOrEqual(2 * TRIES);
    // Neither buffered nor expanded: far less than one 100 MB body on top of where it started.
    expect(rssPeak - rssBefore).toBeLessThan(128 * MB);
    expect((await receipts.readiness()).ready).toBe(true);
  });
});

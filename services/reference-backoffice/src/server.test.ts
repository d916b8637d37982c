import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@amtsbote/core';
import { createInboxStore } from './inbox-store.js';
import { createReferenceBackoffice, type IntakeStats } from './server.js';

describe('the reference back office', () => {
  let url: string;
  let dir: string;
  let stats: IntakeStats;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backoffice-'));
    const backoffice = createReferenceBackoffice({ store: await createInboxStore(dir), logger: createLogger('test', { level: 'silent' }), maxBodyBytes: 1_000 });
    stats = backoffice.stats;
    await new Promise<void>((resolve) => backoffice.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(backoffice.server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => backoffice.server.close(() => resolve()));
  });
  afterAll(() => close());

  const post = (key: string | undefined, body = '<x/>', contentType = 'application/xml') =>
    fetch(`${url}/xoev/messages`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(key ? { 'idempotency-key': key } : {}) },
      body,
    });

  it('stores a message once and answers a repeat with the same receipt, counted as a duplicate', async () => {
    const key = '4f1c2b3a-1111-4222-8333-944455556666';
    const first = await post(key);
    const again = await post(key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(stats).toMatchObject({ unique: 1, duplicates: 1 });
    expect((await readdir(dir)).filter((f) => f.endsWith('.xml'))).toEqual([`${key}.xml`]);
    expect(await (await fetch(`${url}/xoev/messages/${key}`)).text()).toBe('<x/>');
  });

  it('counts concurrent deliveries of one message as one', async () => {
    const key = '4f1c2b3a-2222-4222-8333-944455556666';
    const statuses = await Promise.all(Array.from({ length: 5 }, () => post(key).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(stats.unique).toBe(2);
  });

  it.each([
    ['no Idempotency-Key', undefined, '<x/>', 'application/xml', 400],
    ['a key that is no UUID', 'abc', '<x/>', 'application/xml', 400],
    ['a body that is not XML', '4f1c2b3a-3333-4222-8333-944455556666', '{}', 'application/json', 415],
    ['a body over the limit', '4f1c2b3a-4444-4222-8333-944455556666', `<x>${'a'.repeat(2_000)}</x>`, 'application/xml', 413],
  ])('refuses %s', async (_case, key, body, contentType, status) => {
    expect((await post(key, body, contentType)).status).toBe(status);
  });
});

describe('the reference back office in a fault mode (tests of retries)', () => {
  it('answers an injected status without storing, and stores first when it answers late', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'backoffice-'));
    let attempt = 0;
    const backoffice = createReferenceBackoffice({
      store: await createInboxStore(dir),
      logger: createLogger('test', { level: 'silent' }),
      fault: () => (++attempt === 1 ? { status: 503, retryAfterSeconds: 2 } : attempt === 2 ? { answerAfterMs: 300 } : undefined),
    });
    await new Promise<void>((resolve) => backoffice.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(backoffice.server.address() as AddressInfo).port}/xoev/messages`;
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/xml', 'idempotency-key': '4f1c2b3a-5555-4222-8333-944455556666' }, body: '<x/>' });
    try {
      const refused = await post();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('2');
      expect(backoffice.stats.unique).toBe(0);
      const started = Date.now();
      expect((await post()).status).toBe(201);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect((await post()).status).toBe(200);
      expect(backoffice.stats).toMatchObject({ unique: 1, duplicates: 1, rejected: 0 });
    } finally {
      await new Promise((resolve) => backoffice.server.close(resolve));
    }
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, type OutboundMessage, type SftpConnectorSettings } from '@amtsbote/core';
import { createSftpConnector, createSftpInbox } from './index.js';
import { startTestSftpServer, type TestSftpServer } from './testing/sshd.js';

const logger = createLogger('test', { level: 'silent' });
const message = (payload: Buffer | string = '<x/>', messageId: string = randomUUID()): OutboundMessage => ({
  messageId,
  applicationId: 'app-1',
  destinationId: 'dest',
  standard: 'xdomea',
  standardVersion: '3.1.0',
  messageType: 'Geschaeftsgang.Geschaeftsgang.0201',
  contentType: 'application/xml',
  payload: Buffer.from(payload),
});

function settingsOf(server: TestSftpServer, path: string, overrides: Partial<SftpConnectorSettings> = {}): SftpConnectorSettings {
  return {
    type: 'sftp',
    host: server.host,
    port: server.port,
    username: server.username,
    privateKeyFile: server.privateKeyFile,
    hostKeySha256: server.hostKeySha256,
    path,
    timeoutMs: 5_000,
    ...overrides,
  };
}

describe('createSftpConnector against OpenSSH', () => {
  let server: TestSftpServer;
  const directory = () => mkdtemp(join(server.root, 'outbox-'));

  beforeAll(async () => {
    server = await startTestSftpServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('uploads the message as <message id>.xml with its exact bytes and leaves no temporary file', async () => {
    const path = await directory();
    const connector = createSftpConnector(settingsOf(server, path), { logger });
    const payload = Buffer.concat([Buffer.from('<a>Größe</a>'), randomBytes(300_000)]);
    const sent = message(payload);
    try {
      await connector.connect();
      expect(await connector.deliver(sent)).toEqual({ reference: join(path, `${sent.messageId}.xml`), duplicate: false });
    } finally {
      await connector.close();
    }
    expect(await readdir(path)).toEqual([`${sent.messageId}.xml`]);
    expect((await readFile(join(path, `${sent.messageId}.xml`))).equals(payload)).toBe(true);
  });

  it('does not write a message again that is already there, also after a restart of Amtsbote', async () => {
    const path = await directory();
    const first = message('<first/>');
    const again = { ...first, payload: Buffer.from('<second/>') };
    const connector = createSftpConnector(settingsOf(server, path), { logger });
    expect(await connector.deliver(first)).toMatchObject({ duplicate: false });
    expect(await connector.deliver(again)).toMatchObject({ duplicate: true });
    await connector.close();
    const restarted = createSftpConnector(settingsOf(server, path), { logger });
    expect(await restarted.deliver(again)).toMatchObject({ duplicate: true });
    await restarted.close();
    expect(await readdir(path)).toEqual([`${first.messageId}.xml`]);
    expect(await readFile(join(path, `${first.messageId}.xml`), 'utf8')).toBe('<first/>');
  });

  it('takes concurrent deliveries, also of one message by two connectors at once', async () => {
    const path = await directory();
    const one = createSftpConnector(settingsOf(server, path), { logger });
    const other = createSftpConnector(settingsOf(server, path), { logger });
    const messages = Array.from({ length: 10 }, (_, i) => message(`<m n="${i}"/>`));
    const twice = message('<twice/>');
    const receipts = await Promise.all([...messages.map((m) => one.deliver(m)), one.deliver(twice), other.deliver(twice)]);
    await Promise.all([one.close(), other.close()]);
    expect(receipts.filter((r) => !r.duplicate)).toHaveLength(11);
    expect((await readdir(path)).sort()).toEqual([...messages, twice].map((m) => `${m.messageId}.xml`).sort());
    expect(await readFile(join(path, `${twice.messageId}.xml`), 'utf8')).toBe('<twice/>');
  });

  it('leaves the file of a delivery that won the race between its check and its rename alone', async () => {
    const path = await directory();
    const sent = message('<second/>');
    await writeFile(join(path, `${sent.messageId}.xml`), '<first/>');
    // The other delivery's file appears right after this one looked: only the rename can tell.
    vi.spyOn(SftpClient.prototype, 'exists').mockResolvedValueOnce(false);
    const connector = createSftpConnector(settingsOf(server, path), { logger });
    try {
      expect(await connector.deliver(sent)).toMatchObject({ duplicate: true });
    } finally {
      vi.restoreAllMocks();
      await connector.close();
    }
    expect(await readdir(path)).toEqual([`${sent.messageId}.xml`]);
    expect(await readFile(join(path, `${sent.messageId}.xml`), 'utf8')).toBe('<first/>');
  });

  it('refuses a server with another host key, permanently, and writes nothing', async () => {
    const path = await directory();
    const connector = createSftpConnector(settingsOf(server, path, { hostKeySha256: `SHA256:${'A'.repeat(43)}` }), { logger });
    await expect(connector.connect()).rejects.toMatchObject({ code: 'AMTSBOTE_CONFIG_INVALID', retriable: false });
    await expect(connector.deliver(message())).rejects.toMatchObject({
      code: 'AMTSBOTE_CONFIG_INVALID',
      retriable: false,
      message: expect.stringContaining(server.hostKeySha256),
    });
    await connector.close();
    expect(await readdir(path)).toEqual([]);
  });

  it('reports a key the server does not accept as permanent', async () => {
    const path = await directory();
    const privateKeyFile = await server.newClientKey({ authorized: false });
    const connector = createSftpConnector(settingsOf(server, path, { privateKeyFile }), { logger });
    await expect(connector.deliver(message())).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_REJECTED', retriable: false });
    await connector.close();
    expect(await readdir(path)).toEqual([]);
  });

  it('opens a key with the passphrase from the named environment variable', async () => {
    const path = await directory();
    const privateKeyFile = await server.newClientKey({ passphrase: 'correct horse battery staple' });
    const connector = createSftpConnector(settingsOf(server, path, { privateKeyFile, passphraseEnv: 'AMTSBOTE_TEST_SFTP_PASSPHRASE' }), { logger });
    try {
      await expect(connector.connect()).rejects.toMatchObject({ code: 'AMTSBOTE_CONFIG_INVALID', retriable: false });
      process.env['AMTSBOTE_TEST_SFTP_PASSPHRASE'] = 'wrong';
      await expect(connector.connect()).rejects.toMatchObject({ code: 'AMTSBOTE_CONFIG_INVALID', retriable: false });
      process.env['AMTSBOTE_TEST_SFTP_PASSPHRASE'] = 'correct horse battery staple';
      expect(await connector.deliver(message())).toMatchObject({ duplicate: false });
    } finally {
      delete process.env['AMTSBOTE_TEST_SFTP_PASSPHRASE'];
      await connector.close();
    }
  });

  it('reports a missing remote directory as permanent', async () => {
    const path = join(await directory(), 'missing');
    const connector = createSftpConnector(settingsOf(server, path), { logger });
    await expect(connector.connect()).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_REJECTED', retriable: false });
    await expect(connector.deliver(message())).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_REJECTED', retriable: false });
    await connector.close();
  });

  it('reports a server that does not answer as retriable, within the timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const connector = createSftpConnector(settingsOf(server, '/', { port, timeoutMs: 500 }), { logger });
    try {
      const started = Date.now();
      await expect(connector.deliver(message())).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_UNAVAILABLE', retriable: true });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await connector.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('createSftpConnector when the server goes away', () => {
  let server: TestSftpServer;

  beforeAll(async () => {
    server = await startTestSftpServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reports a killed server as retriable and delivers again once it is back, on the same connector', async () => {
    const path = await mkdtemp(join(server.root, 'outbox-'));
    const connector = createSftpConnector(settingsOf(server, path), { logger });
    try {
      await connector.connect();
      expect(await connector.deliver(message())).toMatchObject({ duplicate: false });

      await server.kill();
      await expect(connector.deliver(message())).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_UNAVAILABLE', retriable: true });
      await server.restart();
      expect(await connector.deliver(message())).toMatchObject({ duplicate: false });

      // Killed and back before the next delivery: the dropped connection is replaced without an error.
      await server.kill();
      await server.restart();
      expect(await connector.deliver(message())).toMatchObject({ duplicate: false });
    } finally {
      await connector.close();
    }
    expect((await readdir(path)).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(await readdir(path)).toHaveLength(3);
  });

  it('gives up on a hung server after the timeout, as retriable, and recovers when it answers again', async () => {
    const path = await mkdtemp(join(server.root, 'outbox-'));
    const connector = createSftpConnector(settingsOf(server, path, { timeoutMs: 1_000 }), { logger });
    try {
      await connector.connect();
      await server.pause();
      const started = Date.now();
      await expect(connector.deliver(message())).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_UNAVAILABLE', retriable: true });
      expect(Date.now() - started).toBeLessThan(5_000);
      await server.resume();
      expect(await connector.deliver(message())).toMatchObject({ duplicate: false });
    } finally {
      await server.resume();
      await connector.close();
    }
  });
});

describe('createSftpInbox against OpenSSH', () => {
  let server: TestSftpServer;

  beforeAll(async () => {
    server = await startTestSftpServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function inboxWith(files: Record<string, { text: string; modifiedAt: Date }>): Promise<string> {
    const path = await mkdtemp(join(server.root, 'inbox-'));
    for (const [name, { text, modifiedAt }] of Object.entries(files)) {
      await writeFile(join(path, name), text);
      await utimes(join(path, name), modifiedAt, modifiedAt);
    }
    return path;
  }

  it('lists ready files oldest first, reads them and moves them out when acknowledged, harmlessly twice', async () => {
    const path = await inboxWith({
      'newer.xml': { text: '<newer/>', modifiedAt: new Date('2025-03-02T10:00:00Z') },
      'older.xml': { text: '<older>Größe</older>', modifiedAt: new Date('2025-03-01T10:00:00Z') },
      '.hidden.xml': { text: '<being-written/>', modifiedAt: new Date('2025-01-01T10:00:00Z') },
      'upload.xml.part': { text: '<being-written/>', modifiedAt: new Date('2025-01-01T10:00:00Z') },
      'upload.tmp': { text: '<being-written/>', modifiedAt: new Date('2025-01-01T10:00:00Z') },
    });
    await mkdir(join(path, 'a-directory'));
    const inbox = createSftpInbox(settingsOf(server, path), { logger });
    try {
      await inbox.connect();
      expect(await inbox.list()).toEqual([
        { name: 'older.xml', size: Buffer.byteLength('<older>Größe</older>'), modifiedAt: new Date('2025-03-01T10:00:00Z') },
        { name: 'newer.xml', size: 8, modifiedAt: new Date('2025-03-02T10:00:00Z') },
      ]);
      expect((await inbox.read('older.xml')).toString('utf8')).toBe('<older>Größe</older>');

      await inbox.acknowledge('older.xml', 'stored');
      await inbox.acknowledge('older.xml', 'stored');
      await inbox.acknowledge('newer.xml', 'refused');
      await inbox.acknowledge('newer.xml', 'refused');
      expect(await inbox.list()).toEqual([]);
    } finally {
      await inbox.close();
    }
    expect(await readFile(join(path, 'processed/older.xml'), 'utf8')).toBe('<older>Größe</older>');
    expect(await readFile(join(path, 'refused/newer.xml'), 'utf8')).toBe('<newer/>');
    expect((await readdir(path)).sort()).toEqual(['.hidden.xml', 'a-directory', 'processed', 'refused', 'upload.tmp', 'upload.xml.part']);
  });

  it('replaces an earlier file of the same name in processed/', async () => {
    const path = await inboxWith({ 'reply.xml': { text: '<second/>', modifiedAt: new Date() } });
    await mkdir(join(path, 'processed'));
    await writeFile(join(path, 'processed/reply.xml'), '<first/>');
    const inbox = createSftpInbox(settingsOf(server, path), { logger });
    try {
      await inbox.acknowledge('reply.xml', 'stored');
    } finally {
      await inbox.close();
    }
    expect(await readFile(join(path, 'processed/reply.xml'), 'utf8')).toBe('<second/>');
    expect(await readdir(path)).toEqual(['processed']);
  });

  it('reports a missing inbox directory as permanent', async () => {
    const path = await mkdtemp(join(server.root, 'inbox-'));
    await rm(path, { recursive: true });
    const inbox = createSftpInbox(settingsOf(server, path), { logger });
    await expect(inbox.connect()).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_REJECTED', retriable: false });
    await expect(inbox.list()).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_REJECTED', retriable: false });
    await inbox.close();
  });
});

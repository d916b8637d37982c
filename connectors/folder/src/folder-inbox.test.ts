import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@amtsbote/core';
import { createFolderInbox } from './folder-inbox.js';

const logger = createLogger('test', { level: 'silent' });

async function inboxWith(files: Record<string, { text: string; modifiedAt: Date }>): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'folder-inbox-'));
  for (const [name, { text, modifiedAt }] of Object.entries(files)) {
    await writeFile(join(path, name), text);
    await utimes(join(path, name), modifiedAt, modifiedAt);
  }
  return path;
}

describe('createFolderInbox', () => {
  it('lists ready files oldest first and skips directories and files still being written', async () => {
    const path = await inboxWith({
      'newer.xml': { text: '<newer/>', modifiedAt: new Date('2025-03-02T10:00:00Z') },
      'older.xml': { text: '<older>Größe</older>', modifiedAt: new Date('2025-03-01T10:00:00Z') },
      '.hidden.xml': { text: '<being-written/>', modifiedAt: new Date('2025-01-01T10:00:00Z') },
      'upload.xml.part': { text: '<being-written/>', modifiedAt: new Date('2025-01-01T10:00:00Z') },
      'upload.tmp': { text: '<being-written/>', modifiedAt: new Date('2025-01-01T10:00:00Z') },
    });
    await mkdir(join(path, 'a-directory'));
    const inbox = createFolderInbox({ type: 'folder', path }, { logger });
    await inbox.connect();
    expect(await inbox.list()).toEqual([
      { name: 'older.xml', size: Buffer.byteLength('<older>Größe</older>'), modifiedAt: new Date('2025-03-01T10:00:00Z') },
      { name: 'newer.xml', size: 8, modifiedAt: new Date('2025-03-02T10:00:00Z') },
    ]);
    expect((await inbox.read('older.xml')).toString('utf8')).toBe('<older>Größe</older>');
  });

  it('moves acknowledged files into processed/ and refused/, harmlessly twice', async () => {
    const path = await inboxWith({
      'stored.xml': { text: '<stored/>', modifiedAt: new Date('2025-03-01T10:00:00Z') },
      'refused.xml': { text: '<refused/>', modifiedAt: new Date('2025-03-02T10:00:00Z') },
    });
    const inbox = createFolderInbox({ type: 'folder', path }, { logger });
    await inbox.acknowledge('stored.xml', 'stored');
    await inbox.acknowledge('stored.xml', 'stored');
    await inbox.acknowledge('refused.xml', 'refused');
    await inbox.acknowledge('refused.xml', 'refused');
    expect(await inbox.list()).toEqual([]);
    expect((await readdir(path)).sort()).toEqual(['processed', 'refused']);
    expect(await readFile(join(path, 'processed/stored.xml'), 'utf8')).toBe('<stored/>');
    expect(await readFile(join(path, 'refused/refused.xml'), 'utf8')).toBe('<refused/>');
  });

  it('replaces an earlier file of the same name in processed/', async () => {
    const path = await inboxWith({ 'reply.xml': { text: '<second/>', modifiedAt: new Date() } });
    await mkdir(join(path, 'processed'));
    await writeFile(join(path, 'processed/reply.xml'), '<first/>');
    await createFolderInbox({ type: 'folder', path }, { logger }).acknowledge('reply.xml', 'stored');
    expect(await readFile(join(path, 'processed/reply.xml'), 'utf8')).toBe('<second/>');
    expect(await readdir(path)).toEqual(['processed']);
  });

  it('reports a missing folder as retriable and does not make it anew', async () => {
    const path = await inboxWith({});
    await rm(path, { recursive: true });
    const inbox = createFolderInbox({ type: 'folder', path }, { logger });
    await expect(inbox.connect()).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_UNAVAILABLE', retriable: true });
    await expect(inbox.list()).rejects.toMatchObject({ retriable: true });
    await expect(inbox.acknowledge('reply.xml', 'stored')).rejects.toMatchObject({ retriable: true });
    await expect(readdir(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

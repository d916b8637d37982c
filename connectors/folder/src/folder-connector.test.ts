import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, type OutboundMessage } from '@amtsbote/core';
import { createFolderConnector } from './folder-connector.js';

const logger = createLogger('test', { level: 'silent' });
const message = (id: string, payload = '<x/>'): OutboundMessage => ({
  messageId: id,
  applicationId: 'app-1',
  destinationId: 'dest',
  standard: 'xdomea',
  standardVersion: '3.1.0',
  messageType: 'Geschaeftsgang.Geschaeftsgang.0201',
  contentType: 'application/xml',
  payload: Buffer.from(payload),
});

describe('createFolderConnector', () => {
  it('drops the message as <message id>.xml and leaves no temporary file', async () => {
    const path = await mkdtemp(join(tmpdir(), 'folder-connector-'));
    const connector = createFolderConnector({ type: 'folder', path }, { logger });
    await connector.connect();
    const receipt = await connector.deliver(message('7d0c9a52-1111-5aaa-8bbb-0123456789ab', '<a>Größe</a>'));
    expect(receipt).toEqual({ reference: join(path, '7d0c9a52-1111-5aaa-8bbb-0123456789ab.xml'), duplicate: false });
    expect(await readdir(path)).toEqual(['7d0c9a52-1111-5aaa-8bbb-0123456789ab.xml']);
    expect(await readFile(join(path, '7d0c9a52-1111-5aaa-8bbb-0123456789ab.xml'), 'utf8')).toBe('<a>Größe</a>');
  });

  it('does not write a message again that is already there', async () => {
    const path = await mkdtemp(join(tmpdir(), 'folder-connector-'));
    const connector = createFolderConnector({ type: 'folder', path }, { logger });
    await connector.deliver(message('7d0c9a52-2222-5aaa-8bbb-0123456789ab', '<first/>'));
    expect(await connector.deliver(message('7d0c9a52-2222-5aaa-8bbb-0123456789ab', '<second/>'))).toMatchObject({ duplicate: true });
    expect(await readFile(join(path, '7d0c9a52-2222-5aaa-8bbb-0123456789ab.xml'), 'utf8')).toBe('<first/>');
  });

  it('reports a missing folder as retriable, so the message waits for the share to come back', async () => {
    const path = await mkdtemp(join(tmpdir(), 'folder-connector-'));
    await rm(path, { recursive: true });
    const connector = createFolderConnector({ type: 'folder', path }, { logger });
    await expect(connector.connect()).rejects.toMatchObject({ code: 'AMTSBOTE_DELIVERY_UNAVAILABLE', retriable: true });
    await expect(connector.deliver(message('7d0c9a52-3333-5aaa-8bbb-0123456789ab'))).rejects.toMatchObject({ retriable: true });
  });

  it('reports a path that is no folder as permanent: only a fixed configuration helps', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'folder-connector-')), 'a-file');
    await writeFile(path, 'not a folder');
    const connector = createFolderConnector({ type: 'folder', path }, { logger });
    await expect(connector.deliver(message('7d0c9a52-4444-5aaa-8bbb-0123456789ab'))).rejects.toMatchObject({ retriable: false });
  });
});

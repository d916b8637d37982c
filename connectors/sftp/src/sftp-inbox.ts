import { posix } from 'node:path';
import type SftpClient from 'ssh2-sftp-client';
import { AmtsboteError, type Inbox, type InboxFactory, type InboxFile, type SftpConnectorSettings } from '@amtsbote/core';
import { createSftpSession, isDirectory } from './sftp-session.js';

/** Names a back office is still writing (see `Inbox`). */
function isTemporary(name: string): boolean {
  return name.startsWith('.') || name.endsWith('.tmp') || name.endsWith('.part');
}

async function ensureDirectory(sftp: SftpClient, path: string): Promise<void> {
  try {
    await sftp.mkdir(path);
  } catch (err) {
    // another reader may have made it at the same moment
    if (!(await isDirectory(sftp, path))) throw err;
  }
}

/** Moves a file, replacing one of the same name at the target. */
async function move(sftp: SftpClient, from: string, to: string): Promise<void> {
  try {
    await sftp.posixRename(from, to);
    return;
  } catch (err) {
    if (!/does not support/.test((err as Error).message)) throw err;
  }
  // A server without OpenSSH's posix-rename: plain SFTP rename does not replace a file, so remove it first.
  await sftp.delete(to, true);
  await sftp.rename(from, to);
}

/**
 * Takes the files a back office leaves in a directory on its SFTP server, oldest first. An
 * acknowledged file is moved into `processed/` or `refused/` next to it, replacing an older file of
 * the same name there.
 */
export const createSftpInbox: InboxFactory<SftpConnectorSettings> = (settings, { logger }) => {
  const log = logger.child({ component: 'inbox-sftp', host: settings.host, path: settings.path });
  const session = createSftpSession(settings, log);

  return {
    async connect() {
      if (!(await session.run((sftp) => isDirectory(sftp, settings.path)))) {
        throw new AmtsboteError('AMTSBOTE_DELIVERY_REJECTED', `there is no directory ${settings.path} on ${settings.host}`);
      }
    },

    async list(): Promise<InboxFile[]> {
      const entries = await session.run((sftp) => sftp.list(settings.path));
      return entries
        .filter((entry) => entry.type === '-' && !isTemporary(entry.name))
        .sort((a, b) => a.modifyTime - b.modifyTime || a.name.localeCompare(b.name))
        .map((entry) => ({ name: entry.name, size: entry.size, modifiedAt: new Date(entry.modifyTime) }));
    },

    read: (name) => session.run(async (sftp) => (await sftp.get(posix.join(settings.path, name))) as Buffer),

    async acknowledge(name, outcome) {
      const directory = posix.join(settings.path, outcome === 'stored' ? 'processed' : 'refused');
      const source = posix.join(settings.path, name);
      await session.run(async (sftp) => {
        if (!(await sftp.exists(source))) return; // acknowledged before
        await ensureDirectory(sftp, directory);
        try {
          await move(sftp, source, posix.join(directory, name));
        } catch (err) {
          if (await sftp.exists(source)) throw err;
        }
      });
      log.debug({ name, outcome }, 'acknowledged');
    },

    close: () => session.close(),
  } satisfies Inbox;
};

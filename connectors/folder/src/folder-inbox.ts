import { access, constants, mkdir, open, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AmtsboteError, type FolderConnectorSettings, type Inbox, type InboxFactory, type InboxFile } from '@amtsbote/core';

/** As for the folder connector: errors after which trying again later may succeed (a share briefly away or full). */
const retriableCodes = new Set(['EAGAIN', 'EBUSY', 'EIO', 'ENOSPC', 'ENOENT', 'ESTALE', 'ETIMEDOUT', 'EMFILE', 'ENFILE', 'EDQUOT']);

/** Names a back office is still writing (see `Inbox`). */
function isTemporary(name: string): boolean {
  return name.startsWith('.') || name.endsWith('.tmp') || name.endsWith('.part');
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? '';
}

async function onDisk<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw new AmtsboteError('AMTSBOTE_DELIVERY_UNAVAILABLE', `cannot ${what}: ${codeOf(err) || (err as Error).message}`, {
      retriable: retriableCodes.has(codeOf(err)),
      cause: err,
    });
  }
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/**
 * Takes the files a back office leaves in a directory (a mounted share), oldest first. An
 * acknowledged file is moved into `processed/` or `refused/` next to it by an atomic rename,
 * replacing an older file of the same name there.
 */
export const createFolderInbox: InboxFactory<FolderConnectorSettings> = (settings, { logger }) => {
  const log = logger.child({ component: 'inbox-folder', path: settings.path });
  return {
    async connect() {
      await onDisk(`use folder ${settings.path}`, () => access(settings.path, constants.R_OK | constants.W_OK));
    },

    list: () =>
      onDisk(`list ${settings.path}`, async () => {
        const files: InboxFile[] = [];
        for (const entry of await readdir(settings.path, { withFileTypes: true })) {
          if (!entry.isFile() || isTemporary(entry.name)) continue;
          try {
            const { size, mtime } = await stat(join(settings.path, entry.name));
            files.push({ name: entry.name, size, modifiedAt: mtime });
          } catch (err) {
            if (codeOf(err) !== 'ENOENT') throw err; // taken by another reader meanwhile
          }
        }
        return files.sort((a, b) => a.modifiedAt.getTime() - b.modifiedAt.getTime() || a.name.localeCompare(b.name));
      }),

    read: (name) => onDisk(`read ${name} in ${settings.path}`, () => readFile(join(settings.path, name))),

    async acknowledge(name, outcome) {
      const directory = join(settings.path, outcome === 'stored' ? 'processed' : 'refused');
      await onDisk(`move ${name} into ${directory}`, async () => {
        // Not recursive: an inbox that is gone (a share not mounted) must fail, not be made anew on the local disk.
        await mkdir(directory).catch((err: unknown) => {
          if (codeOf(err) !== 'EEXIST') throw err;
        });
        try {
          await rename(join(settings.path, name), join(directory, name));
        } catch (err) {
          if (codeOf(err) === 'ENOENT') return; // acknowledged before
          throw err;
        }
        // The move is durable only once both directory entries are.
        await syncDirectory(directory);
        await syncDirectory(settings.path);
      });
      log.debug({ name, outcome }, 'acknowledged');
    },

    async close() {},
  } satisfies Inbox;
};

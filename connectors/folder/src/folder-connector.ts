import { randomUUID } from 'node:crypto';
import { access, constants, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AmtsboteError,
  type Connector,
  type ConnectorFactory,
  type DeliveryReceipt,
  type FolderConnectorSettings,
  type OutboundMessage,
} from '@amtsbote/core';

/** The file name of a message: the message id, so a repeated delivery names the same file. */
export function fileNameOf(message: OutboundMessage): string {
  return `${message.messageId}.xml`;
}

/** File-system errors after which trying again later may succeed (a share that is briefly away or full). */
const retriableCodes = new Set(['EAGAIN', 'EBUSY', 'EIO', 'ENOSPC', 'ENOENT', 'ESTALE', 'ETIMEDOUT', 'EMFILE', 'ENFILE', 'EDQUOT']);

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Drops each message as a file into a directory (a mounted share a back office imports from). The
 * file appears whole or not at all: it is written under a temporary name starting with a dot,
 * flushed to disk (fsync), then renamed to `<message id>.xml`. A message that is already there is
 * not written again, so a redelivery after a crash changes nothing.
 */
export const createFolderConnector: ConnectorFactory<FolderConnectorSettings> = (settings, { logger }) => {
  const log = logger.child({ component: 'connector-folder', path: settings.path });
  return {
    async connect() {
      try {
        await access(settings.path, constants.W_OK);
      } catch (err) {
        throw new AmtsboteError('AMTSBOTE_DELIVERY_UNAVAILABLE', `folder ${settings.path} is not writable`, { retriable: true, cause: err });
      }
    },

    async deliver(message): Promise<DeliveryReceipt> {
      const target = join(settings.path, fileNameOf(message));
      if (await exists(target)) return { reference: target, duplicate: true };
      const temporary = join(settings.path, `.${message.messageId}.${randomUUID()}.tmp`);
      try {
        const file = await open(temporary, 'wx');
        try {
          await file.writeFile(message.payload);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, target);
        // The rename is durable only once the directory entry is: sync the directory too.
        const directory = await open(settings.path, 'r');
        try {
          await directory.sync();
        } finally {
          await directory.close();
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        throw new AmtsboteError('AMTSBOTE_DELIVERY_UNAVAILABLE', `cannot write into ${settings.path}: ${code || (err as Error).message}`, {
          retriable: retriableCodes.has(code),
          cause: err,
        });
      }
      log.debug({ messageId: message.messageId }, 'delivered');
      return { reference: target, duplicate: false };
    },

    async close() {},
  } satisfies Connector;
};

import { randomUUID } from 'node:crypto';
import { posix } from 'node:path';
import {
  AmtsboteError,
  type Connector,
  type ConnectorFactory,
  type DeliveryReceipt,
  type OutboundMessage,
  type SftpConnectorSettings,
} from '@amtsbote/core';
import { createSftpSession, isDirectory } from './sftp-session.js';

/** The file name of a message: the message id, so a repeated delivery names the same file. */
export function fileNameOf(message: OutboundMessage): string {
  return `${message.messageId}.xml`;
}

/**
 * Uploads each message as `<message id>.xml` into a directory on the back office's SFTP server.
 * The file appears whole or not at all: it is written under a temporary name starting with a dot,
 * then renamed. A message that is already there is not written again, so a redelivery after a
 * crash changes nothing. The server must present the pinned host key, and each delivery (upload
 * included) must be done within `timeoutMs`.
 */
export const createSftpConnector: ConnectorFactory<SftpConnectorSettings> = (settings, { logger }) => {
  const log = logger.child({ component: 'connector-sftp', host: settings.host, path: settings.path });
  const session = createSftpSession(settings, log);

  return {
    async connect() {
      if (!(await session.run((sftp) => isDirectory(sftp, settings.path)))) {
        throw new AmtsboteError('AMTSBOTE_DELIVERY_REJECTED', `there is no directory ${settings.path} on ${settings.host}`);
      }
    },

    async deliver(message): Promise<DeliveryReceipt> {
      const target = posix.join(settings.path, fileNameOf(message));
      const receipt = await session.run(async (sftp) => {
        if (await sftp.exists(target)) return { reference: target, duplicate: true };
        // A name of its own per attempt: two deliveries of one message (say, around a rebalance) never share a half-written file.
        const temporary = posix.join(settings.path, `.${message.messageId}.${randomUUID()}.part`);
        try {
          await sftp.put(message.payload, temporary);
        } catch (err) {
          // Best effort: a half-written file must not pile up (say, on a full disk) while we retry.
          await sftp.delete(temporary, true).catch(() => {});
          throw err;
        }
        try {
          // SFTP's own rename fails when the target exists (OpenSSH links, then unlinks), unlike
          // posix-rename@openssh.com, which would replace it: of two deliveries of a message, the second loses.
          await sftp.rename(temporary, target);
        } catch (err) {
          if (!(await sftp.exists(target))) throw err;
          await sftp.delete(temporary, true);
          return { reference: target, duplicate: true };
        }
        return { reference: target, duplicate: false };
      });
      log.debug({ messageId: message.messageId, duplicate: receipt.duplicate }, 'delivered');
      return receipt;
    },

    close: () => session.close(),
  } satisfies Connector;
};

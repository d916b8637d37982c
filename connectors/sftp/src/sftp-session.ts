import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import SftpClient from 'ssh2-sftp-client';
import { AmtsboteError, type Logger, type SftpConnectorSettings } from '@amtsbote/core';

/** SFTP status codes (draft-ietf-secsh-filexfer-02 §7) after which trying again cannot help. */
const NO_SUCH_FILE = 2;
const PERMISSION_DENIED = 3;

/** The SHA-256 fingerprint of a raw SSH public key, as `ssh-keygen -lf` prints it. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** Whether `path` is a directory (or a link to one) on the server. */
export async function isDirectory(sftp: SftpClient, path: string): Promise<boolean> {
  return Boolean(await sftp.exists(path)) && (await sftp.stat(path)).isDirectory;
}

/** One SFTP connection to a back office's server, shared by everything that talks to that server. */
export interface SftpSession {
  /**
   * Runs `work` on a live connection, one piece of work at a time and within `timeoutMs`; connects
   * first when there is no connection yet or the last one ended. Throws AmtsboteErrors only; after a
   * retriable one the connection is dropped, so the next piece of work starts on a fresh one.
   */
  run<T>(work: (sftp: SftpClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Opens connections with the settings' key and accepts only the pinned host key. Work is
 * serialized: ssh2-sftp-client tracks connection events per client, not per request, so
 * concurrent requests on one client can miss a dropped connection and hang.
 */
export function createSftpSession(settings: SftpConnectorSettings, log: Logger): SftpSession {
  const server = `${settings.username}@${settings.host}:${settings.port}`;
  const pinnedKey = settings.hostKeySha256.replace(/=+$/, '');
  let live: SftpClient | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const credentials = async () => {
    let privateKey: Buffer;
    try {
      privateKey = await readFile(settings.privateKeyFile);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `cannot read the private key ${settings.privateKeyFile}: ${reason}`, { cause: err });
    }
    if (!settings.passphraseEnv) return { privateKey };
    const passphrase = process.env[settings.passphraseEnv];
    if (!passphrase) {
      throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `environment variable ${settings.passphraseEnv} (key passphrase) is not set`);
    }
    return { privateKey, passphrase };
  };

  const open = async (): Promise<SftpClient> => {
    // ssh2-sftp-client reports connection events outside a request here (to the console, by default).
    const client = new SftpClient('amtsbote', { error: (err) => log.warn({ err }, 'SFTP connection failed') });
    client.on('close', () => {
      if (live !== client) return;
      live = undefined;
      log.info({ server }, 'SFTP connection closed; the next request reconnects');
    });
    let presentedKey: string | undefined;
    let failure: (Error & { level?: string }) | undefined;
    const noteFailure = (err: Error) => (failure ??= err);
    client.on('error', noteFailure);
    try {
      await client.connect({
        host: settings.host,
        port: settings.port,
        username: settings.username,
        ...(await credentials()),
        readyTimeout: settings.timeoutMs,
        // Keepalives notice a connection that died silently (a host gone, a NAT entry dropped) while idle.
        keepaliveInterval: settings.timeoutMs,
        hostVerifier: (key: Buffer): boolean => {
          const fingerprint = fingerprintOf(key);
          if (fingerprint !== pinnedKey) presentedKey = fingerprint;
          return fingerprint === pinnedKey;
        },
      });
    } catch (err) {
      if (err instanceof AmtsboteError) throw err;
      const reason = (err as Error).message;
      if (presentedKey) {
        throw new AmtsboteError(
          'AMTSBOTE_CONFIG_INVALID',
          `${settings.host}:${settings.port} presented host key ${presentedKey}, not the configured ${settings.hostKeySha256}`,
          { cause: err },
        );
      }
      if (failure?.level === 'client-authentication') {
        throw new AmtsboteError('AMTSBOTE_DELIVERY_REJECTED', `${server} does not accept our key`, { cause: err });
      }
      // ssh2 throws on a key it cannot parse (or decrypt with the passphrase) before it connects.
      if (/privateKey|passphrase/i.test(reason)) {
        throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `cannot use the private key ${settings.privateKeyFile}: ${reason}`, { cause: err });
      }
      throw new AmtsboteError('AMTSBOTE_DELIVERY_UNAVAILABLE', `cannot connect to ${server}: ${reason}`, { retriable: true, cause: err });
    } finally {
      client.removeListener('error', noteFailure);
    }
    log.debug({ server }, 'SFTP connected');
    return client;
  };

  const drop = (client: SftpClient) => {
    if (live === client) live = undefined;
    void client.end().catch(() => {});
  };

  const noAnswer = `no answer from ${server}`;

  const attempt = async <T>(work: (sftp: SftpClient) => Promise<T>): Promise<T> => {
    const reused = live !== undefined;
    try {
      return await attemptOnce(work);
    } catch (err) {
      // A connection kept from an earlier delivery can have died unnoticed (the server restarted,
      // its close event not yet seen): one more try on a new connection. Not after a timeout: a
      // hung server would only make the caller wait twice.
      if (!reused || !(err instanceof AmtsboteError) || !err.retriable || err.message.startsWith(noAnswer)) throw err;
      return await attemptOnce(work);
    }
  };

  const attemptOnce = async <T>(work: (sftp: SftpClient) => Promise<T>): Promise<T> => {
    const client = (live ??= await open());
    try {
      return await withDeadline(
        work(client),
        settings.timeoutMs,
        () => new AmtsboteError('AMTSBOTE_DELIVERY_UNAVAILABLE', `${noAnswer} within ${settings.timeoutMs} ms`, { retriable: true }),
      );
    } catch (err) {
      const error = classify(err);
      if (error.retriable) drop(client);
      throw error;
    }
  };

  const classify = (err: unknown): AmtsboteError => {
    if (err instanceof AmtsboteError) return err;
    const { code } = err as { code?: unknown };
    const reason = (err as Error).message;
    if (code === NO_SUCH_FILE || code === PERMISSION_DENIED) {
      return new AmtsboteError('AMTSBOTE_DELIVERY_REJECTED', `${server} refused: ${reason}`, { cause: err });
    }
    return new AmtsboteError('AMTSBOTE_DELIVERY_UNAVAILABLE', `${server} failed: ${reason}`, { retriable: true, cause: err });
  };

  return {
    run(work) {
      const result = queue.then(() => attempt(work));
      queue = result.catch(() => {});
      return result;
    },

    async close() {
      await queue;
      const client = live;
      live = undefined;
      if (client) await withDeadline(client.end(), settings.timeoutMs, () => new Error('timeout')).catch(() => {});
    },
  };
}

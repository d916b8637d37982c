import { setTimeout as sleep } from 'node:timers/promises';
import { toAmtsboteError, toDeadLetter, type Inbox, type InboxFile, type Logger, type OutgoingRecord, type Producer, type ServiceIdentity } from '@amtsbote/core';
import type { BackofficeReply } from '@amtsbote/schemas';
import { RefusedReply, type ReplyIntake } from './reply-intake.js';

/** Options of one back office's inbox poller. */
export interface InboxPollerOptions {
  inbox: Inbox;
  destinationId: string;
  channel: Exclude<BackofficeReply['channel'], 'http'>;
  intake: ReplyIntake;
  producer: Producer;
  /** Where refused files go as dead letters (`backoffice.replies.v1.dlq`). */
  deadLetterTopic: string;
  service: ServiceIdentity;
  logger: Logger;
  intervalMs: number;
  /** Files larger than this are refused unread (the intake's size cap). */
  maxBytes: number;
}

/** Dead letters keep a refused file's bytes up to this size, well below a record's limit. */
const MAX_DEAD_LETTER_PAYLOAD = 512 * 1024;

/**
 * Takes the replies a back office leaves in its inbox: each file is stored (or, if refused, written
 * to the dead-letter topic with the reason) before it is moved out of the inbox, so a crash in
 * between only means the file is taken again. Files that cannot be stored now (Kafka away) stay.
 */
export function startInboxPoller(options: InboxPollerOptions): { stop(): Promise<void> } {
  const { inbox, logger } = options;
  const log = logger.child({ destination: options.destinationId, inbox: options.channel });
  const abort = new AbortController();

  async function takeFile({ name, size }: InboxFile): Promise<void> {
    if (size > options.maxBytes) {
      await refuse(name, null, new RefusedReply(400, `the file has ${size} bytes, more than the limit of ${options.maxBytes}`));
      return;
    }
    const payload = await inbox.read(name);
    try {
      const stored = await options.intake.take({ payload, senderDestinationIds: [options.destinationId], channel: options.channel, fileName: name });
      await inbox.acknowledge(name, 'stored');
      log.info({ file: name, replyId: stored.replyId, kind: stored.kind }, 'reply stored');
    } catch (err) {
      if (!(err instanceof RefusedReply)) throw err;
      await refuse(name, payload, err);
    }
  }

  async function refuse(name: string, payload: Buffer | null, error: RefusedReply): Promise<void> {
    await options.producer.send([refusedFile(name, payload && payload.length <= MAX_DEAD_LETTER_PAYLOAD ? payload : null, error)]);
    await inbox.acknowledge(name, 'refused');
    log.warn({ file: name, reason: error.message }, 'reply refused, moved to refused/ and dead-lettered');
  }

  /** A dead letter for a file that never was a record: the inbox stands in for the source topic, the file name for the offset. */
  function refusedFile(name: string, payload: Buffer | null, error: RefusedReply): OutgoingRecord {
    const letter = toDeadLetter(
      { topic: `inbox:${options.destinationId}`, partition: 0, offset: name, key: null, value: payload, headers: {}, timestamp: new Date() },
      error,
      { service: options.service, attempts: 1 },
    );
    return { ...letter, topic: options.deadLetterTopic, key: options.destinationId };
  }

  const running = (async () => {
    while (!abort.signal.aborted) {
      try {
        await inbox.connect();
        for (const file of await inbox.list()) {
          if (abort.signal.aborted) break;
          await takeFile(file);
        }
      } catch (err) {
        log.warn({ err: toAmtsboteError(err).message }, 'inbox not read, trying again');
      }
      await sleep(options.intervalMs, undefined, { signal: abort.signal }).catch(() => {});
    }
  })();

  return {
    async stop() {
      abort.abort();
      await running;
      await inbox.close();
    },
  };
}

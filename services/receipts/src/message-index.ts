import { randomUUID } from 'node:crypto';
import { AmtsboteError, isRetriable, type AvroCodec, type KafkaClient, type Logger } from '@amtsbote/core';
import type { XoevMessage } from '@amtsbote/schemas';
import { deriveObjectId } from '@amtsbote/xoev';

/** What a reply needs to know about the message it answers. */
export interface SentMessage {
  messageId: string;
  applicationId: string;
  destinationId: string;
  /** The outbound record's trace context: what replies to the message continue. */
  traceparent?: string;
}

/**
 * Amtsbote's sent messages by id, read from `xoev.outbound.v1`, so a reply can be traced to its
 * application. Every reply refers to a message that was written there before it was delivered, so
 * an index that has read up to the topic's end knows every message a reply can refer to.
 */
export interface MessageIndex {
  start(): Promise<void>;
  /** The message, if the index has read it already. */
  lookup(reference: string): SentMessage | undefined;
  /**
   * The message once the index has read everything written up to now; undefined when there is no
   * such message. Throws a retriable error when the index cannot catch up in time (Kafka away).
   */
  find(reference: string): Promise<SentMessage | undefined>;
  stop(): Promise<void>;
}

/**
 * XBau replies may name the application by the 0200's `referenzAntragsservice` instead of a message
 * id; the translator derives that from the application id, so the index can derive it too.
 */
const applicationReferenceOf = (applicationId: string) => deriveObjectId(applicationId, 'xbau/referenzAntragsservice');

/** Creates the index; it reads the topic from the beginning in a consumer group of its own. */
export function createMessageIndex(options: {
  kafka: KafkaClient;
  codec: AvroCodec;
  topic: string;
  logger: Logger;
  catchUpTimeoutMs?: number;
}): MessageIndex {
  const { kafka, codec, topic, logger } = options;
  const catchUpTimeoutMs = options.catchUpTimeoutMs ?? 15_000;
  const byReference = new Map<string, SentMessage>();
  const positions = new Map<number, bigint>(); // partition → next offset to read
  const consumer = kafka.consumer({ groupId: `amtsbote-receipts-index-${randomUUID()}` });
  const admin = kafka.admin();

  async function caughtUpTo(ends: Map<number, string>): Promise<boolean> {
    const deadline = Date.now() + catchUpTimeoutMs;
    const behind = () => [...ends].some(([partition, end]) => (positions.get(partition) ?? 0n) < BigInt(end));
    while (behind()) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
  }

  const index: MessageIndex = {
    async start() {
      await admin.connect();
      await consumer.connect();
      await consumer.subscribe([topic], { fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: 6,
        eachBatch: async (batch, control) => {
          for (const record of batch.records) {
            try {
              const message = await codec.decode<XoevMessage>(record.value);
              const traceparent = record.headers['traceparent'];
              const sent: SentMessage = {
                messageId: message.messageId,
                applicationId: message.applicationId,
                destinationId: message.destinationId,
                ...(traceparent ? { traceparent } : {}),
              };
              byReference.set(message.messageId.toLowerCase(), sent);
              byReference.set(applicationReferenceOf(message.applicationId), sent);
            } catch (err) {
              // A registry that is briefly away must not make the index skip a message: read the batch again.
              if (isRetriable(err)) throw err;
              // The translator wrote it; a record it cannot read is no message a reply can refer to.
              logger.warn({ partition: record.partition, offset: record.offset, err: (err as Error).message }, 'outbound record not indexed');
            }
            positions.set(batch.partition, BigInt(record.offset) + 1n);
          }
          const last = batch.records.at(-1);
          if (last) await control.commit((BigInt(last.offset) + 1n).toString());
        },
      });
      if (!(await caughtUpTo(await admin.endOffsets(topic)))) {
        throw new AmtsboteError('AMTSBOTE_KAFKA_UNAVAILABLE', `the message index did not catch up with ${topic} within ${catchUpTimeoutMs} ms`, { retriable: true });
      }
      logger.info({ messages: byReference.size / 2 }, 'message index caught up');
    },

    lookup: (reference) => byReference.get(reference.toLowerCase()),

    async find(reference) {
      const known = index.lookup(reference);
      if (known) return known;
      let ends: Map<number, string>;
      try {
        ends = await admin.endOffsets(topic);
      } catch (err) {
        throw new AmtsboteError('AMTSBOTE_KAFKA_UNAVAILABLE', `cannot read the end of ${topic}: ${(err as Error).message}`, { retriable: true, cause: err });
      }
      if (!(await caughtUpTo(ends))) {
        throw new AmtsboteError('AMTSBOTE_KAFKA_UNAVAILABLE', `the message index is behind ${topic}`, { retriable: true });
      }
      return index.lookup(reference);
    },

    async stop() {
      await consumer.disconnect();
      await admin.disconnect();
    },
  };
  return index;
}

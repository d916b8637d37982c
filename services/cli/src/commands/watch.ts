import { randomUUID } from 'node:crypto';
import type { ApplicationStatus, Contract } from '@amtsbote/schemas';
import type { AvroCodec, KafkaClient } from '@amtsbote/core';

/** Options of `amtsbote watch`. */
export interface WatchOptions {
  applicationId?: string;
  fromBeginning: boolean;
  /** Stop after this long without a new event (0: never). */
  idleExitMs: number;
  onEvent(event: ApplicationStatus): void;
}

/** Follows applications.status.v1 in a throw-away consumer group, decoded, optionally for one application. */
export async function watchStatus(kafka: KafkaClient, codec: AvroCodec, status: Contract, options: WatchOptions): Promise<void> {
  const consumer = kafka.consumer({ groupId: `amtsbote-cli-watch-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe([status.topic], { fromBeginning: options.fromBeginning });
  let lastEvent = Date.now();
  await consumer.run({
    partitionsConsumedConcurrently: 6,
    eachBatch: async (batch, control) => {
      for (const record of batch.records) {
        if (options.applicationId && record.key?.toString('utf8') !== options.applicationId) continue;
        options.onEvent(await codec.decode<ApplicationStatus>(record.value));
        lastEvent = Date.now();
      }
      const last = batch.records.at(-1);
      if (last) await control.commit((BigInt(last.offset) + 1n).toString());
    },
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    if (options.idleExitMs > 0) {
      const timer = setInterval(() => {
        if (Date.now() - lastEvent >= options.idleExitMs) {
          clearInterval(timer);
          resolve();
        }
      }, 200);
    }
  });
  await consumer.disconnect();
}

/** A moment as the first column of the CLI's tables: UTC, to the millisecond. */
export function formatTime(time: Date): string {
  return time.toISOString().replace('T', ' ').slice(0, 23);
}

/** What a status event says beyond its status: destination and detail. */
export function statusDetail(e: ApplicationStatus): string {
  return [e.destinationId, e.detail].filter(Boolean).join(' — ');
}

/** One status event as a line of a table. */
export function formatStatusLine(e: ApplicationStatus): string {
  return `${formatTime(e.occurredAt)}  ${e.applicationId.padEnd(28)} ${e.status.padEnd(16)} ${e.source.padEnd(22)} ${statusDetail(e)}${e.replay ? '  (replay)' : ''}`;
}

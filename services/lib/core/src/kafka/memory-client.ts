import type { Consumer, OutgoingRecord, PartitionBatch, Producer } from './types.js';

/**
 * In-memory stand-ins for a producer and a consumer, for unit tests of what sits on top of the
 * Kafka interface. Integration tests use the real broker instead.
 */
export function createMemoryProducer(options: { failNextSends?: number } = {}): Producer & { sent: OutgoingRecord[] } {
  let failures = options.failNextSends ?? 0;
  const sent: OutgoingRecord[] = [];
  return {
    sent,
    connect: async () => {},
    disconnect: async () => {},
    async send(records) {
      if (failures > 0) {
        failures--;
        throw Object.assign(new Error('broker not available'), { retriable: true });
      }
      sent.push(...records);
    },
  };
}

/**
 * A consumer that hands over the given batches once, in order, and records each commit. `isStale`
 * lets a test revoke the partition at a moment of its choosing.
 */
export function createMemoryConsumer(
  batches: PartitionBatch[],
  options: { isStale?: () => boolean } = {},
): Consumer & { committed: string[] } {
  const committed: string[] = [];
  const isStale = options.isStale ?? (() => false);
  return {
    committed,
    connect: async () => {},
    disconnect: async () => {},
    subscribe: async () => {},
    on: () => {},
    async run({ eachBatch }) {
      for (const batch of batches) {
        // Without one given, the partition ends with the batch.
        const last = batch.records.at(-1);
        const highWatermark = batch.highWatermark ?? (last ? (BigInt(last.offset) + 1n).toString() : undefined);
        await eachBatch({ ...batch, ...(highWatermark ? { highWatermark } : {}) }, {
          heartbeat: async () => {},
          isStale,
          commit: async (next) => {
            if (!isStale()) committed.push(next);
          },
        });
      }
    },
  };
}

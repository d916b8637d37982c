import { randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createKafkajsClient } from './kafkajs-client.js';
import { createPlatformaticProducer } from './platformatic-producer.js';
import type { ConsumedRecord, KafkaClient } from './types.js';

const RECORDS = 1_200;
const PARTITIONS = 6;

/** What the kafkajs consumer reads back is exactly what the producer was given, where a Java producer would have put it. */
describe('the @platformatic/kafka producer', () => {
  const logger = createLogger('test', { level: 'silent' });
  const topic = `test-platformatic-producer-${randomUUID().slice(0, 8)}`;
  const brokers = () => inject('kafkaBrokers').split(',');
  let kafka: KafkaClient;

  beforeAll(async () => {
    kafka = createKafkajsClient({ brokers: brokers(), clientId: 'test-platformatic-producer', logger });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics([{ name: topic, partitions: PARTITIONS, replicationFactor: -1, config: {} }]);
    await admin.disconnect();
  });

  it('keeps keys, values, headers, tombstones, order per key, and Java-compatible partitions', { timeout: 120_000 }, async () => {
    const producer = createPlatformaticProducer({ brokers: brokers(), clientId: 'test', logger });
    await producer.connect();
    const keyOf = (i: number) => `application-${i % 300}`;
    for (let start = 0; start < RECORDS; start += 200) {
      await producer.send(
        Array.from({ length: 200 }, (_, n) => {
          const i = start + n;
          // Every tenth record a tombstone: no value at all, not an empty one.
          return { topic, key: keyOf(i), value: i % 10 === 9 ? null : Buffer.from(`value ${i} äöü`), headers: { ce_id: `id-${i}`, traceparent: `00-${i}` } };
        }),
      );
    }
    await producer.disconnect();

    const records: ConsumedRecord[] = [];
    const consumer = kafka.consumer({ groupId: `test-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe([topic], { fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: PARTITIONS,
      eachBatch: async (batch, control) => {
        records.push(...batch.records);
        // Without a commit the consumer would fetch the same batch again.
        await control.commit((BigInt(batch.records.at(-1)!.offset) + 1n).toString());
      },
    });
    const deadline = Date.now() + 60_000;
    while (records.length < RECORDS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await consumer.disconnect();

    expect(records).toHaveLength(RECORDS);
    const javaPartitioner = kafkajs.Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
    for (const record of records) {
      const i = Number(record.headers['ce_id']!.slice(3));
      expect(record.key?.toString()).toBe(keyOf(i));
      expect(record.value?.toString() ?? null).toBe(i % 10 === 9 ? null : `value ${i} äöü`);
      expect(record.headers['traceparent']).toBe(`00-${i}`);
      expect(record.partition).toBe(javaPartitioner({ topic, partitionMetadata, message: { key: keyOf(i), value: null } }));
    }
    // Per key in the order sent.
    const order = new Map<string, number[]>();
    for (const record of [...records].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))) {
      const key = record.key!.toString();
      order.set(key, [...(order.get(key) ?? []), Number(record.headers['ce_id']!.slice(3))]);
    }
    for (const sent of order.values()) expect(sent).toEqual([...sent].sort((a, b) => a - b));
  });

  it('takes many sends at once, as the stages of a service make them', { timeout: 120_000 }, async () => {
    const producer = createPlatformaticProducer({ brokers: brokers(), clientId: 'test', logger });
    await producer.connect();
    const value = Buffer.alloc(2_000, 'x');
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, send) =>
        producer.send(Array.from({ length: 1 + (send % 5) }, (_, i) => ({ topic, key: `concurrent-${send}-${i}`, value, headers: {} }))),
      ),
    );
    await producer.disconnect();
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  });
});

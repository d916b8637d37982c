import { describe, expect, it } from 'vitest';
import { AmtsboteError } from './errors.js';
import { createLogger } from './logger.js';
import { backoffDelay, createStage } from './stage.js';
import { createMemoryConsumer, createMemoryProducer } from './kafka/memory-client.js';
import type { ConsumedRecord, OutgoingRecord, PartitionBatch } from './kafka/types.js';
import { deadLetterHeaders } from './dead-letter.js';

const logger = createLogger('test', { level: 'silent' });
const service = { name: 'test', version: '0.0.0' };

function record(offset: number, value = `v${offset}`): ConsumedRecord {
  return { topic: 'in', partition: 0, offset: String(offset), key: Buffer.from(`app-${offset}`), value: Buffer.from(value), headers: {}, timestamp: new Date(0) };
}
function batch(...offsets: number[]): PartitionBatch {
  return { topic: 'in', partition: 0, records: offsets.map((o) => record(o)) };
}
const echo = async (r: ConsumedRecord): Promise<OutgoingRecord[]> => [{ topic: 'out', key: r.key, value: r.value, headers: {} }];

describe('createStage', () => {
  it('commits the offset after the last record only once its outputs were produced', async () => {
    const producer = createMemoryProducer();
    const consumer = createMemoryConsumer([batch(0, 1, 2)]);
    await createStage({ service, consumer, producer, topics: ['in'], logger, process: echo }).start();
    expect(producer.sent.map((r) => r.value?.toString())).toEqual(['v0', 'v1', 'v2']);
    expect(consumer.committed).toEqual(['3']);
  });

  it('dead-letters a permanently failing record with its original bytes and error headers and keeps the partition moving', async () => {
    const producer = createMemoryProducer();
    const consumer = createMemoryConsumer([batch(0, 1, 2)]);
    await createStage({
      service,
      consumer,
      producer,
      topics: ['in'],
      logger,
      process: async (r) => {
        if (r.offset === '1') throw new AmtsboteError('AMTSBOTE_NO_ROUTE', 'no responsible authority');
        return echo(r);
      },
      onDeadLetter: async (r) => [{ topic: 'status', key: r.key, value: Buffer.from('rejected'), headers: {} }],
    }).start();
    const deadLetter = producer.sent.find((r) => r.topic === 'in.dlq');
    expect(deadLetter?.value?.toString()).toBe('v1');
    expect(deadLetter?.headers).toMatchObject({
      [deadLetterHeaders.sourceTopic]: 'in',
      [deadLetterHeaders.sourcePartition]: '0',
      [deadLetterHeaders.sourceOffset]: '1',
      [deadLetterHeaders.errorCode]: 'AMTSBOTE_NO_ROUTE',
      [deadLetterHeaders.errorClass]: 'permanent',
      [deadLetterHeaders.attempts]: '1',
    });
    expect(producer.sent.map((r) => r.topic)).toEqual(['out', 'in.dlq', 'status', 'out']);
    expect(consumer.committed).toEqual(['3']);
  });

  it('retries a record after a retriable error instead of skipping it', async () => {
    const producer = createMemoryProducer();
    const consumer = createMemoryConsumer([batch(0)]);
    let attempts = 0;
    await createStage({
      service,
      consumer,
      producer,
      topics: ['in'],
      logger,
      retry: { initialDelayMs: 1, maxDelayMs: 2 },
      process: async (r) => {
        if (++attempts < 3) throw new AmtsboteError('AMTSBOTE_REGISTRY_UNAVAILABLE', 'down', { retriable: true });
        return echo(r);
      },
    }).start();
    expect(attempts).toBe(3);
    expect(producer.sent).toHaveLength(1);
    expect(consumer.committed).toEqual(['1']);
  });

  it('commits nothing for a partition revoked while a record was waiting to be retried', async () => {
    let revoked = false;
    const producer = createMemoryProducer();
    const consumer = createMemoryConsumer([batch(0, 1)], { isStale: () => revoked });
    await createStage({
      service,
      consumer,
      producer,
      topics: ['in'],
      logger,
      retry: { initialDelayMs: 1, maxDelayMs: 1 },
      process: async (r) => {
        if (r.offset === '1') {
          revoked = true;
          throw new AmtsboteError('AMTSBOTE_REGISTRY_UNAVAILABLE', 'down', { retriable: true });
        }
        return echo(r);
      },
    }).start();
    expect(producer.sent).toHaveLength(1);
    expect(consumer.committed).toEqual([]);
  });

  it('stops at once while a record waits to be retried, committing what was done and leaving that record for the next owner', async () => {
    const producer = createMemoryProducer();
    const consumer = createMemoryConsumer([batch(0, 1, 2)]);
    let waiting!: () => void;
    const firstFailure = new Promise<void>((resolve) => (waiting = resolve));
    const stage = createStage({
      service,
      consumer,
      producer,
      topics: ['in'],
      logger,
      retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      process: async (r) => {
        if (r.offset === '1') {
          waiting();
          throw new AmtsboteError('AMTSBOTE_DELIVERY_UNAVAILABLE', 'back office down', { retriable: true });
        }
        return echo(r);
      },
    });
    const running = stage.start();
    await firstFailure;
    const stoppedAt = Date.now();
    await stage.stop();
    await running;
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect(producer.sent.map((r) => r.value?.toString())).toEqual(['v0']);
    expect(consumer.committed).toEqual(['1']);
  });

  it('does not commit when producing the outputs fails, so the batch is processed again', async () => {
    const producer = createMemoryProducer({ failNextSends: 1 });
    const consumer = createMemoryConsumer([batch(0)]);
    const stage = createStage({ service, consumer, producer, topics: ['in'], logger, process: echo });
    await expect(stage.start()).rejects.toThrow('broker not available');
    expect(consumer.committed).toEqual([]);
  });

  it('flushes and commits within a long batch', async () => {
    const producer = createMemoryProducer();
    const consumer = createMemoryConsumer([batch(0, 1, 2, 3, 4)]);
    await createStage({ service, consumer, producer, topics: ['in'], logger, process: echo, flushEvery: 2 }).start();
    expect(consumer.committed).toEqual(['2', '4', '5']);
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [3, 1, 400],
    [20, 1, 1_000],
  ])('attempt %i with random %f waits %i ms (initial 100, cap 1000)', (attempt, random, expected) => {
    expect(backoffDelay(attempt, { initialDelayMs: 100, maxDelayMs: 1_000 }, () => random)).toBe(expected);
  });
});

describe('createStage with large outputs', () => {
  it('produces in several requests when outputs pass the byte threshold', async () => {
    const producer = createMemoryProducer();
    const sends: number[] = [];
    const send = producer.send.bind(producer);
    producer.send = async (records) => {
      sends.push(records.length);
      await send(records);
    };
    const consumer = createMemoryConsumer([batch(0, 1, 2, 3)]);
    const big = async (r: ConsumedRecord): Promise<OutgoingRecord[]> => [{ topic: 'out', key: r.key, value: Buffer.alloc(600), headers: {} }];
    await createStage({ service, consumer, producer, topics: ['in'], logger, process: big, flushBytes: 1_000 }).start();
    expect(sends).toEqual([2, 2]);
    expect(consumer.committed).toEqual(['2', '4']);
  });

  it('dead-letters the input of an output larger than the topic accepts', async () => {
    const producer = createMemoryProducer();
    const consumer = createMemoryConsumer([batch(0)]);
    const huge = async (r: ConsumedRecord): Promise<OutgoingRecord[]> => [{ topic: 'out', key: r.key, value: Buffer.alloc(2_000), headers: {} }];
    await createStage({ service, consumer, producer, topics: ['in'], logger, process: huge, maxRecordBytes: 1_000 }).start();
    expect(producer.sent.map((r) => [r.topic, r.headers[deadLetterHeaders.errorCode]])).toEqual([['in.dlq', 'AMTSBOTE_RECORD_TOO_LARGE']]);
    expect(consumer.committed).toEqual(['1']);
  });
});

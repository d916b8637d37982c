import { describe, expect, it } from 'vitest';
import { AmtsboteError } from './errors.js';
import { createLogger } from './logger.js';
import { createServiceMetrics, type ServiceMetrics } from './metrics.js';
import { startHealthServer } from './service-runtime.js';
import { createStage } from './stage.js';
import { createMemoryConsumer, createMemoryProducer } from './kafka/memory-client.js';
import type { ConsumedRecord, OutgoingRecord } from './kafka/types.js';

const logger = createLogger('test', { level: 'silent' });
const service = { name: 'test', version: '0.0.0' };

function record(offset: number): ConsumedRecord {
  return { topic: 'in', partition: 0, offset: String(offset), key: Buffer.from(`app-${offset}`), value: Buffer.from(`v${offset}`), headers: {}, timestamp: new Date(Date.now() - 2_000) };
}

/** A metric's samples by name and labels, the service's left out: `amtsbote_records_total,stage=g,…` → value. */
async function valuesOf(metrics: ServiceMetrics, name: string): Promise<Record<string, number>> {
  const { values } = await metrics.registry.getSingleMetric(name)!.get();
  return Object.fromEntries(
    values.map((v) => {
      const sample = 'metricName' in v ? String(v.metricName) : name;
      const labels = Object.entries(v.labels).filter(([label]) => label !== 'service').map(([label, value]) => `${label}=${value}`);
      return [[sample, ...labels].join(','), v.value];
    }),
  );
}

describe('service metrics', () => {
  it('count a stage’s records by outcome, its retries and dead letters by code, time processing and report lag', async () => {
    const metrics = createServiceMetrics(service);
    const measured = metrics.stage('g');
    const producer = createMemoryProducer();
    // The partition holds ten records; this batch brings the first three.
    const consumer = createMemoryConsumer([{ topic: 'in', partition: 0, records: [0, 1, 2].map(record), highWatermark: '10' }]);
    let attempts = 0;
    await createStage({
      service,
      consumer: measured.observed(consumer),
      producer,
      topics: ['in'],
      logger,
      retry: { initialDelayMs: 1, maxDelayMs: 1 },
      process: measured.timed(async (r: ConsumedRecord): Promise<OutgoingRecord[]> => {
        if (r.offset === '1') throw new AmtsboteError('AMTSBOTE_NO_ROUTE', 'no responsible authority');
        if (r.offset === '2' && ++attempts < 3) throw new AmtsboteError('AMTSBOTE_REGISTRY_UNAVAILABLE', 'down', { retriable: true });
        return [{ topic: 'out', key: r.key, value: r.value, headers: {} }];
      }),
      onOutcome: measured.onOutcome,
    }).start();

    expect(await valuesOf(metrics, 'amtsbote_records_total')).toEqual({
      'amtsbote_records_total,stage=g,topic=in,outcome=processed': 2,
      'amtsbote_records_total,stage=g,topic=in,outcome=dead_lettered': 1,
    });
    expect(await valuesOf(metrics, 'amtsbote_retries_total')).toEqual({ 'amtsbote_retries_total,stage=g,topic=in,code=AMTSBOTE_REGISTRY_UNAVAILABLE': 2 });
    expect(await valuesOf(metrics, 'amtsbote_dead_letters_total')).toEqual({ 'amtsbote_dead_letters_total,stage=g,topic=in,code=AMTSBOTE_NO_ROUTE': 1 });
    // Every attempt is timed: records 0 and 1 once, record 2 three times.
    expect(await valuesOf(metrics, 'amtsbote_processing_seconds')).toMatchObject({ 'amtsbote_processing_seconds_count,stage=g': 5 });
    const endToEnd = await valuesOf(metrics, 'amtsbote_end_to_end_seconds');
    expect(endToEnd).toMatchObject({ 'amtsbote_end_to_end_seconds_count,stage=g': 3 });
    expect(endToEnd['amtsbote_end_to_end_seconds_sum,stage=g']).toBeGreaterThanOrEqual(6);
    expect(await valuesOf(metrics, 'amtsbote_consumer_lag')).toEqual({ 'amtsbote_consumer_lag,group=g,topic=in,partition=0': 7 });
    expect(consumer.committed).toEqual(['3']);
  });

  it('are served on the health port with the process’s metrics, each service in a registry of its own', async () => {
    const first = createServiceMetrics({ name: 'translator', version: '0' });
    const second = createServiceMetrics({ name: 'delivery', version: '0' });
    first.stage('g').onOutcome('processed', record(0));
    const health = await startHealthServer({ port: 0, checks: {}, metrics: first.registry });
    try {
      const response = await fetch(`http://127.0.0.1:${health.port}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain('amtsbote_records_total{stage="g",topic="in",outcome="processed",service="translator"} 1');
      expect(text).toMatch(/^process_resident_memory_bytes\{service="translator"\} \d+/m);
      expect(text).toContain('nodejs_eventloop_lag_seconds{service="translator"}');
      expect(text).not.toContain('service="delivery"');
      expect(await second.registry.metrics()).not.toContain('service="translator"');
    } finally {
      await health.close();
    }
  });
});

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type CounterConfiguration, type HistogramConfiguration } from 'prom-client';
import type { ServiceIdentity } from './dead-letter.js';
import type { BatchControl, Consumer, PartitionBatch } from './kafka/types.js';
import type { StageOptions } from './stage.js';

/** Buckets of one step on one record (processing, a delivery): 1 ms to 30 s. */
const stepBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Buckets of a record's time in a stage, backlogs and back offices that were down included: 10 ms to a day. */
const endToEndBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3_600, 4 * 3_600, 24 * 3_600];

/** The measurements of one stage, named by its consumer group. */
export interface StageMetrics {
  /** Counts each record's outcome and each retry, by error code. */
  onOutcome: NonNullable<StageOptions['onOutcome']>;
  /** Wraps a stage's `process`, timing every call. */
  timed<A extends unknown[], R>(process: (...args: A) => Promise<R>): (...args: A) => Promise<R>;
  /** Wraps the stage's consumer: reports its lag per partition, and each record's time in the stage once committed. */
  observed(consumer: Consumer): Consumer;
}

/**
 * One service's metrics, served in Prometheus format on its health port. Each service instance has
 * a registry of its own (tests run several in one process), labelled with the service's name.
 * Labels name topics, partitions, consumer groups, destinations, outcomes and error codes, never a
 * key, an application id or a message id: metrics leave the service unredacted.
 */
export interface ServiceMetrics {
  registry: Registry;
  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L>;
  /** Buckets default to 1 ms … 30 s. */
  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L>;
  stage(group: string): StageMetrics;
}

/** Creates a service's registry with the process's metrics (CPU, memory, event loop lag, GC) and the stages' metrics. */
export function createServiceMetrics(service: ServiceIdentity): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: service.name });
  collectDefaultMetrics({ register: registry });
  const counter = <L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>) => new Counter<L>({ ...config, registers: [registry] });
  const histogram = <L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>) =>
    new Histogram<L>({ buckets: stepBuckets, ...config, registers: [registry] });

  // Every record is counted once, when it is done; retries count attempts, so they have a metric of their own.
  const records = counter({
    name: 'amtsbote_records_total',
    help: 'Records a stage is done with, by outcome: processed or dead_lettered.',
    labelNames: ['stage', 'topic', 'outcome'],
  });
  const retries = counter({
    name: 'amtsbote_retries_total',
    help: 'Attempts at a record that failed with a retriable error and are made again, by error code.',
    labelNames: ['stage', 'topic', 'code'],
  });
  const deadLetters = counter({
    name: 'amtsbote_dead_letters_total',
    help: 'Records sent to a dead-letter topic, by error code.',
    labelNames: ['stage', 'topic', 'code'],
  });
  const processing = histogram({
    name: 'amtsbote_processing_seconds',
    help: 'Time to process one record (one attempt), outputs not yet produced.',
    labelNames: ['stage'],
  });
  const endToEnd = histogram({
    name: 'amtsbote_end_to_end_seconds',
    help: 'Time from a record’s timestamp on its input topic until everything it caused is acknowledged and it is committed.',
    labelNames: ['stage'],
    buckets: endToEndBuckets,
  });
  const lag = new Gauge({
    name: 'amtsbote_consumer_lag',
    help: 'Records on a partition not yet committed by the group: the end offset at the last fetch minus the next offset to process.',
    labelNames: ['group', 'topic', 'partition'],
    registers: [registry],
  });

  function stage(group: string): StageMetrics {
    /** Lag at the batch's start, and after each commit; a stage stuck on a record keeps showing its backlog. */
    function observedControl(batch: PartitionBatch, control: BatchControl): BatchControl {
      const labels = { group, topic: batch.topic, partition: batch.partition };
      const end = batch.highWatermark === undefined ? undefined : BigInt(batch.highWatermark);
      const first = batch.records[0];
      if (end !== undefined && first) lag.set(labels, Number(end - BigInt(first.offset)));
      let observed = 0;
      return {
        heartbeat: () => control.heartbeat(),
        isStale: () => control.isStale(),
        async commit(nextOffset) {
          await control.commit(nextOffset);
          const next = BigInt(nextOffset);
          const now = Date.now();
          for (; observed < batch.records.length && BigInt(batch.records[observed]!.offset) < next; observed++) {
            endToEnd.observe({ stage: group }, (now - batch.records[observed]!.timestamp.getTime()) / 1_000);
          }
          if (end !== undefined) lag.set(labels, Number(end - next));
        },
      };
    }

    return {
      onOutcome(outcome, record, error) {
        const code = error?.code ?? 'AMTSBOTE_UNEXPECTED';
        if (outcome === 'retried') {
          retries.inc({ stage: group, topic: record.topic, code });
          return;
        }
        records.inc({ stage: group, topic: record.topic, outcome });
        if (outcome === 'dead_lettered') deadLetters.inc({ stage: group, topic: record.topic, code });
      },
      timed(process) {
        return async (...args) => {
          const stop = processing.startTimer({ stage: group });
          try {
            return await process(...args);
          } finally {
            stop();
          }
        };
      },
      observed(consumer) {
        return {
          connect: () => consumer.connect(),
          subscribe: (topics, options) => consumer.subscribe(topics, options),
          on: (event, listener) => consumer.on(event, listener),
          disconnect: () => consumer.disconnect(),
          run: (options) => consumer.run({ ...options, eachBatch: (batch, control) => options.eachBatch(batch, observedControl(batch, control)) }),
        };
      },
    };
  }

  return { registry, counter, histogram, stage };
}

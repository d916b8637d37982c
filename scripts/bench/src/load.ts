// Offers applications to the pipeline like front offices do, and follows their status events: each
// application's latency runs from its produce time (also in its `bench_produced_at` header) to the
// moment this process sees its `delivered` event.
import { createSubmissionRecord, type Consumer, type Producer } from '@amtsbote/core';
import type { ApplicationStatus } from '@amtsbote/schemas';
import type { IntegrationEnvironment } from '@amtsbote/testing';
import type { Mix } from './mix.js';

/** Where one delivered application's time went, in ms; the stages add up to `latency`. */
export interface Sample {
  latency: number;
  /** Produced → the translator took it (`received`): the queue on applications.submitted, fetch, decode. */
  toTranslator: number;
  /** `received` → the translator produced its outputs (`translated` record's timestamp): map, validate, encode, produce. */
  translator: number;
  /** → `delivered`: xoev.outbound, dispatch to the lane, the lane, the back office's HTTP intake. */
  delivery: number;
  /** `delivered` → seen here: the status event's produce and fetch. */
  statusBack: number;
}

interface Tracked {
  producedAt: number;
  phase: string;
  receivedAt?: number;
  translatedAt?: number;
}

export interface Load {
  /** Produces `count` applications of the mix at once, stamped with the time of sending. */
  produce(count: number, phase: string): Promise<void>;
  /** Applications produced and neither delivered nor failed yet. */
  inFlight(): number;
  /** Delivered applications so far (first `delivered` event of each). */
  delivered(): number;
  /** Applications that ended `rejected` or `delivery_failed`. */
  failed(): number;
  samples(phase: string): Sample[];
  /** Resolves once nothing is in flight; false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export const PRODUCED_AT_HEADER = 'bench_produced_at';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startLoad(env: IntegrationEnvironment, mix: Mix): Promise<Load> {
  const tracked = new Map<string, Tracked>();
  const samples = new Map<string, Sample[]>();
  let next = 0;
  let delivered = 0;
  let failed = 0;

  const producer: Producer = env.kafka.producer();
  await producer.connect();
  const consumer: Consumer = env.kafka.consumer({ groupId: `${env.topicPrefix}bench-status` });
  const joined = new Promise<void>((resolve) => consumer.on('joined', () => resolve()));
  await consumer.connect();
  await consumer.subscribe([env.contracts.status.topic], { fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 6,
    eachBatch: async (batch, control) => {
      for (const record of batch.records) {
        const event = await env.codec.decode<ApplicationStatus>(record.value);
        const seenAt = Date.now();
        const app = tracked.get(event.applicationId);
        if (!app || event.replay) continue;
        if (event.status === 'received') app.receivedAt = event.occurredAt.getTime();
        else if (event.status === 'translated') app.translatedAt = record.timestamp.getTime();
        else if (event.status === 'rejected' || event.status === 'delivery_failed') {
          failed++;
          tracked.delete(event.applicationId);
        } else if (event.status === 'delivered') {
          delivered++;
          tracked.delete(event.applicationId);
          const deliveredAt = event.occurredAt.getTime();
          const receivedAt = app.receivedAt ?? app.producedAt;
          const translatedAt = app.translatedAt ?? receivedAt;
          const list = samples.get(app.phase) ?? [];
          list.push({
            latency: seenAt - app.producedAt,
            toTranslator: receivedAt - app.producedAt,
            translator: translatedAt - receivedAt,
            delivery: deliveredAt - translatedAt,
            statusBack: seenAt - deliveredAt,
          });
          samples.set(app.phase, list);
        }
      }
      const last = batch.records.at(-1);
      if (last) await control.commit((BigInt(last.offset) + 1n).toString());
    },
  });
  await joined;

  return {
    async produce(count, phase) {
      const submissions = Array.from({ length: count }, () => mix(next++));
      const records = await Promise.all(submissions.map((s) => createSubmissionRecord(env.codec, env.contracts.submitted, s)));
      const producedAt = Date.now();
      for (const [i, record] of records.entries()) {
        record.headers[PRODUCED_AT_HEADER] = String(producedAt);
        tracked.set(submissions[i]!.applicationId, { producedAt, phase });
      }
      await producer.send(records);
    },
    inFlight: () => tracked.size,
    delivered: () => delivered,
    failed: () => failed,
    samples: (phase) => samples.get(phase) ?? [],
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (tracked.size > 0) {
        if (Date.now() > deadline) return false;
        await sleep(100);
      }
      return true;
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

/** Keeps `inFlight` applications in the pipeline for `seconds`: it runs as fast as it can (saturation). */
export async function closedLoop(load: Load, options: { inFlight: number; seconds: number; phase: string }): Promise<void> {
  const end = Date.now() + options.seconds * 1000;
  while (Date.now() < end) {
    const room = options.inFlight - load.inFlight();
    if (room > 0) await load.produce(Math.min(room, 500), options.phase);
    else await sleep(10);
  }
}

/**
 * Offers `rate` applications per second for `seconds`, whether or not the pipeline keeps up (open
 * loop: a slow pipeline does not slow the offer). Stops early once `maxBacklog` are in flight, so an
 * overloaded pipeline's backlog stays drainable; returns whether it did.
 */
export async function openLoop(load: Load, options: { rate: number; seconds: number; phase: string; maxBacklog: number }): Promise<{ overloadedAfter?: number }> {
  const started = Date.now();
  const sends: Promise<void>[] = [];
  let sent = 0;
  let overloadedAfter: number | undefined;
  for (let elapsed = 0; elapsed < options.seconds * 1000; elapsed = Date.now() - started) {
    const due = Math.min(Math.floor((options.rate * elapsed) / 1000), Math.round(options.rate * options.seconds)) - sent;
    if (due > 0) {
      if (load.inFlight() > options.maxBacklog) {
        overloadedAfter = elapsed / 1000;
        break;
      }
      sends.push(load.produce(due, options.phase));
      sent += due;
    }
    // Ticks of 20 ms: at 1000/s a request of 20 records, not 20 requests of one.
    await sleep(20);
  }
  await Promise.all(sends);
  return overloadedAfter === undefined ? {} : { overloadedAfter };
}

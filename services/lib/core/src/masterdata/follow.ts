import { AmtsboteError } from '../errors.js';
import type { KafkaClient } from '../kafka/types.js';
import type { Logger } from '../logger.js';
import { createMasterDataLog, type MasterDataLog, type RefusedImport } from './log-state.js';
import { decodeMasterDataRecord, type MasterDataRecord } from './records.js';
import { masterDataKinds, type MasterDataTopics } from './topics.js';

/** Options of a reader of the master-data topics. */
export interface FollowOptions {
  /** A consumer group of its own: every reader starts at the beginning of the topics. */
  groupId: string;
  logger: Logger;
  /** Receives the decoded records of each fetched batch, in offset order per topic. */
  onRecords(records: MasterDataRecord[]): void;
  /** How long catching up may take before it is given up (default 120 s). */
  catchUpTimeoutMs?: number;
}

/** A running reader of the master-data topics. */
export interface MasterDataFollower {
  /**
   * Resolves once every record before the end offsets noted at start was handed to `onRecords`,
   * with the end offset of the imports topic; rejects if that takes longer than the timeout.
   */
  caughtUp: Promise<bigint>;
  stop(): Promise<void>;
}

/**
 * Reads the master-data topics from the beginning and keeps following them. Notes the end offsets
 * first, the imports topic before the others: an import's marker is written only after its records
 * are acknowledged, so every marker below the noted end has its records below the other topics' ends.
 */
export async function followMasterDataTopics(kafka: KafkaClient, topics: MasterDataTopics, options: FollowOptions): Promise<MasterDataFollower> {
  const names = [topics.imports, ...masterDataKinds.map((kind) => topics[kind])];
  const ends = new Map<string, bigint>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = names.filter((name) => !existing.has(name));
    if (missing.length > 0) {
      throw new AmtsboteError('AMTSBOTE_MASTERDATA_UNAVAILABLE', `master-data topics missing: ${missing.join(', ')}; create them with \`amtsbote topics apply\``, {
        retriable: true,
      });
    }
    for (const name of names) {
      for (const [partition, offset] of await admin.endOffsets(name)) ends.set(`${name}:${partition}`, BigInt(offset));
    }
  } finally {
    await admin.disconnect();
  }

  const positions = new Map<string, bigint>();
  let resolveCaughtUp!: (importsEnd: bigint) => void;
  let rejectCaughtUp!: (err: Error) => void;
  let done = false;
  const caughtUp = new Promise<bigint>((resolve, reject) => {
    resolveCaughtUp = resolve;
    rejectCaughtUp = reject;
  });
  const check = () => {
    if (done) return;
    for (const [key, end] of ends) if ((positions.get(key) ?? 0n) < end) return;
    done = true;
    clearTimeout(timer);
    resolveCaughtUp(ends.get(`${topics.imports}:0`) ?? 0n);
  };
  const timeoutMs = options.catchUpTimeoutMs ?? 120_000;
  const timer = setTimeout(() => {
    if (done) return;
    done = true;
    const behind = [...ends].filter(([key, end]) => (positions.get(key) ?? 0n) < end).map(([key, end]) => `${key} at ${positions.get(key) ?? 0n} of ${end}`);
    rejectCaughtUp(
      new AmtsboteError('AMTSBOTE_MASTERDATA_UNAVAILABLE', `master data not read to the end within ${timeoutMs} ms: ${behind.join(', ')}`, { retriable: true }),
    );
  }, timeoutMs);
  // Keep the promise from counting as unhandled when the caller stops before awaiting it.
  caughtUp.catch(() => {});

  const consumer = kafka.consumer({ groupId: options.groupId });
  consumer.on('crashed', (detail) => options.logger.error({ detail }, 'master-data consumer crashed'));
  try {
    await consumer.connect();
    await consumer.subscribe(names, { fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: names.length,
      eachBatch: async (batch, control) => {
        const last = batch.records.at(-1);
        if (!last) return;
        options.onRecords(batch.records.map((record) => decodeMasterDataRecord(topics, record)));
        const next = BigInt(last.offset) + 1n;
        positions.set(`${batch.topic}:${batch.partition}`, next);
        check();
        // A group of its own, so the commit only keeps the consumer moving; nobody resumes from it.
        await control.commit(next.toString());
      },
    });
  } catch (err) {
    clearTimeout(timer);
    done = true;
    await consumer.disconnect().catch(() => {});
    throw err;
  }
  check();

  return {
    caughtUp,
    async stop() {
      clearTimeout(timer);
      if (!done) {
        done = true;
        rejectCaughtUp(new AmtsboteError('AMTSBOTE_MASTERDATA_UNAVAILABLE', 'master-data reader stopped before it caught up'));
      }
      await consumer.disconnect();
    },
  };
}

/** The master data in the topics right now, read once from the beginning, and the log it was read into. */
export interface MasterDataSnapshot {
  log: MasterDataLog;
  /** Committed imports that were not applied because the master data they lead to is invalid. */
  refused: RefusedImport[];
  /** The end offset of the imports topic when reading started. */
  importsEnd: bigint;
}

/** Reads the master-data topics once, up to their current end, and applies every committed import. */
export async function readMasterDataSnapshot(
  kafka: KafkaClient,
  topics: MasterDataTopics,
  options: { groupId: string; logger: Logger; catchUpTimeoutMs?: number },
): Promise<MasterDataSnapshot> {
  const log = createMasterDataLog();
  const follower = await followMasterDataTopics(kafka, topics, { ...options, onRecords: (records) => records.forEach((r) => log.add(r)) });
  let importsEnd: bigint;
  try {
    importsEnd = await follower.caughtUp;
  } finally {
    await follower.stop();
  }
  return { log, refused: log.applyCommitted(importsEnd).refused, importsEnd };
}

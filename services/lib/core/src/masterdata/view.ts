import { randomUUID } from 'node:crypto';
import { AmtsboteError } from '../errors.js';
import type { KafkaClient } from '../kafka/types.js';
import type { Logger } from '../logger.js';
import { countMasterDataDiff, describeMasterDataDiff, diffMasterData, type MasterDataDiff } from './diff.js';
import { followMasterDataTopics, type MasterDataFollower } from './follow.js';
import { createMasterDataLog } from './log-state.js';
import { createRouter, type Router } from './router.js';
import type { MasterData } from './schema.js';
import { masterDataTopicsFor } from './topics.js';

/** A change of the master data in force, after an import was applied. */
export interface MasterDataChange {
  /** The import that was applied. */
  importId: string;
  diff: MasterDataDiff;
  data: MasterData;
}

/** An import the view refused because the master data it would lead to is invalid. */
export interface MasterDataRefusal {
  importId: string;
  /** Named by file, entry and field. */
  problems: string[];
}

/** The master data in memory, kept up to date from the compacted topics while the service runs. */
export interface MasterDataView {
  /**
   * Reads the topics from the beginning; resolves once caught up to their end offsets with valid master
   * data (imports that lead to invalid data are refused and logged, as while running). Rejects
   * (AMTSBOTE_MASTERDATA_UNAVAILABLE) if the topics are missing or nothing was imported yet, and
   * (AMTSBOTE_MASTERDATA_INVALID) if every import there is was refused.
   */
  start(): Promise<void>;
  /** The router over the master data in force; pass `() => view.router()` to services, so each record sees the newest. */
  router(): Router;
  data(): MasterData;
  /** The newest applied import. */
  importId(): string | null;
  /** True between a successful start and stop. */
  ready(): boolean;
  /** Calls `listener` after each applied import; returns a function that unsubscribes. */
  onChange(listener: (change: MasterDataChange) => void): () => void;
  /** Calls `listener` for each refused import (already logged as an error); returns a function that unsubscribes. */
  onRefused(listener: (refusal: MasterDataRefusal) => void): () => void;
  stop(): Promise<void>;
}

/** Options of a master-data view. */
export interface MasterDataViewOptions {
  /** TOPIC_PREFIX. */
  prefix?: string;
  logger: Logger;
  /** Defaults to a fresh group per view: every view reads from the beginning. */
  groupId?: string;
  catchUpTimeoutMs?: number;
  /** Refuse to start while no import has been made (default true): routing nothing would dead-letter every application. */
  requireData?: boolean;
}

/**
 * Creates a view of the master-data topics. Every complete import is applied atomically; the full
 * resulting state is cross-checked before the router is swapped, and an invalid state is refused
 * and logged while the previous router stays in force.
 */
export function createMasterDataView(kafka: KafkaClient, options: MasterDataViewOptions): MasterDataView {
  const { logger } = options;
  const topics = masterDataTopicsFor(options.prefix);
  const log = createMasterDataLog();
  const listeners = new Set<(change: MasterDataChange) => void>();
  const refusalListeners = new Set<(refusal: MasterDataRefusal) => void>();
  let current: { data: MasterData; router: Router } | null = null;
  let follower: MasterDataFollower | null = null;
  let live = false;

  const logWarnings = () => {
    for (const warning of log.drainWarnings()) logger.warn({ warning }, 'master-data record ignored');
  };

  const notify = <T>(targets: Set<(event: T) => void>, event: T) => {
    for (const listener of targets) {
      try {
        listener(event);
      } catch (err) {
        logger.error({ err }, 'master-data listener failed');
      }
    }
  };

  const applyReady = () => {
    if (!live || !current) return;
    for (const importId of log.ready()) {
      const before = current.data;
      const result = log.apply([importId]);
      if (!result.ok) {
        logger.error(
          { importId, problems: result.problems, inForce: log.lastImportId() },
          `master-data import ${importId} refused, the previous master data stays in force:\n  ${result.problems.join('\n  ')}`,
        );
        notify(refusalListeners, { importId, problems: result.problems });
        continue;
      }
      current = { data: result.data, router: createRouter(result.data) };
      const diff = diffMasterData(before, result.data);
      logger.info({ importId, changes: countMasterDataDiff(diff), lines: describeMasterDataDiff(diff) }, 'master data changed');
      notify(listeners, { importId, diff, data: result.data });
    }
  };

  return {
    async start() {
      follower = await followMasterDataTopics(kafka, topics, {
        groupId: options.groupId ?? `amtsbote-masterdata-view-${randomUUID()}`,
        logger,
        ...(options.catchUpTimeoutMs ? { catchUpTimeoutMs: options.catchUpTimeoutMs } : {}),
        onRecords(records) {
          for (const record of records) log.add(record);
          logWarnings();
          applyReady();
        },
      });
      try {
        const importsEnd = await follower.caughtUp;
        const { data, refused } = log.applyCommitted(importsEnd);
        for (const refusal of refused) {
          logger.error(refusal, `master-data import ${refusal.importId} refused:\n  ${refusal.problems.join('\n  ')}`);
          notify(refusalListeners, refusal);
        }
        if ((options.requireData ?? true) && log.lastImportId() === null) {
          if (refused.length > 0) {
            const problems = refused.flatMap((r) => r.problems);
            throw new AmtsboteError('AMTSBOTE_MASTERDATA_INVALID', `the master data in the topics is invalid:\n  ${problems.join('\n  ')}`);
          }
          throw new AmtsboteError('AMTSBOTE_MASTERDATA_UNAVAILABLE', `no master data in ${topics.imports}: import it with \`amtsbote masterdata import\``, {
            retriable: true,
          });
        }
        current = { data, router: createRouter(data) };
        live = true;
        const counts = Object.fromEntries(Object.entries(data).map(([kind, list]) => [kind, (list as unknown[]).length]));
        logger.info({ importId: log.lastImportId(), counts }, 'master data read');
        applyReady();
      } catch (err) {
        await follower.stop().catch(() => {});
        follower = null;
        throw err;
      }
    },

    router() {
      if (!current) throw new AmtsboteError('AMTSBOTE_MASTERDATA_UNAVAILABLE', 'the master-data view has not been started', { retriable: true });
      return current.router;
    },
    data() {
      if (!current) throw new AmtsboteError('AMTSBOTE_MASTERDATA_UNAVAILABLE', 'the master-data view has not been started', { retriable: true });
      return current.data;
    },
    importId: () => log.lastImportId(),
    ready: () => live,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onRefused(listener) {
      refusalListeners.add(listener);
      return () => refusalListeners.delete(listener);
    },
    async stop() {
      live = false;
      await follower?.stop();
      follower = null;
    },
  };
}

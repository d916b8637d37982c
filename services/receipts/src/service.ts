import { join } from 'node:path';
import {
  AmtsboteError,
  pipelineSettingsOf,
  stageSettingsOf,
  startPipelineService,
  type Destination,
  type Inbox,
  type Logger,
  type PipelineRuntime,
  type PipelineService,
  type ServiceIdentity,
} from '@amtsbote/core';
import { createFolderInbox } from '@amtsbote/connector-folder';
import { createSftpInbox } from '@amtsbote/connector-sftp';
import { contractsFor, deadLetterTopicOf } from '@amtsbote/schemas';
import { createXsdValidatorCache, REPLY_TYPES } from '@amtsbote/xoev';
import type { ReceiptsConfig } from './config.js';
import { startHttpIntake } from './http-intake.js';
import { startInboxPoller } from './inbox-poller.js';
import { createMessageIndex, type MessageIndex } from './message-index.js';
import { createReplyIntake, type ReplyIntake, type ValidateReply } from './reply-intake.js';
import { createReplyProcessing } from './reply-processing.js';

/** A started receipts service; `port` is where back offices post their replies. */
export interface ReceiptsService extends PipelineService {
  port: number;
}

/** Starts the receipts service with validated settings: the whole service, as main.ts and tests run it. */
export async function startReceiptsService(config: ReceiptsConfig, deps: { logger: Logger; service: ServiceIdentity }): Promise<ReceiptsService> {
  const { logger, service } = deps;
  const contracts = contractsFor(config.TOPIC_PREFIX);
  // Every reply type's schema is compiled now: a missing one must stop the start, not the first reply.
  const schemas = createXsdValidatorCache();
  for (const type of REPLY_TYPES) schemas.get(join(config.XOEV_SCHEMA_DIR, type.schemaFile));
  const validate: ValidateReply = (type, xml) => schemas.get(join(config.XOEV_SCHEMA_DIR, type.schemaFile)).validate(xml);
  let index: MessageIndex | undefined;
  let http: Awaited<ReturnType<typeof startHttpIntake>> | undefined;
  const pollers = new Map<string, { settings: string; stop(): Promise<void> }>();

  /** Polls the inbox of every destination that has one; restarts a poller whose settings changed. */
  function followInboxes(runtime: PipelineRuntime, intake: ReplyIntake): void {
    const inboxOf = (destination: Destination): Inbox | undefined => {
      const settings = destination.replies?.inbox;
      const inboxLogger = logger.child({ destination: destination.id });
      if (settings?.type === 'folder') return createFolderInbox(settings, { logger: inboxLogger });
      if (settings?.type === 'sftp') return createSftpInbox(settings, { logger: inboxLogger });
      return undefined;
    };
    const sync = () => {
      const wanted = new Map(runtime.masterData.data().destinations.filter((d) => d.replies?.inbox).map((d) => [d.id, d]));
      for (const [id, poller] of pollers) {
        if (wanted.get(id) && JSON.stringify(wanted.get(id)!.replies!.inbox) === poller.settings) continue;
        pollers.delete(id);
        void poller.stop();
      }
      for (const [id, destination] of wanted) {
        if (pollers.has(id)) continue;
        const inbox = inboxOf(destination)!;
        const poller = startInboxPoller({
          inbox,
          destinationId: id,
          channel: destination.replies!.inbox!.type,
          intake,
          producer: runtime.producer,
          deadLetterTopic: deadLetterTopicOf(contracts.replies.topic),
          service,
          logger,
          intervalMs: config.RECEIPTS_INBOX_INTERVAL_MS,
          maxBytes: config.RECEIPTS_MAX_BODY_BYTES,
        });
        pollers.set(id, { settings: JSON.stringify(destination.replies!.inbox), stop: () => poller.stop() });
      }
    };
    sync();
    runtime.masterData.onChange(sync);
  }

  const tls =
    config.RECEIPTS_TLS_CERT_FILE && config.RECEIPTS_TLS_KEY_FILE
      ? {
          certFile: config.RECEIPTS_TLS_CERT_FILE,
          keyFile: config.RECEIPTS_TLS_KEY_FILE,
          ...(config.RECEIPTS_TLS_CLIENT_CA_FILE ? { clientCaFile: config.RECEIPTS_TLS_CLIENT_CA_FILE } : {}),
          ...(config.RECEIPTS_TLS_CRL_FILE ? { crlFile: config.RECEIPTS_TLS_CRL_FILE } : {}),
        }
      : undefined;
  if (!tls && !['127.0.0.1', 'localhost', '::1'].includes(config.RECEIPTS_HOST)) {
    throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `RECEIPTS_HOST ${config.RECEIPTS_HOST} is not loopback: set RECEIPTS_TLS_CERT_FILE and RECEIPTS_TLS_KEY_FILE`);
  }

  const running = await startPipelineService({
    service,
    logger,
    ...pipelineSettingsOf(config),
    writes: [contracts.replies, contracts.status],
    async start(runtime) {
      index = createMessageIndex({ kafka: runtime.kafka, codec: runtime.codec, topic: contracts.outbound.topic, logger });
      await index.start();
      const intake = createReplyIntake({
        codec: runtime.codec,
        contract: contracts.replies,
        producer: runtime.producer,
        index,
        validate,
        limits: { maxBytes: config.RECEIPTS_MAX_BODY_BYTES },
      });
      http = await startHttpIntake({
        intake,
        destinations: () => runtime.masterData.data().destinations,
        logger,
        maxBodyBytes: config.RECEIPTS_MAX_BODY_BYTES,
        port: config.RECEIPTS_PORT,
        host: config.RECEIPTS_HOST,
        ...(tls ? { tls } : {}),
      });
      followInboxes(runtime, intake);
      await runtime.startStage({
        ...stageSettingsOf(config),
        topics: [contracts.replies.topic],
        handlers: createReplyProcessing({ codec: runtime.codec, contracts, index, service, metrics: runtime.metrics }),
      });
    },
  });
  return {
    healthPort: running.healthPort,
    port: http!.port,
    async stop() {
      // Take nothing new, then let the stage finish what was taken.
      await http?.close();
      await Promise.all([...pollers.values()].map((p) => p.stop()));
      await running.stop();
      await index?.stop();
      schemas.close();
    },
  };
}

import {
  AmtsboteError,
  createStatusRecord,
  traceIdOf,
  type AvroCodec,
  type ServiceIdentity,
  type ServiceMetrics,
  type StageHandlers,
} from '@amtsbote/core';
import type { BackofficeReply, Contracts } from '@amtsbote/schemas';
import { classifyReply, parseHostileXml } from '@amtsbote/xoev';
import type { MessageIndex } from './message-index.js';

/**
 * The reply stage: reads stored replies, finds the application each one answers, and publishes its
 * status event (`acknowledged`, `rejected`, `in_progress`, `decided` with outcome). A reply that
 * refers to nothing Amtsbote sent, or that came from another back office than the message went to,
 * is dead-lettered and counted, never dropped.
 */
export function createReplyProcessing(options: {
  codec: AvroCodec;
  contracts: Contracts;
  index: MessageIndex;
  service: ServiceIdentity;
  metrics: ServiceMetrics;
}): StageHandlers {
  const { codec, contracts, index } = options;
  const source = `amtsbote/${options.service.name}`;
  const correlated = options.metrics.counter({
    name: 'amtsbote_replies_total',
    help: 'Replies turned into status events, by kind.',
    labelNames: ['kind'],
  });
  const uncorrelated = options.metrics.counter({
    name: 'amtsbote_replies_uncorrelated_total',
    help: 'Replies that refer to no message Amtsbote sent (dead-lettered).',
  });
  return {
    async process(record) {
      const reply = await codec.decode<BackofficeReply>(record.value);
      // Stored replies passed the hardened parse at intake; reading them again costs less than storing what it found.
      const classified = classifyReply(parseHostileXml(reply.payload));
      const sent = await index.find(reply.inReplyTo);
      if (!sent) {
        uncorrelated.inc();
        throw new AmtsboteError('AMTSBOTE_REPLY_UNCORRELATED', `reply ${reply.replyId} refers to ${reply.inReplyTo}, which Amtsbote never sent`);
      }
      if (!reply.senderDestinationIds.includes(sent.destinationId)) {
        throw new AmtsboteError('AMTSBOTE_REPLY_REFUSED', `reply ${reply.replyId} answers message ${sent.messageId} of ${sent.destinationId}, for which its sender (${reply.senderDestinationIds.join(', ')}) does not speak`);
      }
      correlated.inc({ kind: classified.kind });
      // A reply the intake could not trace to its message yet started a trace of its own; its status joins the message's.
      const traceparent =
        sent.traceparent && traceIdOf(record.headers['traceparent']) !== traceIdOf(sent.traceparent) ? sent.traceparent : record.headers['traceparent'];
      return [
        await createStatusRecord(codec, contracts.status, {
          applicationId: sent.applicationId,
          status: classified.kind,
          // The intake may not have known the application yet; the status belongs to its correlation.
          cause: { ...record.headers, correlationid: sent.applicationId, ...(traceparent ? { traceparent } : {}) },
          causationId: reply.replyId,
          source,
          messageId: sent.messageId,
          destinationId: sent.destinationId,
          outcome: classified.outcome?.code ?? null,
          detail: [`${reply.standard} ${reply.messageType}`, classified.detail].filter(Boolean).join(': '),
        }),
      ];
    },
    // Without a known application there is no status to publish; the dead letter and the counter are the record of it.
    onDeadLetter: async () => [],
  };
}

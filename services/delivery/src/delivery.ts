import {
  AmtsboteError,
  createStatusRecord,
  type AvroCodec,
  type ConsumedRecord,
  type OutgoingRecord,
  type Router,
  type ServiceIdentity,
} from '@amtsbote/core';
import type { Contracts, XoevMessage } from '@amtsbote/schemas';
import type { ConnectorPool } from './connector-pool.js';

/** What the delivery service needs; main.ts wires the real parts. */
export interface DeliveryOptions {
  codec: AvroCodec;
  contracts: Contracts;
  router: () => Router;
  connectors: ConnectorPool;
  service: ServiceIdentity;
  /** How long a message may keep failing with retriable errors before it is given up. */
  maxElapsedMs: number;
  now?: () => number;
}

/** Hands XÖV messages to their back offices and reports `delivered` or `delivery_failed`. */
export interface Delivery {
  process(record: ConsumedRecord): Promise<OutgoingRecord[]>;
  onDeadLetter(record: ConsumedRecord, error: AmtsboteError): Promise<OutgoingRecord[]>;
}

/** Creates the delivery step. */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { codec, contracts, service } = options;
  const now = options.now ?? Date.now;
  const source = `amtsbote/${service.name}`;
  /** When each message first failed; a restart starts the clock again, which only ever delays giving up. */
  const failingSince = new Map<string, number>();
  const decoded = new WeakMap<ConsumedRecord, XoevMessage>();

  return {
    async process(record) {
      const message = await codec.decode<XoevMessage>(record.value);
      decoded.set(record, message);
      const destination = options.router().destination(message.destinationId);
      if (!destination) {
        throw new AmtsboteError('AMTSBOTE_NO_ROUTE', `destination ${message.destinationId} is not in the master data`);
      }
      let receipt;
      try {
        const connector = await options.connectors.for(destination);
        receipt = await connector.deliver(message);
      } catch (err) {
        if (!(err instanceof AmtsboteError) || !err.retriable) throw err;
        const since = failingSince.get(message.messageId) ?? now();
        failingSince.set(message.messageId, since);
        if (now() - since < options.maxElapsedMs) throw err;
        failingSince.delete(message.messageId);
        throw new AmtsboteError(
          'AMTSBOTE_DELIVERY_EXHAUSTED',
          `gave up after ${Math.round((now() - since) / 1000)} s of retriable errors; last: ${err.message}`,
          { cause: err },
        );
      }
      failingSince.delete(message.messageId);
      return [
        await createStatusRecord(codec, contracts.status, {
          applicationId: message.applicationId,
          status: 'delivered',
          cause: record.headers,
          causationId: message.messageId,
          source,
          messageId: message.messageId,
          destinationId: destination.id,
          detail: receipt.duplicate ? 'the back office already had this message' : (receipt.reference ?? null),
        }),
      ];
    },

    async onDeadLetter(record, error) {
      const message = decoded.get(record);
      const applicationId = message?.applicationId ?? record.key?.toString('utf8');
      if (!applicationId) return [];
      return [
        await createStatusRecord(codec, contracts.status, {
          applicationId,
          status: 'delivery_failed',
          cause: record.headers,
          causationId: message?.messageId ?? `${record.topic}/${record.partition}/${record.offset}`,
          source,
          messageId: message?.messageId ?? null,
          destinationId: message?.destinationId ?? null,
          detail: error.message,
          problems: error.toProblems(),
        }),
      ];
    },
  };
}

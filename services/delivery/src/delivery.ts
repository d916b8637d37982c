import {
  AmtsboteError,
  createStatusRecord,
  failpoint,
  isRetriable,
  type AvroCodec,
  type ConsumedRecord,
  type DeliveryReceipt,
  type Destination,
  type OutgoingRecord,
  type RetryPolicy,
  type Router,
  type ServiceIdentity,
  type ServiceMetrics,
  type StageHandlers,
} from '@amtsbote/core';
import type { Contracts, XoevMessage } from '@amtsbote/schemas';
import type { ConnectorPool } from './connector-pool.js';

/** Retry settings for destinations whose master data sets none. */
export interface DeliveryDefaults extends RetryPolicy {
  /** How long a message may keep failing with retriable errors before it is given up. */
  maxElapsedMs: number;
}

/** What the delivery service needs; service.ts wires the real parts. */
export interface DeliveryOptions {
  codec: AvroCodec;
  contracts: Contracts;
  router: () => Router;
  connectors: ConnectorPool;
  service: ServiceIdentity;
  /** Opens the destination's lane (if needed) and returns its topic. */
  laneOf(destinationId: string): Promise<string>;
  defaults: DeliveryDefaults;
  metrics: ServiceMetrics;
  now?: () => number;
}

/**
 * The two steps of delivery. `dispatch` reads every XÖV message and queues it, unchanged, on its
 * destination's lane; it never waits for a back office. `deliver` runs once per lane and hands the
 * messages to the back office, retrying while it is unavailable. Both report `delivery_failed` for
 * what they give up; `deliver` reports `delivered`.
 */
export interface Delivery {
  dispatch: StageHandlers;
  deliver: StageHandlers;
  /** The retry policy of a destination in force, for its lane's stage. */
  retryPolicyOf(destinationId: string): RetryPolicy;
}

/** Creates the delivery steps. */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { codec, contracts, service, defaults } = options;
  const now = options.now ?? Date.now;
  const source = `amtsbote/${service.name}`;
  /** When each message first failed; a restart starts the clock again, which only ever delays giving up. */
  const failingSince = new Map<string, number>();
  const decoded = new WeakMap<ConsumedRecord, XoevMessage>();
  const deliveryTime = options.metrics.histogram({
    name: 'amtsbote_delivery_seconds',
    help: 'Time a back office (or its share) took to take a message, by destination and outcome: delivered, retriable_error or permanent_error.',
    labelNames: ['destination', 'outcome'],
  });

  /** Hands a message to its back office, timed. */
  async function timedDelivery(destinationId: string, deliver: () => Promise<DeliveryReceipt>): Promise<DeliveryReceipt> {
    const stop = deliveryTime.startTimer({ destination: destinationId });
    try {
      const receipt = await deliver();
      stop({ outcome: 'delivered' });
      return receipt;
    } catch (err) {
      stop({ outcome: isRetriable(err) ? 'retriable_error' : 'permanent_error' });
      throw err;
    }
  }

  async function decode(record: ConsumedRecord): Promise<XoevMessage> {
    const message = await codec.decode<XoevMessage>(record.value);
    decoded.set(record, message);
    return message;
  }

  function destinationOf(message: XoevMessage): Destination {
    const destination = options.router().destination(message.destinationId);
    if (!destination) {
      throw new AmtsboteError('AMTSBOTE_NO_ROUTE', `destination ${message.destinationId} is not in the master data`);
    }
    return destination;
  }

  const policyOf = (destination: Destination | undefined) => ({
    initialDelayMs: destination?.delivery?.initialDelayMs ?? defaults.initialDelayMs,
    maxDelayMs: destination?.delivery?.maxDelayMs ?? defaults.maxDelayMs,
    maxElapsedMs: destination?.delivery?.maxElapsedMs ?? defaults.maxElapsedMs,
  });

  async function onDeadLetter(record: ConsumedRecord, error: AmtsboteError): Promise<OutgoingRecord[]> {
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
  }

  return {
    dispatch: {
      async process(record) {
        const destination = destinationOf(await decode(record));
        const lane = await options.laneOf(destination.id);
        return [{ topic: lane, key: record.key, value: record.value, headers: record.headers }];
      },
      onDeadLetter,
    },

    deliver: {
      async process(record) {
        const message = await decode(record);
        const destination = destinationOf(message);
        let receipt;
        try {
          const connector = await options.connectors.for(destination);
          receipt = await timedDelivery(destination.id, () => connector.deliver(message));
        } catch (err) {
          if (!(err instanceof AmtsboteError) || !err.retriable) throw err;
          const since = failingSince.get(message.messageId) ?? now();
          failingSince.set(message.messageId, since);
          if (now() - since < policyOf(destination).maxElapsedMs) throw err;
          failingSince.delete(message.messageId);
          throw new AmtsboteError(
            'AMTSBOTE_DELIVERY_EXHAUSTED',
            `gave up after ${Math.round((now() - since) / 1000)} s of retriable errors; last: ${err.message}`,
            { cause: err },
          );
        }
        failpoint('delivery.after-deliver');
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
      onDeadLetter,
    },

    retryPolicyOf: (destinationId) => policyOf(options.router().destination(destinationId)),
  };
}

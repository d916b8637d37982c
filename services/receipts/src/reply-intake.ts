import { AmtsboteError, toHeaders, nextTraceparent, type AvroCodec, type OutgoingRecord, type Problem, type Producer } from '@amtsbote/core';
import type { BackofficeReply, Contract } from '@amtsbote/schemas';
import { classifyReply, deriveObjectId, parseHostileXml, ReplyError, type ClassifiedReply, type HostileXmlLimits, type ReplyType } from '@amtsbote/xoev';
import type { MessageIndex } from './message-index.js';

/** A reply as it came in, with the destinations its sender proved to speak for. */
export interface IncomingReply {
  payload: Buffer;
  senderDestinationIds: string[];
  channel: BackofficeReply['channel'];
  fileName?: string;
}

/** What the sender is told about a reply that was stored. */
export interface StoredReply {
  replyId: string;
  inReplyTo: string;
  kind: ClassifiedReply['kind'];
  messageType: string;
}

/**
 * A reply Amtsbote will not take, with the HTTP status that says why: 400 not a readable reply,
 * 403 about a message that went to another back office, 422 against its official schema. Its
 * message never quotes the reply.
 */
export class RefusedReply extends AmtsboteError {
  constructor(
    readonly status: 400 | 403 | 422,
    message: string,
    options: { problems?: Problem[]; cause?: unknown } = {},
  ) {
    super('AMTSBOTE_REPLY_REFUSED', message, options);
  }
}

/** Checks a reply against the official XSD of its type. */
export type ValidateReply = (type: ReplyType, xml: Buffer) => { valid: boolean; errors: { message: string; path: string | null }[] };

/** Options of the intake. */
export interface ReplyIntakeOptions {
  codec: AvroCodec;
  /** `contracts.replies`. */
  contract: Contract;
  producer: Producer;
  index: MessageIndex;
  validate: ValidateReply;
  limits?: HostileXmlLimits;
  /** How long storing may take before the sender is told to try again (the record may still land: replies are deduplicated). */
  storeTimeoutMs?: number;
}

/** Reads, checks and stores replies, whatever channel they came by. */
export interface ReplyIntake {
  /** Resolves once the reply is stored in `backoffice.replies.v1`; rejects with RefusedReply, or a retriable error if it could not be stored. */
  take(reply: IncomingReply): Promise<StoredReply>;
}

/**
 * Creates the intake. A reply is parsed hardened (no DOCTYPE, no entities, caps on size, depth and
 * references), classified, validated against its official XSD and, where the message it answers is
 * known already, checked to come from the back office that message went to. Only then is it stored;
 * correlating it to its application is the reply stage's work, after the sender has its answer.
 */
export function createReplyIntake(options: ReplyIntakeOptions): ReplyIntake {
  const { codec, contract, producer, index } = options;
  const storeTimeoutMs = options.storeTimeoutMs ?? 10_000;

  function classify(payload: Buffer): ClassifiedReply {
    try {
      return classifyReply(parseHostileXml(payload, options.limits));
    } catch (err) {
      if (err instanceof ReplyError) {
        throw new RefusedReply(400, `${err.code}: ${err.message}`, {
          cause: err,
          problems: err.path ? [{ type: 'urn:amtsbote:problem:reply-refused', title: err.message, detail: null, instance: err.path }] : [],
        });
      }
      throw err;
    }
  }

  async function store(record: OutgoingRecord): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not acknowledged by Kafka within ${storeTimeoutMs} ms`)), storeTimeoutMs);
    });
    try {
      await Promise.race([producer.send([record]), timeout]);
    } catch (err) {
      throw new AmtsboteError('AMTSBOTE_KAFKA_UNAVAILABLE', `the reply could not be stored: ${(err as Error).message}`, { retriable: true, cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async take(reply) {
      const classified = classify(reply.payload);
      const result = options.validate(classified.type, reply.payload);
      if (!result.valid) {
        throw new RefusedReply(422, `the reply is not valid against ${classified.type.schemaFile}`, {
          problems: result.errors.map((e) => ({ type: 'urn:amtsbote:problem:schema-invalid', title: e.message, detail: null, instance: e.path })),
        });
      }
      const inReplyTo = classified.referencedMessageId ?? classified.applicationReference;
      if (!inReplyTo) throw new RefusedReply(400, 'the reply names neither a message nor an application it answers');
      const sent = index.lookup(inReplyTo);
      if (sent && !reply.senderDestinationIds.includes(sent.destinationId)) {
        throw new RefusedReply(403, `the reply answers a message that went to a back office its sender does not speak for`);
      }
      // An xdomea receipt carries no id of its own; there is one receipt per message, so it is named by the message it answers.
      const replyId = classified.messageId ?? deriveObjectId(inReplyTo, `reply/${classified.type.messageType}`);
      const value: BackofficeReply = {
        replyId,
        inReplyTo,
        senderDestinationIds: reply.senderDestinationIds,
        channel: reply.channel,
        standard: classified.type.standard,
        standardVersion: classified.type.version,
        messageType: classified.type.messageType,
        fileName: reply.fileName ?? null,
        receivedAt: new Date(),
        payload: reply.payload,
      };
      const subject = sent?.applicationId ?? inReplyTo;
      await store({
        topic: contract.topic,
        key: inReplyTo,
        value: await codec.encode(contract, value),
        headers: toHeaders({
          id: replyId,
          type: contract.ceType,
          source: `backoffice/${sent?.destinationId ?? reply.senderDestinationIds.join('+')}`,
          subject,
          time: value.receivedAt,
          correlationId: subject,
          causationId: inReplyTo,
          // A reply continues the trace of the message it answers; one about a message not known yet starts its own.
          traceparent: nextTraceparent(sent?.traceparent),
        }),
      });
      return { replyId, inReplyTo, kind: classified.kind, messageType: classified.type.messageType };
    },
  };
}

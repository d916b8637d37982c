import {
  AmtsboteError,
  causedBy,
  createStatusRecord,
  deriveEventId,
  problemTypeOf,
  toHeaders,
  type AvroCodec,
  type ConsumedRecord,
  type OutgoingRecord,
  type Router,
  type ServiceIdentity,
} from '@amtsbote/core';
import type { ApplicationSubmitted, Contracts, XoevMessage } from '@amtsbote/schemas';
import { createTextReplacementLog, deriveMessageId } from '@amtsbote/xoev';
import { codeListsFor } from './code-lists.js';
import type { Mapping, MappingRegistry } from './mappings/registry.js';

/** One reason a document was refused: an XSD error or a failed Schematron rule. */
export interface ValidationError {
  message: string;
  /** What kind of check failed, e.g. `XSD validation error` or `Schematron sch-xbau-001 (error)`. */
  title?: string | undefined;
  line?: number | null | undefined;
  /** XPath of the offending node, when the validator knows it. */
  path?: string | null | undefined;
}

/** The outcome of validating one document: every check a mapping's standard publishes. */
export interface ValidationOutcome {
  valid: boolean;
  errors: ValidationError[];
}

/** Validates a mapping's output against what its standard publishes: the XSD and, where there are, Schematron rules. */
export type Validate = (mapping: Mapping, xml: string) => ValidationOutcome;

/** What the translator needs; `main.ts` wires the real parts, tests may wire others. */
export interface TranslatorOptions {
  codec: AvroCodec;
  contracts: Contracts;
  router: () => Router;
  mappings: MappingRegistry;
  validate: Validate;
  service: ServiceIdentity;
  product: { name: string; vendor: string; version: string };
  testMessages: boolean;
  now?: () => Date;
}

/** Turns submissions into validated XÖV messages for the responsible back office. */
export interface Translator {
  process(record: ConsumedRecord): Promise<OutgoingRecord[]>;
  onDeadLetter(record: ConsumedRecord, error: AmtsboteError): Promise<OutgoingRecord[]>;
}

const source = (service: ServiceIdentity) => `amtsbote/${service.name}`;

function applicationIdOf(record: ConsumedRecord): string {
  const key = record.key?.toString('utf8') ?? '';
  if (key === '') {
    throw new AmtsboteError('AMTSBOTE_CONTRACT_VIOLATION', 'record has no key; the key must be the application id');
  }
  return key;
}

/** Creates the translator: decode, route, map, validate, and publish the message with its status events. */
export function createTranslator(options: TranslatorOptions): Translator {
  const { codec, contracts, mappings, service } = options;
  const now = options.now ?? (() => new Date());

  return {
    async process(record) {
      const applicationId = applicationIdOf(record);
      const submission = await codec.decode<ApplicationSubmitted>(record.value);
      if (submission.applicationId !== applicationId) {
        throw new AmtsboteError('AMTSBOTE_CONTRACT_VIOLATION', 'record key differs from the applicationId in the value');
      }
      const status = (report: Omit<Parameters<typeof createStatusRecord>[2], 'applicationId' | 'cause' | 'source'>) =>
        createStatusRecord(codec, contracts.status, {
          applicationId,
          cause: record.headers,
          causationId: submission.eventId,
          source: source(service),
          ...report,
        });

      // One master-data state for the whole message: an import applies from the next one on.
      const router = options.router();
      const route = router.route(submission.tenant, submission.serviceKey);
      if (!route) {
        throw new AmtsboteError('AMTSBOTE_NO_ROUTE', 'no responsible authority for this service in this municipality');
      }
      const { destination } = route;
      const mapping = mappings.find(submission.serviceKey, destination.standard.name, destination.standard.version);
      if (!mapping) {
        throw new AmtsboteError(
          'AMTSBOTE_NO_MAPPING',
          `no mapping of service ${submission.serviceKey} to ${destination.standard.name} ${destination.standard.version}`,
        );
      }

      const messageId = deriveMessageId(submission.eventId, mapping.standard, mapping.messageType);
      const createdAt = now();
      let xml: string;
      const replaced = createTextReplacementLog();
      try {
        xml = mapping.map(submission, {
          messageId,
          createdAt,
          sender: route.sender,
          recipient: route.recipient,
          product: options.product,
          test: options.testMessages,
          codeList: codeListsFor(router, destination),
        }, replaced);
      } catch (err) {
        // Master data that lacks a code list is named as such, not as a failed mapping.
        if (err instanceof AmtsboteError) throw err;
        throw new AmtsboteError('AMTSBOTE_MAPPING_FAILED', `mapping to ${mapping.messageType} failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
      const validation = options.validate(mapping, xml);
      if (!validation.valid) {
        throw new AmtsboteError('AMTSBOTE_SCHEMA_INVALID', `${mapping.messageType} is not valid against the rules of ${mapping.standard} ${mapping.version}`, {
          problems: validation.errors.map((e) => ({
            type: problemTypeOf('AMTSBOTE_SCHEMA_INVALID'),
            title: e.title ?? 'XSD validation error',
            detail: e.message,
            instance: e.path ?? (e.line == null ? null : `line ${e.line}`),
          })),
        });
      }

      const message: XoevMessage = {
        messageId,
        applicationId,
        submissionEventId: submission.eventId,
        serviceKey: submission.serviceKey,
        destinationId: destination.id,
        standard: mapping.standard,
        standardVersion: mapping.version,
        messageType: mapping.messageType,
        contentType: 'application/xml',
        payload: Buffer.from(xml, 'utf8'),
        createdAt,
      };
      const outbound: OutgoingRecord = {
        topic: contracts.outbound.topic,
        key: applicationId,
        value: await codec.encode(contracts.outbound, message),
        headers: toHeaders(
          causedBy(record.headers, {
            id: deriveEventId(messageId, 'outbound'),
            type: contracts.outbound.ceType,
            source: source(service),
            subject: applicationId,
            time: createdAt,
            causationId: submission.eventId,
          }),
          { xoev_message_type: mapping.messageType, xoev_destination: destination.id },
        ),
      };
      const identity = { messageId, destinationId: destination.id };
      return [
        await status({ status: 'received', occurredAt: createdAt }),
        outbound,
        await status({
          status: 'translated',
          occurredAt: createdAt,
          ...identity,
          detail: [
            `${mapping.standard} ${mapping.version} ${mapping.messageType}`,
            // Which fields had characters the standard does not allow; never the values.
            ...replaced.replacements.map((r) => `${r.count} character(s) replaced in ${r.field}`),
          ].join('; '),
        }),
      ];
    },

    async onDeadLetter(record, error) {
      const applicationId = record.key?.toString('utf8');
      // Without an application id nobody could follow the status; the dead letter alone carries it.
      if (!applicationId) return [];
      return [
        await createStatusRecord(codec, contracts.status, {
          applicationId,
          status: 'rejected',
          cause: record.headers,
          causationId: `${record.topic}/${record.partition}/${record.offset}`,
          source: source(service),
          detail: error.message,
          problems: error.toProblems(),
        }),
      ];
    },
  };
}

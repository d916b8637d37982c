import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { logicalTypes } from './logical-types.js';

/** A topic's contract: its name, its registry subject, its Avro schema and the CloudEvents type of its records. */
export interface Contract {
  readonly topic: string;
  /** TopicNameStrategy, as every Confluent serializer defaults to. */
  readonly subject: string;
  readonly ceType: string;
  readonly schema: avro.Schema;
  /** The .avsc file's name in schemas/avro. */
  readonly file: string;
}

const avroDir = new URL('../avro/', import.meta.url);

function contract(prefix: string, topic: string, file: string, ceType: string): Contract {
  const schema = JSON.parse(readFileSync(new URL(file, avroDir), 'utf8')) as avro.Schema;
  return { topic: `${prefix}${topic}`, subject: `${prefix}${topic}-value`, ceType, schema, file };
}

/** Every Avro topic of Amtsbote, by role. Dead-letter topics carry the original bytes and have no contract. */
export interface Contracts {
  submitted: Contract;
  status: Contract;
  outbound: Contract;
  replies: Contract;
}

/**
 * The contracts with every topic name (and so every subject) prefixed, e.g. `staging.`: several
 * environments, or test runs, can share one cluster and registry without seeing each other's records.
 */
export function contractsFor(prefix: string): Contracts {
  return {
    submitted: contract(prefix, 'applications.submitted.v1', 'application-submitted.avsc', 'de.amtsbote.application.submitted.v1'),
    status: contract(prefix, 'applications.status.v1', 'application-status.avsc', 'de.amtsbote.application.status.v1'),
    outbound: contract(prefix, 'xoev.outbound.v1', 'xoev-message.avsc', 'de.amtsbote.xoev.message.v1'),
    replies: contract(prefix, 'backoffice.replies.v1', 'backoffice-reply.avsc', 'de.amtsbote.backoffice.reply.v1'),
  };
}

/** The contracts without a prefix: the production topic names. */
export const contracts: Contracts = contractsFor('');

/** The name of the dead-letter topic of a topic. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** Options for avsc that every codec of Amtsbote uses, so that all agree on the shapes in TypeScript. */
export const avroOptions = { logicalTypes, wrapUnions: 'auto' as const };

/** Compiles a contract's schema with Amtsbote's avsc options, e.g. for tests without a registry. */
export function avroTypeOf(c: Contract): avro.Type {
  // avsc records every named type in the options it is given: a fresh copy per compile, so a contract can be compiled twice.
  return avro.Type.forSchema(c.schema, { ...avroOptions });
}

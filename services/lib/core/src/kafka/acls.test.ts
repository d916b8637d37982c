import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractsFor, deadLetterTopicOf } from '@amtsbote/schemas';
import { masterDataTopicsFor } from '../masterdata/topics.js';
import { aclBindingsOf, describeAcl, planAcls, type AclBinding } from './acls.js';

const aclsYaml = readFileSync(new URL('../../../../../infra/kafka/acls.yaml', import.meta.url), 'utf8');
const kafkaSh = readFileSync(new URL('../../../../../infra/kafka/kafka.sh', import.meta.url), 'utf8');

/** Whether `bindings` allow `principal` the operation on the (fully named) topic, as Kafka matches patterns. */
function allows(bindings: AclBinding[], principal: string, operation: AclBinding['operation'], type: AclBinding['resourceType'], name: string): boolean {
  return bindings.some(
    (b) =>
      b.principal === principal &&
      b.operation === operation &&
      b.resourceType === type &&
      (b.patternType === 'LITERAL' ? b.resourceName === name : name.startsWith(b.resourceName)),
  );
}

describe('infra/kafka/acls.yaml', () => {
  const prefix = 'staging.';
  const bindings = aclBindingsOf(aclsYaml, prefix);
  const topics = contractsFor(prefix);
  const masterData = Object.values(masterDataTopicsFor(prefix));
  const lane = `${prefix}delivery.lane.darmstadt-bauaufsicht-xbau.v1`;

  it('names the same service users as kafka.sh creates, besides the admin', () => {
    const users = /^SCRAM_USERS=\(([^)]*)\)/m.exec(kafkaSh)?.[1]?.split(' ');
    const services = [...new Set(bindings.map((b) => b.principal.replace(/^User:/, '')))];
    expect(users).toEqual(['admin', ...services]);
  });

  it('lets the translator read submissions and master data, and write messages, status and its dead letters', () => {
    const translator = 'User:translator';
    for (const topic of [topics.submitted.topic, ...masterData]) expect(allows(bindings, translator, 'READ', 'TOPIC', topic), topic).toBe(true);
    for (const topic of [topics.outbound.topic, topics.status.topic, deadLetterTopicOf(topics.submitted.topic)]) {
      expect(allows(bindings, translator, 'WRITE', 'TOPIC', topic), topic).toBe(true);
    }
    expect(allows(bindings, translator, 'READ', 'GROUP', 'amtsbote-translator')).toBe(true);
    expect(allows(bindings, translator, 'READ', 'GROUP', 'amtsbote-translator-masterdata-6b1c')).toBe(true);
  });

  it('lets delivery read messages and its lanes, create and write lanes, status and dead letters', () => {
    const delivery = 'User:delivery';
    for (const topic of [topics.outbound.topic, lane, ...masterData]) expect(allows(bindings, delivery, 'READ', 'TOPIC', topic), topic).toBe(true);
    for (const topic of [lane, topics.status.topic, deadLetterTopicOf(topics.outbound.topic)]) expect(allows(bindings, delivery, 'WRITE', 'TOPIC', topic), topic).toBe(true);
    expect(allows(bindings, delivery, 'CREATE', 'TOPIC', lane)).toBe(true);
    expect(allows(bindings, delivery, 'DESCRIBE_CONFIGS', 'TOPIC', topics.outbound.topic)).toBe(true);
    expect(allows(bindings, delivery, 'READ', 'GROUP', 'amtsbote-delivery.lane.darmstadt-bauaufsicht-xbau')).toBe(true);
  });

  it('lets receipts store and read replies, read messages, write status and its dead letters', () => {
    const receipts = 'User:receipts';
    for (const topic of [topics.replies.topic, topics.outbound.topic, ...masterData]) expect(allows(bindings, receipts, 'READ', 'TOPIC', topic), topic).toBe(true);
    for (const topic of [topics.replies.topic, topics.status.topic, deadLetterTopicOf(topics.replies.topic)]) {
      expect(allows(bindings, receipts, 'WRITE', 'TOPIC', topic), topic).toBe(true);
    }
    expect(allows(bindings, receipts, 'READ', 'GROUP', 'amtsbote-receipts-index-6b1c')).toBe(true);
  });

  it('allows nothing beyond that: no service writes what another service alone writes, or reads replies it does not handle', () => {
    expect(allows(bindings, 'User:delivery', 'WRITE', 'TOPIC', topics.submitted.topic)).toBe(false);
    expect(allows(bindings, 'User:delivery', 'WRITE', 'TOPIC', topics.outbound.topic)).toBe(false);
    expect(allows(bindings, 'User:delivery', 'READ', 'TOPIC', topics.replies.topic)).toBe(false);
    expect(allows(bindings, 'User:translator', 'READ', 'TOPIC', topics.replies.topic)).toBe(false);
    expect(allows(bindings, 'User:translator', 'CREATE', 'TOPIC', lane)).toBe(false);
    expect(allows(bindings, 'User:receipts', 'WRITE', 'TOPIC', topics.outbound.topic)).toBe(false);
    expect(allows(bindings, 'User:delivery', 'READ', 'GROUP', 'amtsbote-translator')).toBe(false);
    // A literal topic is that topic only: reading submissions does not include their dead letters.
    expect(allows(bindings, 'User:translator', 'READ', 'TOPIC', deadLetterTopicOf(topics.submitted.topic))).toBe(false);
  });

  it('puts TOPIC_PREFIX before topics, not groups; a trailing * is a prefix pattern', () => {
    expect(bindings).toContainEqual({ principal: 'User:translator', resourceType: 'TOPIC', resourceName: `${prefix}applications.submitted.v1`, patternType: 'LITERAL', operation: 'READ' });
    expect(bindings).toContainEqual({ principal: 'User:delivery', resourceType: 'TOPIC', resourceName: `${prefix}delivery.lane.`, patternType: 'PREFIXED', operation: 'CREATE' });
    expect(bindings).toContainEqual({ principal: 'User:delivery', resourceType: 'GROUP', resourceName: 'amtsbote-delivery', patternType: 'PREFIXED', operation: 'READ' });
    expect(describeAcl(bindings.find((b) => b.operation === 'CREATE')!)).toBe(`User:delivery may CREATE topics ${prefix}delivery.lane.*`);
  });

  it('refuses a bare * (every topic) and unknown keys', () => {
    expect(() => aclBindingsOf('services:\n  translator:\n    read: ["*"]\n')).toThrow(/services\.translator\.read\.0/);
    expect(() => aclBindingsOf('services:\n  translator:\n    readd: [a]\n')).toThrow(/readd/);
  });
});

describe('planAcls', () => {
  it('creates only what the cluster lacks, so applying twice changes nothing', () => {
    const declared = aclBindingsOf('services:\n  translator:\n    read: [a, b*]\n');
    const first = planAcls(declared, []);
    expect(first.create).toHaveLength(2);
    expect(planAcls(declared, [first.create[1]!, { ...first.create[0]!, principal: 'User:other' }])).toEqual({ create: [first.create[0]], present: [first.create[1]] });
    expect(planAcls(declared, declared).create).toEqual([]);
  });
});

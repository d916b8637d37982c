import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contracts, deadLetterTopicOf } from '@amtsbote/schemas';
import { masterDataTopicsFor } from '../masterdata/topics.js';
import { planTopicChanges, topicSpecsOf } from './topic-plan.js';

const topicsYaml = readFileSync(new URL('../../../../../infra/topics.yaml', import.meta.url), 'utf8');

describe('infra/topics.yaml', () => {
  const specs = topicSpecsOf(topicsYaml);
  const names = specs.map((s) => s.name);

  it('declares every contract topic and the dead-letter topics of the consumed ones', () => {
    expect(names).toEqual(expect.arrayContaining(Object.values(contracts).map((c) => c.topic)));
    expect(names).toContain(deadLetterTopicOf(contracts.submitted.topic));
    expect(names).toContain(deadLetterTopicOf(contracts.outbound.topic));
  });

  const masterDataTopics = new Set(Object.values(masterDataTopicsFor('')));

  it('sets a retention on every topic that holds personal data, which is every topic but master data', () => {
    const personalData = specs.filter((s) => !masterDataTopics.has(s.name));
    expect(personalData.map((s) => s.name)).toEqual(expect.arrayContaining(Object.values(contracts).map((c) => c.topic)));
    for (const spec of personalData) {
      expect(spec.config['cleanup.policy'] ?? 'delete', spec.name).toBe('delete');
      expect(Number(spec.config['retention.ms']), spec.name).toBeGreaterThan(0);
      // Storage limitation with a bound: nothing is kept longer than 90 days.
      expect(Number(spec.config['retention.ms']), spec.name).toBeLessThanOrEqual(90 * 24 * 3_600_000);
      // Retention deletes closed segments only: one closes after a day, so data goes at most a day late.
      expect(Number(spec.config['segment.ms']), spec.name).toBeLessThanOrEqual(24 * 3_600_000);
    }
  });

  it('declares the master-data topics compacted, in one partition, and never deleted by age', () => {
    expect(names).toEqual(expect.arrayContaining([...masterDataTopics]));
    for (const spec of specs.filter((s) => masterDataTopics.has(s.name))) {
      expect(spec, spec.name).toMatchObject({ partitions: 1, config: { 'cleanup.policy': 'compact', 'retention.ms': '-1' } });
      expect(Number(spec.config['min.compaction.lag.ms']), spec.name).toBeGreaterThan(0);
    }
  });

  it('leaves the replication factor to the brokers', () => {
    for (const spec of specs) expect(spec.replicationFactor).toBe(-1);
  });
});

describe('planTopicChanges', () => {
  const declared = topicSpecsOf('topics:\n  - name: a\n    partitions: 3\n    config: { retention.ms: "1000" }\n');

  it('creates missing topics', () => {
    expect(planTopicChanges(declared, { names: new Set(), partitions: new Map(), configs: new Map() })).toEqual([
      { kind: 'create', topic: declared[0] },
    ]);
  });

  it('plans nothing when the cluster matches', () => {
    const actual = { names: new Set(['a']), partitions: new Map([['a', 3]]), configs: new Map([['a', { 'retention.ms': '1000' }]]) };
    expect(planTopicChanges(declared, actual)).toEqual([]);
  });

  it('adds partitions and aligns configs, and refuses to shrink', () => {
    const fewer = { names: new Set(['a']), partitions: new Map([['a', 1]]), configs: new Map([['a', { 'retention.ms': '5' }]]) };
    expect(planTopicChanges(declared, fewer)).toEqual([
      { kind: 'add-partitions', name: 'a', from: 1, to: 3 },
      { kind: 'alter-config', name: 'a', changes: { 'retention.ms': { from: '5', to: '1000' } } },
    ]);
    const more = { names: new Set(['a']), partitions: new Map([['a', 9]]), configs: new Map([['a', { 'retention.ms': '1000' }]]) };
    expect(planTopicChanges(declared, more)).toEqual([{ kind: 'cannot-shrink', name: 'a', actual: 9, declared: 3 }]);
  });

  it('names the bad field of an invalid topics file', () => {
    expect(() => topicSpecsOf('topics:\n  - name: a\n    partitions: zero\n')).toThrow(/topics\.0\.partitions/);
  });
});

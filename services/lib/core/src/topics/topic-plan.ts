import { z } from 'zod';
import { parse } from 'yaml';
import { deadLetterTopicOf } from '@amtsbote/schemas';
import { parseConfig } from '../config.js';
import type { TopicSpec } from '../kafka/types.js';

const configMap = z.record(z.string(), z.string());

/** The shape of infra/topics.yaml. */
export const topicsFileSchema = z.strictObject({
  defaults: configMap.default({}),
  deadLetterConfig: configMap.default({}),
  topics: z.array(
    z.strictObject({
      name: z.string().regex(/^[a-zA-Z0-9._-]+$/),
      partitions: z.number().int().positive(),
      deadLetter: z.boolean().default(false),
      config: configMap.default({}),
    }),
  ),
});

/** The topics a topics file declares, dead-letter topics included, with defaults and the topic prefix applied. */
export function topicSpecsOf(yamlText: string, prefix = ''): TopicSpec[] {
  const file = parseConfig(topicsFileSchema, parse(yamlText), 'infra/topics.yaml');
  return file.topics.flatMap((t) => {
    // -1: the brokers' default.replication.factor (KIP-464), so one file serves one broker and three.
    const topic: TopicSpec = { name: `${prefix}${t.name}`, partitions: t.partitions, replicationFactor: -1, config: { ...file.defaults, ...t.config } };
    if (!t.deadLetter) return [topic];
    return [topic, { ...topic, name: deadLetterTopicOf(topic.name), config: { ...file.defaults, ...file.deadLetterConfig } }];
  });
}

/** One change `topics apply` makes. */
export type TopicChange =
  | { kind: 'create'; topic: TopicSpec }
  | { kind: 'add-partitions'; name: string; from: number; to: number }
  | { kind: 'alter-config'; name: string; changes: Record<string, { from: string | undefined; to: string }> }
  | { kind: 'cannot-shrink'; name: string; actual: number; declared: number };

/** Compares declared topics with the cluster's and lists the changes; empty when the cluster matches. */
export function planTopicChanges(
  declared: TopicSpec[],
  actual: { names: Set<string>; partitions: Map<string, number>; configs: Map<string, Record<string, string>> },
): TopicChange[] {
  const changes: TopicChange[] = [];
  for (const topic of declared) {
    if (!actual.names.has(topic.name)) {
      changes.push({ kind: 'create', topic });
      continue;
    }
    const partitions = actual.partitions.get(topic.name) ?? 0;
    if (partitions < topic.partitions) changes.push({ kind: 'add-partitions', name: topic.name, from: partitions, to: topic.partitions });
    if (partitions > topic.partitions) changes.push({ kind: 'cannot-shrink', name: topic.name, actual: partitions, declared: topic.partitions });
    const current = actual.configs.get(topic.name) ?? {};
    const differing = Object.entries(topic.config).filter(([key, value]) => current[key] !== value);
    if (differing.length > 0) {
      changes.push({
        kind: 'alter-config',
        name: topic.name,
        changes: Object.fromEntries(differing.map(([key, value]) => [key, { from: current[key], to: value }])),
      });
    }
  }
  return changes;
}

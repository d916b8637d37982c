import { readFile } from 'node:fs/promises';
import type { Admin } from '../kafka/types.js';
import { planTopicChanges, topicSpecsOf, type TopicChange } from './topic-plan.js';

/** Applies infra/topics.yaml: creates what is missing, adds partitions, aligns configs. Idempotent. */
export async function applyTopics(
  admin: Admin,
  file: string,
  options: { dryRun?: boolean; prefix?: string } = {},
): Promise<TopicChange[]> {
  const declared = topicSpecsOf(await readFile(file, 'utf8'), options.prefix);
  await admin.connect();
  try {
    const names = new Set(await admin.listTopics());
    const existing = declared.map((t) => t.name).filter((name) => names.has(name));
    const [partitions, configs] =
      existing.length > 0
        ? await Promise.all([admin.partitionCounts(existing), admin.describeTopicConfigs(existing)])
        : [new Map<string, number>(), new Map<string, Record<string, string>>()];
    const changes = planTopicChanges(declared, { names, partitions, configs });
    if (options.dryRun) return changes;
    const creates = changes.flatMap((c) => (c.kind === 'create' ? [c.topic] : []));
    if (creates.length > 0) await admin.createTopics(creates);
    const grows = changes.flatMap((c) => (c.kind === 'add-partitions' ? [{ name: c.name, count: c.to }] : []));
    if (grows.length > 0) await admin.createPartitions(grows);
    const alters = changes.flatMap((c) => (c.kind === 'alter-config' ? [c.name] : []));
    if (alters.length > 0) {
      // AlterConfigs replaces a topic's dynamic configs as a whole, so send the full declared set.
      await admin.alterTopicConfigs(declared.filter((t) => alters.includes(t.name)).map((t) => ({ name: t.name, config: t.config })));
    }
    return changes;
  } finally {
    await admin.disconnect();
  }
}

/** One line per change, for people. */
export function describeTopicChange(change: TopicChange): string {
  switch (change.kind) {
    case 'create':
      return `create ${change.topic.name} (${change.topic.partitions} partitions)`;
    case 'add-partitions':
      return `add partitions to ${change.name}: ${change.from} → ${change.to}`;
    case 'alter-config':
      return `alter ${change.name}: ${Object.entries(change.changes).map(([k, v]) => `${k} ${v.from ?? '(default)'} → ${v.to}`).join(', ')}`;
    case 'cannot-shrink':
      return `WARNING ${change.name} has ${change.actual} partitions, more than the ${change.declared} declared; Kafka cannot remove partitions`;
  }
}

import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseConfig } from '../config.js';

/** One ALLOW rule for any host: the only kind Amtsbote declares. */
export interface AclBinding {
  /** `User:<service>`: the SCRAM user of the service. */
  principal: string;
  resourceType: 'TOPIC' | 'GROUP';
  resourceName: string;
  /** LITERAL: exactly that name; PREFIXED: every name that begins with it. */
  patternType: 'LITERAL' | 'PREFIXED';
  operation: 'READ' | 'WRITE' | 'CREATE' | 'DESCRIBE_CONFIGS';
}

/** The ACL operations `amtsbote acls apply` needs from a Kafka client (kafkajs: createKafkajsAclAdmin). */
export interface AclAdmin {
  connect(): Promise<void>;
  /** Every ALLOW binding for any host of the kinds above; others are not Amtsbote's and are left out. */
  describeAcls(): Promise<AclBinding[]>;
  createAcls(bindings: AclBinding[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** `name` or `name*` (a prefix); never `*` alone, which would be every topic. */
const names = z.array(z.string().regex(/^[a-zA-Z0-9._-]+\*?$/, 'a topic or group name, or a prefix ending in *')).default([]);

/** The shape of infra/kafka/acls.yaml. */
export const aclsFileSchema = z.strictObject({
  services: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/),
    z.strictObject({ read: names, write: names, create: names, describeConfigs: names, groups: names }),
  ),
});

const topicOperations = { read: 'READ', write: 'WRITE', create: 'CREATE', describeConfigs: 'DESCRIBE_CONFIGS' } as const;

function patternOf(name: string, prefix: string): Pick<AclBinding, 'resourceName' | 'patternType'> {
  return name.endsWith('*') ? { resourceName: `${prefix}${name.slice(0, -1)}`, patternType: 'PREFIXED' } : { resourceName: `${prefix}${name}`, patternType: 'LITERAL' };
}

/** The bindings an ACL file declares, TOPIC_PREFIX put in front of every topic (not of groups: see the file). */
export function aclBindingsOf(yamlText: string, prefix = ''): AclBinding[] {
  const file = parseConfig(aclsFileSchema, parse(yamlText), 'infra/kafka/acls.yaml');
  return Object.entries(file.services).flatMap(([service, rules]) => {
    const principal = `User:${service}`;
    return [
      ...Object.entries(topicOperations).flatMap(([key, operation]) =>
        rules[key as keyof typeof topicOperations].map((name) => ({ principal, resourceType: 'TOPIC' as const, ...patternOf(name, prefix), operation })),
      ),
      ...rules.groups.map((name) => ({ principal, resourceType: 'GROUP' as const, ...patternOf(name, ''), operation: 'READ' as const })),
    ];
  });
}

const keyOf = (b: AclBinding) => [b.principal, b.resourceType, b.patternType, b.resourceName, b.operation].join('\u0000');

/** Which declared bindings the cluster lacks and which it has. */
export function planAcls(declared: AclBinding[], existing: AclBinding[]): { create: AclBinding[]; present: AclBinding[] } {
  const there = new Set(existing.map(keyOf));
  return { create: declared.filter((b) => !there.has(keyOf(b))), present: declared.filter((b) => there.has(keyOf(b))) };
}

/**
 * Applies an ACL file (infra/kafka/acls.yaml): creates the bindings the cluster lacks. Idempotent;
 * bindings the file does not declare are left alone (an operator's own, or those of another prefix).
 */
export async function applyAcls(
  admin: AclAdmin,
  file: string,
  options: { dryRun?: boolean; prefix?: string } = {},
): Promise<{ create: AclBinding[]; present: AclBinding[] }> {
  const declared = aclBindingsOf(await readFile(file, 'utf8'), options.prefix);
  await admin.connect();
  try {
    const plan = planAcls(declared, await admin.describeAcls());
    if (!options.dryRun) await admin.createAcls(plan.create);
    return plan;
  } finally {
    await admin.disconnect();
  }
}

/** One line per binding, for people: `User:delivery may CREATE topics delivery.lane.*`. */
export function describeAcl(b: AclBinding): string {
  const what = b.resourceType === 'TOPIC' ? 'topic' : 'group';
  return `${b.principal} may ${b.operation} ${what}${b.patternType === 'PREFIXED' ? 's' : ''} ${b.resourceName}${b.patternType === 'PREFIXED' ? '*' : ''}`;
}

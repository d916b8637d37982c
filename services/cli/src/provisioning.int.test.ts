import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { createKafkajsClient, createLogger } from '@amtsbote/core';
import { contractsFor } from '@amtsbote/schemas';
import { repoRoot, serviceMain } from '@amtsbote/testing';

/**
 * Provisioning a new environment with the built CLI, as a deployment script would: `topics apply`
 * from infra/topics.yaml and `schemas register|check` from schemas/avro, judged by exit codes and
 * stdout. Not createIntegrationEnvironment: it would create the topics and subjects this test is
 * about, so the prefix here is fresh and nothing exists under it yet.
 */
describe('provisioning an environment: topics apply, schemas register and check', () => {
  const brokers = inject('kafkaBrokers');
  const registryUrl = inject('schemaRegistryUrl');
  const prefix = `test-provisioning-${randomUUID().slice(0, 8)}.`;
  const kafka = createKafkajsClient({ brokers: brokers.split(','), clientId: 'test-provisioning', logger: createLogger('test-provisioning', { level: 'warn' }) });
  const topicsFile = join(repoRoot, 'infra/topics.yaml');
  let work: string | undefined;

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** Runs the built CLI against this prefix; a non-zero exit is a result, not an error. */
  const amtsbote = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    const env = { ...process.env, KAFKA_BROKERS: brokers, SCHEMA_REGISTRY_URL: registryUrl, TOPIC_PREFIX: prefix };
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [serviceMain('cli'), ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  };

  /** Partition counts of this prefix's topics, as the broker has them. */
  async function topicsOnBroker(): Promise<Map<string, number>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const names = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
      return names.length > 0 ? await admin.partitionCounts(names) : new Map();
    } finally {
      await admin.disconnect();
    }
  }

  describe('topics apply', () => {
    /** What infra/topics.yaml declares, read here rather than by the code under test: name → partitions, dead-letter topics included. */
    const declared = async (): Promise<Map<string, number>> => {
      const file = parse(await readFile(topicsFile, 'utf8')) as { topics: { name: string; partitions: number; deadLetter?: boolean }[] };
      return new Map(
        file.topics.flatMap((t) => [
          [`${prefix}${t.name}`, t.partitions] as const,
          ...(t.deadLetter ? [[`${prefix}${t.name}.dlq`, t.partitions] as const] : []),
        ]),
      );
    };

    it('--dry-run --json lists a create for every declared topic and its .dlq, and creates none', async () => {
      const expected = await declared();
      expect([...expected.keys()].filter((name) => name.endsWith('.dlq'))).toHaveLength(3);

      const dryRun = await amtsbote('topics', 'apply', '--dry-run', '--json');
      expect(dryRun.code, dryRun.stderr).toBe(0);
      const changes = JSON.parse(dryRun.stdout) as { kind: string; topic: { name: string; partitions: number } }[];
      expect(changes.every((c) => c.kind === 'create')).toBe(true);
      expect(new Map(changes.map((c) => [c.topic.name, c.topic.partitions]))).toEqual(expected);
      expect(await topicsOnBroker()).toEqual(new Map());
    });

    it('creates them (exit 0); a second run finds them up to date', async () => {
      const expected = await declared();
      const applied = await amtsbote('topics', 'apply');
      expect(applied.code, applied.stderr).toBe(0);
      expect(applied.stdout.trim().split('\n').sort()).toEqual([...expected].map(([name, partitions]) => `create ${name} (${partitions} partitions)`).sort());
      expect(await topicsOnBroker()).toEqual(expected);

      const again = await amtsbote('topics', 'apply');
      expect({ code: again.code, stdout: again.stdout }).toEqual({ code: 0, stdout: 'topics: up to date\n' });
    });

    it('adds partitions when a changed topics file (--file) declares more, and changes nothing else', async () => {
      work = await mkdtemp(join(tmpdir(), 'amtsbote-provisioning-'));
      const grownFile = join(work, 'topics.yaml');
      const original = await readFile(topicsFile, 'utf8');
      // applications.status.v1 has no dead-letter topic, so this is exactly one change.
      const grown = original.replace(/(- name: applications\.status\.v1\n\s+partitions: )6\n/, '$18\n');
      expect(grown).not.toBe(original);
      await writeFile(grownFile, grown);

      const applied = await amtsbote('topics', 'apply', '--file', grownFile, '--json');
      expect(applied.code, applied.stderr).toBe(0);
      expect(JSON.parse(applied.stdout)).toEqual([{ kind: 'add-partitions', name: `${prefix}applications.status.v1`, from: 6, to: 8 }]);
      expect((await topicsOnBroker()).get(`${prefix}applications.status.v1`)).toBe(8);
      expect((await amtsbote('topics', 'apply', '--file', grownFile)).stdout).toBe('topics: up to date\n');
    });
  });

  describe('schemas register and check', () => {
    const contracts = contractsFor(prefix);
    const subjects = Object.values(contracts).map((c) => c.subject);
    const status = contracts.status.subject;
    const registry = (path: string, method = 'GET', body?: object) =>
      fetch(`${registryUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    type Verdict = { subject: string; file: string; verdict: string };
    const verdictsOf = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as Verdict[]).map((v) => [v.subject, v.verdict]));

    it('check before any registration: every subject is new, nothing to be incompatible with (exit 0)', async () => {
      const checked = await amtsbote('schemas', 'check', '--json');
      expect(checked.code, checked.stderr).toBe(0);
      expect(verdictsOf(checked.stdout)).toEqual(Object.fromEntries(subjects.map((s) => [s, 'new'])));
    });

    it('register --json registers every contract as <prefix><topic>-value, BACKWARD_TRANSITIVE (exit 0); check then says compatible', async () => {
      const registered = await amtsbote('schemas', 'register', '--json');
      expect(registered.code, registered.stderr).toBe(0);
      const ids = JSON.parse(registered.stdout) as Record<string, number>;
      expect(Object.keys(ids).sort()).toEqual([...subjects].sort());
      for (const subject of subjects) {
        expect(ids[subject], subject).toEqual(expect.any(Number));
        expect(await (await registry(`/subjects/${encodeURIComponent(subject)}/versions`)).json(), subject).toEqual([1]);
        expect(await (await registry(`/config/${encodeURIComponent(subject)}`)).json(), subject).toMatchObject({ compatibilityLevel: 'BACKWARD_TRANSITIVE' });
      }

      const checked = await amtsbote('schemas', 'check', '--json');
      expect(checked.code, checked.stderr).toBe(0);
      expect(verdictsOf(checked.stdout)).toEqual(Object.fromEntries(subjects.map((s) => [s, 'compatible'])));
    });

    it('check exits 3 and names the subject when the local schema could not read what the registry has', async () => {
      // The CLI always checks schemas/avro, so the registry moves instead: a newer version of the
      // status subject with applicationId as an int, which the local schema (a string) cannot read.
      // BACKWARD_TRANSITIVE refuses to register it, so the subject is NONE just for that, as an
      // operator forcing a change through would do.
      const schema = contracts.status.schema as { fields: { name: string }[] };
      const changed = { ...schema, fields: schema.fields.map((f) => (f.name === 'applicationId' ? { ...f, type: 'int' } : f)) };
      const config = `/config/${encodeURIComponent(status)}`;
      expect((await registry(config, 'PUT', { compatibility: 'NONE' })).ok).toBe(true);
      const forced = await registry(`/subjects/${encodeURIComponent(status)}/versions`, 'POST', { schema: JSON.stringify(changed) });
      expect(forced.status, await forced.clone().text()).toBe(200);
      expect((await registry(config, 'PUT', { compatibility: 'BACKWARD_TRANSITIVE' })).ok).toBe(true);

      const checked = await amtsbote('schemas', 'check');
      expect(checked.code, checked.stderr).toBe(3);
      expect(checked.stdout).toContain(`${status} (${contracts.status.file}): incompatible`);
      for (const other of Object.values(contracts).filter((c) => c.subject !== status)) expect(checked.stdout).toContain(`${other.subject} (${other.file}): compatible`);

      const asJson = await amtsbote('schemas', 'check', '--json');
      expect(asJson.code).toBe(3);
      expect(verdictsOf(asJson.stdout)).toEqual(Object.fromEntries(subjects.map((s) => [s, s === status ? 'incompatible' : 'compatible'])));
    });
  });
});

#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { applyTopics, describeTopicChange, masterDataFiles, masterDataKinds, packageVersion } from '@amtsbote/core';
import { cliContext, repoRoot } from './context.js';
import { exportMasterDataFolder, formatImportResult, importMasterDataFolder } from './commands/masterdata.js';
import { checkSchemas, registerSchemas } from './commands/schemas.js';
import { simulate } from './commands/simulate.js';
import { formatStatusLine, watchStatus } from './commands/watch.js';

/** Exit codes scripts can rely on. */
const EXIT = { ok: 0, failure: 1, usage: 2, incompatible: 3, different: 3 } as const;

const program = new Command()
  .name('amtsbote')
  .description('Operate Amtsbote: the local stack, topics, schemas, master data, sample applications and their status.')
  .version(packageVersion(import.meta.url))
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage));

const json = new Option('--json', 'print machine-readable JSON');

program
  .command('stack')
  .description('start, stop or inspect the local stack (Kafka, schema registry, services, reference back office)')
  .argument('<action>', 'up | down | status')
  .action((action: string) => {
    const result = spawnSync('bash', [join(repoRoot, 'infra/stack.sh'), action], { stdio: 'inherit' });
    process.exitCode = result.status ?? EXIT.failure;
  });

const topics = program.command('topics').description('Kafka topics as declared in infra/topics.yaml');
topics
  .command('apply')
  .description('create missing topics and dead-letter topics, add partitions, align configs (idempotent)')
  .option('--file <path>', 'topics file', join(repoRoot, 'infra/topics.yaml'))
  .option('--dry-run', 'only print what would change')
  .addOption(json)
  .action(async (options: { file: string; dryRun?: boolean; json?: boolean }) => {
    const { kafka, topicPrefix } = cliContext();
    const changes = await applyTopics(kafka.admin(), options.file, { dryRun: options.dryRun ?? false, prefix: topicPrefix });
    if (options.json) console.log(JSON.stringify(changes, null, 2));
    else if (changes.length === 0) console.log('topics: up to date');
    else for (const change of changes) console.log(`${options.dryRun ? 'would ' : ''}${describeTopicChange(change)}`);
  });

const schemas = program.command('schemas').description('Avro contracts in schemas/avro and the schema registry');
schemas
  .command('register')
  .description('register every contract (BACKWARD_TRANSITIVE); refused if a change breaks compatibility')
  .addOption(json)
  .action(async (options: { json?: boolean }) => {
    const { codec, contracts } = cliContext();
    const ids = await registerSchemas(codec, contracts);
    if (options.json) console.log(JSON.stringify(Object.fromEntries(ids), null, 2));
    else for (const [subject, id] of ids) console.log(`${subject}: schema id ${id}`);
  });
schemas
  .command('check')
  .description('ask the registry whether the local schemas are compatible, without registering them')
  .addOption(json)
  .action(async (options: { json?: boolean }) => {
    const { registryUrl, contracts } = cliContext();
    const verdicts = await checkSchemas(registryUrl, contracts);
    if (options.json) console.log(JSON.stringify(verdicts, null, 2));
    else for (const v of verdicts) console.log(`${v.subject} (${v.file}): ${v.verdict}${v.messages.length ? `\n  ${v.messages.join('\n  ')}` : ''}`);
    if (verdicts.some((v) => v.verdict === 'incompatible')) process.exitCode = EXIT.incompatible;
  });

const masterdata = program
  .command('masterdata')
  .description(`central master data (${masterDataKinds.join(', ')}) in its compacted topics, applied live by every service`);
masterdata
  .command('import')
  .description('validate a folder of master-data YAML files and write what differs from the topics as one atomic import')
  .option('--dir <path>', `folder with ${masterDataKinds.map((kind) => masterDataFiles[kind].file).join(', ')}`, join(repoRoot, 'infra/masterdata'))
  .option('--dry-run', 'only print what would change')
  .addOption(json)
  .action(async (options: { dir: string; dryRun?: boolean; json?: boolean }) => {
    const { kafka, topicPrefix } = cliContext();
    const result = await importMasterDataFolder(kafka, { dir: options.dir, dryRun: options.dryRun ?? false, prefix: topicPrefix });
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else for (const line of formatImportResult(result, { done: 'imported', pending: 'would import' })) console.log(line);
  });
masterdata
  .command('export')
  .description('write the master data in force (what the topics hold) as YAML files')
  .option('--dir <path>', 'folder to write the YAML files into (created if missing)', 'masterdata-export')
  .addOption(json)
  .action(async (options: { dir: string; json?: boolean }) => {
    const { kafka, topicPrefix } = cliContext();
    const exported = await exportMasterDataFolder(kafka, { dir: options.dir, prefix: topicPrefix });
    if (options.json) console.log(JSON.stringify(exported, null, 2));
    else console.log(`masterdata: import ${exported.importId ?? '(none yet)'} written to ${exported.files.join(', ')}`);
    for (const refusal of exported.refused) {
      console.error(`masterdata: WARNING import ${refusal.importId} in the topics is refused by every service:\n  ${refusal.problems.join('\n  ')}`);
    }
  });
masterdata
  .command('diff')
  .description(`compare a folder with the topics: what an import would write; exit ${EXIT.ok} when nothing, ${EXIT.different} when something`)
  .option('--dir <path>', 'folder with the master-data YAML files', join(repoRoot, 'infra/masterdata'))
  .addOption(json)
  .action(async (options: { dir: string; json?: boolean }) => {
    const { kafka, topicPrefix } = cliContext();
    const result = await importMasterDataFolder(kafka, { dir: options.dir, dryRun: true, prefix: topicPrefix });
    if (options.json) console.log(JSON.stringify({ diff: result.diff, repaired: result.repaired, records: result.records }, null, 2));
    else for (const line of formatImportResult(result, { done: 'imported', pending: 'an import would write' })) console.log(line);
    if (result.records > 0) process.exitCode = EXIT.different;
  });

program
  .command('simulate')
  .description('send sample applications like a front office would (Gewerbeanmeldungen for Darmstadt by default)')
  .option('--kind <kind>', 'gewerbeanmeldung or bauantrag', 'gewerbeanmeldung')
  .option('--municipality <ags>', 'send for this municipality (AGS, as in infra/masterdata/municipalities.yaml)')
  .option('-n, --count <n>', 'how many applications', (v) => Number.parseInt(v, 10), 1)
  .option('--start <n>', 'number of the first sample', (v) => Number.parseInt(v, 10), 1)
  .option('--rate <perSecond>', 'applications per second (0: as fast as possible)', (v) => Number(v), 0)
  .option('--fresh', 'give this run new ids, so samples sent before count as new applications')
  .addOption(json)
  .action(async (options: { count: number; start: number; rate: number; fresh?: boolean; json?: boolean; kind: string; municipality?: string }) => {
    const { kafka, codec, contracts } = cliContext();
    const municipality = options.municipality ? { ags: options.municipality, name: `AGS ${options.municipality}` } : undefined;
    const producer = kafka.producer();
    await producer.connect();
    try {
      const ids = await simulate(producer, codec, contracts.submitted, {
        kind: options.kind,
        municipality,
        count: options.count,
        start: options.start,
        rate: options.rate,
        fresh: options.fresh ?? false,
      });
      if (options.json) console.log(JSON.stringify(ids));
      else {
        console.log(`sent ${ids.length} application(s): ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`);
        console.log(`watch their status: npm run amtsbote -- watch --application ${ids[0]}`);
      }
    } finally {
      await producer.disconnect();
    }
  });

program
  .command('watch')
  .description('follow status events on applications.status.v1')
  .option('--application <id>', 'only this application')
  .option('--from-beginning', 'start at the oldest retained event, not at new ones', false)
  .option('--idle-exit <ms>', 'exit after this long without a new event (0: run until Ctrl-C)', (v) => Number(v), 0)
  .addOption(json)
  .action(async (options: { application?: string; fromBeginning: boolean; idleExit: number; json?: boolean }) => {
    const { kafka, codec, contracts } = cliContext();
    await watchStatus(kafka, codec, contracts.status, {
      ...(options.application ? { applicationId: options.application } : {}),
      fromBeginning: options.fromBeginning,
      idleExitMs: options.idleExit,
      onEvent: (event) => console.log(options.json ? JSON.stringify(event) : formatStatusLine(event)),
    });
  });

try {
  await program.parseAsync();
} catch (err) {
  console.error(`amtsbote: ${(err as Error).message}`);
  process.exitCode = EXIT.failure;
}

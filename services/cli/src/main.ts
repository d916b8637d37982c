#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { applyAcls, applyTopics, describeAcl, describeTopicChange, masterDataFiles, masterDataKinds, packageVersion } from '@amtsbote/core';
import { cliContext, repoRoot } from './context.js';
import { exportMasterDataFolder, formatImportResult, importMasterDataFolder } from './commands/masterdata.js';
import { checkSchemas, registerSchemas } from './commands/schemas.js';
import { simulate } from './commands/simulate.js';
import { formatStatusLine, watchStatus } from './commands/watch.js';
import {
  countDeadLetters,
  formatDeadLetterCounts,
  formatDeadLetterDetails,
  formatDeadLetterTable,
  formatRedrive,
  matchesFilter,
  parseDeadLetterId,
  parseDeadLetterRole,
  parseDuration,
  parseErrorCode,
  readDeadLetters,
  redriveDeadLetters,
  redriveJson,
  showDeadLetter,
  type DeadLetterFilter,
} from './commands/dlq.js';
import { formatTrace, traceApplication } from './commands/trace.js';
import { createProgressBar } from './commands/progress-bar.js';
import { checkRewindable, formatGroupRewind, formatTopicReplay, parseRate, parseSelection, replayIntoTopic, rewindGroup } from './commands/replay.js';

/** Exit codes scripts can rely on. */
const EXIT = { ok: 0, failure: 1, usage: 2, incompatible: 3, different: 3, notFound: 4 } as const;

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

const acls = program.command('acls').description('access rights of the service users on a secured Kafka, as declared in infra/kafka/acls.yaml');
acls
  .command('apply')
  .description('create the ACLs the cluster lacks (idempotent; ACLs the file does not declare are left alone); run as the admin user')
  .option('--file <path>', 'ACL file', join(repoRoot, 'infra/kafka/acls.yaml'))
  .option('--dry-run', 'only print what would be created')
  .addOption(json)
  .addHelpText(
    'after',
    `
Topic names get TOPIC_PREFIX in front; group names do not (see the file). The secured local broker
(bash infra/kafka/kafka.sh up --secure) takes the admin user as:
  KAFKA_BROKERS=127.0.0.1:9192 KAFKA_SECURITY_PROTOCOL=SASL_SSL KAFKA_SASL_USERNAME=admin \\
  KAFKA_SASL_PASSWORD_FILE=.cache/kafka/secure/secrets/admin.password \\
  KAFKA_SSL_CA_FILE=.cache/kafka/secure/tls/ca.pem npm run amtsbote -- acls apply`,
  )
  .action(async (options: { file: string; dryRun?: boolean; json?: boolean }) => {
    const { aclAdmin, topicPrefix } = cliContext();
    const plan = await applyAcls(aclAdmin(), options.file, { dryRun: options.dryRun ?? false, prefix: topicPrefix });
    if (options.json) console.log(JSON.stringify(plan, null, 2));
    else {
      for (const binding of plan.create) console.log(`${options.dryRun ? 'would create' : 'created'}: ${describeAcl(binding)}`);
      console.log(`acls: ${plan.create.length} ${options.dryRun ? 'to create' : 'created'}, ${plan.present.length} already there`);
    }
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

/** Runs a parser of command-line input; what it refuses is a usage error (exit code 2). */
function parsed<T>(command: Command, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    return command.error(`error: ${(err as Error).message}`);
  }
}

/** The exit codes of a command that looks something up, for its --help. */
const exitCodesHelp = (notFound: string) =>
  `\nExit codes: ${EXIT.ok} done, ${EXIT.failure} failure, ${EXIT.usage} usage error, ${EXIT.notFound} ${notFound}.`;
const topicsPrefix = new Option('--topics-prefix <prefix>', 'read the topics under this prefix instead of TOPIC_PREFIX');

/** The options that select dead letters, as `dlq list` and `dlq redrive` take them. */
interface DeadLetterFilterOptions {
  topic?: string;
  code?: string;
  class?: 'permanent' | 'retriable';
  olderThan?: string;
  topicsPrefix?: string;
}
const filterOptions = [
  new Option('--topic <topic>', 'only dead letters of this topic: submitted, outbound or replies, or its (.dlq) topic name'),
  new Option('--code <code>', 'only this error code, e.g. AMTSBOTE_NO_ROUTE (the AMTSBOTE_ may be left out)'),
  new Option('--class <class>', 'only this error class').choices(['permanent', 'retriable']),
  new Option('--older-than <duration>', 'only those that failed at least this long ago, e.g. 90s, 30m, 6h, 2d'),
];
const filterOf = (command: Command, options: DeadLetterFilterOptions, prefix: string): DeadLetterFilter =>
  parsed(command, () => ({
    ...(options.topic ? { roles: [parseDeadLetterRole(options.topic, prefix)] } : {}),
    ...(options.code ? { code: parseErrorCode(options.code) } : {}),
    ...(options.class ? { errorClass: options.class } : {}),
    ...(options.olderThan ? { olderThanMs: parseDuration(options.olderThan) } : {}),
  }));

const dlq = program
  .command('dlq')
  .description('dead letters: records a service could not process, kept with their error in <topic>.dlq')
  .addHelpText(
    'after',
    `
Dead-letter topics: applications.submitted.v1.dlq (submissions the translator rejected),
xoev.outbound.v1.dlq (messages dispatch or a delivery lane gave up on) and backoffice.replies.v1.dlq
(replies that could not be correlated, and files refused by a reply inbox).
A dead letter's id is <topic>/<partition>/<offset>, the topic as submitted, outbound or replies,
e.g. submitted/2/41. Every subcommand reads the dead-letter topics from the beginning to their
current end, so it takes as long as they are big.`,
  );
const dlqList = dlq
  .command('list')
  .description('list dead letters (id, age, source topic, error code and class, key, service) and count them by topic and error code');
for (const option of filterOptions) dlqList.addOption(option);
dlqList
  .addOption(topicsPrefix)
  .addOption(json)
  .addHelpText(
    'after',
    `
KEY is the application id; for replies the id of the message answered, for refused inbox files the
destination. dlq show <id> shows one with its headers and value.
Exit codes: ${EXIT.ok} done (also when there are none), ${EXIT.failure} failure, ${EXIT.usage} usage error.`,
  )
  .action(async (options: DeadLetterFilterOptions & { json?: boolean }, command: Command) => {
    const { kafka, topicPrefix } = cliContext();
    const prefix = options.topicsPrefix ?? topicPrefix;
    const filter = filterOf(command, options, prefix);
    const now = new Date();
    const deadLetters = (await readDeadLetters(kafka, prefix, filter.roles)).map((entry) => entry.deadLetter).filter((d) => matchesFilter(d, filter, now));
    const counts = countDeadLetters(deadLetters);
    if (options.json) console.log(JSON.stringify({ deadLetters, counts }, null, 2));
    else for (const line of [...(deadLetters.length > 0 ? formatDeadLetterTable(deadLetters, { prefix, now }) : []), ...formatDeadLetterCounts(counts, prefix)]) console.log(line);
  });
dlq
  .command('show')
  .description('show one dead letter: where it came from, its error, every header (dlq_*, ce_*, …) and its value decoded')
  .argument('<id>', 'the dead letter, e.g. submitted/2/41, as dlq list prints it')
  .addOption(topicsPrefix)
  .addOption(json)
  .addHelpText(
    'after',
    `
Shows personal data: the value is decoded in full (Avro through the schema registry), the
application as submitted or the XÖV message with its XML payload as text, because that is what
finding out why it failed takes. Other values are shown as text when they are text (a refused
inbox file), else as a hex dump (--json: base64). Do not paste the output into tickets or chats.${exitCodesHelp('no such dead letter (any more)')}`,
  )
  .action(async (id: string, options: { json?: boolean; topicsPrefix?: string }, command: Command) => {
    const { kafka, codec, topicPrefix } = cliContext();
    const prefix = options.topicsPrefix ?? topicPrefix;
    const place = parsed(command, () => parseDeadLetterId(id, prefix));
    const details = await showDeadLetter(kafka, codec, prefix, place);
    if (!details) {
      console.error(`amtsbote: no dead letter ${id}`);
      process.exitCode = EXIT.notFound;
    } else if (options.json) console.log(JSON.stringify(details, null, 2));
    else for (const line of formatDeadLetterDetails(details, { prefix, now: new Date() })) console.log(line);
  });
const dlqRedrive = dlq
  .command('redrive')
  .description('send dead letters back to the topic they came from, to be processed again after a fix')
  .argument('[id...]', 'the dead letters, e.g. submitted/2/41 outbound/0/7; or select them with --code, --class (and --topic, --older-than)');
for (const option of filterOptions) dlqRedrive.addOption(option);
dlqRedrive
  .option('--again', 'also redrive dead letters that were redriven before')
  .option('--dry-run', 'only print what would be redriven')
  .addOption(topicsPrefix)
  .addOption(json)
  .addHelpText(
    'after',
    `
Each dead letter goes back to its source topic (dlq_source_topic; for a delivery lane, the lane)
with its original key, value and headers, without the dlq_* headers, and with
amtsbote_replay: true (status events it causes say replay) and amtsbote_redrive_of: <its id>.
Redriving is idempotent in effect: ids are derived from the original event, so a message that was
delivered before is not delivered twice. Afterwards a marker record in the dead-letter topic notes
the redrive; dead letters redriven before are skipped unless --again. Refused inbox files cannot be
redriven (there is no topic): put the file into the inbox again. Try --dry-run first.
Exit codes: ${EXIT.ok} everything selected redriven (or nothing selected), ${EXIT.failure} some could not be
redriven (the others were) or failure, ${EXIT.usage} usage error, ${EXIT.notFound} an id is no dead letter (nothing redriven).`,
  )
  .action(async (ids: string[], options: DeadLetterFilterOptions & { again?: boolean; dryRun?: boolean; json?: boolean }, command: Command) => {
    const { kafka, topicPrefix } = cliContext();
    const prefix = options.topicsPrefix ?? topicPrefix;
    const filter = filterOf(command, options, prefix);
    if (ids.length > 0 && Object.keys(filter).length > 0) command.error('error: name dead letters by id or select them with --code/--class/--topic/--older-than, not both');
    if (ids.length === 0 && !filter.code && !filter.errorClass) command.error('error: name the dead letters to redrive: ids, --code or --class');
    const again = options.again ?? false;
    const selection = ids.length > 0 ? { places: ids.map((id) => parsed(command, () => parseDeadLetterId(id, prefix))), again } : { filter, again };
    const dryRun = options.dryRun ?? false;
    const plan = await redriveDeadLetters(kafka, prefix, selection, { dryRun });
    if (options.json) console.log(JSON.stringify(redriveJson(plan, dryRun), null, 2));
    else for (const line of formatRedrive(plan, { dryRun, prefix })) console.log(line);
    if (plan.unknown.length > 0) process.exitCode = EXIT.notFound;
    else if (plan.refused.length > 0) process.exitCode = EXIT.failure;
  });

program
  .command('trace')
  .description("an application's timeline across all topics: submission, translation, lanes, status events, replies, dead letters")
  .argument('<application-id>', "the application's id (the Kafka key of its records)")
  .addOption(topicsPrefix)
  .addOption(json)
  .addHelpText(
    'after',
    `
Reads applications.submitted.v1, xoev.outbound.v1, every delivery.lane.*.v1, applications.status.v1
and the dead-letter topics from the beginning to their current end, then backoffice.replies.v1 and its
dead letters for the replies to the application's messages: it takes as long as those topics are
big. Shows ids, types, statuses and error codes, never the content of an application or message
(dlq show does, for one dead letter). Times (UTC): a status event's occurredAt, else when the
record was written (its Kafka timestamp).${exitCodesHelp('no record of that application')}`,
  )
  .action(async (applicationId: string, options: { json?: boolean; topicsPrefix?: string }) => {
    const { kafka, codec, topicPrefix } = cliContext();
    const prefix = options.topicsPrefix ?? topicPrefix;
    const trace = await traceApplication(kafka, codec, prefix, applicationId);
    if (trace.entries.length === 0) {
      console.error(`amtsbote: no record of application ${applicationId}`);
      process.exitCode = EXIT.notFound;
    } else if (options.json) console.log(JSON.stringify(trace, null, 2));
    else for (const line of formatTrace(trace, prefix)) console.log(line);
  });

/** The options of `amtsbote replay`, as commander hands them over. */
interface ReplayCliOptions {
  topic: string;
  from?: string;
  to?: string;
  offsets?: string;
  application?: string;
  toTopic?: string;
  group?: string;
  rate?: string;
  dryRun?: boolean;
  topicsPrefix?: string;
  json?: boolean;
}

program
  .command('replay')
  .description('replay records of a topic: copy them, marked as a replay, back into it (or another topic), or rewind a stopped consumer group')
  .requiredOption('--topic <name>', 'the topic to replay, e.g. applications.submitted.v1 (translate again) or xoev.outbound.v1 (deliver again)')
  .option('--from <time>', 'from the first record at or after this time, ISO 8601 (default: the oldest retained record)')
  .option('--to <time>', 'only records before this time (default: up to the newest when the replay starts)')
  .option('--offsets <ranges>', 'only these partitions and offsets, both ends included: 0:100-199,3:42- (on to the end),5:7 (one record)')
  .option('--application <id>', "only this application's records (the key)")
  .addOption(new Option('--to-topic <name>', 'copy into this topic (default: --topic itself)').conflicts('group'))
  .addOption(
    new Option('--group <group>', 'copy nothing: move this consumer group (without members) back to the selection\'s start').conflicts(['to', 'application', 'rate']),
  )
  .option('--rate <records/s>', 'copy at most this many records per second (default: as fast as the broker takes them)')
  .option('--dry-run', 'only print what would be replayed: records per partition, first and last offsets and times')
  .addOption(topicsPrefix)
  .addOption(json)
  .addHelpText(
    'after',
    `
Selection: --from and --to go by the records' Kafka timestamps (the broker's lookup: the first offset
at or after each time), --offsets by partition and offset, --application by key; given together they
narrow each other. None: everything the topic retains, up to its end when the replay starts.

Copying (the default): the selected records go into --to-topic, by default back into --topic itself,
so that the service reading it processes them again. Each partition is copied in order, with key,
value and headers unchanged, plus amtsbote_replay: true (the status events they cause say replay) and
amtsbote_replay_of: <topic>/<partition>/<offset>. Ids derive from the original events, so a back office
gets no message twice: a repeat is answered as a duplicate. On a terminal a progress bar shows
records done, rate and time left.

Rewinding (--group): moves a consumer group's offsets back to the selection's start, e.g. of a group
of its own for a service instance started with that GROUP_ID. The group must have no members (stop its
service first), and a rewind never moves a group past records it has not processed. The group reads
the originals again: they are not marked, and their status events do not say replay.

Topic names as in infra/topics.yaml; TOPIC_PREFIX (or --topics-prefix) is put in front. Try --dry-run first.
Exit codes: ${EXIT.ok} done, ${EXIT.failure} failure (some records may have been copied: replaying them again is harmless), ${EXIT.usage} usage error.`,
  )
  .action(async (options: ReplayCliOptions, command: Command) => {
    const { kafka, topicPrefix } = cliContext();
    const prefix = options.topicsPrefix ?? topicPrefix;
    const selection = parsed(command, () => parseSelection({ ...options, topic: `${prefix}${options.topic}` }));
    const dryRun = options.dryRun ?? false;
    if (options.group) {
      parsed(command, () => checkRewindable(selection));
      const rewind = await rewindGroup(kafka, selection, { group: options.group, dryRun });
      if (options.json) console.log(JSON.stringify(rewind, null, 2));
      else for (const line of formatGroupRewind(rewind)) console.log(line);
      return;
    }
    const rate = options.rate === undefined ? undefined : parsed(command, () => parseRate(options.rate!));
    const bar = process.stderr.isTTY && !options.json ? createProgressBar(process.stderr, 'replay') : undefined;
    const replayed = replayIntoTopic(kafka, selection, {
      into: `${prefix}${options.toTopic ?? options.topic}`,
      applicationId: options.application,
      rate,
      dryRun,
      onProgress: bar?.update,
    });
    const summary = await replayed.finally(() => bar?.finish());
    if (options.json) console.log(JSON.stringify(summary, null, 2));
    else for (const line of formatTopicReplay(summary)) console.log(line);
  });

try {
  await program.parseAsync();
} catch (err) {
  console.error(`amtsbote: ${(err as Error).message}`);
  process.exitCode = EXIT.failure;
}

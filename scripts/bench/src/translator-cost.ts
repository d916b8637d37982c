// The in-process cost of translation (mapping) and validation (libxml2 XSD), per standard and
// message type: messages per second on one core. Run: npm run bench:translator
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRouter, loadMasterData } from '@amtsbote/core';
import { sampleBauantrag, sampleGewerbeanmeldung, type ApplicationSubmitted } from '@amtsbote/schemas';
import { codeListsFor, mappings, type Mapping, type MappingContext } from '@amtsbote/translator';
import { createSchematronValidatorCache, createXsdValidatorCache, deriveMessageId } from '@amtsbote/xoev';
import { machine, table, writeSection } from './results-file.js';

const xoevDir = process.env['XOEV_SCHEMA_DIR'] ?? fileURLToPath(new URL('../../../../shared/xoev/', import.meta.url));
const secondsPerCase = Number(process.env['BENCH_SECONDS'] ?? 3);

/** A realistic submission for each standard. */
function sampleFor(mapping: Mapping, n: number): ApplicationSubmitted | undefined {
  if (mapping.standard === 'xdomea') return sampleGewerbeanmeldung(n);
  if (mapping.standard === 'XBau') return sampleBauantrag(n, { tenant: { ags: '06411000', ars: '064110000000', name: 'Wissenschaftsstadt Darmstadt' } });
  // XGewerbeanzeige: the official XSD is not in ../shared/xoev, so there is nothing to validate against.
  return undefined;
}

// Sender, recipient and code lists as the seed master data routes each sample, so the message is what production writes.
const router = createRouter(await loadMasterData(fileURLToPath(new URL('../../../infra/masterdata/', import.meta.url))));

function contextFor(submission: ApplicationSubmitted, mapping: Mapping): MappingContext {
  const route = router.route(submission.tenant, submission.serviceKey);
  if (!route) throw new Error(`no route in the seed master data for ${submission.tenant.ags}/${submission.serviceKey}`);
  return {
    messageId: deriveMessageId(submission.eventId, mapping.standard, mapping.messageType),
    createdAt: new Date('2026-11-25T10:00:00Z'),
    sender: route.sender,
    recipient: route.recipient,
    product: { name: 'Amtsbote', vendor: 'Amtsbote', version: 'bench' },
    test: true,
    codeList: codeListsFor(router, route.destination),
  };
}

/** Runs `work` for about `seconds` after a warm-up; returns operations per second. */
function rate(work: (i: number) => void, seconds: number): number {
  for (let i = 0; i < 200; i++) work(i);
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  let n = 0;
  while (process.hrtime.bigint() < deadline) for (let k = 0; k < 20; k++) work(n++);
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

const schemas = createXsdValidatorCache();
const ruleSets = createSchematronValidatorCache();
const rows: string[][] = [];
for (const mapping of mappings) {
  const samples = Array.from({ length: 64 }, (_, n) => sampleFor(mapping, n)).filter((s): s is ApplicationSubmitted => s !== undefined);
  if (samples.length === 0) continue;
  const validator = schemas.get(join(xoevDir, mapping.schemaFile));
  const build = (i: number) => {
    const s = samples[i % samples.length]!;
    return mapping.map(s, contextFor(s, mapping));
  };
  const documents = samples.map((_, i) => Buffer.from(build(i), 'utf8'));
  const size = documents.reduce((sum, d) => sum + d.length, 0) / documents.length;
  const mapRate = rate((i) => void build(i), secondsPerCase);
  const validateRate = rate((i) => {
    if (!validator.validate(documents[i % documents.length]!).valid) throw new Error('invalid document in benchmark');
  }, secondsPerCase);
  const bothRate = rate((i) => {
    if (!validator.validate(Buffer.from(build(i), 'utf8')).valid) throw new Error('invalid document in benchmark');
  }, secondsPerCase);
  // Schematron (where the standard publishes rules) runs after the XSD, on valid documents only.
  let rulesRate: number | undefined;
  if (mapping.schematronFile) {
    const rules = await ruleSets.get(join(xoevDir, mapping.schematronFile));
    rulesRate = rate((i) => {
      if (!rules.validate(documents[i % documents.length]!.toString('utf8')).valid) throw new Error('rules failed in benchmark');
    }, secondsPerCase);
  }
  rows.push([
    `${mapping.standard} ${mapping.version}`,
    mapping.messageType,
    `${(size / 1024).toFixed(1)} KB`,
    mapRate.toFixed(0),
    validateRate.toFixed(0),
    bothRate.toFixed(0),
    `${(1e6 / bothRate).toFixed(0)} µs`,
    rulesRate === undefined ? '–' : `${rulesRate.toFixed(0)} /s (${(1e6 / rulesRate).toFixed(0)} µs)`,
  ]);
  console.log(`${mapping.standard} ${mapping.version} ${mapping.messageType}: map ${mapRate.toFixed(0)}/s, validate ${validateRate.toFixed(0)}/s, both ${bothRate.toFixed(0)}/s`);
}
schemas.close();

const result = table(['standard', 'message', 'size', 'map /s', 'validate /s', 'map + validate /s', 'per message', 'Schematron'], rows);
console.log(`\n${result}`);
writeSection(
  'Translator: mapping and validation in-process',
  `Messages per second on one core, ${secondsPerCase} s per column after a warm-up of 200 messages; mapping with xmlbuilder2, validation with libxml2 (libxml2-wasm) against the official XSD, compiled once; Schematron: the official rules through SchXslt on SaxonJS, where the standard publishes them.
Machine: ${machine()}. Measured ${new Date().toISOString().slice(0, 10)}. Re-run: \`npm run bench:translator\` (BENCH_SECONDS to change the duration).
The machines are shared and noisy: compare ratios within one run rather than absolute rates across runs.

${result}`,
);

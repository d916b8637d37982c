// The in-process cost of translation (mapping) and validation (libxml2 XSD), per standard and
// message type: messages per second on one core. Run: npm run bench:translator
import { sampleBauantrag, sampleGewerbeanmeldung, type ApplicationSubmitted } from '@amtsbote/schemas';
import { mappings, type Mapping } from '@amtsbote/translator';
import { machine, table, writeSection } from './results-file.js';
import { createTranslation, rate } from './translation.js';

const secondsPerCase = Number(process.env['BENCH_SECONDS'] ?? 3);

/** A realistic submission for each standard. */
function sampleFor(mapping: Mapping, n: number): ApplicationSubmitted | undefined {
  if (mapping.standard === 'xdomea') return sampleGewerbeanmeldung(n);
  if (mapping.standard === 'XBau') return sampleBauantrag(n, { tenant: { ags: '06411000', ars: '064110000000', name: 'Wissenschaftsstadt Darmstadt' } });
  // XGewerbeanzeige: the official XSD is not in ../shared/xoev, so there is nothing to validate against.
  return undefined;
}

const translation = await createTranslation();
const rows: string[][] = [];
for (const mapping of mappings) {
  const samples = Array.from({ length: 64 }, (_, n) => sampleFor(mapping, n)).filter((s): s is ApplicationSubmitted => s !== undefined);
  if (samples.length === 0) continue;
  const build = (i: number) => translation.map(samples[i % samples.length]!, mapping);
  const documents = samples.map((_, i) => Buffer.from(build(i), 'utf8'));
  const size = documents.reduce((sum, d) => sum + d.length, 0) / documents.length;
  const mapRate = rate((i) => void build(i), secondsPerCase);
  const validateRate = rate((i) => {
    if (!translation.xsdValid(mapping, documents[i % documents.length]!)) throw new Error('invalid document in benchmark');
  }, secondsPerCase);
  const bothRate = rate((i) => {
    if (!translation.xsdValid(mapping, Buffer.from(build(i), 'utf8'))) throw new Error('invalid document in benchmark');
  }, secondsPerCase);
  // Schematron (where the standard publishes rules) runs after the XSD, on valid documents only.
  const rules = translation.rulesOf(mapping);
  const rulesRate = rules
    ? rate((i) => {
        if (!rules.validate(documents[i % documents.length]!.toString('utf8')).valid) throw new Error('rules failed in benchmark');
      }, secondsPerCase)
    : undefined;
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
translation.close();

const result = table(['standard', 'message', 'size', 'map /s', 'validate /s', 'map + validate /s', 'per message', 'Schematron'], rows);
console.log(`\n${result}`);
writeSection(
  'Translator: mapping and validation in-process',
  `Messages per second on one core, ${secondsPerCase} s per column after a warm-up of 200 messages; mapping with xmlbuilder2, validation with libxml2 (libxml2-wasm) against the official XSD, compiled once; Schematron: the official rules through SchXslt on SaxonJS, where the standard publishes them.
Machine: ${machine()}. Measured ${new Date().toISOString().slice(0, 10)}. Re-run: \`npm run bench:translator\` (BENCH_SECONDS to change the duration).
The machines are shared and noisy: compare ratios within one run rather than absolute rates across runs.

${result}`,
);

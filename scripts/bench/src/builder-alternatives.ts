// xmlbuilder2 (what the mappings use) against fast-xml-parser's XMLBuilder, building the same real
// message: the translator's output for a realistic submission, parsed once with fast-xml-parser
// (preserveOrder), then built again from that one object by each library. Measures the builders,
// not the mappings; the mapping itself is shown for scale. Run: npm run bench:builders -w @amtsbote/bench
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { sampleBauantrag, sampleGewerbeanmeldung } from '@amtsbote/schemas';
import { create } from 'xmlbuilder2';
import type { XMLBuilder as Xmlbuilder2Node } from 'xmlbuilder2/lib/interfaces.js';
import { machine, table, writeSection } from './results-file.js';
import { createTranslation, rate } from './translation.js';

const secondsPerCase = Number(process.env['BENCH_SECONDS'] ?? 3);
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** A node of fast-xml-parser's preserveOrder tree: one key (the element name, `#text` or `?xml`) and its attributes under `:@`. */
type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const attributePrefix = '@_';
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: attributePrefix, parseTagValue: false });
const fxpBuilder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: attributePrefix, format: true, indentBy: '  ', suppressEmptyNode: false });

/** Builds the tree with xmlbuilder2 the way the mappings do: elements in their namespace, pretty-printed, well-formedness checked. */
function buildWithXmlbuilder2(tree: OrderedNode[]): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' });
  const append = (parent: Xmlbuilder2Node, nodes: OrderedNode[], scope: Map<string, string>) => {
    for (const node of nodes) {
      const name = Object.keys(node).find((key) => key !== ':@')!;
      if (name === '?xml') continue;
      if (name === '#text') {
        parent.txt(String(node[name]));
        continue;
      }
      const attributes = Object.entries(node[':@'] ?? {}).map(([key, value]) => [key.slice(attributePrefix.length), value] as const);
      const inScope = new Map(scope);
      for (const [key, value] of attributes) if (key.startsWith('xmlns:')) inScope.set(key.slice(6), value);
      const prefixOf = (qualified: string) => (qualified.includes(':') ? qualified.slice(0, qualified.indexOf(':')) : '');
      const element = parent.ele(inScope.get(prefixOf(name)) ?? null, name);
      for (const [key, value] of attributes) {
        if (key.startsWith('xmlns:')) element.att(XMLNS, key, value);
        else if (key.includes(':')) element.att(inScope.get(prefixOf(key)) ?? null, key, value);
        else element.att(key, value);
      }
      append(element, node[name] as OrderedNode[], inScope);
    }
  };
  append(document, tree, new Map());
  return `${document.end({ prettyPrint: true, wellFormed: true })}\n`;
}

/** The text, with empty elements written one way (fast-xml-parser writes `<a></a>` where xmlbuilder2 writes `<a/>`) and no final newline. */
const normalized = (xml: string) => xml.replace(/<([^\s>/]+)([^>]*)><\/\1>/g, '<$1$2/>').trimEnd();

const translation = await createTranslation();
const cases = [
  { name: 'xdomea 3.1.0 Geschaeftsgang.0201, a Gewerbeanmeldung in Darmstadt', submission: sampleGewerbeanmeldung(7) },
  // Even numbers are Darmstadt, which the seed routes to its Bauaufsicht as XBau.
  { name: 'XBau 2.6 baugenehmigung.antrag.0200, a Bauantrag in Darmstadt', submission: sampleBauantrag(4) },
];
const rows: string[][] = [];
for (const { name, submission } of cases) {
  const mapping = translation.mappingOf(submission);
  const xml = translation.map(submission, mapping);
  const tree = parser.parse(xml) as OrderedNode[];
  const viaXmlbuilder2 = buildWithXmlbuilder2(tree);
  const viaFxp = `${fxpBuilder.build(tree) as string}`;
  // Both must still be the message the back office gets: valid against the official XSD, and the same text.
  const valid = [viaXmlbuilder2, viaFxp].every((built) => translation.xsdValid(mapping, built));
  const same = [viaXmlbuilder2, viaFxp].every((built) => normalized(built) === normalized(xml));
  const mapRate = rate(() => void translation.map(submission, mapping), secondsPerCase);
  const xmlbuilder2Rate = rate(() => void buildWithXmlbuilder2(tree), secondsPerCase);
  const fxpRate = rate(() => void fxpBuilder.build(tree), secondsPerCase);
  rows.push([
    name,
    `${(Buffer.byteLength(xml) / 1024).toFixed(1)} KB`,
    mapRate.toFixed(0),
    xmlbuilder2Rate.toFixed(0),
    fxpRate.toFixed(0),
    `${(fxpRate / xmlbuilder2Rate).toFixed(1)} ×`,
    valid ? 'yes' : 'NO',
    same ? 'yes' : 'no',
  ]);
  console.log(`${name}: mapping ${mapRate.toFixed(0)}/s, xmlbuilder2 ${xmlbuilder2Rate.toFixed(0)}/s, fast-xml-parser ${fxpRate.toFixed(0)}/s, both valid: ${valid}`);
}
translation.close();

const result = table(
  ['message', 'size', 'mapping today /s', 'xmlbuilder2 from the tree /s', 'fast-xml-parser XMLBuilder /s', 'fast-xml-parser ÷ xmlbuilder2', 'both XSD-valid', 'both the same text'],
  rows,
);
console.log(`\n${result}`);
writeSection(
  'Translator: XML builders compared',
  `Messages per second on one core, ${secondsPerCase} s per column after a warm-up of 200. The translator's output for a realistic submission is parsed once with fast-xml-parser (preserveOrder); then each library builds it again from that same object, pretty-printed: xmlbuilder2 as the mappings use it (elements in their namespace, \`wellFormed\` checks), fast-xml-parser's XMLBuilder (\`format\`). *Same text*: as the mapping wrote it, apart from how empty elements are written and the final newline. *Mapping today*: the whole mapping (reading the submission, code lists, text sanitizing, xmlbuilder2), for scale. The mappings are unchanged; this only says what a switch of builder could gain.
Machine: ${machine()}. Measured ${new Date().toISOString().slice(0, 10)}. Re-run: \`npm run bench:builders -w @amtsbote/bench\` (BENCH_SECONDS to change the duration).

${result}`,
);

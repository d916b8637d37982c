import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleBauantrag, serviceKeys, type ApplicationSubmitted, type SubmissionTypes } from '@amtsbote/schemas';
import {
  createSchematronValidator,
  createTextReplacementLog,
  createXsdValidator,
  isSchematronCompilerPrepared,
  SCHEMATRON_PREPARE_SCRIPT,
  XoevError,
  type SchematronValidator,
  type XsdValidator,
} from '@amtsbote/xoev';
import fc from 'fast-check';
import { XmlDocument } from 'libxml2-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappings } from '../index.js';
import { createMappingRegistry } from '../registry.js';
import { bauantragDarmstadt, bauantragRossdorf, contextFor } from './__fixtures__/submissions.js';
import {
  BAUGENEHMIGUNG_SERVICE_KEYS,
  mapToXbauBaugenehmigungAntrag0200,
  xbauBaugenehmigungAntrag0200Mapping as mapping,
} from './baugenehmigung-antrag-0200.js';
import { DIN_REPLACEMENT_CHARACTER } from './din-91379.js';
import { XBAU_NAMESPACE } from './xbau-writer.js';

// The official schemas and rules live in shared/xoev beside the checkout, or where XOEV_SCHEMA_DIR says.
const xoevDir = process.env['XOEV_SCHEMA_DIR'] ?? fileURLToPath(new URL('../../../../../../shared/xoev/', import.meta.url));
const schemaFile = path.join(xoevDir, mapping.schemaFile);
const schematronFile = path.join(xoevDir, mapping.schematronFile!);
const emptyElementRules = path.join(xoevDir, 'xbau-2.6/sch/xbau-schematron-leere-elemente.sch');
const goldenDir = fileURLToPath(new URL('./__golden__/', import.meta.url));
const NS = { xbau: XBAU_NAMESPACE };

type Bauantrag = SubmissionTypes.Bauantrag;

let xsd: XsdValidator;
let rules: SchematronValidator;
let emptyElements: SchematronValidator;
beforeAll(async () => {
  xsd = createXsdValidator({ schemaFile, redactValues: false });
  // Prepares SchXslt once per machine (Maven) and compiles the official rules once (~30 s).
  if (!isSchematronCompilerPrepared()) execFileSync('bash', [SCHEMATRON_PREPARE_SCRIPT], { stdio: 'inherit' });
  [rules, emptyElements] = await Promise.all([
    createSchematronValidator({ schematronFile }),
    createSchematronValidator({ schematronFile: emptyElementRules }),
  ]);
}, 600_000);
afterAll(() => xsd.close());

function map(submission: ApplicationSubmitted, overrides: Parameters<typeof contextFor>[1] = {}): string {
  return mapToXbauBaugenehmigungAntrag0200(submission, contextFor(submission, overrides));
}

function withBauantrag(submission: ApplicationSubmitted, changes: Partial<Bauantrag>, rest: Partial<ApplicationSubmitted> = {}): ApplicationSubmitted {
  const antrag = submission.data['de.amtsbote.application.v1.Bauantrag']!;
  return { ...submission, ...rest, data: { 'de.amtsbote.application.v1.Bauantrag': { ...antrag, ...changes } } };
}

function expectSchemaValid(xml: string): void {
  const result = xsd.validate(xml);
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

function expectRulesPass(xml: string): void {
  expect(rules.validate(xml)).toEqual({ valid: true, findings: [], errorCount: 0, warningCount: 0 });
  expect(emptyElements.validate(xml).findings).toEqual([]);
}

function texts(xml: string, xpath: string): string[] {
  using document = XmlDocument.fromString(xml);
  return document.find(xpath, NS).map((node) => node.content);
}

const golden = [
  ['baugenehmigung-antrag-0200-darmstadt.xml', bauantragDarmstadt, false],
  ['baugenehmigung-antrag-0200-rossdorf-test.xml', bauantragRossdorf, true],
] as const;

describe('mapToXbauBaugenehmigungAntrag0200', () => {
  it.each(golden)('renders %s byte for byte as the golden file (UPDATE_GOLDEN=1 rewrites it)', (file, submission, test) => {
    const xml = map(submission, { test });
    const target = path.join(goldenDir, file);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(target, xml);
    expect(xml).toBe(fs.readFileSync(target, 'utf8'));
  });

  it.each(golden)('keeps the golden file %s valid against the official XSD and the official Schematron', (file) => {
    const xml = fs.readFileSync(path.join(goldenDir, file), 'utf8');
    expectSchemaValid(xml);
    expectRulesPass(xml);
  });

  it.each([0, 1, 2, 3, 4, 5])('turns sampleBauantrag(%i) into a message the XSD and the Schematron accept', (n) => {
    const submission = sampleBauantrag(n);
    const xml = map(submission);
    expectSchemaValid(xml);
    expectRulesPass(xml);
  });

  it.skipIf(!hasXmllint())('produces a message that xmllint also validates against the official schema', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xbau-')), 'baugenehmigung.antrag.0200.xml');
    fs.writeFileSync(file, map(bauantragDarmstadt));
    expect(() => execFileSync('xmllint', ['--noout', '--nonet', '--schema', schemaFile, file], { stdio: 'pipe' })).not.toThrow();
  });

  it('is deterministic: the same submission and context give the same bytes', () => {
    expect(map(bauantragDarmstadt)).toBe(map(structuredClone(bauantragDarmstadt)));
  });

  it('writes the header from the context: message id, type 0200 of list 4.0, DVDV keys as prefix:identifier', () => {
    const context = contextFor(bauantragDarmstadt);
    const xml = map(bauantragDarmstadt);
    const kopf = '/xbau:baugenehmigung.antrag.0200/nachrichtenkopf.g2g';
    expect(texts(xml, `${kopf}/identifikation.nachricht/nachrichtenUUID`)).toEqual([context.messageId]);
    expect(texts(xml, `${kopf}/identifikation.nachricht/nachrichtentyp/code`)).toEqual(['0200']);
    expect(texts(xml, `${kopf}/identifikation.nachricht/nachrichtentyp/@listVersionID`)).toEqual(['4.0']);
    expect(texts(xml, `${kopf}/leser/kennung`)).toEqual(['bau:06411000']);
    expect(texts(xml, `${kopf}/autor/kennung`)).toEqual(['ozg:06411000']);
    expect(texts(xml, '/xbau:baugenehmigung.antrag.0200/@standard')).toEqual(['XBau-Hochbau']);
    expect(texts(xml, '/xbau:baugenehmigung.antrag.0200/@test')).toEqual([]);
    expect(texts(map(bauantragDarmstadt, { test: true }), '/xbau:baugenehmigung.antrag.0200/@test')).toEqual(['true']);
  });

  it('refers to the Vorgang by a UUID of the application id, the same in every message about it', () => {
    const reference = '/xbau:baugenehmigung.antrag.0200/xbau:referenzAntragsservice/referenzAntragsservice';
    const first = texts(map(bauantragDarmstadt), reference);
    const resent = texts(map({ ...bauantragDarmstadt, eventId: '0b3c1d2e-0000-4000-8000-000000000001' }), reference);
    expect(first).toEqual(resent);
    expect(first[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives a party one id in all its roles: the Bauherr also pays; without a Bauherr of its own the applicant is the Bauherr', () => {
    const beteiligte = '//xbau:beteiligte';
    const withOwner = map(bauantragDarmstadt);
    expect(texts(withOwner, `${beteiligte}/xbau:bauherr/xbau:bauherr//id`)).toEqual(texts(withOwner, `${beteiligte}/xbau:gebuehrenpflichtiger//id`));
    const applicantIsOwner = map(bauantragRossdorf);
    expect(texts(applicantIsOwner, `${beteiligte}/xbau:bauherr/xbau:bauherr//id`)).toEqual(
      texts(applicantIsOwner, '/xbau:baugenehmigung.antrag.0200/xbau:antragsteller//id'),
    );
  });

  it('codes the Gegenstand, the parcels and the Anlagen with the official lists', () => {
    const xml = map(bauantragRossdorf);
    expect(texts(xml, '//xbau:artDerMassnahme/code')).toEqual(['12', '14']);
    expect(texts(xml, '//xbau:flurstueck/bundesland/code')).toEqual(['06']);
    expect(texts(xml, '//xbau:prozessmerkmale/xbau:verfahrensart/@listURI')).toEqual(['urn:example:hessen:verfahrensart']);
    // An upload the front office did not classify is a Bauvorlage in general.
    expect(texts(xml, '//xbau:anlagen/anlage/anlageart/code')).toEqual(['0000']);
    expect(texts(xml, '//xbau:anlagen/anlage/datum')).toEqual(['2026-06-02']);
    // The day of receipt is the German calendar day: 22:30 UTC on 31 March is 1 April in Berlin.
    expect(texts(map(bauantragDarmstadt), '//xbau:anlagen/anlage[1]/datum')).toEqual(['2026-04-01']);
  });

  it('keeps file names within the Dateiname pattern and the original name as the Anlage title', () => {
    const submission: ApplicationSubmitted = {
      ...bauantragRossdorf,
      attachments: [
        { ...bauantragRossdorf.attachments[0]!, name: '../Ansicht: Süd/Nord? „final“.JPG' },
        { ...bauantragRossdorf.attachments[0]!, name: 'ohne Endung', mediaType: 'application/pdf' },
      ],
    };
    const xml = map(submission);
    expectSchemaValid(xml);
    expect(texts(xml, '//verlinkung/dateiname')).toEqual(['Nord_ _final_.JPG', 'ohne Endung.pdf']);
    // The title is of DIN 91379 datatype D, which (unlike C) has German quotation marks.
    expect(texts(xml, '//anlage/bezeichnung')).toEqual(['../Ansicht: Süd/Nord? „final“.JPG', 'ohne Endung']);
  });

  it('replaces characters outside DIN 91379 and reports them per field, without the values', () => {
    const hostile = `Bäckerei </xbau:x>&A; R&amp;D 😀 \u0000\uD800 „Zitat“ Ende`;
    const submission = withBauantrag(bauantragDarmstadt, { projectTitle: hostile, projectDescription: hostile }, { applicant: { ...bauantragDarmstadt.applicant, organisationName: hostile } });
    const log = createTextReplacementLog();
    const xml = mapToXbauBaugenehmigungAntrag0200(submission, contextFor(submission), log);
    expectSchemaValid(xml);
    expectRulesPass(xml);
    const R = DIN_REPLACEMENT_CHARACTER;
    expect(texts(xml, '//xbau:bezeichnungDesBauvorhabens')).toEqual([`Bäckerei </xbau:x>&A; R&amp;D ${R} ${R}${R} "Zitat" Ende`]);
    expect(log.replacements).toEqual(
      expect.arrayContaining([
        { field: 'data.bauantrag.projectTitle', count: 5 },
        { field: 'data.bauantrag.projectDescription', count: 5 },
        { field: 'applicant.organisationName', count: 5 },
      ]),
    );
    expect(JSON.stringify(log.replacements)).not.toContain('Bäckerei');
  });

  it('reports no replacements for clean input', () => {
    const log = createTextReplacementLog();
    mapToXbauBaugenehmigungAntrag0200(bauantragRossdorf, contextFor(bauantragRossdorf), log);
    expect(log.replacements).toEqual([]);
  });

  it('turns any text into a message valid against XSD and Schematron, or into a typed rejection', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.array(fc.constantFrom('<', '&', '&amp;', '&A;', ']]>', '"', '\u0000', '\uD800', 'ä', '😀', '„', '–', '\r\n', ' ', 'a'), { maxLength: 10 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, text, text, text, (title, street, name, file) => {
        const submission = withBauantrag(
          bauantragDarmstadt,
          { projectTitle: title, plot: { ...bauantragDarmstadt.data['de.amtsbote.application.v1.Bauantrag']!.plot, developmentPlan: street } },
          {
            applicant: { ...bauantragDarmstadt.applicant, familyName: name, address: { ...bauantragDarmstadt.applicant.address, street } },
            attachments: bauantragDarmstadt.attachments.map((a) => ({ ...a, name: file })),
          },
        );
        let xml: string;
        try {
          xml = map(submission);
        } catch (err) {
          expect(err).toBeInstanceOf(XoevError);
          return;
        }
        expectSchemaValid(xml);
        expect(rules.validate(xml).valid).toBe(true);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it.each([
    ['a message id that is not a UUID', bauantragDarmstadt, { messageId: 'nachricht-1' }, 'context.messageId'],
    ['data that is no Bauantrag', { ...bauantragDarmstadt, data: { 'de.amtsbote.application.v1.GenericForm': { fields: [] } } }, {}, 'data'],
    ['no attachment at all', { ...bauantragDarmstadt, attachments: [] }, {}, 'attachments'],
    ['no Art der Maßnahme', withBauantrag(bauantragDarmstadt, { measures: [] }), {}, 'data.bauantrag.measures'],
    ['no parcel', withBauantrag(bauantragDarmstadt, { plot: { address: null, parcels: [], developmentPlan: null } }), {}, 'data.bauantrag.plot.parcels'],
    ['a blank project title', withBauantrag(bauantragDarmstadt, { projectTitle: '  ' }), {}, 'data.bauantrag.projectTitle'],
    [
      'a chamber that is not in the list Kammer 2.0',
      withBauantrag(bauantragDarmstadt, { designer: { person: bauantragDarmstadt.applicant, chamber: { chamber: '99', membershipNumber: '1' } } }),
      {},
      'data.bauantrag.designer.chamber.chamber',
    ],
    ['a document entry for a missing attachment', withBauantrag(bauantragDarmstadt, { documents: [{ attachment: 3, documentType: '1803', title: null }] }), {}, 'data.bauantrag.documents[0].attachment'],
    ['a document type that is no Anlagen code', withBauantrag(bauantragDarmstadt, { documents: [{ attachment: 0, documentType: 'Lageplan', title: null }] }), {}, 'data.bauantrag.documents[0].documentType'],
    ['a municipality without AGS or ARS', { ...bauantragDarmstadt, tenant: { ags: null, ars: null, name: 'Darmstadt' } }, {}, 'tenant.ags'],
    ['a blank Verfahrensart', withBauantrag(bauantragDarmstadt, { procedure: { code: ' ', listUri: 'urn:x', listVersionId: '1' } }), {}, 'data.bauantrag.procedure.code'],
  ])('refuses %s with a typed, non-retriable XOEV_INVALID_VALUE that names the field', (_name, submission, overrides, field) => {
    expect(() => mapToXbauBaugenehmigungAntrag0200(submission as ApplicationSubmitted, contextFor(bauantragDarmstadt, overrides))).toThrow(
      expect.objectContaining({ code: 'XOEV_INVALID_VALUE', field, retriable: false }) as Error,
    );
  });
});

describe('the official Schematron on the mapping output', () => {
  it('rejects, with rule sch-xbau-001, a reader whose DVDV key breaks the official pattern, though the XSD accepts it', () => {
    // The form the pilot's placeholder master data has ("dvdv" + "AGS-role"): XSD-valid, rule-invalid.
    const xml = map(bauantragDarmstadt, {
      recipient: { ...contextFor(bauantragDarmstadt).recipient, dvdv: { prefix: 'dvdv', id: '06411000-bauaufsicht' } },
    });
    expectSchemaValid(xml);
    const result = rules.validate(xml);
    expect(result.valid).toBe(false);
    expect(result.findings.map((f) => [f.id, f.severity, f.location])).toEqual([
      ['sch-xbau-001', 'error', '/Q{http://www.xleitstelle.de/xbau/2/6}baugenehmigung.antrag.0200[1]/Q{}nachrichtenkopf.g2g[1]'],
    ]);
  });

  it('rejects a mutated golden document whose author key lost its prefix, with rule sch-xbau-002', () => {
    const xml = fs.readFileSync(path.join(goldenDir, golden[0][0]), 'utf8');
    const mutated = xml.replace('<kennung>ozg:06411000</kennung>', '<kennung>06411000</kennung>');
    expect(mutated).not.toBe(xml);
    expectSchemaValid(mutated);
    expect(rules.validate(mutated).findings.map((f) => f.id)).toEqual(['sch-xbau-002']);
  });

  it('costs a few tens of milliseconds per message (printed)', () => {
    const xml = map(bauantragDarmstadt);
    rules.validate(xml);
    const runs = 25;
    let started = performance.now();
    for (let i = 0; i < runs; i++) rules.validate(xml);
    const schematron = (performance.now() - started) / runs;
    started = performance.now();
    for (let i = 0; i < runs; i++) xsd.validate(xml);
    const schema = (performance.now() - started) / runs;
    started = performance.now();
    for (let i = 0; i < runs; i++) map(bauantragDarmstadt);
    const mapping = (performance.now() - started) / runs;
    console.log(
      `XBau 0200 (${Buffer.byteLength(xml)} bytes): mapping ${mapping.toFixed(2)} ms, XSD ${schema.toFixed(2)} ms, Schematron ${schematron.toFixed(1)} ms per message`,
    );
    expect(schematron).toBeLessThan(1_000);
  }, 120_000);
});

describe('xbauBaugenehmigungAntrag0200Mapping', () => {
  it('is registered for the building permit keys with XBau 2.6, its XSD and its Schematron', () => {
    const registry = createMappingRegistry(mappings);
    for (const key of BAUGENEHMIGUNG_SERVICE_KEYS) expect(registry.find(key, 'XBau', '2.6')).toBe(mapping);
    expect(BAUGENEHMIGUNG_SERVICE_KEYS).toContain(serviceKeys.baugenehmigung);
    expect(mapping.schemaFile).toBe('xbau-2.6/xsd_dev/xbau-nachrichten-baugenehmigung.xsd');
    expect(mapping.schematronFile).toBe('xbau-2.6/sch/xbau-schematron.sch');
  });
});

function hasXmllint(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

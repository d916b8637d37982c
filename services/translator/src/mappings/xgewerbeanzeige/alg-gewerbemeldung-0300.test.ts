import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { createTextReplacementLog, createXsdValidator, REPLACEMENT_CHARACTER, XoevError } from '@amtsbote/xoev';
import fc from 'fast-check';
import { XmlDocument, XmlElement } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { checkWellFormed } from '../../schema-availability.js';
import { createMappingRegistry } from '../registry.js';
import { abmeldung, anmeldung, contextFor, ummeldung, withGewerbeanzeige } from './__fixtures__/submissions.js';
import { mapGewerbeanzeigeToXGewerbeanzeige, xgewerbeanzeigeGewerbemeldung0300Mapping } from './alg-gewerbemeldung-0300.js';
import { XGEWERBEANZEIGE_NAMESPACE } from './xgewerbeanzeige-writer.js';

// The KoSIT examples live in shared/xoev beside the checkout, or where XOEV_SCHEMA_DIR says; the
// official XSD is there only if an operator put it there.
const xoevDir = process.env['XOEV_SCHEMA_DIR'] ?? fileURLToPath(new URL('../../../../../../shared/xoev/', import.meta.url));
const examplesDir = fileURLToPath(new URL('../../../../../../shared/xoev/xgewerbeanzeige-examples/beispiele/', import.meta.url));
const schemaFile = path.join(xoevDir, xgewerbeanzeigeGewerbemeldung0300Mapping.schemaFile);
const goldenDir = fileURLToPath(new URL('./__golden__/', import.meta.url));

const NS = { xga: XGEWERBEANZEIGE_NAMESPACE };
const ROOT = '/xga:alg.gewerbemeldung.0300';

const golden = [
  ['alg-gewerbemeldung-0300-anmeldung.xml', anmeldung, false],
  ['alg-gewerbemeldung-0300-ummeldung.xml', ummeldung, false],
  ['alg-gewerbemeldung-0300-abmeldung-test.xml', abmeldung, true],
] as const;

function map(submission: ApplicationSubmitted, test = false): string {
  return mapGewerbeanzeigeToXGewerbeanzeige(submission, contextFor(submission, { test }));
}

function parse(xml: string): XmlDocument {
  return XmlDocument.fromString(xml);
}

function textAt(xml: string, xpath: string): string | undefined {
  using document = parse(xml);
  return document.get(xpath, NS)?.content;
}

describe('mapGewerbeanzeigeToXGewerbeanzeige', () => {
  it.each(golden)('renders %s byte for byte as the golden file (UPDATE_GOLDEN=1 rewrites it)', (file, submission, test) => {
    const xml = map(submission, test);
    const goldenFile = path.join(goldenDir, file);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(goldenFile, xml);
    expect(xml).toBe(fs.readFileSync(goldenFile, 'utf8'));
  });

  it.each(golden)('writes %s as well-formed XML', (_file, submission, test) => {
    expect(checkWellFormed(map(submission, test))).toEqual({ valid: true, errors: [] });
  });

  it.skipIf(!fs.existsSync(schemaFile))('writes messages valid against the official XSD when the schema folder has it', () => {
    using validator = createXsdValidator({ schemaFile, redactValues: false });
    for (const [, submission, test] of golden) expect(validator.validate(map(submission, test)).errors).toEqual([]);
  });

  it('is deterministic: the same submission and context give the same bytes', () => {
    const context = contextFor(ummeldung);
    expect(mapGewerbeanzeigeToXGewerbeanzeige(ummeldung, context)).toBe(mapGewerbeanzeigeToXGewerbeanzeige(ummeldung, { ...context }));
  });

  it('puts the recipient in leser and the sender in autor, each with its DVDV prefix and key', () => {
    const context = contextFor(anmeldung, {
      sender: { ...contextFor(anmeldung).sender, dvdv: { prefix: 'dvdv', id: '06411000-online' } },
      recipient: { ...contextFor(anmeldung).recipient, dvdv: { prefix: 'dvdv', id: '06411000-gewerbe' } },
    });
    const xml = mapGewerbeanzeigeToXGewerbeanzeige(anmeldung, context);
    expect(textAt(xml, `${ROOT}/xga:nachrichtenkopf/xga:leser/xga:behoerdenkennung/xga:praefix/code`)).toBe('dvdv');
    expect(textAt(xml, `${ROOT}/xga:nachrichtenkopf/xga:leser/xga:behoerdenkennung/xga:kennung/code`)).toBe('06411000-gewerbe');
    expect(textAt(xml, `${ROOT}/xga:nachrichtenkopf/xga:autor/xga:behoerdenkennung/xga:kennung/code`)).toBe('06411000-online');
    expect(textAt(xml, `${ROOT}/xga:satz/xga:anmeldung/xga:autor/xga:behoerdenkennung/xga:kennung/code`)).toBe('06411000-online');
    expect(textAt(xml, `${ROOT}/xga:nachrichtenkopf/xga:identifikation.nachricht/xga:nachrichtenUUID`)).toBe(contextFor(anmeldung).messageId);
  });

  it('marks test messages with the test attribute of the KoSIT examples and production messages with none', () => {
    expect(textAt(map(abmeldung, true), `${ROOT}/@test`)).toBe('100');
    expect(textAt(map(abmeldung, false), `${ROOT}/@test`)).toBeUndefined();
  });

  it('derives the AGS from the ARS when the tenant has none', () => {
    expect(textAt(map(abmeldung), `${ROOT}/xga:satz/xga:abmeldung/xga:gemeindeSchluessel/code`)).toBe('06411000');
  });

  it('refuses a municipality without AGS or ARS', () => {
    const submission = { ...anmeldung, tenant: { ags: null, ars: null, name: 'Irgendwo' } };
    expect(() => map(submission)).toThrow(XoevError);
  });

  it('splits an HRB number into register kind and number and names the court by its code-list key', () => {
    const betrieb = `${ROOT}/xga:satz/xga:anmeldung/xga:gewerbe/xga:betrieb`;
    const xml = map(anmeldung);
    expect(textAt(xml, `${betrieb}/xga:eintragungNr`)).toBe('104711');
    expect(textAt(xml, `${betrieb}/xga:eintragungArt/code`)).toBe('B');
    expect(textAt(xml, `${betrieb}/xga:eintragungOrt`)).toBe('Darmstadt');
    expect(textAt(xml, `${betrieb}/xga:gerichtSchluessel/code`)).toBe('M1103');
  });

  it('sends a court it has no key for by name only', () => {
    const xml = map(withGewerbeanzeige(anmeldung, { tradeRegister: { court: 'Amtsgericht Frankfurt am Main', number: 'VR 1234' } }));
    const betrieb = `${ROOT}/xga:satz/xga:anmeldung/xga:gewerbe/xga:betrieb`;
    expect(textAt(xml, `${betrieb}/xga:eintragungOrt`)).toBe('Frankfurt am Main');
    expect(textAt(xml, `${betrieb}/xga:eintragungNr`)).toBe('VR 1234');
    expect(textAt(xml, `${betrieb}/xga:gerichtSchluessel/code`)).toBeUndefined();
    expect(textAt(xml, `${betrieb}/xga:eintragungArt/code`)).toBeUndefined();
  });

  it('writes the Ummeldung reasons as gruendeUmmeldung, one key each', () => {
    using document = parse(map(withGewerbeanzeige(ummeldung, { reasonCodes: ['02', '03'] })));
    const codes = document.find(`${ROOT}/xga:satz/xga:ummeldung/xga:gruendeUmmeldung/xga:grundUmmeldungSchluessel/code`, NS);
    expect(codes.map((node) => node.content)).toEqual(['02', '03']);
  });

  it.each([
    ['an Anmeldung', anmeldung],
    ['an Abmeldung', abmeldung],
  ])('refuses more than one reason for %s', (_name, submission) => {
    expect(() => map(withGewerbeanzeige(submission, { reasonCodes: ['01', '02'] }))).toThrow(XoevError);
  });

  it.each([[['']], [['0 1']], [['<x/>']], [['123456789']]])('refuses the reason codes %j rather than pass them on', (reasonCodes) => {
    expect(() => map(withGewerbeanzeige(anmeldung, { reasonCodes }))).toThrow(XoevError);
  });

  it('refuses a negative number of employees', () => {
    expect(() => map(withGewerbeanzeige(anmeldung, { fullTimeEmployees: -1 }))).toThrow(XoevError);
  });

  it('leaves out what the front office did not ask for instead of inventing it', () => {
    const xml = map(withGewerbeanzeige(anmeldung, { businessTypes: [], establishment: null, legalFormCode: null, reasonCodes: [] }));
    const satz = `${ROOT}/xga:satz/xga:anmeldung`;
    for (const element of ['xga:gewerbe/xga:betriebArt', 'xga:gewerbe/xga:niederlassungArt', 'xga:gewerbe/xga:betrieb/xga:rechtsformSchluessel', 'xga:grundAnmeldungSchluessel']) {
      expect(textAt(xml, `${satz}/${element}`), element).toBeUndefined();
    }
  });

  it('writes the Betriebsstätte abroad without a nation key it cannot know', () => {
    const premises = { street: 'Rue de la Loi', houseNumber: '1', postalCode: '1000', city: 'Bruxelles', countryCode: 'BE' };
    const xml = map(withGewerbeanzeige(anmeldung, { premises }));
    expect(textAt(xml, `${ROOT}/xga:satz/xga:anmeldung/xga:gewerbe/xga:anschrift/xga:ort`)).toBe('Bruxelles');
    expect(textAt(xml, `${ROOT}/xga:satz/xga:anmeldung/xga:gewerbe/xga:anschrift/xga:nationSchluessel`)).toBeUndefined();
  });

  it('refuses data that is not a Gewerbeanzeige', () => {
    const form: ApplicationSubmitted = { ...anmeldung, data: { 'de.amtsbote.application.v1.GenericForm': { fields: [] } } };
    expect(() => map(form)).toThrow(XoevError);
  });

  it('keeps hostile text intact and well-formed: markup escaped, emoji kept, forbidden characters replaced and reported', () => {
    const hostile = `Bäckerei </xga:strasse><!-- & ]]> "Zitat" 'x' 😀🥐 \u0000\u0008\u000B\uFFFE\uD800 Ende`;
    const submission = withGewerbeanzeige(
      {
        ...anmeldung,
        applicant: { ...anmeldung.applicant, kind: 'PERSON', familyName: hostile, givenName: hostile, email: hostile, phone: hostile, address: { ...anmeldung.applicant.address, street: hostile, city: hostile } },
      },
      { businessName: hostile, activity: hostile, premises: { ...anmeldung.applicant.address, street: hostile, houseNumber: hostile, postalCode: hostile, city: hostile }, tradeRegister: { court: hostile, number: hostile } },
    );
    const log = createTextReplacementLog();
    const context = contextFor(submission, { sender: { ...contextFor(submission).sender, name: hostile }, product: { name: hostile, vendor: hostile, version: hostile } });
    const xml = mapGewerbeanzeigeToXGewerbeanzeige(submission, context, log);

    expect(checkWellFormed(xml).valid).toBe(true);
    const sanitized = hostile.replace(/[\u0000\u0008\u000B\uFFFE]|\uD800/g, REPLACEMENT_CHARACTER);
    const satz = `${ROOT}/xga:satz/xga:anmeldung`;
    expect(textAt(xml, `${satz}/xga:gewerbe/xga:betrieb/xga:eingetragenerName`)).toBe(sanitized);
    expect(textAt(xml, `${satz}/xga:gewerbe/xga:anschrift/xga:strasse`)).toBe(sanitized);
    expect(textAt(xml, `${satz}/xga:taetigkeitenGesamt/xga:schwerpunkt/xga:taetigkeitSchwerpunkt`)).toBe(sanitized);
    expect(textAt(xml, `${satz}/xga:gewerbe/xga:beteiligtePerson/xga:familienname`)).toBe(sanitized);
    expect(textAt(xml, `${ROOT}/@produkt`)).toBe(sanitized);
    expect(textAt(xml, `${ROOT}/xga:nachrichtenkopf/xga:autor/xga:behoerdenname`)).toBe(sanitized);
    expect(log.replacements).toEqual(expect.arrayContaining([{ field: 'data.businessName', count: 5 }, { field: 'context.product.name', count: 5 }]));
    // The values themselves never reach the report: only field names and counts.
    expect(JSON.stringify(log.replacements)).not.toContain('Bäckerei');
  });
});

describe('any text from the front office', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.constantFrom('<', '>', '&', ']]>', '"', "'", '\u0000', '\u001f', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', 'ä', '😀', '\r\n', ' '), { maxLength: 12 }).map((parts) => parts.join('')),
  );

  // Codes are refused unless they are short keys (tested above), so only free text varies here.
  it('ends in well-formed XML or a typed rejection, never in malformed XML', () => {
    fc.assert(
      fc.property(fc.constantFrom(anmeldung, ummeldung, abmeldung), fc.array(text, { minLength: 11, maxLength: 11 }), (base, t) => {
        const g = base.data['de.amtsbote.application.v1.Gewerbeanzeige']!;
        const submission = withGewerbeanzeige(
          { ...base, applicant: { ...base.applicant, familyName: t[0]!, givenName: t[1]!, email: t[2]!, phone: t[3]!, address: { ...base.applicant.address, street: t[4]! } } },
          {
            businessName: t[5]!,
            activity: t[6]!,
            premises: { ...g.premises, city: t[7]!, houseNumber: t[8]! },
            tradeRegister: g.tradeRegister && { court: t[9]!, number: t[10]! },
          },
        );
        let xml: string;
        try {
          xml = map(submission);
        } catch (err) {
          expect(err).toBeInstanceOf(XoevError);
          return;
        }
        expect(checkWellFormed(xml)).toEqual({ valid: true, errors: [] });
      }),
      { numRuns: 200 },
    );
  });
});

describe('the mapping as the registry knows it', () => {
  it('is found for the verified Leistungsschlüssel of Gewerbe anmelden and XGewerbeanzeige 2.0', () => {
    expect(createMappingRegistry([xgewerbeanzeigeGewerbemeldung0300Mapping]).find('99050012104000', 'XGewerbeanzeige', '2.0')).toBe(
      xgewerbeanzeigeGewerbemeldung0300Mapping,
    );
  });

  it('claims no Leistungsschlüssel that is not verified', () => {
    expect(xgewerbeanzeigeGewerbemeldung0300Mapping.serviceKeys).toEqual(['99050012104000']);
  });

  it('validates only when the operator supplies the XSD, at the KoSIT test-suite path', () => {
    expect(xgewerbeanzeigeGewerbemeldung0300Mapping.schemaOptional).toBe(true);
    expect(xgewerbeanzeigeGewerbemeldung0300Mapping.schemaFile).toBe('xgewerbeanzeige-2.0/xgewerbeanzeige.xsd');
  });
});

/** Element paths (`/xga:a/xga:b/code`) with the attribute names seen on each, in document order. */
function structureOf(xml: string): Map<string, Set<string>> {
  using document = parse(xml);
  const structure = new Map<string, Set<string>>();
  const walk = (element: XmlElement, parent: string): void => {
    const name = element.namespaceUri === '' ? element.name : element.namespaceUri === XGEWERBEANZEIGE_NAMESPACE ? `xga:${element.name}` : `{${element.namespaceUri}}${element.name}`;
    const here = `${parent}/${name}`;
    const attributes = structure.get(here) ?? new Set<string>();
    for (const attribute of element.attrs) attributes.add(attribute.name);
    structure.set(here, attributes);
    for (let child = element.firstChild; child !== null; child = child.next) if (child instanceof XmlElement) walk(child, here);
  };
  walk(document.root, '');
  return structure;
}

/**
 * Our satz kinds share the body of the Anmeldung (the 2.1 example shows the Ummeldung with the
 * same elements), so their paths are compared with the example's Anmeldung.
 */
function asAnmeldung(path: string): string {
  return path.replace(/\/xga:satz\/xga:(?:ummeldung|abmeldung)(?=\/|$)/, '/xga:satz/xga:anmeldung');
}

const satz = `${ROOT}/xga:satz/xga:anmeldung`;

/** Every element path we write that the valid 2.0 example lacks, and why. */
const leser = `${ROOT}/xga:nachrichtenkopf/xga:leser`;
const intentionalDifferences: Record<string, string> = {
  [`${leser}/xga:erreichbarkeit`]:
    "the recipient's e-mail from master data; leser and autor are the same Behörde structure (the 2.0 example's autor has erreichbarkeit, the 2.1 and 2.2 examples' leser too)",
  [`${leser}/xga:erreichbarkeit/xga:kanal`]: 'as leser/erreichbarkeit',
  [`${leser}/xga:erreichbarkeit/xga:kanal/code`]: 'as leser/erreichbarkeit',
  [`${leser}/xga:erreichbarkeit/xga:kennung`]: 'as leser/erreichbarkeit',
  [`${satz}/xga:gewerbe/xga:betrieb/xga:geschaeftsbezeichnung`]:
    'the name of a business that is in no register; not in the examples (their businesses are registered), cited by FIM as XGewerbeanzeige.Betrieb.geschaeftsbezeichnung',
  [`${satz}/xga:gruendeUmmeldung`]: 'reasons of an Ummeldung; the 2.0 example is an Anmeldung, the 2.1 example of 0300 has this element (checked below)',
  [`${satz}/xga:gruendeUmmeldung/xga:grundUmmeldungSchluessel`]: 'as gruendeUmmeldung',
  [`${satz}/xga:gruendeUmmeldung/xga:grundUmmeldungSchluessel/code`]: 'as gruendeUmmeldung',
  [`${satz}/xga:grundAbmeldungSchluessel`]:
    'reason of an Abmeldung; INFERRED from grundAnmeldungSchluessel, no KoSIT example has an Abmeldung: check against the official XSD',
  [`${satz}/xga:grundAbmeldungSchluessel/code`]: 'as grundAbmeldungSchluessel',
};

describe.skipIf(!fs.existsSync(examplesDir))('structure, compared with the valid KoSIT example of XGewerbeanzeige 2.0', () => {
  const example = fs.readFileSync(path.join(examplesDir, 'xgwa2.0-valid.xml'), 'utf8');
  const exampleStructure = structureOf(example);
  // Between them the fixtures use every element the mapping writes (the abmeldung has no register entry).
  const ours = [anmeldung, ummeldung, abmeldung].map((submission) => structureOf(map(submission, true)));

  it('has the namespace and root element of the example', () => {
    using document = parse(example);
    for (const [, submission] of golden) {
      using ourDocument = parse(map(submission));
      expect(ourDocument.root.namespaceUri).toBe(document.root.namespaceUri);
      expect(ourDocument.root.name).toBe(document.root.name);
    }
  });

  it('uses only element paths of the example, apart from the listed intentional differences', () => {
    const extra = new Set<string>();
    for (const structure of ours) for (const elementPath of structure.keys()) if (!exampleStructure.has(asAnmeldung(elementPath))) extra.add(asAnmeldung(elementPath));
    expect([...extra].sort()).toEqual(Object.keys(intentionalDifferences).sort());
  });

  it('uses on each element only attributes the example uses there', () => {
    for (const structure of ours) {
      for (const [elementPath, attributes] of structure) {
        const allowed = exampleStructure.get(asAnmeldung(elementPath));
        if (allowed) expect([...attributes].filter((a) => !allowed.has(a)), elementPath).toEqual([]);
      }
    }
  });

  it('writes the Ummeldung reasons as the 2.1 example of the same message type does', () => {
    const example21 = structureOf(fs.readFileSync(path.join(examplesDir, 'xgwa2.1-invalid-xsd.xml'), 'utf8'));
    const reasons = [...structureOf(map(ummeldung)).keys()].filter((p) => p.includes('gruendeUmmeldung'));
    expect(reasons.length).toBeGreaterThan(0);
    // The 2.1 namespace differs, so its paths carry it in braces; compare the local structure.
    const local = (p: string) => p.replace(/\{[^}]*\}/g, 'xga:');
    for (const reason of reasons) expect([...example21.keys()].map(local)).toContain(local(reason));
  });
});

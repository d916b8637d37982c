import { execFileSync } from 'node:child_process';
import {
  classifyReply,
  createSchematronValidator,
  createXsdValidatorCache,
  isSchematronCompilerPrepared,
  parseHostileXml,
  replyNamespaces,
  XoevError,
  type SchematronValidator,
  type XsdValidatorCache,
} from '@amtsbote/xoev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaPath, xbauBauantrag, xbauBauantragTest, xdomea300Geschaeftsgang, xdomea310Geschaeftsgang } from './__fixtures__/originals.js';
import { buildReply, type BuiltReply, type ReplyContext, type ReplyRequest } from './build-replies.js';
import { readOriginalMessage, type OriginalMessage } from './original-message.js';

const context: ReplyContext = {
  createdAt: new Date('2026-04-02T09:15:00.000Z'),
  product: { name: 'Referenz-Fachanwendung', vendor: 'Amtsbote', version: '0.1.0' },
};

const xbauRequests: Record<string, ReplyRequest> = {
  'receipt (Kernmodul 1120)': { kind: 'acknowledged' },
  'Rückweisung (Kernmodul 1100)': {
    kind: 'rejected',
    reasons: [{ code: 'S090' }, { code: 'A005', text: 'Der MIME-Type der Anlage Lageplan ist falsch.' }],
  },
  'formal check, complete (0201)': { kind: 'in_progress', complete: true, decisionDueBy: new Date('2026-07-01T00:00:00Z') },
  'formal check, incomplete (0201)': {
    kind: 'in_progress',
    complete: false,
    findings: [
      { description: 'Der amtliche Lageplan fehlt.', documentType: '1804' },
      { description: 'Die Baubeschreibung ist nicht unterschrieben.\n\nBitte unterschrieben nachreichen.', documentType: '1500' },
      { description: 'Die Gebühr ist nicht bezahlt.' },
    ],
    deadline: new Date('2026-04-30T00:00:00Z'),
  },
  'Bescheid, approved (0205)': { kind: 'decided', outcome: 'approved' },
  'Bescheid, refused (0205)': { kind: 'decided', outcome: 'refused' },
};

/** Every reply the reference back office builds, with the original it answers. */
const cases: Array<[name: string, original: string, request: ReplyRequest]> = [
  ['xdomea 3.1.0 receipt (0202)', xdomea310Geschaeftsgang, { kind: 'acknowledged' }],
  ['xdomea 3.0.0 receipt (0202)', xdomea300Geschaeftsgang, { kind: 'acknowledged' }],
  ...Object.entries(xbauRequests).map(([name, request]): [string, string, ReplyRequest] => [`XBau ${name}`, xbauBauantrag, request]),
];

let schemas: XsdValidatorCache;
beforeAll(() => {
  schemas = createXsdValidatorCache({ redactValues: false });
});
afterAll(() => schemas.close());

function build(xml: string, request: ReplyRequest): { original: OriginalMessage; reply: BuiltReply } {
  const original = readOriginalMessage(xml);
  return { original, reply: buildReply(original, request, context) };
}

describe('the originals the replies answer', () => {
  it('are valid, including the xdomea 3.0.0 copy of the 3.1.0 message', () => {
    expect(schemas.get(schemaPath('xdomea-3.0.0/schemes/xdomea_3.0.0/xdomea.xsd')).validate(xdomea300Geschaeftsgang).errors).toEqual([]);
  });

  it('are read with their ids and parties', () => {
    const text = (xml: string, pattern: RegExp) => pattern.exec(xml)?.[1];
    const dvdv = (key: string | undefined) => ({ prefix: key?.split(':')[0], id: key?.split(':')[1] });
    expect(readOriginalMessage(xbauBauantrag)).toMatchObject({
      standard: 'XBau',
      version: '2.6',
      messageId: text(xbauBauantrag, /<nachrichtenUUID>([^<]+)</),
      messageType: 'baugenehmigung.antrag.0200',
      author: { dvdv: dvdv(text(xbauBauantrag, /<autor>[\s\S]*?<kennung>([^<]+)</)), name: text(xbauBauantrag, /<autor>[\s\S]*?<name>([^<]+)</) },
      reader: { dvdv: dvdv(text(xbauBauantrag, /<leser>[\s\S]*?<kennung>([^<]+)</)), name: text(xbauBauantrag, /<leser>[\s\S]*?<name>([^<]+)</) },
      nachrichtentyp: { code: '0200', listURI: 'urn:xoev-de:xbau:codeliste:xbau-nachrichten', listVersionID: '4.0' },
      createdAt: text(xbauBauantrag, /<erstellungszeitpunkt>([^<]+)</),
      applicationReference: text(xbauBauantrag, /<referenzAntragsservice>([^<]+)</),
      test: false,
    });
    expect(readOriginalMessage(xbauBauantragTest)).toMatchObject({ test: true });
    const kennung = (role: string) => ({
      prefix: text(xdomea310Geschaeftsgang, new RegExp(`<xdomea:${role}>[\\s\\S]*?<xdomea:Praefix>\\s*<code>([^<]+)<`)),
      id: text(xdomea310Geschaeftsgang, new RegExp(`<xdomea:${role}>[\\s\\S]*?<xdomea:Behoerdenschluessel>\\s*<code>([^<]+)<`)),
    });
    expect(readOriginalMessage(xdomea310Geschaeftsgang)).toMatchObject({
      standard: 'xdomea',
      version: '3.1.0',
      messageId: text(xdomea310Geschaeftsgang, /<xdomea:ProzessID>([^<]+)</),
      messageType: 'Geschaeftsgang.Geschaeftsgang.0201',
      author: { dvdv: kennung('Absender') },
      reader: { dvdv: kennung('Empfaenger') },
    });
    expect(readOriginalMessage(xdomea300Geschaeftsgang)).toMatchObject({ version: '3.0.0' });
  });
});

describe('buildReply', () => {
  it.each(cases)('%s is valid against the official XSD', (_name, xml, request) => {
    const { reply } = build(xml, request);
    expect(schemas.get(schemaPath(reply.type.schemaFile)).validate(reply.xml).errors).toEqual([]);
  });

  it.each(cases)('%s is classified by @amtsbote/xoev as what it is, referring to the original message', (_name, xml, request) => {
    const { original, reply } = build(xml, request);
    const classified = classifyReply(parseHostileXml(reply.xml));
    expect(classified.type).toEqual(reply.type);
    expect(classified.kind).toBe(request.kind);
    expect(classified.referencedMessageId).toBe(original.messageId);
    // Reader and author are swapped: the reply comes from the original's reader.
    expect(classified.author).toEqual(original.reader.dvdv);
    expect(classified.createdAt).toBe('2026-04-02T09:15:00.000Z');
    expect(classified.messageId).toBe(original.standard === 'xdomea' ? null : reply.messageId);
  });

  it('writes what the classifier reports as outcome, missing documents and detail', () => {
    const classify = (request: ReplyRequest) => classifyReply(parseHostileXml(build(xbauBauantrag, request).reply.xml));
    expect(classify(xbauRequests['Bescheid, approved (0205)']!).outcome).toEqual({ code: 'approved', name: 'genehmigt' });
    expect(classify(xbauRequests['Bescheid, refused (0205)']!).outcome).toEqual({ code: 'refused', name: 'abgelehnt' });
    expect(classify(xbauRequests['formal check, incomplete (0201)']!)).toMatchObject({
      missingDocuments: ['1804', '1500'],
      detail: 'formal check: application incomplete, 3 finding(s), documents concerned 1804, 1500, deadline 2026-04-30',
    });
    expect(classify(xbauRequests['formal check, complete (0201)']!).detail).toBe('formal check: application complete, decision due by 2026-07-01');
    expect(classify(xbauRequests['Rückweisung (Kernmodul 1100)']!).detail).toBe('refused by the back office, reasons S090, A005 (XBau Fehlerkennzahlen 2.2)');
    expect(classify({ kind: 'acknowledged' }).applicationReference).toBe(/<referenzAntragsservice>([^<]+)</.exec(xbauBauantrag)?.[1]);
  });

  it('derives the reply id from the original id and the reply type, so a re-sent reply is the same reply', () => {
    const once = build(xbauBauantrag, { kind: 'acknowledged' }).reply;
    expect(build(xbauBauantrag, { kind: 'acknowledged' }).reply).toEqual(once);
    const ids = new Set(
      [
        once,
        build(xbauBauantrag, xbauRequests['Rückweisung (Kernmodul 1100)']!).reply,
        build(xbauBauantrag, xbauRequests['formal check, incomplete (0201)']!).reply,
        build(xbauBauantrag, { ...xbauRequests['formal check, complete (0201)']!, round: 2 } as ReplyRequest).reply,
        build(xbauBauantragTest, { kind: 'acknowledged' }).reply,
        build(xdomea310Geschaeftsgang, { kind: 'acknowledged' }).reply,
      ].map((reply) => reply.messageId),
    );
    expect(ids.size).toBe(6);
  });

  it('marks the replies to a test message as test messages', () => {
    expect(build(xbauBauantragTest, { kind: 'acknowledged' }).reply.xml).toMatch(/<xbauk:prozessnachrichten\.eingangsbestaetigung\.1120 [^>]* test="true"/);
    expect(build(xbauBauantrag, { kind: 'acknowledged' }).reply.xml).not.toContain('test=');
  });

  it('carries the refused message in the Rückweisung, as the schema demands', () => {
    const { reply } = build(xbauBauantrag, xbauRequests['Rückweisung (Kernmodul 1100)']!);
    const nachricht = /<nachricht>([^<]+)<\/nachricht>/.exec(reply.xml)?.[1];
    expect(Buffer.from(nachricht!, 'base64').toString('utf8')).toBe(xbauBauantrag);
  });

  it.each([
    ['an xdomea message with anything but a receipt', xdomea310Geschaeftsgang, { kind: 'decided', outcome: 'approved' }],
    ['a Rückweisung without reasons', xbauBauantrag, { kind: 'rejected', reasons: [] }],
    ['a formal check that finds an application incomplete without findings', xbauBauantrag, { kind: 'in_progress', complete: false, findings: [] }],
    ['a finding without a description', xbauBauantrag, { kind: 'in_progress', complete: false, findings: [{ description: ' \n\n ' }] }],
    ['a receipt for an xdomea message other than a Geschaeftsgang', xdomea310Geschaeftsgang.replaceAll('Geschaeftsgang.Geschaeftsgang.0201', 'Information.Information.0101'), { kind: 'acknowledged' }],
  ] as const)('refuses %s', (_name, xml, request) => {
    expect(() => build(xml, request as ReplyRequest)).toThrow(XoevError);
  });
});

const xmllintAvailable = (() => {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!xmllintAvailable)('cross-check with the xmllint CLI (libxml2, not WebAssembly)', () => {
  it.each(cases)('%s validates', (_name, xml, request) => {
    const { reply } = build(xml, request);
    const run = () => execFileSync('xmllint', ['--noout', '--nonet', '--schema', schemaPath(reply.type.schemaFile), '-'], { input: reply.xml, stdio: 'pipe' });
    expect(run).not.toThrow();
  });
});

// The rules are compiled per machine by scripts/start and scripts/test; without them this part is skipped.
describe.skipIf(!isSchematronCompilerPrepared())('the official XBau Schematron', () => {
  let rules: SchematronValidator;
  let emptyElements: SchematronValidator;
  beforeAll(async () => {
    [rules, emptyElements] = await Promise.all([
      createSchematronValidator({ schematronFile: schemaPath('xbau-2.6/sch/xbau-schematron.sch') }),
      createSchematronValidator({ schematronFile: schemaPath('xbau-2.6/sch/xbau-schematron-leere-elemente.sch') }),
    ]);
  }, 600_000);

  it.each(Object.entries(xbauRequests))('XBau %s passes, with DVDV keys and no empty elements', (_name, request) => {
    const { reply } = build(xbauBauantrag, request);
    expect(reply.type.namespace === replyNamespaces.xbau || reply.type.namespace === replyNamespaces.xbauKernmodul).toBe(true);
    expect(rules.validate(reply.xml).findings).toEqual([]);
    expect(emptyElements.validate(reply.xml).findings).toEqual([]);
  });
});

import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceFile } from '../__fixtures__/reference-xoev.js';
import { createXsdValidatorCache } from '../xsd-validator-cache.js';
import { classifyReply, type ClassifiedReply } from './classify-reply.js';
import { parseHostileXml } from './parse-hostile-xml.js';
import { ReplyError, type ReplyErrorCode } from './reply-error.js';
import { REPLY_TYPES, replyNamespaces } from './reply-schemas.js';

// Minimal replies with just what the classifier reads; the reference back office's tests build
// complete ones, validate them against the official XSDs and classify them (the round trip).
const OURS = '36e71787-e228-53d2-a244-99d8ef25a330';
const THEIRS = 'b69a0b39-5d0a-5a89-9598-d8e68d9aee75';
const APPLICATION = '45883669-91f9-5bdb-a420-8b832dd66a2f';
const { xbau: XBAU, xbauKernmodul: XBAUK, basisnachrichtG2g: BN } = replyNamespaces;

const kopf = (directory = 'DVDV') =>
  `<nachrichtenkopf.g2g><identifikation.nachricht><nachrichtenUUID>${THEIRS}</nachrichtenUUID>` +
  `<nachrichtentyp><code>0000</code></nachrichtentyp><erstellungszeitpunkt>2026-04-02T09:15:00Z</erstellungszeitpunkt></identifikation.nachricht>` +
  `<leser><verzeichnisdienst><code>DVDV</code></verzeichnisdienst><kennung>ozg:06411000</kennung><name>Online-Dienste</name></leser>` +
  `<autor><verzeichnisdienst><code>${directory}</code></verzeichnisdienst><kennung>bau:06411000</kennung><name>Bauaufsicht</name></autor></nachrichtenkopf.g2g>`;
const bezugNachricht = (id = OURS) => `<bezugNachricht><bn:nachrichtenUUID xmlns:bn="${BN}">${id}</bn:nachrichtenUUID></bezugNachricht>`;

const eingangsbestaetigung = (bezug = `<referenz>${APPLICATION}</referenz>${bezugNachricht()}`, header = kopf()) =>
  `<xbauk:prozessnachrichten.eingangsbestaetigung.1120 xmlns:xbauk="${XBAUK}">${header}<bezug>${bezug}</bezug></xbauk:prozessnachrichten.eingangsbestaetigung.1120>`;
const rueckweisung = (grund: string[]) =>
  `<k:prozessnachrichten.rueckweisung.G2G.1100 xmlns:k="${XBAUK}">${kopf()}<rueckweisungDaten>` +
  grund.map((code) => `<rueckweisungsgrund><grund listVersionID="2.2"><code>${code}</code></grund><fehlertext>Herr Jürgen Weiß fehlt</fehlertext></rueckweisungsgrund>`).join('') +
  `<idNachricht><nachrichtenUUID xmlns="${BN}">${OURS}</nachrichtenUUID></idNachricht><nachricht>PGEvPg==</nachricht></rueckweisungDaten></k:prozessnachrichten.rueckweisung.G2G.1100>`;
const formellePruefung = (content: string) =>
  `<xbau:baugenehmigung.formellePruefung.0201 xmlns:xbau="${XBAU}">${kopf()}<xbau:bezug>${bezugNachricht()}</xbau:bezug>${content}</xbau:baugenehmigung.formellePruefung.0201>`;
const bescheid = (tenor: string, nebenbestimmungen = 0) =>
  `<baugenehmigung.bescheid.0205 xmlns="${XBAU}">` +
  // The default namespace must be undeclared for the unqualified header and bezug children.
  `<nachrichtenkopf.g2g xmlns="">${kopf().slice('<nachrichtenkopf.g2g>'.length)}` +
  `<bezug><bezugNachricht xmlns=""><nachrichtenUUID xmlns="${BN}">${OURS}</nachrichtenUUID></bezugNachricht></bezug>` +
  `<bescheid><tenor><istGenehmigung>${tenor}</istGenehmigung></tenor>${'<nebenbestimmung/>'.repeat(nebenbestimmungen)}</bescheid></baugenehmigung.bescheid.0205>`;
const empfangBestaetigen = (namespace: string, prozessId = OURS) =>
  `<x:Geschaeftsgang.EmpfangBestaetigen.0202 xmlns:x="${namespace}"><x:Kopf><x:ProzessID>${prozessId}</x:ProzessID>` +
  `<x:Erstellungszeitpunkt>2026-04-02T09:15:00Z</x:Erstellungszeitpunkt><x:Absender><x:Behoerdenkennung>` +
  `<x:Behoerdenschluessel><code>06411000-32</code></x:Behoerdenschluessel><x:Praefix><code>ags</code></x:Praefix>` +
  `</x:Behoerdenkennung></x:Absender></x:Kopf></x:Geschaeftsgang.EmpfangBestaetigen.0202>`;

const classify = (xml: string): ClassifiedReply => classifyReply(parseHostileXml(xml));

function refusalOf(xml: string): { code: ReplyErrorCode; path: string | undefined } {
  try {
    classify(xml);
  } catch (error) {
    if (error instanceof ReplyError) return { code: error.code, path: error.path };
    throw error;
  }
  throw new Error('the reply was accepted');
}

describe('classifyReply', () => {
  it('reads an xdomea 0202: acknowledged, referring to the ProzessID, without a message id of its own', () => {
    for (const [namespace, version] of [
      [replyNamespaces.xdomea300, '3.0.0'],
      [replyNamespaces.xdomea310, '3.1.0'],
    ] as const) {
      expect(classify(empfangBestaetigen(namespace))).toMatchObject({
        kind: 'acknowledged',
        type: { standard: 'xdomea', version, messageType: 'Geschaeftsgang.EmpfangBestaetigen.0202' },
        messageId: null,
        referencedMessageId: OURS,
        createdAt: '2026-04-02T09:15:00Z',
        author: { prefix: 'ags', id: '06411000-32' },
        detail: null,
      });
    }
  });

  it('reads a Kernmodul 1120: acknowledged, referring to bezug/bezugNachricht and naming the application', () => {
    expect(classify(eingangsbestaetigung())).toEqual({
      kind: 'acknowledged',
      type: REPLY_TYPES.find((t) => t.messageType === 'prozessnachrichten.eingangsbestaetigung.1120'),
      messageId: THEIRS,
      referencedMessageId: OURS,
      applicationReference: APPLICATION,
      createdAt: '2026-04-02T09:15:00Z',
      author: { prefix: 'bau', id: '06411000' },
      outcome: null,
      missingDocuments: [],
      detail: null,
    });
  });

  it('reads a Kernmodul 1100: rejected, referring to rueckweisungDaten/idNachricht, with the reason codes but not the free text', () => {
    const reply = classify(rueckweisung(['S090', 'X001']));
    expect(reply).toMatchObject({ kind: 'rejected', referencedMessageId: OURS, messageId: THEIRS });
    expect(reply.detail).toBe('refused by the back office, reasons S090, X001 (XBau Fehlerkennzahlen 2.2)');
    expect(JSON.stringify(reply)).not.toMatch(/Jürgen|Weiß/);
  });

  it('reads an XBau 0201: in progress, complete or with the documents concerned and the deadline, never the findings text', () => {
    expect(classify(formellePruefung('<xbau:antragVollstaendig>true</xbau:antragVollstaendig>'))).toMatchObject({
      kind: 'in_progress',
      referencedMessageId: OURS,
      missingDocuments: [],
      detail: 'formal check: application complete',
    });
    const befund = (anlage: string) =>
      `<xbau:befund><xbau:artDesBefundes><code>x</code></xbau:artDesBefundes>${anlage}<xbau:beschreibung><textabsatz>Herr Weiß</textabsatz></xbau:beschreibung></xbau:befund>`;
    const incomplete = classify(
      formellePruefung(
        `<xbau:antragVollstaendig>0</xbau:antragVollstaendig><xbau:befundFrist><xbau:befundliste>` +
          `${befund('<xbau:betroffeneAnlage><code>1804</code></xbau:betroffeneAnlage>')}${befund('')}` +
          `</xbau:befundliste><xbau:frist>2026-04-30</xbau:frist></xbau:befundFrist>`,
      ),
    );
    expect(incomplete).toMatchObject({ kind: 'in_progress', missingDocuments: ['1804'] });
    expect(incomplete.detail).toBe('formal check: application incomplete, 2 finding(s), documents concerned 1804, deadline 2026-04-30');
  });

  it.each([
    ['true', 0, { code: 'approved', name: 'genehmigt' }],
    ['1', 2, { code: 'approved_with_conditions', name: 'genehmigt mit Nebenbestimmungen' }],
    ['false', 0, { code: 'refused', name: 'abgelehnt' }],
    ['0', 0, { code: 'refused', name: 'abgelehnt' }],
  ])('reads an XBau 0205 with istGenehmigung %s and %i Nebenbestimmungen as decided: %o', (tenor, conditions, outcome) => {
    expect(classify(bescheid(tenor, conditions))).toMatchObject({ kind: 'decided', referencedMessageId: OURS, outcome });
  });

  it('matches namespaces, not prefixes: an element in the wrong namespace is not read', () => {
    expect(classify(eingangsbestaetigung(`<bezugNachricht><nachrichtenUUID>${OURS}</nachrichtenUUID></bezugNachricht><referenz>${APPLICATION}</referenz>`))).toMatchObject({
      referencedMessageId: null,
      applicationReference: APPLICATION,
    });
    expect(refusalOf(eingangsbestaetigung('', kopf()).replace(`xmlns:xbauk="${XBAUK}"`, `xmlns:xbauk="${XBAU}"`)).code).toBe('REPLY_UNSUPPORTED_TYPE');
  });

  it('compares ids case-insensitively: they are reported in lower case', () => {
    expect(classify(empfangBestaetigen(replyNamespaces.xdomea310, OURS.toUpperCase())).referencedMessageId).toBe(OURS);
  });

  it('leaves out an author that is not named by a DVDV key', () => {
    expect(classify(eingangsbestaetigung(bezugNachricht(), kopf('XYZ'))).author).toBeNull();
  });

  it.each([
    ['an outbound message type', `<xbau:baugenehmigung.antrag.0200 xmlns:xbau="${XBAU}"/>`, 'REPLY_UNSUPPORTED_TYPE', 'baugenehmigung.antrag.0200'],
    ['a reply type of another standard', `<Geschaeftsgang.EmpfangBestaetigen.0202 xmlns="urn:xoev-de:xdomea:schema:2.4.0"/>`, 'REPLY_UNSUPPORTED_TYPE', 'Geschaeftsgang.EmpfangBestaetigen.0202'],
    ['a 1120 that refers to nothing', eingangsbestaetigung(''), 'REPLY_INCOMPLETE', 'bezug'],
    ['a 1120 whose bezugNachricht is no UUID', eingangsbestaetigung(bezugNachricht('Jürgen')), 'REPLY_INCOMPLETE', 'bezug/bezugNachricht/nachrichtenUUID'],
    ['a 1120 without its own message id', eingangsbestaetigung(bezugNachricht(), '<nachrichtenkopf.g2g/>'), 'REPLY_INCOMPLETE', 'nachrichtenkopf.g2g/identifikation.nachricht/nachrichtenUUID'],
    ['a 0202 without ProzessID', empfangBestaetigen(replyNamespaces.xdomea310, ''), 'REPLY_INCOMPLETE', 'Kopf/ProzessID'],
    ['a 0201 without antragVollstaendig', formellePruefung(''), 'REPLY_INCOMPLETE', 'antragVollstaendig'],
    ['a 0205 whose tenor is no boolean', bescheid('ja'), 'REPLY_INCOMPLETE', 'bescheid/tenor/istGenehmigung'],
  ])('refuses %s', (_name, xml, code, path) => {
    expect(refusalOf(xml)).toEqual({ code, path });
  });
});

describe('REPLY_TYPES', () => {
  const schemas = createXsdValidatorCache();
  afterAll(() => schemas.close());

  it.each(REPLY_TYPES.map((type) => [`${type.standard} ${type.version} ${type.messageType}`, type] as const))(
    '%s: its official XSD is in the schema folder, compiles and declares the root element',
    (_name, type) => {
      const schemaFile = referenceFile(type.schemaFile);
      expect(fs.existsSync(schemaFile)).toBe(true);
      const { errors } = schemas.get(schemaFile).validate(`<r:${type.messageType} xmlns:r="${type.namespace}"/>`);
      // An empty root is invalid, but it must be invalid for its content, not for being unknown.
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((e) => e.message).join('\n')).not.toContain('No matching global declaration');
    },
  );
});

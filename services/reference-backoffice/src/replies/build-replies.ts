import {
  appendXoevCode,
  createXoevWriter,
  deriveMessageId,
  findReplyType,
  GERMAN_TIME_ZONE,
  replyNamespaces,
  serializeXml,
  toXmlText,
  toXsdDateInTimeZone,
  toXsdDateTime,
  XoevError,
  type ReplyType,
  type XoevCode,
  type XoevWriter,
} from '@amtsbote/xoev';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { OriginalMessage, OriginalXbauMessage, OriginalXdomeaMessage, Party } from './original-message.js';
import {
  ANLAGEART_BESCHEID,
  anlageart,
  befundart,
  FEHLERKENNZAHLEN,
  MIME_TYPE_PDF,
  nachrichtentyp,
  NACHRICHTENTYP_XDOMEA_EMPFANG_BESTAETIGEN,
  VERZEICHNISDIENST_DVDV,
} from './reply-code-lists.js';

/** What the back office says about its reply besides the answer itself. */
export interface ReplyContext {
  createdAt: Date;
  /** The back office's software: XBau's `produkt*` attributes, xdomea's `SendendesSystem`. */
  product: { name: string; vendor: string; version: string };
}

/** A reason for a Rückweisung: a code of the XBau Fehlerkennzahlen (e.g. S090) and, optionally, DIN 91379 text. */
export interface RejectionReason {
  code: string;
  text?: string;
}

/** A finding of the formal check: what is wrong, and the Anlageart (list Anlagen 3.0) of the document concerned, if one is. */
export interface FormalFinding {
  description: string;
  documentType?: string;
}

/**
 * The answer to give. `round` counts formal checks of the same message: XBau allows several 0201
 * (e.g. a reminder), and each must get an id of its own while a re-sent one keeps its id.
 */
export type ReplyRequest =
  | { kind: 'acknowledged' }
  | { kind: 'rejected'; reasons: readonly RejectionReason[] }
  | { kind: 'in_progress'; complete: true; decisionDueBy: Date; round?: number }
  | { kind: 'in_progress'; complete: false; findings: readonly FormalFinding[]; deadline?: Date; round?: number }
  | { kind: 'decided'; outcome: 'approved' | 'refused' };

/** A reply, ready to send. */
export interface BuiltReply {
  type: ReplyType;
  /**
   * UUID v5 of the original message id and the reply type, so a re-sent reply is recognisable. XBau
   * writes it as the reply's nachrichtenUUID; xdomea's 0202 has no message id (its ProzessID is the
   * original's), so there it only names the reply, e.g. as file name or Idempotency-Key.
   */
  messageId: string;
  xml: string;
}

/**
 * Builds the reply to a message the back office received, valid against the official XSD. Reader
 * and author are the original's author and reader; the reply refers to the original's message id
 * where Amtsbote's classifier reads it (xdomea Kopf/ProzessID; XBau bezug/bezugNachricht or
 * rueckweisungDaten/idNachricht). xdomea answers a Geschaeftsgang with a receipt (0202) only; an
 * XBau Bauantrag (0200) can be acknowledged (Kernmodul 1120), rejected (1100), formally checked
 * (0201) and decided (0205).
 */
export function buildReply(original: OriginalMessage, request: ReplyRequest, context: ReplyContext): BuiltReply {
  if (original.standard === 'xdomea') {
    if (request.kind !== 'acknowledged') {
      throw new XoevError('XOEV_INVALID_VALUE', `an xdomea Geschaeftsgang is answered with a receipt (0202) only, not ${request.kind}`, { field: 'request.kind' });
    }
    return buildXdomeaEmpfangBestaetigen(original, context);
  }
  switch (request.kind) {
    case 'acknowledged':
      return buildEingangsbestaetigung(original, context);
    case 'rejected':
      return buildRueckweisung(original, request.reasons, context);
    case 'in_progress':
      return buildFormellePruefung(original, request, context);
    case 'decided':
      return buildBescheid(original, request.outcome, context);
  }
}

function replyType(namespace: string, messageType: string): ReplyType {
  const type = findReplyType(namespace, messageType);
  if (!type) throw new Error(`@amtsbote/xoev does not know the reply type ${messageType}`);
  return type;
}

/** xdomea Geschaeftsgang.EmpfangBestaetigen.0202: only a Kopf (NkRueckmeldungGeschaeftsgangType) whose ProzessID is the original's. */
function buildXdomeaEmpfangBestaetigen(original: OriginalXdomeaMessage, context: ReplyContext): BuiltReply {
  if (original.messageType !== 'Geschaeftsgang.Geschaeftsgang.0201') {
    throw new XoevError('XOEV_INVALID_VALUE', `a 0202 confirms a Geschaeftsgang.Geschaeftsgang.0201, not ${original.messageType}`, { field: 'original.messageType' });
  }
  const namespace = original.version === '3.0.0' ? replyNamespaces.xdomea300 : replyNamespaces.xdomea310;
  const type = replyType(namespace, 'Geschaeftsgang.EmpfangBestaetigen.0202');
  const w = createXoevWriter(namespace, 'xdomea', undefined);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(namespace, `xdomea:${type.messageType}`);
  const kopf = w.element(root, 'Kopf');
  w.value(kopf, 'ProzessID', original.messageId);
  w.code(kopf, 'Nachrichtentyp', NACHRICHTENTYP_XDOMEA_EMPFANG_BESTAETIGEN);
  w.value(kopf, 'Erstellungszeitpunkt', toXsdDateTime(context.createdAt, 'context.createdAt'));
  writeKontakt(w, w.element(kopf, 'Absender'), original.reader, 'original.reader');
  writeKontakt(w, w.element(kopf, 'Empfaenger'), original.author, 'original.author');
  const system = w.element(kopf, 'SendendesSystem');
  w.text(system, 'Produktname', context.product.name, 'context.product.name');
  w.text(system, 'Version', context.product.version, 'context.product.version');
  return { type, messageId: deriveMessageId(original.messageId, type.standard, type.messageType), xml: serializeXml(root.doc()) };
}

// KontaktType: Behoerdenkennung (DVDV key, no code list) and Institution, in the schema's order.
function writeKontakt(w: XoevWriter, kontakt: XMLBuilder, party: Party, field: string): void {
  const kennung = w.element(kontakt, 'Behoerdenkennung');
  w.code(kennung, 'Behoerdenschluessel', { code: w.sanitize(party.dvdv.id, `${field}.dvdv.id`) });
  w.code(kennung, 'Praefix', { code: w.sanitize(party.dvdv.prefix, `${field}.dvdv.prefix`) });
  w.text(w.element(kontakt, 'Institution'), 'Name', party.name, `${field}.name`);
}

/** XBau-Kernmodul prozessnachrichten.eingangsbestaetigung.1120: header and an (unqualified) `bezug`. */
function buildEingangsbestaetigung(original: OriginalXbauMessage, context: ReplyContext): BuiltReply {
  const reply = startXbauReply(replyType(replyNamespaces.xbauKernmodul, 'prozessnachrichten.eingangsbestaetigung.1120'), nachrichtentyp.eingangsbestaetigung, original, context);
  writeBezug(reply.root.ele('bezug'), original);
  return finish(reply);
}

/**
 * XBau-Kernmodul prozessnachrichten.rueckweisung.G2G.1100: the reasons, the refused message's
 * identification (`idNachricht`) and, as the schema demands, the message itself in base64.
 */
function buildRueckweisung(original: OriginalXbauMessage, reasons: readonly RejectionReason[], context: ReplyContext): BuiltReply {
  if (reasons.length === 0) throw new XoevError('XOEV_INVALID_VALUE', 'a Rückweisung needs at least one reason', { field: 'request.reasons' });
  const reply = startXbauReply(replyType(replyNamespaces.xbauKernmodul, 'prozessnachrichten.rueckweisung.G2G.1100'), nachrichtentyp.rueckweisung, original, context);
  const daten = reply.root.ele('rueckweisungDaten');
  reasons.forEach((reason, index) => {
    const grund = daten.ele('rueckweisungsgrund');
    appendXoevCode(grund, '', 'grund', { code: xmlText(reason.code, `request.reasons[${index}].code`), ...FEHLERKENNZAHLEN });
    if (reason.text) grund.ele('fehlertext').txt(xmlText(reason.text, `request.reasons[${index}].text`));
  });
  writeNachrichtIdentifikation(daten.ele('idNachricht'), original);
  daten.ele('nachricht').txt(Buffer.from(original.xml).toString('base64'));
  return finish(reply);
}

/**
 * XBau baugenehmigung.formellePruefung.0201: complete, with the latest date of the decision; or
 * incomplete, with one finding per defect (and the document concerned) and a deadline.
 */
function buildFormellePruefung(original: OriginalXbauMessage, request: Extract<ReplyRequest, { kind: 'in_progress' }>, context: ReplyContext): BuiltReply {
  requireBauantrag(original, request.kind);
  const round = request.round ?? 1;
  const type = replyType(replyNamespaces.xbau, 'baugenehmigung.formellePruefung.0201');
  const reply = startXbauReply(type, nachrichtentyp.formellePruefung, original, context, round === 1 ? type.messageType : `${type.messageType}/${round}`);
  const w = createXoevWriter(replyNamespaces.xbau, 'xbau', undefined);
  writeBezug(w.element(reply.root, 'bezug'), original);
  w.value(reply.root, 'antragVollstaendig', String(request.complete));
  if (request.complete) {
    const genehmigungsdatum = w.element(w.element(reply.root, 'unterlagenAntragVollstaendig'), 'genehmigungsdatum');
    w.value(genehmigungsdatum, 'spaetestesGenehmigungsdatum', germanDate(request.decisionDueBy, 'request.decisionDueBy'));
    return finish(reply);
  }
  if (request.findings.length === 0) throw new XoevError('XOEV_INVALID_VALUE', 'an incomplete application needs at least one finding', { field: 'request.findings' });
  const befundFrist = w.element(reply.root, 'befundFrist');
  const befundliste = w.element(befundFrist, 'befundliste');
  request.findings.forEach((finding, index) => {
    const befund = w.element(befundliste, 'befund');
    w.code(befund, 'artDesBefundes', finding.documentType ? befundart.unterlage : befundart.sonstiges);
    if (finding.documentType) w.code(befund, 'betroffeneAnlage', anlageart(xmlText(finding.documentType, `request.findings[${index}].documentType`)));
    writeText(w.element(befund, 'beschreibung'), finding.description, `request.findings[${index}].description`);
  });
  if (request.deadline) w.value(befundFrist, 'frist', germanDate(request.deadline, 'request.deadline'));
  return finish(reply);
}

/**
 * XBau baugenehmigung.bescheid.0205: the tenor (`istGenehmigung`), the required Rechtsbehelfsbelehrung
 * and the required `anlagen`, here the Bescheid document itself. The reference back office keeps no
 * document store, so the Anlage links to a `urn:uuid:` that names the document without pretending to serve it.
 */
function buildBescheid(original: OriginalXbauMessage, outcome: 'approved' | 'refused', context: ReplyContext): BuiltReply {
  requireBauantrag(original, 'decided');
  const reply = startXbauReply(replyType(replyNamespaces.xbau, 'baugenehmigung.bescheid.0205'), nachrichtentyp.bescheid, original, context);
  const w = createXoevWriter(replyNamespaces.xbau, 'xbau', undefined);
  writeBezug(w.element(reply.root, 'bezug'), original);
  const bescheid = w.element(reply.root, 'bescheid');
  w.value(w.element(bescheid, 'tenor'), 'istGenehmigung', String(outcome === 'approved'));
  writeText(
    w.element(bescheid, 'rechtshelfsbelehrung'),
    'Beispieltext der Referenz-Fachanwendung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.',
    'rechtshelfsbelehrung',
  );
  const anlage = w.element(reply.root, 'anlagen').ele('anlage');
  anlage.ele('bezeichnung').txt(outcome === 'approved' ? 'Baugenehmigung' : 'Ablehnungsbescheid');
  anlage.ele('versionsnummer').txt('1');
  anlage.ele('datum').txt(germanDate(context.createdAt, 'context.createdAt'));
  appendXoevCode(anlage, '', 'anlageart', anlageart(ANLAGEART_BESCHEID));
  appendXoevCode(anlage, '', 'mimeType', MIME_TYPE_PDF);
  const verlinkung = anlage.ele('anhangOderVerlinkung').ele('verlinkung');
  verlinkung.ele('uriVerlinkung').txt(`urn:uuid:${reply.messageId}`);
  verlinkung.ele('dateiname').txt('Bescheid.pdf');
  return finish(reply);
}

// 0201 and 0205 answer a Bauantrag; other XBau messages have their own formal check and Bescheid.
function requireBauantrag(original: OriginalXbauMessage, kind: string): void {
  if (original.messageType !== 'baugenehmigung.antrag.0200') {
    throw new XoevError('XOEV_INVALID_VALUE', `a ${kind} reply answers a baugenehmigung.antrag.0200, not ${original.messageType}`, { field: 'original.messageType' });
  }
}

interface XbauReplyInProgress {
  type: ReplyType;
  messageId: string;
  root: XMLBuilder;
}

/**
 * The root with its attributes (`standard` and `version` are fixed by each schema) and
 * `nachrichtenkopf.g2g`, whose elements are all unqualified: the reply's id, type and creation
 * time, then reader and author, which are the original's author and reader.
 */
function startXbauReply(type: ReplyType, typeCode: XoevCode, original: OriginalXbauMessage, context: ReplyContext, idName = type.messageType): XbauReplyInProgress {
  const messageId = deriveMessageId(original.messageId, type.standard, idName);
  const kernmodul = type.namespace === replyNamespaces.xbauKernmodul;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(type.namespace, `${kernmodul ? 'xbauk' : 'xbau'}:${type.messageType}`);
  root.att('produkt', xmlText(context.product.name, 'context.product.name'));
  root.att('produkthersteller', xmlText(context.product.vendor, 'context.product.vendor'));
  root.att('produktversion', xmlText(context.product.version, 'context.product.version'));
  root.att('standard', kernmodul ? 'XBau-Kernmodul' : 'XBau-Hochbau');
  root.att('version', type.version);
  if (original.test) root.att('test', 'true');
  const kopf = root.ele('nachrichtenkopf.g2g');
  const identifikation = kopf.ele('identifikation.nachricht');
  identifikation.ele('nachrichtenUUID').txt(messageId);
  appendXoevCode(identifikation, '', 'nachrichtentyp', typeCode);
  identifikation.ele('erstellungszeitpunkt').txt(toXsdDateTime(context.createdAt, 'context.createdAt'));
  writeBehoerde(kopf.ele('leser'), original.author, 'original.author');
  writeBehoerde(kopf.ele('autor'), original.reader, 'original.reader');
  return { type, messageId, root };
}

function finish(reply: XbauReplyInProgress): BuiltReply {
  return { type: reply.type, messageId: reply.messageId, xml: serializeXml(reply.root.doc()) };
}

function writeBehoerde(behoerde: XMLBuilder, party: Party, field: string): void {
  appendXoevCode(behoerde, '', 'verzeichnisdienst', VERZEICHNISDIENST_DVDV);
  behoerde.ele('kennung').txt(xmlText(`${party.dvdv.prefix}:${party.dvdv.id}`, `${field}.dvdv`));
  behoerde.ele('name').txt(xmlText(party.name, `${field}.name`));
}

/**
 * xbauk:BezugErweitert (unqualified children): `referenz`, the application's UUID (the original's
 * referenzAntragsservice, which the 1120's documentation asks for), and `bezugNachricht`, the
 * original's identification, which Amtsbote correlates on.
 */
function writeBezug(bezug: XMLBuilder, original: OriginalXbauMessage): void {
  if (original.applicationReference) bezug.ele('referenz').txt(original.applicationReference);
  writeNachrichtIdentifikation(bezug.ele('bezugNachricht'), original);
}

// bn-g2g:Identifikation.NachrichtType: its children are qualified in the basisnachricht g2g namespace.
function writeNachrichtIdentifikation(identifikation: XMLBuilder, original: OriginalXbauMessage): void {
  const bn = replyNamespaces.basisnachrichtG2g;
  identifikation.ele(bn, 'bn-g2g:nachrichtenUUID').txt(original.messageId);
  const { code, listURI, listVersionID } = original.nachrichtentyp;
  appendXoevCode(identifikation, bn, 'bn-g2g:nachrichtentyp', {
    code: xmlText(code, 'original.nachrichtentyp.code'),
    listURI: listURI === undefined ? undefined : xmlText(listURI, 'original.nachrichtentyp.listURI'),
    listVersionID: listVersionID === undefined ? undefined : xmlText(listVersionID, 'original.nachrichtentyp.listVersionID'),
  });
  identifikation.ele(bn, 'bn-g2g:erstellungszeitpunkt').txt(xmlText(original.createdAt, 'original.createdAt'));
}

// xbauk:Text: one unqualified textabsatz per paragraph; XBau's rules forbid empty elements.
function writeText(text: XMLBuilder, value: string, field: string): void {
  const paragraphs = value.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph !== '');
  if (paragraphs.length === 0) throw new XoevError('XOEV_INVALID_VALUE', `${field} is empty`, { field });
  for (const paragraph of paragraphs) text.ele('textabsatz').txt(xmlText(paragraph, field));
}

function xmlText(value: string, field: string): string {
  return toXmlText(value, { field });
}

function germanDate(date: Date, field: string): string {
  return toXsdDateInTimeZone(date, GERMAN_TIME_ZONE, field);
}

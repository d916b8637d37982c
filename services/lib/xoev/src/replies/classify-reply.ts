import { ReplyError } from './reply-error.js';
import { findReplyType, replyNamespaces, type ReplyKind, type ReplyType } from './reply-schemas.js';
import { childElements, elementAt, textAt, type XmlElement, type XmlStep } from './xml-element.js';

/** The decision of a Bescheid, as the status event's `outcome` carries it. */
export interface DecisionOutcome {
  code: 'approved' | 'approved_with_conditions' | 'refused';
  /** The wording of the XBau 0205 documentation: genehmigt, genehmigt mit Nebenbestimmungen, abgelehnt. */
  name: string;
}

/** What a back office's reply says, read from the tree `parseHostileXml` made of it. */
export interface ClassifiedReply {
  kind: ReplyKind;
  /** Standard, version, message type and the official XSD to validate the reply against. */
  type: ReplyType;
  /** The reply's own message id (nachrichtenUUID), lower case; null for xdomea, whose header has none. */
  messageId: string | null;
  /**
   * The id of Amtsbote's message the reply answers (its nachrichtenUUID, or for xdomea its
   * ProzessID), lower case. Null only for an XBau reply that names the application alone
   * (`applicationReference`), which XBau allows.
   */
  referencedMessageId: string | null;
  /**
   * XBau `bezug/referenz`: the UUID of the application at the front office (the 0200's
   * `referenzAntragsservice`, which the Kernmodul asks the 1120 to carry), lower case; null if absent.
   */
  applicationReference: string | null;
  /** When the back office created the reply (xs:dateTime as written), if it says. */
  createdAt: string | null;
  /** The authority that wrote the reply, by its DVDV key, if the reply names it that way. */
  author: { prefix: string; id: string } | null;
  /** For `decided`: the Bescheid's decision. */
  outcome: DecisionOutcome | null;
  /** For `in_progress`: codes (XBau list "Anlagen") of the documents the formal check found missing or faulty. */
  missingDocuments: readonly string[];
  /** A short explanation without personal data: codes, counts and dates, never the back office's free text. */
  detail: string | null;
}

const { xbau: XBAU, basisnachrichtG2g: BN_G2G } = replyNamespaces;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Classifies a parsed reply by its root element (namespace and local name, whatever the prefix) and
 * reads the ids that correlate it with Amtsbote's message. Throws REPLY_UNSUPPORTED_TYPE for any
 * other root, and REPLY_INCOMPLETE when an element the classification needs is missing or malformed
 * (which the official XSD would also refuse).
 */
export function classifyReply(root: XmlElement): ClassifiedReply {
  const type = findReplyType(root.namespace, root.localName);
  if (!type) {
    throw new ReplyError('REPLY_UNSUPPORTED_TYPE', 'the reply is of no type Amtsbote understands (see REPLY_TYPES)', { path: root.localName });
  }
  const base = type.standard === 'xdomea' ? readXdomeaKopf(root, type) : readXbauNachrichtenkopf(root, type);
  switch (type.messageType) {
    case 'prozessnachrichten.rueckweisung.G2G.1100':
      return { ...base, ...readRueckweisung(root) };
    case 'prozessnachrichten.eingangsbestaetigung.1120':
      // xbau-kernmodul-prozessnachrichten.xsd:79: bezug is an unqualified child of the Kernmodul message.
      return { ...base, ...readBezug(root, [['', 'bezug']]) };
    case 'baugenehmigung.formellePruefung.0201':
      // xbau-nachrichten-baugenehmigung.xsd:138 and :359: bezug is qualified (xbau) in XBau's own messages.
      return { ...base, ...readBezug(root, [[XBAU, 'bezug']]), ...readFormellePruefung(root) };
    case 'baugenehmigung.bescheid.0205':
      return { ...base, ...readBezug(root, [[XBAU, 'bezug']]), ...readBescheid(root) };
    default:
      return base;
  }
}

/**
 * xdomea `Kopf/ProzessID` (NkBasisType, xdomea-Baukasten.xsd:1254 in both versions). The 0202 carries nothing
 * but the header; its `ProzessID` is "die UUID des Prozesses, zu dem die Nachricht gehört. Sie dient
 * zur Identifikation bei Rückmeldungen", and Amtsbote's 0201 starts each process with its message id
 * as ProzessID (decision 0003), so the ProzessID is the referenced message id.
 */
function readXdomeaKopf(root: XmlElement, type: ReplyType): ClassifiedReply {
  const ns = type.namespace;
  const kopf: XmlStep = [ns, 'Kopf'];
  const kennung: XmlStep[] = [kopf, [ns, 'Absender'], [ns, 'Behoerdenkennung']];
  const prefix = textAt(root, [...kennung, [ns, 'Praefix'], ['', 'code']]);
  const id = textAt(root, [...kennung, [ns, 'Behoerdenschluessel'], ['', 'code']]);
  return {
    ...emptyReply(type),
    referencedMessageId: requiredUuid(root, [kopf, [ns, 'ProzessID']]),
    createdAt: textAt(root, [kopf, [ns, 'Erstellungszeitpunkt']]) ?? null,
    author: prefix !== undefined && id !== undefined ? { prefix, id } : null,
  };
}

/**
 * `nachrichtenkopf.g2g` (XBau's and the Kernmodul's restriction of basisnachricht unqualified g2g
 * 1.1, xbau-baukasten.xsd:4212, xbau-kernmodul-datentypen.xsd:870): all its elements are unqualified.
 * The author's `kennung` is a DVDV key "prefix:identifier" when `verzeichnisdienst` is DVDV.
 */
function readXbauNachrichtenkopf(root: XmlElement, type: ReplyType): ClassifiedReply {
  const kopf: XmlStep = ['', 'nachrichtenkopf.g2g'];
  const autor: XmlStep[] = [kopf, ['', 'autor']];
  const directory = textAt(root, [...autor, ['', 'verzeichnisdienst'], ['', 'code']]);
  const kennung = textAt(root, [...autor, ['', 'kennung']]);
  const colon = kennung?.indexOf(':') ?? -1;
  return {
    ...emptyReply(type),
    messageId: requiredUuid(root, [kopf, ['', 'identifikation.nachricht'], ['', 'nachrichtenUUID']]),
    createdAt: textAt(root, [kopf, ['', 'identifikation.nachricht'], ['', 'erstellungszeitpunkt']]) ?? null,
    author: directory === 'DVDV' && kennung !== undefined && colon > 0 ? { prefix: kennung.slice(0, colon), id: kennung.slice(colon + 1) } : null,
  };
}

/**
 * xbauk:Bezug (xbau-kernmodul-datentypen.xsd:375): `referenz` (:380) is the UUID of the application
 * (Antragsservice), `bezugNachricht` (:390, bn-g2g:Identifikation.NachrichtType, whose children are
 * qualified bn-g2g) "die Kennungen der Nachricht …, auf die sich diese Nachricht bezieht". Both are
 * optional in the schema, but a reply that names neither cannot be correlated.
 */
function readBezug(root: XmlElement, bezug: XmlStep[]): Pick<ClassifiedReply, 'referencedMessageId' | 'applicationReference'> {
  const referencedMessageId = optionalUuid(root, [...bezug, ['', 'bezugNachricht'], [BN_G2G, 'nachrichtenUUID']]);
  const applicationReference = optionalUuid(root, [...bezug, ['', 'referenz']]);
  if (referencedMessageId === null && applicationReference === null) {
    throw new ReplyError('REPLY_INCOMPLETE', 'the reply refers neither to a message (bezugNachricht) nor to an application (referenz)', {
      path: pathOf(bezug),
    });
  }
  return { referencedMessageId, applicationReference };
}

/**
 * prozessnachrichten.rueckweisung.G2G.1100 (xbau-kernmodul-prozessnachrichten.xsd:40): the refused
 * message is `rueckweisungDaten/idNachricht` (xbauk:Rueckweisung, xbau-kernmodul-datentypen.xsd:1107,
 * required), the reasons are `rueckweisungsgrund/grund` codes of the XBau Fehlerkennzahlen.
 * `fehlertext` is free text and may quote the refused message, so it stays out of `detail`.
 */
function readRueckweisung(root: XmlElement): Pick<ClassifiedReply, 'referencedMessageId' | 'detail'> {
  const daten: XmlStep = ['', 'rueckweisungDaten'];
  const rueckweisung = elementAt(root, [daten]);
  const reasons = rueckweisung
    ? childElements(rueckweisung, ['', 'rueckweisungsgrund']).flatMap((grund) => textAt(grund, [['', 'grund'], ['', 'code']]) ?? [])
    : [];
  const list = rueckweisung && elementAt(rueckweisung, [['', 'rueckweisungsgrund'], ['', 'grund']])?.attributes.get('listVersionID');
  return {
    referencedMessageId: requiredUuid(root, [daten, ['', 'idNachricht'], [BN_G2G, 'nachrichtenUUID']]),
    detail: `refused by the back office, reasons ${reasons.join(', ')}${list ? ` (XBau Fehlerkennzahlen ${list})` : ''}`,
  };
}

/**
 * baugenehmigung.formellePruefung.0201 (xbau-nachrichten-baugenehmigung.xsd:126): `antragVollstaendig`
 * (required); if incomplete, `befundFrist/befundliste/befund` (xbau:BefundlisteFormell,
 * xbau-baukasten.xsd:1461) with the document concerned in `betroffeneAnlage` (code of the list
 * Anlagen) and a deadline `befundFrist/frist`; if complete, `unterlagenAntragVollstaendig/
 * genehmigungsdatum/spaetestesGenehmigungsdatum`. `beschreibung` and `anschreiben` are free text.
 */
function readFormellePruefung(root: XmlElement): Pick<ClassifiedReply, 'missingDocuments' | 'detail'> {
  const complete = requiredBoolean(root, [[XBAU, 'antragVollstaendig']]);
  if (complete) {
    const due = textAt(root, [[XBAU, 'unterlagenAntragVollstaendig'], [XBAU, 'genehmigungsdatum'], [XBAU, 'spaetestesGenehmigungsdatum']]);
    return { missingDocuments: [], detail: `formal check: application complete${due ? `, decision due by ${due}` : ''}` };
  }
  const befundliste = elementAt(root, [[XBAU, 'befundFrist'], [XBAU, 'befundliste']]);
  const befunde = befundliste ? childElements(befundliste, [XBAU, 'befund']) : [];
  const missingDocuments = befunde.flatMap((befund) => textAt(befund, [[XBAU, 'betroffeneAnlage'], ['', 'code']]) ?? []);
  const deadline = textAt(root, [[XBAU, 'befundFrist'], [XBAU, 'frist']]);
  const documents = missingDocuments.length > 0 ? `, documents concerned ${missingDocuments.join(', ')}` : '';
  return {
    missingDocuments,
    detail: `formal check: application incomplete, ${befunde.length} finding(s)${documents}${deadline ? `, deadline ${deadline}` : ''}`,
  };
}

/**
 * baugenehmigung.bescheid.0205 (xbau-nachrichten-baugenehmigung.xsd:347): "Der Bauantrag ist entweder
 * genehmigt, genehmigt mit Nebenbestimmungen … oder abgelehnt". XBau has no code list for it: the
 * tenor is `bescheid/tenor/istGenehmigung` (xs:boolean, xbau:Bescheid, xbau-baukasten.xsd:1668), and
 * a Genehmigung with `bescheid/nebenbestimmung` elements is one with Nebenbestimmungen.
 */
function readBescheid(root: XmlElement): Pick<ClassifiedReply, 'outcome' | 'detail'> {
  const bescheid: XmlStep = [XBAU, 'bescheid'];
  const approved = requiredBoolean(root, [bescheid, [XBAU, 'tenor'], [XBAU, 'istGenehmigung']]);
  const conditions = childElements(elementAt(root, [bescheid])!, [XBAU, 'nebenbestimmung']).length;
  const outcome: DecisionOutcome = !approved
    ? { code: 'refused', name: 'abgelehnt' }
    : conditions > 0
      ? { code: 'approved_with_conditions', name: 'genehmigt mit Nebenbestimmungen' }
      : { code: 'approved', name: 'genehmigt' };
  return { outcome, detail: `decision: ${outcome.name}${conditions > 0 ? ` (${conditions} Nebenbestimmung(en))` : ''}` };
}

function emptyReply(type: ReplyType): ClassifiedReply {
  return {
    kind: type.kind,
    type,
    messageId: null,
    referencedMessageId: null,
    applicationReference: null,
    createdAt: null,
    author: null,
    outcome: null,
    missingDocuments: [],
    detail: null,
  };
}

function pathOf(path: readonly XmlStep[]): string {
  return path.map(([, localName]) => localName).join('/');
}

function optionalUuid(root: XmlElement, path: readonly XmlStep[]): string | null {
  const value = textAt(root, path);
  if (value === undefined) return null;
  if (!UUID.test(value)) throw new ReplyError('REPLY_INCOMPLETE', `${pathOf(path)} is not a UUID`, { path: pathOf(path) });
  // UUIDs compare case-insensitively; Amtsbote writes and stores them in lower case.
  return value.toLowerCase();
}

function requiredUuid(root: XmlElement, path: readonly XmlStep[]): string {
  const value = optionalUuid(root, path);
  if (value === null) throw new ReplyError('REPLY_INCOMPLETE', `the reply has no ${pathOf(path)}`, { path: pathOf(path) });
  return value;
}

// xs:boolean has two spellings for each value.
function requiredBoolean(root: XmlElement, path: readonly XmlStep[]): boolean {
  const value = textAt(root, path);
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ReplyError('REPLY_INCOMPLETE', `${pathOf(path)} is missing or not an xs:boolean`, { path: pathOf(path) });
}

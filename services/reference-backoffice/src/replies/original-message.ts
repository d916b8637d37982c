import { elementAt, parseHostileXml, replyNamespaces, textAt, XoevError, type XmlElement, type XmlStep, type XoevCode } from '@amtsbote/xoev';

/** An authority of a message header: its DVDV key and name. */
export interface Party {
  dvdv: { prefix: string; id: string };
  name: string;
}

interface OriginalCommon {
  /** The message id: XBau nachrichtenUUID, xdomea ProzessID (decision 0003), lower case. */
  messageId: string;
  /** The root element's local name, e.g. `baugenehmigung.antrag.0200`. */
  messageType: string;
  author: Party;
  reader: Party;
  /** The message as the back office stored it; a Rückweisung carries it back. */
  xml: Uint8Array;
}

/** An xdomea message: author is its Absender, reader its Empfaenger. */
export interface OriginalXdomeaMessage extends OriginalCommon {
  standard: 'xdomea';
  version: '3.0.0' | '3.1.0';
}

/** An XBau 2.6 message, with what a reply's `bezug` refers to. */
export interface OriginalXbauMessage extends OriginalCommon {
  standard: 'XBau';
  version: '2.6';
  /** Its `nachrichtentyp` and `erstellungszeitpunkt`, repeated in a reply's `bezugNachricht`. */
  nachrichtentyp: XoevCode;
  createdAt: string;
  /** `referenzAntragsservice`: the application's UUID at the front office, if the message has one. */
  applicationReference: string | null;
  /** Whether it is a test message (root attribute `test`): its replies are too. */
  test: boolean;
}

/** A message the back office received, as far as its replies need it. */
export type OriginalMessage = OriginalXdomeaMessage | OriginalXbauMessage;

const xdomeaVersions = new Map([
  [replyNamespaces.xdomea300, '3.0.0'],
  [replyNamespaces.xdomea310, '3.1.0'],
] as const);

/** Reads the header of a stored xdomea or XBau message (with the same hardened parser Amtsbote reads replies with). */
export function readOriginalMessage(xml: Uint8Array | string): OriginalMessage {
  const bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
  const root = parseHostileXml(bytes);
  const xdomeaVersion = xdomeaVersions.get(root.namespace as typeof replyNamespaces.xdomea300);
  if (xdomeaVersion) return readXdomea(root, xdomeaVersion, bytes);
  if (root.namespace === replyNamespaces.xbau) return readXbau(root, bytes);
  throw new XoevError('XOEV_INVALID_VALUE', 'the message is neither xdomea 3.0.0/3.1.0 nor XBau 2.6', { field: 'xml' });
}

// Kopf (NkBasisType): ProzessID, then Absender and Empfaenger (KontaktType) with the DVDV key in Behoerdenkennung.
function readXdomea(root: XmlElement, version: OriginalXdomeaMessage['version'], xml: Uint8Array): OriginalXdomeaMessage {
  const ns = root.namespace;
  const kopf: XmlStep = [ns, 'Kopf'];
  const party = (role: string): Party => {
    const kontakt: XmlStep[] = [kopf, [ns, role]];
    const kennung: XmlStep[] = [...kontakt, [ns, 'Behoerdenkennung']];
    return {
      dvdv: { prefix: required(root, [...kennung, [ns, 'Praefix'], ['', 'code']]), id: required(root, [...kennung, [ns, 'Behoerdenschluessel'], ['', 'code']]) },
      name: required(root, [...kontakt, [ns, 'Institution'], [ns, 'Name']]),
    };
  };
  return {
    standard: 'xdomea',
    version,
    messageId: required(root, [kopf, [ns, 'ProzessID']]).toLowerCase(),
    messageType: root.localName,
    author: party('Absender'),
    reader: party('Empfaenger'),
    xml,
  };
}

// nachrichtenkopf.g2g and its children are unqualified; referenzAntragsservice is xbau, its child not.
function readXbau(root: XmlElement, xml: Uint8Array): OriginalXbauMessage {
  const kopf: XmlStep = ['', 'nachrichtenkopf.g2g'];
  const identifikation: XmlStep[] = [kopf, ['', 'identifikation.nachricht']];
  const typ: XmlStep[] = [...identifikation, ['', 'nachrichtentyp']];
  const party = (role: string): Party => {
    const kennung = required(root, [kopf, ['', role], ['', 'kennung']]);
    const colon = kennung.indexOf(':');
    if (colon <= 0) throw new XoevError('XOEV_INVALID_VALUE', `${role}/kennung is no DVDV key "prefix:identifier"`, { field: `${role}.kennung` });
    return { dvdv: { prefix: kennung.slice(0, colon), id: kennung.slice(colon + 1) }, name: required(root, [kopf, ['', role], ['', 'name']]) };
  };
  return {
    standard: 'XBau',
    version: '2.6',
    messageId: required(root, [...identifikation, ['', 'nachrichtenUUID']]).toLowerCase(),
    messageType: root.localName,
    author: party('autor'),
    reader: party('leser'),
    xml,
    nachrichtentyp: codeAt(root, typ),
    createdAt: required(root, [...identifikation, ['', 'erstellungszeitpunkt']]),
    applicationReference: textAt(root, [[replyNamespaces.xbau, 'referenzAntragsservice'], ['', 'referenzAntragsservice']])?.toLowerCase() ?? null,
    test: root.attributes.has('test'),
  };
}

function codeAt(root: XmlElement, path: readonly XmlStep[]): XoevCode {
  const attributes = elementAt(root, path)?.attributes;
  return { code: required(root, [...path, ['', 'code']]), listURI: attributes?.get('listURI'), listVersionID: attributes?.get('listVersionID') };
}

function required(root: XmlElement, path: readonly XmlStep[]): string {
  const value = textAt(root, path);
  const field = path.map(([, name]) => name).join('/');
  if (value === undefined) throw new XoevError('XOEV_INVALID_VALUE', `the message has no ${field}`, { field });
  return value;
}

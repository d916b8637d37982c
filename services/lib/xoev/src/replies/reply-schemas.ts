/** What a reply tells about the message it answers, in Amtsbote's status model. */
export type ReplyKind = 'acknowledged' | 'rejected' | 'in_progress' | 'decided';

/** The namespaces of the reply types (and of the message parts they share). */
export const replyNamespaces = {
  xdomea300: 'urn:xoev-de:xdomea:schema:3.0.0',
  xdomea310: 'urn:xoev-de:xdomea:schema:3.1.0',
  /** XBau 2.6 (prefix `xbau`, elementFormDefault qualified). */
  xbau: 'http://www.xleitstelle.de/xbau/2/6',
  /** XBau-Kernmodul 1.3.0 (prefix `xbauk`, elementFormDefault unqualified), shipped with XBau 2.6. */
  xbauKernmodul: 'http://www.xleitstelle.de/xbau/kernmodul/1/3/0',
  /** XÖV basisnachricht g2g 1.1 (prefix `bn-g2g`, qualified): the children of `bezugNachricht` and `idNachricht`. */
  basisnachrichtG2g: 'http://xoev.de/schemata/basisnachricht/g2g/1_1',
} as const;

/** One reply message type Amtsbote understands, and the official XSD it is validated against. */
export interface ReplyType {
  /** The standard as the message names it: `xdomea`, `XBau` or `XBau-Kernmodul` (the XBau replies common to all Fachmodule). */
  standard: string;
  version: string;
  /** The root element's local name, e.g. `baugenehmigung.bescheid.0205`. */
  messageType: string;
  namespace: string;
  kind: ReplyKind;
  /** The root XSD relative to the schema folder (`XOEV_SCHEMA_DIR`, laid out like shared/xoev), as the translator's mappings name theirs. */
  schemaFile: string;
}

const XDOMEA_300_XSD = 'xdomea-3.0.0/schemes/xdomea_3.0.0/xdomea.xsd';
const XDOMEA_310_XSD = 'xdomea-3.1.0/xsd/3.1.0/xdomea.xsd';
const XBAU_KERNMODUL_PROZESSNACHRICHTEN_XSD = 'xbau-2.6/xsd_dev/xbau-kernmodul-prozessnachrichten.xsd';
const XBAU_BAUGENEHMIGUNG_XSD = 'xbau-2.6/xsd_dev/xbau-nachrichten-baugenehmigung.xsd';

/**
 * The replies Amtsbote understands. A receipt (0202, 1120) says the back office has the message; a
 * Rückweisung (1100) that it refuses it as faulty; the formal check (0201) that the case is being
 * worked on, complete or not; the Bescheid (0205) is the decision.
 */
export const REPLY_TYPES: readonly ReplyType[] = [
  {
    standard: 'xdomea',
    version: '3.0.0',
    messageType: 'Geschaeftsgang.EmpfangBestaetigen.0202',
    namespace: replyNamespaces.xdomea300,
    kind: 'acknowledged',
    schemaFile: XDOMEA_300_XSD,
  },
  {
    standard: 'xdomea',
    version: '3.1.0',
    messageType: 'Geschaeftsgang.EmpfangBestaetigen.0202',
    namespace: replyNamespaces.xdomea310,
    kind: 'acknowledged',
    schemaFile: XDOMEA_310_XSD,
  },
  {
    standard: 'XBau-Kernmodul',
    version: '1.3.0',
    messageType: 'prozessnachrichten.eingangsbestaetigung.1120',
    namespace: replyNamespaces.xbauKernmodul,
    kind: 'acknowledged',
    schemaFile: XBAU_KERNMODUL_PROZESSNACHRICHTEN_XSD,
  },
  {
    standard: 'XBau-Kernmodul',
    version: '1.3.0',
    messageType: 'prozessnachrichten.rueckweisung.G2G.1100',
    namespace: replyNamespaces.xbauKernmodul,
    kind: 'rejected',
    schemaFile: XBAU_KERNMODUL_PROZESSNACHRICHTEN_XSD,
  },
  {
    standard: 'XBau',
    version: '2.6',
    messageType: 'baugenehmigung.formellePruefung.0201',
    namespace: replyNamespaces.xbau,
    kind: 'in_progress',
    schemaFile: XBAU_BAUGENEHMIGUNG_XSD,
  },
  {
    standard: 'XBau',
    version: '2.6',
    messageType: 'baugenehmigung.bescheid.0205',
    namespace: replyNamespaces.xbau,
    kind: 'decided',
    schemaFile: XBAU_BAUGENEHMIGUNG_XSD,
  },
];

/** The reply type of a root element, by its namespace and local name. */
export function findReplyType(namespace: string, localName: string): ReplyType | undefined {
  return REPLY_TYPES.find((type) => type.namespace === namespace && type.messageType === localName);
}

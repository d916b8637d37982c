import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ReplyError } from './reply-error.js';
import type { XmlElement } from './xml-element.js';

/** Limits that keep a hostile reply cheap to refuse; each has a default. */
export interface HostileXmlLimits {
  /** Largest accepted reply in bytes (UTF-8); default 5 MiB. */
  maxBytes?: number;
  /** Deepest accepted element nesting, the root being depth 1; default 64. */
  maxDepth?: number;
  /** Most numeric character references (`&#…;`) accepted; default 100,000. */
  maxCharacterReferences?: number;
}

/** The defaults of {@link HostileXmlLimits}. XÖV replies are a few KB and nest about a dozen levels. */
export const DEFAULT_HOSTILE_XML_LIMITS: Required<HostileXmlLimits> = {
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 64,
  maxCharacterReferences: 100_000,
};

/**
 * Parses a reply from a back office, which Amtsbote does not trust, into a namespace-resolved tree.
 * Cheap checks refuse hostile input before any parser sees it, in this order: size; encoding (UTF-8
 * or US-ASCII only); DOCTYPE (entities can only be declared there, so refusing it refuses billion
 * laughs and external entities alike, and nothing is ever expanded); the number of character
 * references; nesting depth (a linear scan, because fast-xml-parser's validator slows down with depth).
 * Then fast-xml-parser checks well-formedness and parses, decoding the five predefined entities and
 * character references only. Every refusal is a {@link ReplyError} whose message quotes nothing of the reply.
 */
export function parseHostileXml(input: string | Uint8Array, limits: HostileXmlLimits = {}): XmlElement {
  const { maxBytes, maxDepth, maxCharacterReferences } = { ...DEFAULT_HOSTILE_XML_LIMITS, ...limits };
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > maxBytes) throw new ReplyError('REPLY_TOO_LARGE', `the reply has ${bytes} bytes, more than the limit of ${maxBytes}`);
  const xml = decodeUtf8(input);
  checkDeclaredEncoding(xml);
  // Anywhere, even in a comment or CDATA section: a reply has no reason to mention one.
  if (/<!(?:DOCTYPE|ENTITY)/i.test(xml)) {
    throw new ReplyError('REPLY_DOCTYPE_FORBIDDEN', 'the reply has a DOCTYPE or entity declaration, which XÖV messages never need');
  }
  const references = countCharacterReferences(xml, maxCharacterReferences);
  if (references > maxCharacterReferences) {
    throw new ReplyError('REPLY_TOO_MANY_CHARACTER_REFERENCES', `the reply has more than ${maxCharacterReferences} character references`);
  }
  if (nestingExceeds(xml, maxDepth)) throw new ReplyError('REPLY_TOO_DEEP', `the reply nests elements deeper than ${maxDepth} levels`);

  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    // fxp's own message quotes tag names and may quote text, so only its code and position are kept.
    const { code, line, col } = wellFormed.err;
    throw new ReplyError('REPLY_MALFORMED', `the reply is not well-formed XML (${code} at line ${line}, column ${col})`);
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (err) {
    if (err instanceof ReplyError) throw err;
    throw new ReplyError('REPLY_MALFORMED', 'the reply could not be parsed as XML');
  }
  // fxp's validator lets a second root element pass.
  const roots = nodes.filter(isElementNode);
  if (roots.length !== 1) throw new ReplyError('REPLY_MALFORMED', `the reply has ${roots.length} root elements instead of one`);
  return toElement(roots[0]!, new Map([['xml', XML_NAMESPACE]]));
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const utf8 = new TextDecoder('utf-8', { fatal: true });

// A leading byte order mark is dropped; UTF-16 and other encodings fail as bytes that are no UTF-8.
function decodeUtf8(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  try {
    return utf8.decode(input);
  } catch {
    throw new ReplyError('REPLY_UNSUPPORTED_ENCODING', 'the reply is not valid UTF-8');
  }
}

// US-ASCII is a subset of UTF-8, so both read the same; any other declared encoding would be misread.
function checkDeclaredEncoding(xml: string): void {
  if (!xml.startsWith('<?xml')) return;
  const declaration = xml.slice(0, Math.max(xml.indexOf('?>'), 0));
  const encoding = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(declaration)?.[2];
  if (encoding !== undefined && !/^(?:utf-8|us-ascii)$/i.test(encoding)) {
    throw new ReplyError('REPLY_UNSUPPORTED_ENCODING', 'the reply declares an encoding other than UTF-8 or US-ASCII');
  }
}

// Counts up to one past the limit, so a flood costs no more than the limit to refuse.
function countCharacterReferences(xml: string, limit: number): number {
  let count = 0;
  for (let at = xml.indexOf('&#'); at !== -1 && count <= limit; at = xml.indexOf('&#', at + 2)) count += 1;
  return count;
}

const SLASH = 0x2f;
const GREATER_THAN = 0x3e;
const QUOTATION_MARK = 0x22;
const APOSTROPHE = 0x27;

/**
 * Whether start tags nest deeper than `maxDepth`, by one linear pass over the markup. Comments,
 * CDATA sections and processing instructions are skipped; unterminated markup stops the scan, as the
 * well-formedness check that follows refuses it anyway.
 */
function nestingExceeds(xml: string, maxDepth: number): boolean {
  let depth = 0;
  for (let at = xml.indexOf('<'); at !== -1; ) {
    let end: number;
    if (xml.charCodeAt(at + 1) === SLASH) {
      depth -= 1;
      end = xml.indexOf('>', at);
    } else if (xml.startsWith('<!--', at)) {
      end = xml.indexOf('-->', at + 4);
    } else if (xml.startsWith('<![CDATA[', at)) {
      end = xml.indexOf(']]>', at + 9);
    } else if (xml.startsWith('<?', at)) {
      end = xml.indexOf('?>', at + 2);
    } else {
      end = endOfStartTag(xml, at);
      if (end !== -1 && xml.charCodeAt(end - 1) !== SLASH) {
        depth += 1;
        if (depth > maxDepth) return true;
      }
    }
    if (end === -1) return false;
    at = xml.indexOf('<', end);
  }
  return false;
}

// The '>' closing a start tag; attribute values may contain '>' and '/', so quoted text is skipped.
function endOfStartTag(xml: string, from: number): number {
  let quote = 0;
  for (let i = from + 1; i < xml.length; i += 1) {
    const c = xml.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === QUOTATION_MARK || c === APOSTROPHE) {
      quote = c;
    } else if (c === GREATER_THAN) {
      return i;
    }
  }
  return -1;
}

const PREDEFINED_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Decodes the five entities XML predefines and character references, and nothing else: there is no
 * DOCTYPE (refused before), so any other entity reference is an error, not something to expand.
 */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#x([0-9A-Fa-f]{1,6});|#([0-9]{1,7});|([A-Za-z][A-Za-z0-9._-]*);)?/g, (_match, hex?: string, decimal?: string, name?: string) => {
    if (name !== undefined) {
      const character = PREDEFINED_ENTITIES.get(name);
      if (character === undefined) throw new ReplyError('REPLY_MALFORMED', 'the reply refers to an entity XML does not predefine');
      return character;
    }
    if (hex === undefined && decimal === undefined) throw new ReplyError('REPLY_MALFORMED', 'the reply has an & that starts no reference');
    const codePoint = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal!, 10);
    if (!isXmlCharacter(codePoint)) throw new ReplyError('REPLY_MALFORMED', 'the reply refers to a character XML 1.0 does not allow');
    return String.fromCodePoint(codePoint);
  });
}

// XML 1.0 Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
function isXmlCharacter(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

// fast-xml-parser's decoder interface; entity declarations never reach it (no DOCTYPE), so adding any is refused.
const referenceDecoder = {
  decode: decodeReferences,
  addInputEntities(): void {
    throw new ReplyError('REPLY_DOCTYPE_FORBIDDEN', 'the reply declares entities');
  },
  setExternalEntities(): void {},
  reset(): void {},
  setXmlVersion(): void {},
};

// Values stay strings ("0200" is a code, not 200); order is kept so mixed prefixes resolve per element.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  entityDecoder: referenceDecoder,
  ignoreDeclaration: true,
  ignorePiTags: true,
  jPath: false,
});

/** fast-xml-parser's ordered output: `{ tag: children, ':@': attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;
const ATTRIBUTES = ':@';
const TEXT = '#text';

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ATTRIBUTES);
}

function isElementNode(node: OrderedNode): boolean {
  const tag = tagOf(node);
  return tag !== undefined && tag !== TEXT && !tag.startsWith('?') && !tag.startsWith('#');
}

// Resolves prefixes against the declarations in scope: the element's own xmlns attributes, then its ancestors'.
function toElement(node: OrderedNode, inherited: ReadonlyMap<string, string>): XmlElement {
  const tag = tagOf(node)!;
  const rawAttributes = (node[ATTRIBUTES] ?? {}) as Record<string, unknown>;
  const scope = new Map(inherited);
  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === 'xmlns') scope.set('', String(value));
    else if (name.startsWith('xmlns:')) scope.set(name.slice('xmlns:'.length), String(value));
    else if (!name.includes(':')) attributes.set(name, String(value));
  }
  const colon = tag.indexOf(':');
  const prefix = colon === -1 ? '' : tag.slice(0, colon);
  const namespace = scope.get(prefix) ?? (prefix === '' ? '' : undefined);
  if (namespace === undefined) throw new ReplyError('REPLY_MALFORMED', 'the reply uses a namespace prefix it does not declare');

  const content = (node[tag] ?? []) as OrderedNode[];
  return {
    namespace,
    localName: tag.slice(colon + 1),
    attributes,
    children: content.filter(isElementNode).map((child) => toElement(child, scope)),
    text: content
      .filter((child) => TEXT in child)
      .map((child) => String(child[TEXT]))
      .join(''),
  };
}

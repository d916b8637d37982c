import type { TextReplacementLog } from '@amtsbote/xoev';
import { DIN_91379_DATATYPE_C_PATTERN, DIN_91379_DATATYPE_D_PATTERN } from './din-91379-patterns.js';

/** The DIN 91379 data types XBau uses for text: C (texts, may span lines) and D (single-line titles). */
export type Din91379Datatype = 'C' | 'D';

/**
 * Stands in for a character outside the DIN 91379 set. U+FFFD, which `toXmlText` uses, is itself
 * outside the set and would make the message invalid; '¿' is inside it, rare in German text and so
 * visible to the clerk as "a character was replaced here".
 */
export const DIN_REPLACEMENT_CHARACTER = '\u00BF';

/**
 * Typographic characters outside DIN 91379 that have a plain neighbour inside it: German quotation
 * marks and dashes are common in texts people type, and "Bebauungsplan „Am Bogen“" should reach the
 * clerk as 'Bebauungsplan "Am Bogen"', not with two '¿'. They still count as replacements.
 */
const PLAIN_NEIGHBOURS: Readonly<Record<string, string>> = {
  '\u201E': '"', // „
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201A': "'", // ‚
  '\u2018': "'", // ‘
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2212': '-', // minus sign
  '\u2026': '...', // …
  '\u2022': '\u00B7', // • becomes ·
  '\u2009': ' ', // thin space
  '\u202F': ' ', // narrow no-break space
  '\u00AD': '', // soft hyphen: invisible anyway
  '\u200B': '', // zero-width space
};

interface CompiledDatatype {
  /** The whole pattern, anchored: the fast path for text that needs no replacement. */
  whole: RegExp;
  /** One allowed character or sequence at a given position (sticky). */
  token: RegExp;
}

const datatypes: Record<Din91379Datatype, CompiledDatatype> = {
  C: compile(DIN_91379_DATATYPE_C_PATTERN),
  D: compile(DIN_91379_DATATYPE_D_PATTERN),
};

/**
 * Text for an XBau element of DIN 91379 datatype C or D: NFC-normalised (a decomposed "ü" becomes
 * the one allowed character), then every character or sequence outside the set, including those
 * XML 1.0 forbids, is replaced (typographic quotes and dashes by their plain neighbours, anything
 * else by {@link DIN_REPLACEMENT_CHARACTER}) and counted per field in `log`
 * (never the value, which may be personal data). Replacing rather than rejecting follows the XML
 * text policy of @amtsbote/xoev: an emoji in a project title must not strand a Bauantrag.
 */
export function toDin91379Text(value: string, datatype: Din91379Datatype, options: { field: string; log?: TextReplacementLog }): string {
  const text = value.normalize('NFC');
  const { whole, token } = datatypes[datatype];
  if (whole.test(text)) return text;
  let result = '';
  let count = 0;
  let index = 0;
  while (index < text.length) {
    token.lastIndex = index;
    const match = token.exec(text);
    if (match && match[0].length > 0) {
      result += match[0];
      index += match[0].length;
    } else {
      const codePoint = text.codePointAt(index) ?? 0;
      const character = String.fromCodePoint(codePoint);
      index += character.length;
      result += PLAIN_NEIGHBOURS[character] ?? DIN_REPLACEMENT_CHARACTER;
      count += 1;
    }
  }
  if (count > 0) options.log?.record({ field: options.field, count });
  return result;
}

// The XSD pattern is `(alt|alt|…)*` with `&#xHHHH;` escapes; JavaScript regular expressions with the
// `u` flag understand the same classes and groups once the escapes are `\u{HHHH}`. Alternatives of
// several code points (a letter with combining marks) go first, so that the sticky token regex takes
// "C̀" as one allowed sequence rather than "C" followed by a lone, disallowed combining mark.
function compile(xsdPattern: string): CompiledDatatype {
  const source = xsdPattern.replace(/&#x([0-9A-Fa-f]+);/g, (_, hex: string) => `\\u{${hex}}`);
  if (!source.startsWith('(') || !source.endsWith(')*')) throw new Error('unexpected DIN 91379 pattern shape');
  const alternatives = splitTopLevel(source.slice(1, -2));
  const isSingle = (alternative: string): boolean => /^(?:\[\\u\{[0-9A-F]+\}-\\u\{[0-9A-F]+\}\]|\\u\{[0-9A-F]+\})$/i.test(alternative);
  const ordered = [...alternatives.filter((a) => !isSingle(a)), ...alternatives.filter(isSingle)];
  return {
    whole: new RegExp(`^(?:${source.slice(1, -2)})*$`, 'u'),
    token: new RegExp(`(?:${ordered.join('|')})`, 'uy'),
  };
}

function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of source) {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (character === '|' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts;
}

/** One field in which characters that XML 1.0 forbids were replaced. */
export interface TextReplacement {
  /** The input field, as a dotted path; the value itself is never reported (it may be personal data). */
  field: string;
  /** How many characters were replaced; a lone surrogate counts as one. */
  count: number;
}

/** Collects the replacements made while one message is built, one entry per field. */
export interface TextReplacementLog {
  readonly replacements: readonly TextReplacement[];
  record(replacement: TextReplacement): void;
}

/** Options of {@link toXmlText}. */
export interface XmlTextOptions {
  /** The input field the text comes from, for the report. */
  field: string;
  /** Where to report replacements; without it they happen silently. */
  log?: TextReplacementLog;
}

/** The character that stands in for a forbidden one: visible to the clerk, and valid XML. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

// XML 1.0 Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// Everything else: C0 controls but TAB/LF/CR, U+FFFE/U+FFFF and lone surrogates (the `u` flag
// makes the class match unpaired surrogate halves while leaving valid pairs alone).
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

/**
 * Text for an xmlbuilder2 text node or attribute: characters XML 1.0 forbids are REPLACED by U+FFFD
 * and reported per field (never rejected, so one stray control character cannot strand an
 * application), and every `&` is written as `&amp;` here. xmlbuilder2 escapes `<`, `>` and a lone
 * `&`, but passes anything that looks like an entity reference through as markup: a citizen's
 * "R&amp;D" would reach the back office as "R&D", and "&A;" would make the document malformed
 * (found by the property tests of the mappings).
 */
export function toXmlText(value: string, options: XmlTextOptions): string {
  let count = 0;
  const text = value.replace(FORBIDDEN, () => {
    count += 1;
    return REPLACEMENT_CHARACTER;
  });
  if (count > 0) options.log?.record({ field: options.field, count });
  return text.replaceAll('&', '&amp;');
}

/**
 * A fresh log for the replacements made while one message is built. It keeps one entry per field:
 * a mapping may write the same input value in several places.
 */
export function createTextReplacementLog(): TextReplacementLog {
  const replacements: TextReplacement[] = [];
  return {
    replacements,
    record(replacement) {
      if (!replacements.some((known) => known.field === replacement.field)) replacements.push(replacement);
    },
  };
}

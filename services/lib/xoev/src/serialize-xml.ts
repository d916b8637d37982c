import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { XoevError } from './xoev-error.js';

/**
 * Serializes an XÖV document as pretty-printed UTF-8 XML with a declaration. `wellFormed` makes
 * xmlbuilder2 refuse characters XML 1.0 forbids instead of passing them through (its default):
 * text should have gone through `toXmlText` first, so this only catches a forgotten field.
 */
export function serializeXml(document: XMLBuilder): string {
  try {
    // A final newline, as every text file has: the message often ends up as a file in a folder.
    return `${document.end({ prettyPrint: true, wellFormed: true })}\n`;
  } catch (err) {
    throw new XoevError('XOEV_SERIALIZATION_FAILED', 'the XML document is not well-formed', { cause: err });
  }
}

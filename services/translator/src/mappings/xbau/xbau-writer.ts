import { appendXoevCode, toXmlText, type TextReplacementLog, type XoevCode } from '@amtsbote/xoev';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { toDin91379Text, type Din91379Datatype } from './din-91379.js';

/** The XBau 2.6 namespace (prefix `xbau`). */
export const XBAU_NAMESPACE = 'http://www.xleitstelle.de/xbau/2/6';

/**
 * Appends XBau elements. XBau mixes two element forms: elements declared in XBau's own types are
 * qualified (`xbau:…`), while those of the Kernmodul (xbauk, elementFormDefault unqualified), of the
 * XÖV message header and of XÖV code types are unqualified; every function takes `q` (qualified)
 * or `u` (unqualified) accordingly. Text from outside (submission, master data) goes through
 * `text`, which applies DIN 91379 (the character set of XBau's text types); `value` is for what the
 * mapping itself produced (ids, dates, numbers, codes of fixed lists).
 */
export interface XbauWriter {
  /** A qualified XBau element `xbau:name`. */
  q(parent: XMLBuilder, name: string): XMLBuilder;
  /** An unqualified element. */
  u(parent: XMLBuilder, name: string): XMLBuilder;
  /** An element (made by `q` or `u`) with outside text of DIN 91379 datatype C (default) or D. */
  text(element: XMLBuilder, value: string, field: string, datatype?: Din91379Datatype): XMLBuilder;
  /** An element with a value the mapping produced. */
  value(element: XMLBuilder, value: string): XMLBuilder;
  /** An element of an XÖV code type, qualified (`q`) or not (`u`). */
  code(parent: XMLBuilder, form: 'q' | 'u', name: string, code: XoevCode): XMLBuilder;
  /** Outside text under DIN 91379, for values the caller composes; ready for xmlbuilder2 (every & escaped). */
  din(value: string, field: string, datatype?: Din91379Datatype): string;
  /** Outside text that is no DIN 91379 text (URIs, tokens): only the XML 1.0 character policy (`toXmlText`) applies. */
  xml(value: string, field: string): string;
}

/** A writer that reports replaced characters to `log`. */
export function createXbauWriter(log: TextReplacementLog | undefined): XbauWriter {
  // Every & is written as &amp; before xmlbuilder2 sees the text, as toXmlText does: xmlbuilder2
  // passes entity-like text ("R&amp;D", "&A;") through as markup.
  const din = (value: string, field: string, datatype: Din91379Datatype = 'C'): string =>
    toDin91379Text(value, datatype, log ? { field, log } : { field }).replaceAll('&', '&amp;');
  return {
    q: (parent, name) => parent.ele(XBAU_NAMESPACE, `xbau:${name}`),
    u: (parent, name) => parent.ele(name),
    text: (element, value, field, datatype = 'C') => element.txt(din(value, field, datatype)),
    value: (element, value) => element.txt(value),
    code: (parent, form, name, code) => (form === 'q' ? appendXoevCode(parent, XBAU_NAMESPACE, `xbau:${name}`, code) : appendXoevCode(parent, '', name, code)),
    din,
    xml: (value, field) => toXmlText(value, log ? { field, log } : { field }),
  };
}

export { hasText } from '@amtsbote/xoev';

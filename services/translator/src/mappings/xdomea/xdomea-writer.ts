import { createXoevWriter, type TextReplacementLog, type XoevWriter } from '@amtsbote/xoev';

/**
 * The xdomea versions this mapping writes. Their 0201 messages have the same structure and the same
 * fixed code-list versions (xdomea-Datentypen.xsd of both); only the namespace differs, and each
 * version's output is validated against its own official XSD in the tests.
 */
export type XdomeaVersion = '3.0.0' | '3.1.0';

/** The namespace of an xdomea version; instances must use the prefix `xdomea`. */
export function xdomeaNamespace(version: XdomeaVersion): string {
  return `urn:xoev-de:xdomea:schema:${version}`;
}

/** The xdomea 3.1.0 namespace. */
export const XDOMEA_NAMESPACE = xdomeaNamespace('3.1.0');

/** The writer of xdomea elements (prefix `xdomea`): outside text through `text`/`sanitize`, own values through `value`. */
export type XdomeaWriter = XoevWriter;

/** A writer for one xdomea version that reports replaced characters to `log`. */
export function createXdomeaWriter(log: TextReplacementLog | undefined, version: XdomeaVersion = '3.1.0'): XdomeaWriter {
  return createXoevWriter(xdomeaNamespace(version), 'xdomea', log);
}

import { appendXoevCode, toXmlText, type TextReplacementLog, type XoevCode } from '@amtsbote/xoev';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

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

/**
 * Appends xdomea elements. Every text that comes from outside (submission or master data) goes
 * through `text`, which applies the XML 1.0 character policy and records replacements per field;
 * `value` is for what the mapping itself produced (ids, dates, numbers, constants).
 */
export interface XdomeaWriter {
  readonly namespace: string;
  element(parent: XMLBuilder, name: string): XMLBuilder;
  /** Outside text, sanitized; `field` names its source for the replacement report. */
  text(parent: XMLBuilder, name: string, value: string, field: string): XMLBuilder;
  /** Outside text that is left out when absent or blank, because an empty element says nothing. */
  optionalText(parent: XMLBuilder, name: string, value: string | null | undefined, field: string): void;
  value(parent: XMLBuilder, name: string, value: string): XMLBuilder;
  code(parent: XMLBuilder, name: string, code: XoevCode): XMLBuilder;
  /** Sanitizes outside text that the caller composes into a larger value. */
  sanitize(value: string, field: string): string;
}

/** A writer for one xdomea version that reports replaced characters to `log`. */
export function createXdomeaWriter(log: TextReplacementLog | undefined, version: XdomeaVersion = '3.1.0'): XdomeaWriter {
  const namespace = xdomeaNamespace(version);
  const sanitize = (value: string, field: string): string => toXmlText(value, log ? { field, log } : { field });
  const element = (parent: XMLBuilder, name: string): XMLBuilder => parent.ele(namespace, `xdomea:${name}`);
  const value = (parent: XMLBuilder, name: string, text: string): XMLBuilder => element(parent, name).txt(text);
  const text = (parent: XMLBuilder, name: string, outside: string, field: string): XMLBuilder =>
    value(parent, name, sanitize(outside, field));
  return {
    namespace,
    element,
    text,
    optionalText(parent, name, outside, field) {
      if (outside !== null && outside !== undefined && outside.trim() !== '') text(parent, name, outside, field);
    },
    value,
    code: (parent, name, code) => appendXoevCode(parent, namespace, `xdomea:${name}`, code),
    sanitize,
  };
}

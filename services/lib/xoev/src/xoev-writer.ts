import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { appendXoevCode, type XoevCode } from './xoev-code.js';
import { toXmlText, type TextReplacementLog } from './xml-text.js';

/**
 * Appends elements of one XÖV namespace under one prefix. Every text that comes from outside
 * (submission or master data) goes through `text` or `sanitize`, which apply the XML 1.0
 * character policy and record replacements per field; `value` is for what the mapping itself
 * produced (ids, dates, numbers, constants).
 */
export interface XoevWriter {
  readonly namespace: string;
  element(parent: XMLBuilder, name: string): XMLBuilder;
  /** Outside text, sanitized; `field` names its source for the replacement report. */
  text(parent: XMLBuilder, name: string, value: string, field: string): XMLBuilder;
  /** Outside text that is left out when absent or blank, because an empty element says nothing. */
  optionalText(parent: XMLBuilder, name: string, value: string | null | undefined, field: string): void;
  value(parent: XMLBuilder, name: string, value: string): XMLBuilder;
  code(parent: XMLBuilder, name: string, code: XoevCode): XMLBuilder;
  /** Sanitizes outside text that the caller composes into a larger value or an attribute. */
  sanitize(value: string, field: string): string;
}

/** A writer for `namespace` under `prefix` that reports replaced characters to `log`; every mapping's writer starts here. */
export function createXoevWriter(namespace: string, prefix: string, log: TextReplacementLog | undefined): XoevWriter {
  const sanitize = (value: string, field: string): string => toXmlText(value, log ? { field, log } : { field });
  const element = (parent: XMLBuilder, name: string): XMLBuilder => parent.ele(namespace, `${prefix}:${name}`);
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
    code: (parent, name, code) => appendXoevCode(parent, namespace, `${prefix}:${name}`, code),
    sanitize,
  };
}

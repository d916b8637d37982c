import fs from 'node:fs';
import path from 'node:path';
import { redactValues } from '@amtsbote/xoev';
import { ParseOption, XmlDocument, XmlLibError } from 'libxml2-wasm';
import type { Mapping } from './mappings/registry.js';
import type { ValidationOutcome } from './translator.js';

/** One mapping and where its root XSD would be in the operator's schema folder. */
export interface MappingSchema {
  mapping: Mapping;
  /** `mapping.schemaFile` resolved against the schema folder. */
  schemaPath: string;
}

/** Which mappings the translator can validate against their official XSD, given the operator's schema folder. */
export interface SchemaAvailability {
  /** The XSD is there: validated as every message is. */
  validated: readonly MappingSchema[];
  /** `schemaOptional` and the XSD is absent: their output is only checked for well-formedness. */
  unvalidated: readonly MappingSchema[];
  /** The XSD is absent although the mapping requires it: the translator must not start. */
  missing: readonly MappingSchema[];
}

/**
 * Sorts the mappings by whether their XSD is in `schemaDir`. Reads nothing but the existence of
 * files, through `exists` (tests pass their own).
 */
export function checkSchemaAvailability(
  schemaDir: string,
  mappings: readonly Mapping[],
  exists: (file: string) => boolean = fs.existsSync,
): SchemaAvailability {
  const validated: MappingSchema[] = [];
  const unvalidated: MappingSchema[] = [];
  const missing: MappingSchema[] = [];
  for (const mapping of mappings) {
    const entry = { mapping, schemaPath: path.resolve(schemaDir, mapping.schemaFile) };
    if (exists(entry.schemaPath)) validated.push(entry);
    else if (mapping.schemaOptional) unvalidated.push(entry);
    else missing.push(entry);
  }
  return { validated, unvalidated, missing };
}

/**
 * The start-up warning for mappings that run without XSD validation, or null when there are
 * none. It names each message and the file an operator would add to turn validation on.
 */
export function unvalidatedWarning(availability: SchemaAvailability): string | null {
  if (availability.unvalidated.length === 0) return null;
  const list = availability.unvalidated
    .map(({ mapping, schemaPath }) => `${mapping.standard} ${mapping.version} ${mapping.messageType} (expected ${schemaPath})`)
    .join('; ');
  return (
    `messages are NOT validated against their official XSD, only checked for well-formedness: ${list}. ` +
    'The XSD is not freely available; put the official files at the expected path to validate (see docs/xoev-standards.md).'
  );
}

// As for schema validation: no network, no external entities.
const PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

/**
 * Checks that a document is well-formed XML 1.0 with libxml2, as the XSD validator would before
 * validating: the check that remains for a message whose XSD the operator does not have.
 */
export function checkWellFormed(xml: string): ValidationOutcome {
  try {
    XmlDocument.fromString(xml, { option: PARSE_OPTIONS }).dispose();
    return { valid: true, errors: [] };
  } catch (err) {
    const details = err instanceof XmlLibError ? err.details : [];
    const errors = details.map((detail) => ({ line: detail.line, message: redactValues(detail.message.trim()) }));
    return { valid: false, errors: errors.length > 0 ? errors : [{ message: 'the document is not well-formed XML' }] };
  }
}

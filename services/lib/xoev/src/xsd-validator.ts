import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ParseOption,
  XmlDocument,
  XmlLibError,
  XsdValidator as LibXsdValidator,
  type ErrorDetail,
} from 'libxml2-wasm';
import { redactValues } from './redact-values.js';
import { ensureSchemaInputProvider } from './schema-input-provider.js';
import { XoevError } from './xoev-error.js';

/** One problem found in a document: not well-formed, or not valid against the schema. */
export interface ValidationIssue {
  /** 1-based line in the document; 0 when libxml2 gives none. */
  line: number;
  /** 1-based column where libxml2 knows it, else 0 (schema errors carry no column). */
  column: number;
  /** libxml2's message, with quoted instance values redacted unless `redactValues: false`. */
  message: string;
  /** The XPath of the element concerned, e.g. `/xdomea:Geschaeftsgang.Geschaeftsgang.0201/xdomea:Kopf`, when known. */
  path: string | null;
}

/** The outcome of validating one document. */
export interface ValidationResult {
  valid: boolean;
  /** The first `maxErrors` issues in document order. */
  errors: ValidationIssue[];
  /** How many issues libxml2 reported in all; more than `errors.length` when capped. */
  errorCount: number;
}

/** Validates documents against one compiled XSD. */
export interface XsdSchemaValidator {
  /** The absolute path of the root XSD. */
  readonly schemaFile: string;
  /** Parses and validates one document; never throws for bad input, only for a closed validator. */
  validate(xml: string | Uint8Array): ValidationResult;
}

/** A validator that owns its compiled schema: call `close()` (or `using`) to free the WebAssembly memory. */
export interface XsdValidator extends XsdSchemaValidator, Disposable {
  /** Frees the compiled schema; later `validate` calls throw XOEV_VALIDATOR_CLOSED. Idempotent. */
  close(): void;
}

/** Options of {@link createXsdValidator}. */
export interface XsdValidatorOptions {
  /** The root XSD file; its xs:include/xs:import are resolved relative to it, from local files only. */
  schemaFile: string;
  /** How many issues a result lists at most (default 20); `errorCount` still counts them all. */
  maxErrors?: number;
  /** Replace instance values quoted in messages by `'[redacted]'` (default true: they may be personal data). */
  redactValues?: boolean;
}

// No network, no external entities, no DTD loading: the documents we validate are our own output
// or a back office's reply, and neither may make libxml2 fetch anything.
const INSTANCE_PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;
const XML_ERR_ERROR = 2;

/** Compiles an XSD with libxml2 (WebAssembly) into a validator; compile once, validate many times. */
export function createXsdValidator(options: XsdValidatorOptions): XsdValidator {
  const schemaFile = path.resolve(options.schemaFile);
  const maxErrors = options.maxErrors ?? 20;
  const redact = options.redactValues ?? true;
  const { schemaDocument, compiled } = compile(schemaFile);
  let closed = false;

  const toIssues = (details: readonly ErrorDetail[], fallback: string): ValidationResult => {
    const reported = details.filter((detail) => detail.level >= XML_ERR_ERROR);
    // A failure must never look like "invalid, but no reason given".
    const errors = reported.length > 0 ? reported : [{ message: fallback, level: XML_ERR_ERROR, line: 0, col: 0 }];
    return {
      valid: false,
      errorCount: errors.length,
      errors: errors.slice(0, maxErrors).map((detail) => {
        const message = detail.message.trim();
        return {
          line: detail.line,
          column: detail.col,
          message: redact ? redactValues(message) : message,
          path: detail.xpath ?? null,
        };
      }),
    };
  };

  const close = (): void => {
    if (closed) return;
    closed = true;
    compiled.dispose();
    // The root schema document stays alive as long as the compiled schema: libxml2 parsed the
    // schema from it and does not own (or copy) it.
    schemaDocument.dispose();
  };

  return {
    schemaFile,
    validate(xml) {
      if (closed) throw new XoevError('XOEV_VALIDATOR_CLOSED', `the validator for ${schemaFile} is closed`);
      let document: XmlDocument;
      try {
        document =
          typeof xml === 'string'
            ? XmlDocument.fromString(xml, { option: INSTANCE_PARSE_OPTIONS })
            : XmlDocument.fromBuffer(xml, { option: INSTANCE_PARSE_OPTIONS });
      } catch (err) {
        return toIssues(diagnosticsOf(err), 'the document is not well-formed XML');
      }
      // Every parsed document lives in WebAssembly memory until disposed; the GC never sees it.
      try {
        compiled.validate(document);
        return { valid: true, errors: [], errorCount: 0 };
      } catch (err) {
        return toIssues(diagnosticsOf(err), 'libxml2 could not validate the document');
      } finally {
        document.dispose();
      }
    },
    close,
    [Symbol.dispose]: close,
  };
}

function compile(schemaFile: string): { schemaDocument: XmlDocument; compiled: LibXsdValidator } {
  ensureSchemaInputProvider();
  let source: Buffer;
  try {
    source = fs.readFileSync(schemaFile);
  } catch (err) {
    throw new XoevError('XOEV_SCHEMA_COMPILE_FAILED', `cannot read the schema ${schemaFile}`, { cause: err });
  }
  let schemaDocument: XmlDocument;
  try {
    // The URL is the base against which libxml2 resolves the schema's includes and imports.
    schemaDocument = XmlDocument.fromBuffer(source, { url: pathToFileURL(schemaFile).href });
  } catch (err) {
    throw new XoevError('XOEV_SCHEMA_COMPILE_FAILED', `the schema ${schemaFile} is not well-formed: ${firstMessage(err)}`, {
      cause: err,
    });
  }
  try {
    return { schemaDocument, compiled: LibXsdValidator.fromDoc(schemaDocument) };
  } catch (err) {
    schemaDocument.dispose();
    throw new XoevError('XOEV_SCHEMA_COMPILE_FAILED', `the schema ${schemaFile} does not compile: ${firstMessage(err)}`, {
      cause: err,
    });
  }
}

function diagnosticsOf(err: unknown): readonly ErrorDetail[] {
  return err instanceof XmlLibError ? err.details : [];
}

function firstMessage(err: unknown): string {
  if (err instanceof XmlLibError && err.details[0]) {
    const detail = err.details[0];
    return `${detail.message.trim()} (${detail.file ?? 'schema'}:${detail.line})`;
  }
  return err instanceof Error ? err.message : String(err);
}

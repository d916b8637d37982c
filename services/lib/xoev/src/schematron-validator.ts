import fs from 'node:fs';
import SaxonJS, { type SaxonNode } from 'saxon-js';
import { compileSchematron, type SchematronCompileOptions } from './schematron-compiler.js';
import { XoevError } from './xoev-error.js';

const SVRL = 'http://purl.oclc.org/dsdl/svrl';

/** How much a finding matters; only `fatal` and `error` make a document invalid. */
export type SchematronSeverity = 'fatal' | 'error' | 'warning' | 'info';

/** One finding of a Schematron validation: a failed assertion or a successful report. */
export interface SchematronFinding {
  /** The assertion's or report's `id` in the .sch file, e.g. `sch-xbau-001`; null when it has none. */
  id: string | null;
  /** `failed-assert` or `successful-report` as in SVRL; `not-well-formed` when the document could not be parsed. */
  kind: 'failed-assert' | 'successful-report' | 'not-well-formed';
  /** From `role`: fatal, error (also when the rule gives no role, as ISO Schematron intends), warning (warn) or info. */
  severity: SchematronSeverity;
  /** The `role` attribute as written in the .sch file, if any. */
  role: string | null;
  /** The `flag` attribute, if any. */
  flag: string | null;
  /** XPath of the context node, in SchXslt's EQName form, e.g. `/Q{http://…}root[1]/Q{}child[1]`. */
  location: string;
  /** The XPath test that failed (assert) or held (report). */
  test: string;
  /** The rule's message, whitespace-normalised. */
  text: string;
}

/** The outcome of validating one document against one Schematron. */
export interface SchematronResult {
  /** False when any finding is fatal or an error; warnings and infos do not block. */
  valid: boolean;
  /** The first `maxFindings` findings in document order. */
  findings: SchematronFinding[];
  /** Fatal and error findings in all. */
  errorCount: number;
  /** Warning and info findings in all. */
  warningCount: number;
}

/** Validates documents against one compiled Schematron. */
export interface SchematronValidator {
  /** The absolute path of the .sch file. */
  readonly schematronFile: string;
  /** Runs the rules on one document; never throws for bad input (a non-well-formed document is a fatal finding). */
  validate(xml: string): SchematronResult;
}

/** Options of {@link createSchematronValidator}. */
export interface SchematronValidatorOptions extends SchematronCompileOptions {
  /** How many findings a result lists at most (default 20); the counts still count them all. */
  maxFindings?: number;
}

/**
 * Compiles (or takes from the cache) the validating stylesheet of a .sch file and returns a
 * validator that runs it in-process with SaxonJS. Loading takes ~0.1 s; each validation costs a
 * fixed ~30–40 ms for the official XBau rules (SaxonJS prepares the 6.6 MB stylesheet on every
 * transform) plus the time of the rules themselves.
 */
export async function createSchematronValidator(options: SchematronValidatorOptions): Promise<SchematronValidator> {
  const compiled = await compileSchematron(options);
  const stylesheet = JSON.parse(fs.readFileSync(compiled.sefFile, 'utf8')) as unknown;
  const maxFindings = options.maxFindings ?? 20;
  return {
    schematronFile: compiled.schematronFile,
    validate(xml) {
      let svrl: SaxonNode;
      try {
        svrl = SaxonJS.transform({ stylesheetInternal: stylesheet, sourceText: xml, destination: 'raw' }, 'sync')
          .principalResult as SaxonNode;
      } catch (err) {
        if (isParseError(err)) return summarize([notWellFormed(err)], maxFindings);
        throw new XoevError('XOEV_SCHEMA_COMPILE_FAILED', `the Schematron ${compiled.schematronFile} failed at run time`, { cause: err });
      }
      return summarize(findingsOf(svrl), maxFindings);
    },
  };
}

/** The severity a `role` stands for: roles are free text in ISO Schematron, these are the usual ones. */
export function severityOfRole(role: string | null): SchematronSeverity {
  switch (role?.trim().toLowerCase()) {
    case 'fatal':
      return 'fatal';
    case 'warning':
    case 'warn':
      return 'warning';
    case 'info':
    case 'information':
    case 'informational':
    case 'hint':
      return 'info';
    default:
      // No role, `error`, or one we do not know: a failed assertion is a violation of the rules.
      return 'error';
  }
}

function findingsOf(root: SaxonNode): SchematronFinding[] {
  const findings: SchematronFinding[] = [];
  // SVRL is flat: every failed-assert and successful-report is a child of schematron-output.
  for (const node of Array.from(root.childNodes)) {
    if (node.nodeType !== 1 || node.namespaceURI !== SVRL) continue;
    if (node.localName !== 'failed-assert' && node.localName !== 'successful-report') continue;
    const role = attribute(node, 'role');
    findings.push({
      id: attribute(node, 'id'),
      kind: node.localName,
      severity: severityOfRole(role),
      role,
      flag: attribute(node, 'flag'),
      location: attribute(node, 'location') ?? '',
      test: attribute(node, 'test') ?? '',
      text: Array.from(node.childNodes)
        .filter((child) => child.nodeType === 1 && child.namespaceURI === SVRL && child.localName === 'text')
        .map((child) => child.textContent ?? '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    });
  }
  return findings;
}

function summarize(findings: SchematronFinding[], maxFindings: number): SchematronResult {
  const errorCount = findings.filter((f) => f.severity === 'fatal' || f.severity === 'error').length;
  return { valid: errorCount === 0, findings: findings.slice(0, maxFindings), errorCount, warningCount: findings.length - errorCount };
}

function attribute(node: SaxonNode, name: string): string | null {
  const value = node.getAttribute(name);
  return value === '' ? null : value;
}

// SaxonJS reports an unparseable source document as FODC0002 ("Unexpected close tag …").
function isParseError(err: unknown): err is Error {
  return err instanceof Error && (err as Error & { code?: unknown }).code === 'FODC0002';
}

function notWellFormed(err: Error): SchematronFinding {
  return {
    id: null,
    kind: 'not-well-formed',
    severity: 'fatal',
    role: null,
    flag: null,
    location: '/',
    test: '',
    // The parser's message may quote the document, and quoted values may be personal data.
    text: `the document is not well-formed XML: ${(err.message.split('\n')[0] ?? '').replace(/(['"“„]).*?(\1|[“”])/g, "'[redacted]'")}`,
  };
}

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import SaxonJS from 'saxon-js';
import { XoevError } from './xoev-error.js';

/** The SchXslt release the engine compiles with; `scripts/prepare-schematron.sh` resolves the same one. */
export const SCHXSLT_VERSION = '1.10.1';

/** Where compiled Schematron lives by default: `<repo>/.cache/schematron` (git-ignored). */
export const DEFAULT_SCHEMATRON_CACHE_DIR = fileURLToPath(new URL('../../../../.cache/schematron/', import.meta.url));

/** The script that prepares the compiler on a fresh machine (Maven, network); tests and operators run it. */
export const SCHEMATRON_PREPARE_SCRIPT = fileURLToPath(new URL('../scripts/prepare-schematron.sh', import.meta.url));

/** Whether `scripts/prepare-schematron.sh` has prepared the SchXslt compiler in `cacheDir`. */
export function isSchematronCompilerPrepared(cacheDir: string = DEFAULT_SCHEMATRON_CACHE_DIR): boolean {
  return fs.existsSync(pipelineFile(path.resolve(cacheDir)));
}

/** Options of {@link compileSchematron}. */
export interface SchematronCompileOptions {
  /** The official .sch file (ISO Schematron, queryBinding xslt2 or xslt3). */
  schematronFile: string;
  /** The cache folder prepared by `scripts/prepare-schematron.sh`; default {@link DEFAULT_SCHEMATRON_CACHE_DIR}. */
  cacheDir?: string;
}

/** A .sch file compiled into a validating stylesheet. */
export interface CompiledSchematron {
  schematronFile: string;
  /** The validating XSLT that SchXslt generated from the .sch file, for operators who want to read it. */
  xslFile: string;
  /** The same stylesheet compiled for SaxonJS (SEF), which the validator runs. */
  sefFile: string;
  /** Whether this call compiled it (false: it was in the cache). */
  compiled: boolean;
}

const execFileAsync = promisify(execFile);
const inFlight = new Map<string, Promise<CompiledSchematron>>();

/**
 * Compiles a .sch file into a validating stylesheet, once per machine: SchXslt's XSLT 2.0 pipeline
 * (itself compiled by `prepare-schematron.sh`) runs in-process on the .sch and yields an XSLT that
 * reports SVRL; SaxonJS' compiler (the xslt3 CLI, in a child process) turns that into a SEF file.
 * Both land in `<cacheDir>/compiled/`, keyed by the SHA-256 of the .sch file and the SchXslt and
 * SaxonJS versions, so a changed rule file or an upgrade compiles afresh and nothing stale is used.
 * Compiling the XBau rules takes ~30 s on a small machine: warm the cache at start-up or install.
 * `sch:include`d files are not part of the key (the official XÖV rule files include none).
 */
export async function compileSchematron(options: SchematronCompileOptions): Promise<CompiledSchematron> {
  const schematronFile = path.resolve(options.schematronFile);
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_SCHEMATRON_CACHE_DIR);
  let source: Buffer;
  try {
    source = fs.readFileSync(schematronFile);
  } catch (err) {
    throw new XoevError('XOEV_SCHEMA_COMPILE_FAILED', `cannot read the Schematron file ${schematronFile}`, { cause: err });
  }
  const key = createHash('sha256')
    .update(JSON.stringify([SCHXSLT_VERSION, SaxonJS.getProcessorInfo().productVersion, createHash('sha256').update(source).digest('hex')]))
    .digest('hex')
    .slice(0, 16);
  const base = path.join(cacheDir, 'compiled', `${path.basename(schematronFile, path.extname(schematronFile))}-${key}`);
  const result = { schematronFile, xslFile: `${base}.xsl`, sefFile: `${base}.sef.json` };
  if (fs.existsSync(result.sefFile)) return { ...result, compiled: false };

  // Two validators of the same file in one process share one compilation.
  let pending = inFlight.get(result.sefFile);
  if (!pending) {
    pending = compile(schematronFile, cacheDir, result).finally(() => inFlight.delete(result.sefFile));
    inFlight.set(result.sefFile, pending);
  }
  return pending;
}

async function compile(
  schematronFile: string,
  cacheDir: string,
  result: Omit<CompiledSchematron, 'compiled'>,
): Promise<CompiledSchematron> {
  const pipeline = loadPipeline(cacheDir);
  let xsl: string;
  try {
    const transformed = await SaxonJS.transform(
      { stylesheetInternal: pipeline, sourceFileName: schematronFile, destination: 'serialized' },
      'async',
    );
    xsl = String(transformed.principalResult);
  } catch (err) {
    throw new XoevError('XOEV_SCHEMA_COMPILE_FAILED', `SchXslt could not compile ${schematronFile}: ${messageOf(err)}`, { cause: err });
  }

  fs.mkdirSync(path.dirname(result.sefFile), { recursive: true });
  // Written under temporary names and renamed, so a crash or a concurrent process never leaves a
  // half-written file under the final name.
  const tmp = `${result.sefFile}.${process.pid}.${Date.now()}`;
  fs.writeFileSync(`${tmp}.xsl`, xsl);
  try {
    await execFileAsync(process.execPath, [xslt3Cli(), `-xsl:${tmp}.xsl`, `-export:${tmp}.sef.json`, '-nogo'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    fs.renameSync(`${tmp}.xsl`, result.xslFile);
    fs.renameSync(`${tmp}.sef.json`, result.sefFile);
  } catch (err) {
    throw new XoevError('XOEV_SCHEMA_COMPILE_FAILED', `SaxonJS could not compile the validator of ${schematronFile}: ${messageOf(err)}`, {
      cause: err,
    });
  } finally {
    fs.rmSync(`${tmp}.xsl`, { force: true });
    fs.rmSync(`${tmp}.sef.json`, { force: true });
  }
  return { ...result, compiled: true };
}

const pipelines = new Map<string, unknown>();

function loadPipeline(cacheDir: string): unknown {
  const file = pipelineFile(cacheDir);
  let pipeline = pipelines.get(file);
  if (pipeline === undefined) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new XoevError(
        'XOEV_SCHEMA_COMPILE_FAILED',
        `the Schematron compiler is not prepared (${file} is missing): run services/lib/xoev/scripts/prepare-schematron.sh`,
        { cause: err },
      );
    }
    pipeline = JSON.parse(text) as unknown;
    pipelines.set(file, pipeline);
  }
  return pipeline;
}

function pipelineFile(cacheDir: string): string {
  return path.join(cacheDir, `schxslt-${SCHXSLT_VERSION}`, 'pipeline-for-svrl.sef.json');
}

function xslt3Cli(): string {
  try {
    return createRequire(import.meta.url).resolve('xslt3/xslt3.js');
  } catch (err) {
    throw new XoevError('XOEV_SCHEMA_COMPILE_FAILED', 'the npm package xslt3 (SaxonJS compiler) is not installed', { cause: err });
  }
}

function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n').slice(0, 3).join(' ').slice(0, 500);
}

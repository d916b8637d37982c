import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const benchmarksFile = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url));

/** The machine a result was measured on, for the table's caption. */
export function machine(): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** A Markdown table from a header row and data rows. */
export function table(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * Replaces one section of docs/benchmarks.md (from its `## title` to the next `## `), or appends
 * it, so each benchmark owns its section and re-running one leaves the others alone.
 */
export function writeSection(title: string, body: string): void {
  let text = '';
  try {
    text = readFileSync(benchmarksFile, 'utf8');
  } catch {
    text = '# Benchmarks\n\nWritten by the benchmarks in `scripts/bench`; each section says how to re-run it.\n';
  }
  const heading = `## ${title}\n`;
  const section = `${heading}\n${body.trim()}\n\n`;
  const start = text.indexOf(heading);
  if (start === -1) {
    text = `${text.trimEnd()}\n\n${section}`;
  } else {
    const next = text.indexOf('\n## ', start + heading.length);
    text = text.slice(0, start) + section + (next === -1 ? '' : text.slice(next + 1));
  }
  writeFileSync(benchmarksFile, `${text.trimEnd()}\n`);
}

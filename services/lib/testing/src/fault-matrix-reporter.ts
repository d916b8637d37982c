import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { faultResultsFile, FAULT_ROW_PREFIX } from './fault-matrix.js';
import { repoRoot } from './environment.js';

type UserConsoleLog = Parameters<NonNullable<Reporter['onUserConsoleLog']>>[0];

const cell = (text: string) => text.replaceAll('|', '/').replaceAll('\n', ' ').trim();

/**
 * The fault matrix's table: every test of the `faults` project is a row. A row prints its own line
 * (`reportRow`); for a fault proof that prints none of its own (the `*.int.test.ts` reused as rows),
 * its last console line stands for its counts. Rows are appended to .cache/faults/results.md as each
 * file ends, with whether they held, and the whole table is printed at the end of the run.
 */
export default class FaultMatrixReporter implements Reporter {
  private readonly logs = new Map<string, string[]>();

  onInit(): void {
    mkdirSync(dirname(faultResultsFile), { recursive: true });
    writeFileSync(
      faultResultsFile,
      `# Fault matrix, ${new Date().toISOString()}\n\n| fault | counts | duration | result |\n|---|---|---|---|\n`,
    );
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    if (!log.taskId || log.type !== 'stdout') return;
    const lines = log.content.split('\n').filter((line) => line.trim() !== '');
    this.logs.set(log.taskId, [...(this.logs.get(log.taskId) ?? []), ...lines]);
  }

  onTestModuleEnd(module: TestModule): void {
    if (module.project.name !== 'faults') return;
    for (const test of module.children.allTests()) this.append(test);
  }

  onTestRunEnd(): void {
    console.log(`\n${readFileSync(faultResultsFile, 'utf8')}\n(${relative(repoRoot, faultResultsFile)})`);
  }

  private append(test: TestCase): void {
    const result = test.result();
    if (result.state === 'skipped' || result.state === 'pending') return;
    const lines = this.logs.get(test.id) ?? [];
    const row = lines.filter((line) => line.startsWith(FAULT_ROW_PREFIX)).at(-1);
    const seconds = `${Math.round((test.diagnostic()?.duration ?? 0) / 1000)} s`;
    const [fault, counts, duration] = row
      ? row.slice(FAULT_ROW_PREFIX.length).split(' | ')
      : [`${relative(repoRoot, test.module.moduleId)}: ${test.name}`, lines.at(-1) ?? '', seconds];
    const outcome = result.state === 'passed' ? 'held' : `FAILED: ${result.errors?.[0]?.message.split('\n')[0] ?? ''}`;
    appendFileSync(faultResultsFile, `| ${cell(fault ?? '')} | ${cell(counts ?? '')} | ${cell(duration ?? seconds)} | ${cell(outcome)} |\n`);
  }
}

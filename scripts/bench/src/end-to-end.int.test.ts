import { expect, inject, it } from 'vitest';
import { benchOptions, runBench } from './end-to-end.js';
import { formatResult, latencyRows, processRows, summaryRows } from './report.js';

// A smoke run of `npm run bench` with a tiny load, so the harness cannot rot. It checks that every
// measurement is there, never how fast anything was: the machines are shared.
it('runs the end-to-end benchmark in quick mode and fills every row of its tables', async () => {
  const options = {
    ...benchOptions(['--quick'], {}),
    brokers: inject('kafkaBrokers').split(','),
    registryUrl: inject('schemaRegistryUrl'),
    xoevSchemaDir: inject('xoevSchemaDir'),
    // No warm-up: the saturation window then starts with an empty pipeline and surely delivers something.
    warmUpSeconds: 0,
    seconds: 2,
    inFlight: 20,
    rates: [10],
    loadSeconds: 1,
    soakSeconds: 2,
    sampleSeconds: 1,
    passThroughRecords: 100,
    translateSeconds: 0.2,
    intakeSeconds: 0.3,
    intakeConcurrency: 2,
    log: () => {},
  };
  const result = await runBench(options);
  console.log(formatResult(result));

  expect(result.latency.map((row) => row.load)).toEqual(['saturation (20 in flight)', '10/s']);
  expect(result.processes.map((p) => p.name).sort()).toEqual(['delivery', 'receipts', 'reference-backoffice', 'translator']);
  expect(result.processing.map((p) => p.stage)).toContain('translator');
  // The summary's measured column (its target and verdict of a ceiling are empty on purpose), and every cell of the others.
  const rows = [...summaryRows(result).map(([name, measured]) => [name!, measured!]), ...latencyRows(result), ...processRows(result)];
  for (const [name, ...cells] of rows) {
    for (const cell of cells) {
      expect(cell, `${name}: ${cells.join(' | ')}`).toMatch(/\S/);
      expect(cell, `${name}: ${cells.join(' | ')}`).not.toMatch(/\?|NaN|Infinity/);
    }
  }
}, 120_000);

// npm run bench [-- --quick | --saturation-only]: the end-to-end benchmark; prints its results and,
// for a full run, writes them to their section of docs/benchmarks.md.
import { benchOptions, runBench } from './end-to-end.js';
import { formatResult, sectionTitle } from './report.js';
import { writeSection } from './results-file.js';

const options = benchOptions(process.argv.slice(2));
const result = await runBench(options);
const text = formatResult(result);
console.log(`\n${text}`);
// A quick or partial run is a smoke test, not a measurement to keep.
if (!options.quick && !options.saturationOnly) writeSection(sectionTitle, text);

// Generates TypeScript types from the Avro contracts in ../avro, so a type is never written twice.
// `npm run generate -w @amtsbote/schemas` rewrites src/generated/; `--check` fails when it is stale (CI).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { toTypeScript } from '@ovotech/avro-ts';

const avroDir = new URL('../avro/', import.meta.url);
const outDir = new URL('../src/generated/', import.meta.url);
const check = process.argv.includes('--check');

// Logical types as the codecs in src/logical-types.ts decode them.
const logicalTypes = { 'timestamp-millis': 'Date', date: 'Date' };

/** Renders the TypeScript module for one .avsc file. */
export function render(fileName) {
  const schema = JSON.parse(readFileSync(new URL(fileName, avroDir), 'utf8'));
  const body = toTypeScript(schema, { logicalTypes });
  return `// Generated from schemas/avro/${fileName} by scripts/generate-types.mjs. Do not edit.\n${body}\n`;
}

let stale = [];
for (const fileName of readdirSync(avroDir).filter((f) => f.endsWith('.avsc')).sort()) {
  const target = new URL(fileName.replace(/\.avsc$/, '.ts'), outDir);
  const next = render(fileName);
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // a new contract: no generated file yet
  }
  if (current === next) continue;
  if (check) stale.push(fileName);
  else writeFileSync(target, next);
}
if (stale.length > 0) {
  console.error(`generated types are stale for: ${stale.join(', ')} — run: npm run generate -w @amtsbote/schemas`);
  process.exit(1);
}

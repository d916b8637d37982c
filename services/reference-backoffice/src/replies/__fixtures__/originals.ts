import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The official schemas live in shared/xoev beside the checkout, or where XOEV_SCHEMA_DIR says.
const xoevRoot = process.env['XOEV_SCHEMA_DIR']
  ? pathToFileURL(`${process.env['XOEV_SCHEMA_DIR'].replace(/\/+$/, '')}/`)
  : new URL('../../../../../../shared/xoev/', import.meta.url);

/** An absolute path inside the schema folder, e.g. a reply type's `schemaFile`. */
export function schemaPath(relativePath: string): string {
  return fileURLToPath(new URL(relativePath, xoevRoot));
}

// The replies answer what Amtsbote really delivers: the translator's golden messages, which its own
// tests keep equal to the mappings' output and valid against the official XSD.
const golden = (path: string): string => fs.readFileSync(new URL(`../../../../translator/src/mappings/${path}`, import.meta.url), 'utf8');

/** An XBau 2.6 baugenehmigung.antrag.0200 to Darmstadt's Bauaufsicht. */
export const xbauBauantrag = golden('xbau/__golden__/baugenehmigung-antrag-0200-darmstadt.xml');
/** The same kind of message marked as a test message (`test="true"`). */
export const xbauBauantragTest = golden('xbau/__golden__/baugenehmigung-antrag-0200-rossdorf-test.xml');
/** An xdomea 3.1.0 Geschaeftsgang.Geschaeftsgang.0201 (a Gewerbeanmeldung). */
export const xdomea310Geschaeftsgang = golden('xdomea/__golden__/geschaeftsgang-0201-gewerbeanmeldung.xml');
/** The same in xdomea 3.0.0: the mapping writes the same structure in both versions, only the namespace differs. */
export const xdomea300Geschaeftsgang = xdomea310Geschaeftsgang.replaceAll('urn:xoev-de:xdomea:schema:3.1.0', 'urn:xoev-de:xdomea:schema:3.0.0');

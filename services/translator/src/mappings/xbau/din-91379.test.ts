import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTextReplacementLog } from '@amtsbote/xoev';
import { describe, expect, it } from 'vitest';
import { DIN_91379_DATATYPE_C_PATTERN, DIN_91379_DATATYPE_D_PATTERN } from './din-91379-patterns.js';
import { DIN_REPLACEMENT_CHARACTER as R, toDin91379Text } from './din-91379.js';

const xoevDir = process.env['XOEV_SCHEMA_DIR'] ?? fileURLToPath(new URL('../../../../../../shared/xoev/', import.meta.url));

describe('toDin91379Text', () => {
  it('uses the patterns of the official din-norm-91379-datatypes.xsd, character for character', () => {
    const xsd = fs.readFileSync(path.join(xoevDir, 'xbau-2.6/xsd_dev/din-norm-91379-datatypes.xsd'), 'utf8');
    const patternOf = (name: string): string | undefined =>
      new RegExp(`name="${name}"[\\s\\S]*?<xs:pattern value="([^"]*)"`).exec(xsd)?.[1];
    expect(DIN_91379_DATATYPE_C_PATTERN).toBe(patternOf('datatypeC'));
    expect(DIN_91379_DATATYPE_D_PATTERN).toBe(patternOf('datatypeD'));
  });

  it.each([
    ['umlauts, ß and names of other Latin scripts', 'Jörg Müßig, Gülşen Çelik, Łukasz Wałęsa, Ørsted'],
    ['a letter with a combining mark that DIN 91379 lists as one character', 'C\u0300'],
    ['line breaks and tabs (datatype C)', 'Zeile 1\n\tZeile 2\r\n'],
    ['markup characters', `<b> & "x" 'y' ]]>`],
  ])('keeps %s unchanged', (_name, input) => {
    const log = createTextReplacementLog();
    expect(toDin91379Text(input, 'C', { field: 'f', log })).toBe(input);
    expect(log.replacements).toEqual([]);
  });

  it('composes a decomposed umlaut (NFC) instead of replacing its combining mark', () => {
    const log = createTextReplacementLog();
    expect(toDin91379Text('Mu\u0308ller', 'C', { field: 'f', log })).toBe('Müller');
    expect(log.replacements).toEqual([]);
  });

  it.each([
    ['emoji', 'Haus 🏠 mit Garten 🌳', `Haus ${R} mit Garten ${R}`, 2],
    ['characters XML 1.0 forbids and a lone surrogate', 'a\u0000b\u0008c\uD800d', `a${R}b${R}c${R}d`, 3],
    ['U+FFFD from an earlier replacement', 'x\uFFFDy', `x${R}y`, 1],
    ['Chinese characters', '北京 Baustelle', `${R}${R} Baustelle`, 2],
    ['German quotation marks and dashes, by their plain neighbours', 'Plan „Am Bogen“ – Teil 2…', 'Plan "Am Bogen" - Teil 2...', 4],
    ['a soft hyphen, dropped', 'Bau\u00ADantrag', 'Bauantrag', 1],
  ])('replaces %s in datatype C and counts them', (_name, input, expected, count) => {
    const log = createTextReplacementLog();
    expect(toDin91379Text(input, 'C', { field: 'data.bauantrag.projectTitle', log })).toBe(expected);
    expect(log.replacements).toEqual([{ field: 'data.bauantrag.projectTitle', count }]);
  });

  it('follows datatype D where it differs from C: no line breaks, but German quotation marks', () => {
    const log = createTextReplacementLog();
    expect(toDin91379Text('Lageplan\n„final“', 'D', { field: 'f', log })).toBe(`Lageplan${R}„final“`);
    expect(log.replacements).toEqual([{ field: 'f', count: 1 }]);
  });
});

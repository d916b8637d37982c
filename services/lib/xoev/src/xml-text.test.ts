import { XmlDocument } from 'libxml2-wasm';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { serializeXml } from './serialize-xml.js';
import { createTextReplacementLog, REPLACEMENT_CHARACTER, toXmlText } from './xml-text.js';

const R = REPLACEMENT_CHARACTER;

describe('toXmlText', () => {
  it.each([
    ['NUL', 'a\u0000b', `a${R}b`],
    ['a C0 control (vertical tab)', 'Zeile\u000Bzwei', `Zeile${R}zwei`],
    ['form feed and escape', '\u000C\u001B', `${R}${R}`],
    ['U+FFFE', 'x\uFFFE', `x${R}`],
    ['U+FFFF', '\uFFFFx', `${R}x`],
    ['a lone high surrogate', 'a\uD83Db', `a${R}b`],
    ['a lone low surrogate', 'a\uDE00b', `a${R}b`],
    ['a high surrogate at the end after an emoji', '😀\uD83D', `😀${R}`],
  ])('replaces %s with U+FFFD', (_name, input, expected) => {
    expect(toXmlText(input, { field: 'f' })).toBe(expected);
  });

  it.each([
    ['tab, line feed and carriage return', 'a\tb\nc\r'],
    ['umlauts and ß', 'Jürgen Weiß, Öl und Ähre'],
    ['emoji (surrogate pairs)', 'Brötchen 🥐😀'],
    ['the private use area and the last plane', '\uE000\u{10FFFF}'],
    ['U+FFFD itself', R],
    ['markup characters other than &, which the builder escapes', `<b> "x" 'y' ]]>`],
    ['C1 controls, which XML 1.0 allows', '\u0085\u009F'],
  ])('keeps %s unchanged', (_name, input) => {
    expect(toXmlText(input, { field: 'f' })).toBe(input);
  });

  it.each([
    ['a lone ampersand', 'Öl & Ähre'],
    ['text that looks like a defined entity reference', 'R&amp;D'],
    ['text that looks like an undefined entity reference', '&A; &#0; &#x110000;'],
  ])('writes every & of %s as &amp;, so xmlbuilder2 cannot take it for markup', (_name, input) => {
    const text = toXmlText(input, { field: 'f' });
    expect(text).toBe(input.replaceAll('&', '&amp;'));
    const xml = serializeXml(create({ version: '1.0', encoding: 'UTF-8' }).ele('r').txt(text).doc());
    using parsed = XmlDocument.fromString(xml);
    expect(parsed.root.content).toBe(input);
  });

  it('reports once per field how many characters it replaced, never the value', () => {
    const log = createTextReplacementLog();
    toXmlText('a\u0001b\u0002', { field: 'applicant.familyName', log });
    toXmlText('sauber', { field: 'applicant.givenName', log });
    toXmlText('\uFFFF', { field: 'data.activity', log });
    toXmlText('a\u0001b\u0002', { field: 'applicant.familyName', log });
    expect(log.replacements).toEqual([
      { field: 'applicant.familyName', count: 2 },
      { field: 'data.activity', count: 1 },
    ]);
  });

  it('makes hostile text safe to build, serialize and parse back unchanged apart from the replacements', () => {
    const hostile = `</xdomea:Kopf><!-- & ]]> "quoted" 'single' 😀 \u0000\u0007 \uD800 ok`;
    const text = toXmlText(hostile, { field: 'f' });
    const xml = serializeXml(create({ version: '1.0', encoding: 'UTF-8' }).ele('r').att('a', text).txt(text).doc());
    expect(xml).toContain('>&lt;/xdomea:Kopf&gt;&lt;!-- &amp; ]]&gt; "quoted"');
    expect(xml).toContain('a="&lt;/xdomea:Kopf&gt;&lt;!-- &amp; ]]&gt; &quot;quoted&quot;');
    const expected = `</xdomea:Kopf><!-- & ]]> "quoted" 'single' 😀 ${R}${R} ${R} ok`;
    using parsed = XmlDocument.fromString(xml);
    expect(parsed.root.content).toBe(expected);
    expect(parsed.root.attr('a')?.value).toBe(expected);
  });
});

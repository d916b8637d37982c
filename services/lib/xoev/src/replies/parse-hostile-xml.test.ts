import { describe, expect, it } from 'vitest';
import { DEFAULT_HOSTILE_XML_LIMITS, parseHostileXml, type HostileXmlLimits } from './parse-hostile-xml.js';
import { ReplyError, type ReplyErrorCode } from './reply-error.js';

/** Hostile input must cost next to nothing to refuse; the bound leaves room for a loaded CI machine. */
const FAST_MS = 100;

function refusal(input: string | Uint8Array, limits?: HostileXmlLimits): { error: ReplyError; ms: number } {
  const started = performance.now();
  try {
    parseHostileXml(input, limits);
  } catch (error) {
    const ms = performance.now() - started;
    if (!(error instanceof ReplyError)) throw error;
    return { error, ms };
  }
  throw new Error('the input was accepted');
}

function expectRefusedFast(input: string | Uint8Array, code: ReplyErrorCode, limits?: HostileXmlLimits): ReplyError {
  const { error, ms } = refusal(input, limits);
  expect(error.code).toBe(code);
  expect(ms).toBeLessThan(FAST_MS);
  return error;
}

const nested = (depth: number): string => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;

describe('parseHostileXml refuses hostile input fast, before any entity is expanded', () => {
  it('billion laughs', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<lolz>&lol9;</lolz>',
    ].join('\n');
    expectRefusedFast(lol, 'REPLY_DOCTYPE_FORBIDDEN');
  });

  it('an external entity (XXE) reading a local file', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<foo>&xxe;</foo>';
    expectRefusedFast(xxe, 'REPLY_DOCTYPE_FORBIDDEN');
  });

  it('an external DTD, in any spelling', () => {
    expectRefusedFast('<!doctype foo SYSTEM "http://evil.example/x.dtd"><foo/>', 'REPLY_DOCTYPE_FORBIDDEN');
  });

  it('a repeated DOCTYPE', () => {
    expectRefusedFast('<!DOCTYPE a []><!DOCTYPE a []><a/>', 'REPLY_DOCTYPE_FORBIDDEN');
  });

  it('an entity declaration outside a DOCTYPE', () => {
    expectRefusedFast('<a><!ENTITY x "y"></a>', 'REPLY_DOCTYPE_FORBIDDEN');
  });

  it('100,001 numeric character references, one past the default cap', () => {
    const flood = `<a>${'&#65;'.repeat(DEFAULT_HOSTILE_XML_LIMITS.maxCharacterReferences + 1)}</a>`;
    expectRefusedFast(flood, 'REPLY_TOO_MANY_CHARACTER_REFERENCES');
  });

  it('a 10 MB body, as a string and as bytes, before decoding it', () => {
    const body = `<a>${'x'.repeat(10 * 1024 * 1024)}</a>`;
    const error = expectRefusedFast(body, 'REPLY_TOO_LARGE');
    expect(error.message).toBe(`the reply has ${body.length} bytes, more than the limit of ${5 * 1024 * 1024}`);
    expectRefusedFast(Buffer.from(body), 'REPLY_TOO_LARGE');
  });

  it('10,000-deep nesting', () => {
    expectRefusedFast(nested(10_000), 'REPLY_TOO_DEEP');
  });

  it('nesting as deep as the whole size cap allows', () => {
    expectRefusedFast(nested(700_000), 'REPLY_TOO_DEEP');
  });

  it.each([
    ['a mismatched end tag', '<a><b></a>'],
    ['an unclosed root', '<a><b/>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', 'x<a/>'],
    ['an undeclared entity', '<a>&lol9;</a>'],
    ['an HTML entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>R & D</a>'],
    ['a reference to a character XML forbids', '<a>&#0;</a>'],
    ['a reference beyond Unicode', '<a>&#x110000;</a>'],
    ['an undeclared namespace prefix', '<p:a/>'],
    ['an undeclared entity in an attribute', '<a b="&x;"/>'],
    ['no XML at all', 'Jürgen Weiß, Musterstraße 1'],
    ['nothing', ''],
  ])('malformed XML: %s', (_name, xml) => {
    expectRefusedFast(xml, 'REPLY_MALFORMED');
  });

  it('never quotes the reply in its messages, because replies carry personal data', () => {
    for (const xml of ['<Jürgen><Weiß></Jürgen>', '<a>&Jürgen;</a>', '<Jürgen:a/>', '<a x="Jürgen" x="Weiß"/>']) {
      const { error } = refusal(xml);
      expect(error.message).not.toMatch(/Jürgen|Weiß/);
    }
  });

  it.each([
    ['a declared ISO-8859-1', Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>\xe4</a>', 'latin1')],
    ['a declared UTF-16', '<?xml version="1.0" encoding="UTF-16"?><a/>'],
    ['UTF-16 bytes with a byte order mark', Buffer.from('\uFEFF<a/>', 'utf16le')],
    ['bytes that are no UTF-8', Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e])],
  ])('another encoding than UTF-8: %s', (_name, input) => {
    expectRefusedFast(input, 'REPLY_UNSUPPORTED_ENCODING');
  });
});

describe('parseHostileXml limits', () => {
  it('accepts nesting up to maxDepth, the root being depth 1, and refuses one level more', () => {
    expect(() => parseHostileXml(nested(64))).not.toThrow();
    expect(refusal(nested(65)).error.code).toBe('REPLY_TOO_DEEP');
    expect(refusal(nested(4), { maxDepth: 3 }).error.code).toBe('REPLY_TOO_DEEP');
  });

  it('counts only elements that stay open: empty elements, end tags and markup in comments, CDATA and attributes do not nest', () => {
    const flat = `<a>${'<b/>'.repeat(100)}<c x="<d>" y='/>'><!-- <e><e><e> --><![CDATA[<f><f><f>]]><?pi <g><g>?></c></a>`;
    expect(() => parseHostileXml(flat, { maxDepth: 2 })).not.toThrow();
  });

  it('accepts character references up to the cap', () => {
    expect(parseHostileXml('<a>&#65;&#x42;&#67;</a>', { maxCharacterReferences: 3 }).text).toBe('ABC');
    expect(refusal('<a>&#65;&#x42;&#67;&#68;</a>', { maxCharacterReferences: 3 }).error.code).toBe('REPLY_TOO_MANY_CHARACTER_REFERENCES');
  });

  it('takes the byte size, not the string length: umlauts count twice', () => {
    const xml = `<a>${'ä'.repeat(60)}</a>`;
    expect(refusal(xml, { maxBytes: 100 }).error.code).toBe('REPLY_TOO_LARGE');
    expect(() => parseHostileXml(xml, { maxBytes: 127 })).not.toThrow();
  });
});

describe('parseHostileXml reads well-formed replies', () => {
  it('resolves namespaces from the declarations in scope, whatever the prefix, and keeps unqualified elements in no namespace', () => {
    const root = parseHostileXml(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<!-- a comment -->',
        '<k:wurzel xmlns:k="urn:kern" xmlns="urn:default" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:kern k.xsd" version="1.3.0">',
        '  <kind/>',
        '  <k:kind xmlns:k="urn:anders"><enkel xmlns="">text</enkel></k:kind>',
        '</k:wurzel>',
      ].join('\n'),
    );
    expect(root).toMatchObject({ namespace: 'urn:kern', localName: 'wurzel' });
    expect([...root.attributes]).toEqual([['version', '1.3.0']]);
    expect(root.children.map((c) => [c.namespace, c.localName])).toEqual([
      ['urn:default', 'kind'],
      ['urn:anders', 'kind'],
    ]);
    expect(root.children[1]!.children[0]).toMatchObject({ namespace: '', localName: 'enkel', text: 'text' });
  });

  it('decodes the five predefined entities and character references in text and attributes, but not inside CDATA', () => {
    const root = parseHostileXml(`<a t="R&amp;D &quot;x&quot; &#228;"><b>&lt;&gt;&amp;&apos;&quot; &#xE4;&#252;</b><c><![CDATA[&lol; <x>]]></c></a>`);
    expect(root.attributes.get('t')).toBe('R&D "x" ä');
    expect(root.children[0]!.text).toBe(`<>&'" äü`);
    expect(root.children[1]!.text).toBe('&lol; <x>');
  });

  it('keeps values as strings: codes like 0200 are not numbers', () => {
    expect(parseHostileXml('<code listVersionID="4.0">0200</code>')).toMatchObject({ text: '0200', attributes: new Map([['listVersionID', '4.0']]) });
  });

  it('accepts UTF-8 bytes with a byte order mark and declared US-ASCII', () => {
    expect(parseHostileXml(Buffer.from('\uFEFF<a>ä</a>', 'utf8')).text).toBe('ä');
    expect(parseHostileXml('<?xml version="1.0" encoding="US-ASCII"?><a>x</a>').text).toBe('x');
  });

  it('refuses element names like __proto__ (fast-xml-parser does) instead of risking prototype pollution', () => {
    expect(refusal('<a><__proto__><polluted>yes</polluted></__proto__></a>').error.code).toBe('REPLY_MALFORMED');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { serializeXml } from './serialize-xml.js';
import { appendXoevCode } from './xoev-code.js';

const NS = 'urn:xoev-de:xdomea:schema:3.1.0';

describe('appendXoevCode', () => {
  it('writes the list attributes on the element and unqualified code and name children', () => {
    const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS, 'xdomea:Kopf');
    appendXoevCode(root, NS, 'xdomea:Nachrichtentyp', {
      code: '0201',
      name: 'Geschaeftsgang.Geschaeftsgang',
      listURI: 'urn:xoev-de:xdomea:codeliste:nachrichtentyp',
      listVersionID: '2.0',
    });
    expect(serializeXml(root.doc())).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<xdomea:Kopf xmlns:xdomea="urn:xoev-de:xdomea:schema:3.1.0">
  <xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0">
    <code>0201</code>
    <name>Geschaeftsgang.Geschaeftsgang</name>
  </xdomea:Nachrichtentyp>
</xdomea:Kopf>
`);
  });

  it('omits the name when none is given', () => {
    const root = create().ele(NS, 'xdomea:Format');
    appendXoevCode(root, NS, 'xdomea:Name', { code: '018', listURI: 'urn:xoev-de:xdomea:codeliste:dateiformat', listVersionID: '1.0' });
    expect(serializeXml(root.doc())).not.toContain('<name>');
  });
});

describe('serializeXml', () => {
  it('refuses a forbidden character that bypassed toXmlText with XOEV_SERIALIZATION_FAILED', () => {
    const doc = create().ele('r').txt('\u0001').doc();
    expect(() => serializeXml(doc)).toThrow(expect.objectContaining({ code: 'XOEV_SERIALIZATION_FAILED', retriable: false }) as Error);
  });
});

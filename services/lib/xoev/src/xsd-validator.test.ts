import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceSchemas, xdomea300Example } from './__fixtures__/reference-xoev.js';
import { createXsdValidator, type XsdValidator } from './xsd-validator.js';
import { XoevError } from './xoev-error.js';

const validExample = fs.readFileSync(xdomea300Example, 'utf8');

/** The example with a ProzessID that breaks the UUID pattern and a creation time that is no xs:dateTime. */
function invalidExample(): string {
  const mutated = validExample
    .replace('<xdomea:ProzessID>9fde4e7a-', '<xdomea:ProzessID>Jürgen-Weiß-')
    .replace('<xdomea:Erstellungszeitpunkt>2022-04-04T15:34:58Z<', '<xdomea:Erstellungszeitpunkt>gestern<');
  expect(mutated).not.toBe(validExample);
  return mutated;
}

describe('createXsdValidator with xdomea 3.0.0', () => {
  let validator: XsdValidator;
  beforeAll(() => {
    validator = createXsdValidator({ schemaFile: referenceSchemas.xdomea300 });
  });
  afterAll(() => validator.close());

  it('accepts the known-valid Aussonderung 0503 example', () => {
    expect(validator.validate(validExample)).toEqual({ valid: true, errors: [], errorCount: 0 });
  });

  it('accepts the document as UTF-8 bytes as well as a string', () => {
    expect(validator.validate(fs.readFileSync(xdomea300Example)).valid).toBe(true);
  });

  it('reports each schema error of a mutated copy with its line, path and message', () => {
    const result = validator.validate(invalidExample());
    expect(result.valid).toBe(false);
    expect(result.errorCount).toBe(2);
    expect(result.errors).toEqual([
      {
        line: 4,
        column: 0,
        path: '/xdomea:Aussonderung.Aussonderung.0503/xdomea:Kopf/xdomea:ProzessID',
        message: expect.stringContaining("[facet 'pattern']") as string,
      },
      {
        line: 9,
        column: 0,
        path: '/xdomea:Aussonderung.Aussonderung.0503/xdomea:Kopf/xdomea:Erstellungszeitpunkt',
        message: expect.stringContaining("is not a valid value of the atomic type 'xs:dateTime'") as string,
      },
    ]);
  });

  it('never repeats the offending values in its messages by default, because they may be personal data', () => {
    const messages = validator.validate(invalidExample()).errors.map((error) => error.message).join('\n');
    expect(messages).not.toContain('Jürgen');
    expect(messages).not.toContain('gestern');
    expect(messages).toContain("'[redacted]'");
  });

  it('keeps the offending values when redaction is switched off', () => {
    using raw = createXsdValidator({ schemaFile: referenceSchemas.xdomea300, redactValues: false });
    const messages = raw.validate(invalidExample()).errors.map((error) => error.message).join('\n');
    expect(messages).toContain('Jürgen-Weiß-');
    expect(messages).toContain("'gestern'");
  });

  it('lists at most maxErrors issues but counts all of them', () => {
    using capped = createXsdValidator({ schemaFile: referenceSchemas.xdomea300, maxErrors: 1 });
    const result = capped.validate(invalidExample());
    expect(result.errors).toHaveLength(1);
    expect(result.errorCount).toBe(2);
  });

  it('reports a document that is not well-formed as invalid instead of throwing', () => {
    const result = validator.validate('<xdomea:Kopf xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">\n<offen>\n</xdomea:Kopf>');
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatchObject({ line: 3, message: expect.stringContaining('mismatch') as string });
  });

  it('reports an empty document as invalid with a reason', () => {
    const result = validator.validate('');
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('does not load a local file through an external entity in the document', () => {
    const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xoev-xxe-')), 'secret.xsd');
    fs.writeFileSync(secret, 'GEHEIMNIS');
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file://${secret}">]>
<xdomea:Aussonderung.Aussonderung.0503 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">&x;</xdomea:Aussonderung.Aussonderung.0503>`;
    using raw = createXsdValidator({ schemaFile: referenceSchemas.xdomea300, redactValues: false });
    const result = raw.validate(xxe);
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result)).not.toContain('GEHEIMNIS');
  });

  it('keeps WebAssembly memory flat over 2,000 validations, because every parsed document is freed', () => {
    const invalid = invalidExample();
    for (let i = 0; i < 100; i += 1) validator.validate(i % 2 === 0 ? validExample : invalid);
    const before = process.memoryUsage().external;
    let validCount = 0;
    for (let i = 0; i < 2_000; i += 1) {
      if (validator.validate(i % 2 === 0 ? validExample : invalid).valid) validCount += 1;
    }
    const grownBytes = process.memoryUsage().external - before;
    expect(validCount).toBe(1_000);
    // One leaked document of this size costs tens of KB of WebAssembly heap: 2,000 would be ~100 MB.
    expect(grownBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses to validate once closed, and closing twice is harmless', () => {
    const closing = createXsdValidator({ schemaFile: referenceSchemas.xdomea300 });
    closing.close();
    closing.close();
    expect(() => closing.validate(validExample)).toThrow(
      expect.objectContaining({ code: 'XOEV_VALIDATOR_CLOSED', retriable: false }) as Error,
    );
  });
});

describe('createXsdValidator compiling the official schemas', () => {
  it.each([
    ['xdomea 3.1.0', referenceSchemas.xdomea310],
    ['xdomea 3.0.0', referenceSchemas.xdomea300],
    ['XBau 2.6 Baugenehmigung', referenceSchemas.xbauBaugenehmigung],
  ])('compiles %s with all its includes and imports from local files', (_name, schemaFile) => {
    using validator = createXsdValidator({ schemaFile });
    expect(validator.schemaFile).toBe(schemaFile);
    // Any document of a foreign namespace is a schema error, which proves the schema is usable.
    expect(validator.validate('<fremd/>')).toMatchObject({ valid: false, errorCount: 1 });
  });

  it('fails with XOEV_SCHEMA_COMPILE_FAILED when the schema file does not exist', () => {
    expect(() => createXsdValidator({ schemaFile: '/nonexistent/xdomea.xsd' })).toThrow(XoevError);
    expect(() => createXsdValidator({ schemaFile: '/nonexistent/xdomea.xsd' })).toThrow(
      expect.objectContaining({ code: 'XOEV_SCHEMA_COMPILE_FAILED', retriable: false }) as Error,
    );
  });

  it('fails with XOEV_SCHEMA_COMPILE_FAILED when an included schema is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xoev-xsd-'));
    const schemaFile = path.join(dir, 'root.xsd');
    fs.writeFileSync(
      schemaFile,
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns:t="urn:t">
  <xs:include schemaLocation="fehlt.xsd"/>
  <xs:element name="r" type="t:FehlenderTyp"/>
</xs:schema>`,
    );
    expect(() => createXsdValidator({ schemaFile })).toThrow(
      expect.objectContaining({ code: 'XOEV_SCHEMA_COMPILE_FAILED' }) as Error,
    );
  });

  it('resolves includes of a schema in a folder whose name has spaces and umlauts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xoev Schemata äöü '));
    fs.writeFileSync(
      path.join(dir, 'typen.xsd'),
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"><xs:simpleType name="Plz"><xs:restriction base="xs:string"><xs:pattern value="[0-9]{5}"/></xs:restriction></xs:simpleType></xs:schema>`,
    );
    const schemaFile = path.join(dir, 'root.xsd');
    fs.writeFileSync(
      schemaFile,
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns:t="urn:t">
  <xs:include schemaLocation="typen.xsd"/>
  <xs:element name="plz" type="t:Plz"/>
</xs:schema>`,
    );
    using validator = createXsdValidator({ schemaFile });
    expect(validator.validate('<plz xmlns="urn:t">64283</plz>').valid).toBe(true);
    expect(validator.validate('<plz xmlns="urn:t">6428</plz>').valid).toBe(false);
  });

  it('reads nothing but *.xsd files while compiling, so a schema cannot pull in other local files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xoev-xsd-'));
    fs.writeFileSync(
      path.join(dir, 'typen.txt'),
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"><xs:simpleType name="Plz"><xs:restriction base="xs:string"/></xs:simpleType></xs:schema>`,
    );
    const schemaFile = path.join(dir, 'root.xsd');
    fs.writeFileSync(
      schemaFile,
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns:t="urn:t">
  <xs:include schemaLocation="typen.txt"/>
  <xs:element name="plz" type="t:Plz"/>
</xs:schema>`,
    );
    expect(() => createXsdValidator({ schemaFile })).toThrow(expect.objectContaining({ code: 'XOEV_SCHEMA_COMPILE_FAILED' }) as Error);
  });

  it('does not fetch schemas from the network', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xoev-xsd-'));
    const schemaFile = path.join(dir, 'root.xsd');
    fs.writeFileSync(
      schemaFile,
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns:c="http://xoev.de/schemata/code/1_0">
  <xs:import namespace="http://xoev.de/schemata/code/1_0" schemaLocation="http://127.0.0.1:9/xoev-code.xsd"/>
  <xs:element name="r" type="c:Code"/>
</xs:schema>`,
    );
    expect(() => createXsdValidator({ schemaFile })).toThrow(
      expect.objectContaining({ code: 'XOEV_SCHEMA_COMPILE_FAILED' }) as Error,
    );
  });
});

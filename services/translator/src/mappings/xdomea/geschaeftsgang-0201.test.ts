import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { createTextReplacementLog, createXsdValidator, REPLACEMENT_CHARACTER, type XsdValidator } from '@amtsbote/xoev';
import { XmlDocument } from 'libxml2-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anwohnerparkausweis, contextFor, gewerbeanmeldung } from './__fixtures__/submissions.js';
import { mapToXdomeaGeschaeftsgang0201, xdomeaGeschaeftsgang0201Mapping, xdomeaGeschaeftsgang0201MappingFor } from './geschaeftsgang-0201.js';

// The official schemas live in shared/xoev beside the checkout, or where XOEV_SCHEMA_DIR says.
const xoevDir = process.env['XOEV_SCHEMA_DIR'] ?? fileURLToPath(new URL('../../../../../../shared/xoev/', import.meta.url));
const schemaFile = path.join(xoevDir, xdomeaGeschaeftsgang0201Mapping.schemaFile);
const goldenDir = fileURLToPath(new URL('./__golden__/', import.meta.url));

let validator: XsdValidator;
beforeAll(() => {
  validator = createXsdValidator({ schemaFile, redactValues: false });
});
afterAll(() => validator.close());

function expectValid(xml: string): void {
  const result = validator.validate(xml);
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

function withData(overrides: Partial<ApplicationSubmitted>): ApplicationSubmitted {
  return { ...gewerbeanmeldung, ...overrides };
}

describe('mapToXdomeaGeschaeftsgang0201', () => {
  it.each([
    ['geschaeftsgang-0201-gewerbeanmeldung.xml', gewerbeanmeldung, false],
    ['geschaeftsgang-0201-generic-form-test.xml', anwohnerparkausweis, true],
  ])('renders %s byte for byte as the golden file (UPDATE_GOLDEN=1 rewrites it)', (file, submission, test) => {
    const xml = mapToXdomeaGeschaeftsgang0201(submission, contextFor(submission, { test }));
    const golden = path.join(goldenDir, file);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, xml);
    expect(xml).toBe(fs.readFileSync(golden, 'utf8'));
  });

  it.each([
    ['a Gewerbeanzeige of an organisation with an attachment', gewerbeanmeldung],
    ['a generic form of a person without attachments', anwohnerparkausweis],
    [
      'a person who left every optional field empty',
      withData({
        applicant: {
          kind: 'PERSON',
          familyName: null,
          givenName: null,
          birthDate: null,
          organisationName: null,
          address: { street: 'Luisenplatz', houseNumber: null, postalCode: '64283', city: 'Darmstadt', countryCode: 'DE' },
          email: null,
          phone: null,
        },
        tenant: { ags: null, ars: null, name: 'Darmstadt' },
        frontOffice: { system: 'Portal', version: null },
      }),
    ],
    [
      'attachments of unknown and of parameterised media types',
      withData({
        attachments: [
          { name: 'grundriss.dwg', mediaType: 'image/vnd.dwg', size: 1, sha256: 'ab'.repeat(32), uri: 'https://x.example/1' },
          { name: 'notiz.txt', mediaType: 'text/plain; charset=utf-8', size: 0, sha256: 'cd'.repeat(32), uri: 'https://x.example/2' },
          { name: '', mediaType: '', size: 12, sha256: 'ef'.repeat(32), uri: 'https://x.example/3' },
        ],
      }),
    ],
  ])('produces a message valid against the official xdomea 3.1.0 schema for %s', (_name, submission) => {
    expectValid(mapToXdomeaGeschaeftsgang0201(submission, contextFor(submission)));
  });

  it.skipIf(!hasXmllint())('produces a message that xmllint also validates against the official schema', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xdomea-')), 'message.xml');
    fs.writeFileSync(file, mapToXdomeaGeschaeftsgang0201(gewerbeanmeldung, contextFor(gewerbeanmeldung)));
    expect(() => execFileSync('xmllint', ['--noout', '--nonet', '--schema', schemaFile, file], { stdio: 'pipe' })).not.toThrow();
  });

  it('is deterministic: the same submission and context give the same bytes', () => {
    const context = contextFor(gewerbeanmeldung);
    expect(mapToXdomeaGeschaeftsgang0201(gewerbeanmeldung, context)).toBe(mapToXdomeaGeschaeftsgang0201(gewerbeanmeldung, { ...context }));
  });

  it('uses the message id as ProzessID and derives every other id from it', () => {
    const context = contextFor(gewerbeanmeldung);
    using document = XmlDocument.fromString(mapToXdomeaGeschaeftsgang0201(gewerbeanmeldung, context));
    const ns = { xdomea: 'urn:xoev-de:xdomea:schema:3.1.0' };
    expect(document.get('/xdomea:Geschaeftsgang.Geschaeftsgang.0201/xdomea:Kopf/xdomea:ProzessID', ns)?.content).toBe(context.messageId);
    const ids = document.find('//xdomea:Identifikation/xdomea:ID', ns).map((node) => node.content);
    expect(ids).toHaveLength(3);
    expect(new Set([context.messageId, ...ids]).size).toBe(4);
  });

  it('keeps hostile text intact and valid: markup characters are escaped, emoji kept, forbidden characters replaced and reported', () => {
    const hostile = `Bäckerei </xdomea:Betreff><!-- & ]]> "Zitat" 'x' 😀🥐 \u0000\u0008\u000B\uFFFE\uD800 Ende`;
    const submission = withData({
      serviceName: hostile,
      applicationId: hostile,
      applicant: { ...gewerbeanmeldung.applicant, organisationName: hostile, familyName: hostile, email: hostile },
      data: {
        'de.amtsbote.application.v1.GenericForm': { fields: [{ key: hostile, label: hostile, value: hostile }] },
      },
      attachments: [{ name: `../../etc/${hostile}.pdf`, mediaType: hostile, size: 1, sha256: 'ab'.repeat(32), uri: hostile }],
    });
    const log = createTextReplacementLog();
    const xml = mapToXdomeaGeschaeftsgang0201(submission, contextFor(submission), log);

    expectValid(xml);
    const sanitized = hostile.replace(/[\u0000\u0008\u000B\uFFFE\uD800]/g, REPLACEMENT_CHARACTER);
    using document = XmlDocument.fromString(xml);
    const ns = { xdomea: 'urn:xoev-de:xdomea:schema:3.1.0' };
    expect(document.get('//xdomea:FremdesGeschaeftszeichen', ns)?.content).toBe(sanitized);
    expect(document.get('//xdomea:Hauptobjekt/xdomea:Dokument/xdomea:Absender/xdomea:Institution/xdomea:Name', ns)?.content).toBe(sanitized);
    expect(document.get('//xdomea:Primaerdokument/xdomea:DateinameOriginal', ns)?.content).toBe(`../../etc/${sanitized}.pdf`);
    expect(document.get('//xdomea:Primaerdokument/xdomea:Dateiname', ns)?.content).not.toMatch(/[/\\<>&"']/);
    expect(log.replacements).toEqual(
      expect.arrayContaining([
        { field: 'serviceName', count: 5 },
        { field: 'applicationId', count: 5 },
        { field: 'applicant.organisationName', count: 5 },
        { field: 'data.genericForm.fields[0].value', count: 5 },
        { field: 'attachments[0].name', count: 5 },
        { field: 'attachments[0].uri', count: 5 },
      ]),
    );
    expect(JSON.stringify(log.replacements)).not.toContain('Bäckerei');
  });

  it('reports no replacements for clean input', () => {
    const log = createTextReplacementLog();
    mapToXdomeaGeschaeftsgang0201(gewerbeanmeldung, contextFor(gewerbeanmeldung), log);
    expect(log.replacements).toEqual([]);
  });

  it.each([
    ['a message id that is not a UUID', gewerbeanmeldung, { messageId: 'nachricht-1' }, 'context.messageId'],
    ['an invalid creation time', gewerbeanmeldung, { createdAt: new Date(Number.NaN) }, 'context.createdAt'],
    ['an invalid submission time', withData({ submittedAt: new Date(Number.NaN) }), {}, 'submittedAt'],
    ['data of neither known kind', withData({ data: {} as ApplicationSubmitted['data'] }), {}, 'data'],
  ])('refuses %s with a typed, non-retriable XOEV_INVALID_VALUE that names the field', (_name, submission, overrides, field) => {
    expect(() => mapToXdomeaGeschaeftsgang0201(submission, contextFor(gewerbeanmeldung, overrides))).toThrow(
      expect.objectContaining({ code: 'XOEV_INVALID_VALUE', field, retriable: false }) as Error,
    );
  });
});

function hasXmllint(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('xdomeaGeschaeftsgang0201MappingFor', () => {
  it.each(['3.0.0', '3.1.0'] as const)('writes xdomea %s that its own official XSD accepts', (version) => {
    const mapping = xdomeaGeschaeftsgang0201MappingFor(version);
    const ownValidator = createXsdValidator({ schemaFile: path.join(xoevDir, mapping.schemaFile), redactValues: false });
    try {
      const xml = mapping.map(gewerbeanmeldung, contextFor(gewerbeanmeldung));
      expect(xml).toContain(`xmlns:xdomea="urn:xoev-de:xdomea:schema:${version}"`);
      expect(ownValidator.validate(xml).errors).toEqual([]);
    } finally {
      ownValidator.close();
    }
  });
});

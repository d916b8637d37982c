import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { XmlDocument } from 'libxml2-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleBauantrag, type ApplicationSubmitted } from '@amtsbote/schemas';
import { createXsdValidatorCache, XoevError } from '@amtsbote/xoev';
import { anwohnerparkausweis, contextFor, gewerbeanmeldung } from './xdomea/__fixtures__/submissions.js';
import { mappings } from './index.js';
import type { Mapping } from './registry.js';

// Safety of text: whatever a front office sends, a mapping ends in a schema-valid message or a
// clear, typed rejection — never in malformed XML.

const xoevDir = process.env['XOEV_SCHEMA_DIR'] ?? fileURLToPath(new URL('../../../../../shared/xoev/', import.meta.url));
const schemas = createXsdValidatorCache({ redactValues: false });
afterAll(() => schemas.close());

/**
 * Samples a mapping is meant for; xdomea carries any service, so it gets every kind. XGewerbeanzeige
 * has no XSD here and its own property test (mappings/xgewerbeanzeige).
 */
function samplesFor(mapping: Mapping): ApplicationSubmitted[] {
  if (mapping.standard === 'xdomea') return [gewerbeanmeldung, anwohnerparkausweis, sampleBauantrag(1)];
  if (mapping.standard === 'XBau') return [sampleBauantrag(1)];
  return [];
}

/** Fields that are ids or codes the pipeline checks before a mapping runs, not free text. */
const notFreeText = new Set(['eventId', 'serviceKey', 'kind', 'notice', 'countryCode']);

/** Paths of every string in a submission that a citizen or a front office could fill in. */
function textPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return notFreeText.has(path.at(-1) ?? '') ? [] : [path];
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.entries(value).flatMap(([key, child]) => textPaths(child, [...path, key]));
}

function withText(sample: ApplicationSubmitted, paths: string[][], texts: string[]): ApplicationSubmitted {
  const copy = structuredClone(sample);
  paths.forEach((path, i) => {
    let target = copy as unknown as Record<string, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[path.at(-1)!] = texts[i]!;
  });
  return copy;
}

/** Text with what breaks naive XML writers: markup, CDATA ends, quotes, forbidden and lone surrogate characters. */
const hostileText = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 5,
    arbitrary: fc.array(fc.constantFrom('<', '>', '&', '&amp;', '&A;', '&#0;', ']]>', '"', "'", '\u0000', '\u0008', '\u001f', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', 'ä', '😀', '\r\n', ' '), {
    maxLength: 12,
  }).map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 2_000, maxLength: 6_000 }) },
);

/**
 * Standards whose schema takes any text in every field the samples fill. XBau restricts texts to
 * DIN 91379 characters and formats (postal codes, parcel numbers): there a hostile text may end in
 * a rejection that names the field, which is also a clear outcome.
 */
const acceptsAnyText = (mapping: Mapping) => mapping.standard === 'xdomea';

const cases = mappings.flatMap((mapping) => samplesFor(mapping).map((sample) => ({ mapping, sample })));

// Bounded by numRuns, not by the clock: the limit only has to catch a hang, also on a busy machine.
describe.each(cases)('$mapping.standard $mapping.version $mapping.messageType for $sample.serviceName', { timeout: 60_000 }, ({ mapping, sample }) => {
  const paths = textPaths(sample);
  const validator = () => schemas.get(join(xoevDir, mapping.schemaFile));

  it('turns any text into well-formed XML that is schema-valid, or into a typed rejection', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: paths.length, maxLength: paths.length }), (texts) => {
        const submission = withText(sample, paths, texts);
        let xml: string;
        try {
          xml = mapping.map(submission, contextFor(submission));
        } catch (err) {
          expect(err).toBeInstanceOf(XoevError);
          return;
        }
        // Well-formed, whatever the schema says: libxml2 parses it.
        XmlDocument.fromString(xml).dispose();
        const result = validator().validate(xml);
        if (result.valid) return;
        // A rejection must say why, so the translator can report it.
        expect(result.errors.length).toBeGreaterThan(0);
        // Where any text is welcome, only a text left empty can make the message invalid.
        if (acceptsAnyText(mapping)) expect(texts.some((t) => t.trim() === '' || /^[\s\uFFFD]*$/.test(t))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it.runIf(acceptsAnyText(mapping))('gives a schema-valid message for any non-blank text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((t) => t.trim() !== ''), { minLength: paths.length, maxLength: paths.length }), (texts) => {
        const submission = withText(sample, paths, texts);
        expect(validator().validate(mapping.map(submission, contextFor(submission))).errors).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

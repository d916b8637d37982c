import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { avroTypeOf, contracts, contractsFor } from './contracts.js';
import { sampleGewerbeanmeldung } from './samples.js';
import type { ApplicationSubmitted } from './generated/application-submitted.js';

describe('contracts', () => {
  it('has generated TypeScript types that match the .avsc files', () => {
    const script = fileURLToPath(new URL('../scripts/generate-types.mjs', import.meta.url));
    expect(() => execFileSync('node', [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('round-trips a sample submission, dates and the wrapped data union included', () => {
    const type = avroTypeOf(contracts.submitted);
    const sample = sampleGewerbeanmeldung(7);
    const decoded = type.fromBuffer(type.toBuffer(sample)) as ApplicationSubmitted;
    expect(decoded).toEqual(sample);
    expect(decoded.submittedAt).toBeInstanceOf(Date);
    expect(decoded.applicant.birthDate).toEqual(sample.applicant.birthDate);
    expect(Object.keys(decoded.data)).toEqual(['de.amtsbote.application.v1.Gewerbeanzeige']);
  });

  it('derives subjects from topic names, as Confluent serializers do, under any prefix', () => {
    expect(contracts.status.subject).toBe('applications.status.v1-value');
    const staging = contractsFor('staging.');
    expect(staging.outbound.topic).toBe('staging.xoev.outbound.v1');
    expect(staging.outbound.subject).toBe('staging.xoev.outbound.v1-value');
  });
});

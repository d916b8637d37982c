import { describe, expect, it } from 'vitest';
import { createMemoryAvroCodec, createMemoryProducer } from '@amtsbote/core';
import { contracts, type ApplicationSubmitted } from '@amtsbote/schemas';
import { simulate } from './simulate.js';

describe('simulate', () => {
  it('sends the chosen kind of application for the chosen municipality, keyed by application id, with fresh ids', async () => {
    const producer = createMemoryProducer();
    const codec = createMemoryAvroCodec();
    const options = { kind: 'bauantrag', municipality: { ags: '06432020', name: 'Gemeinde Roßdorf' }, count: 3, start: 1, rate: 0, fresh: true };
    const ids = await simulate(producer, codec, contracts.submitted, options);
    const again = await simulate(producer, codec, contracts.submitted, options);
    expect(new Set([...ids, ...again]).size).toBe(6);
    const sent = await Promise.all(producer.sent.map((r) => codec.decode<ApplicationSubmitted>(r.value)));
    expect(sent.map((s) => s.tenant.ags)).toEqual(Array(6).fill('06432020'));
    expect(sent.every((s) => 'de.amtsbote.application.v1.Bauantrag' in s.data)).toBe(true);
    expect(producer.sent.map((r) => r.key)).toEqual(sent.map((s) => s.applicationId));
  });

  it('names the known kinds when asked for an unknown one', async () => {
    const options = { kind: 'hundesteuer', count: 1, start: 1, rate: 0, fresh: false };
    await expect(simulate(createMemoryProducer(), createMemoryAvroCodec(), contracts.submitted, options)).rejects.toThrow(/known: gewerbeanmeldung, bauantrag/);
  });
});

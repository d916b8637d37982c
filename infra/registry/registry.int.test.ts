import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import '@amtsbote/testing';
import { createAvroCodec } from '@amtsbote/core';
import { contractsFor } from '@amtsbote/schemas';

// The registry, not our code, must refuse a change that breaks readers of older records.
describe('the schema registry (BACKWARD_TRANSITIVE)', () => {
  const codec = createAvroCodec({ url: inject('schemaRegistryUrl') });
  const { status } = contractsFor(`test-compat-${randomUUID().slice(0, 8)}.`);
  const schema = status.schema as { fields: object[] };

  it('accepts the contract, then an evolution with a defaulted new field', async () => {
    await codec.setCompatibility(status.subject, 'BACKWARD_TRANSITIVE');
    const first = await codec.register(status);
    const evolved = { ...status, schema: { ...schema, fields: [...schema.fields, { name: 'channel', type: 'string', default: 'web' }] } };
    const second = await codec.register(evolved as typeof status);
    expect(second).not.toBe(first);
  });

  it('refuses a new field without a default, because old records could not be read', async () => {
    const breaking = { ...status, schema: { ...schema, fields: [...schema.fields, { name: 'mandatory', type: 'string' }] } };
    await expect(codec.register(breaking as typeof status)).rejects.toThrow(/incompatible with subject/);
  });

  it('refuses to change the type of an existing field', async () => {
    const fields = schema.fields.map((f) => ((f as { name: string }).name === 'applicationId' ? { name: 'applicationId', type: 'long' } : f));
    await expect(codec.register({ ...status, schema: { ...schema, fields } } as typeof status)).rejects.toThrow(/incompatible/);
  });
});

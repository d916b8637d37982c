import type { Contract, Contracts } from '@amtsbote/schemas';
import type { AvroCodec } from '@amtsbote/core';

/** All contracts, in a stable order. */
function all(contracts: Contracts): Contract[] {
  return [contracts.submitted, contracts.outbound, contracts.status, contracts.replies];
}

/** Registers every contract and makes its subject BACKWARD_TRANSITIVE; returns subject → schema id. */
export async function registerSchemas(codec: AvroCodec, contracts: Contracts): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const contract of all(contracts)) {
    await codec.setCompatibility(contract.subject, 'BACKWARD_TRANSITIVE');
    ids.set(contract.subject, await codec.register(contract));
  }
  return ids;
}

/** The registry's verdict on one local schema. */
export interface CompatibilityVerdict {
  subject: string;
  file: string;
  /** `new`: the subject does not exist yet, so anything is compatible. */
  verdict: 'compatible' | 'incompatible' | 'new';
  messages: string[];
}

/** Asks the registry whether each local schema could be registered, without registering it. */
export async function checkSchemas(registryUrl: string, contracts: Contracts): Promise<CompatibilityVerdict[]> {
  const base = registryUrl.replace(/\/$/, '');
  return Promise.all(
    all(contracts).map(async (contract) => {
      // Apicurio answers a compatibility check for an unknown subject with "compatible", not 404: ask first.
      const versions = await fetch(`${base}/subjects/${encodeURIComponent(contract.subject)}/versions`);
      if (versions.status === 404) return { subject: contract.subject, file: contract.file, verdict: 'new' as const, messages: [] };
      const response = await fetch(`${base}/compatibility/subjects/${encodeURIComponent(contract.subject)}/versions/latest?verbose=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: JSON.stringify(contract.schema) }),
      });
      if (response.status === 404) return { subject: contract.subject, file: contract.file, verdict: 'new' as const, messages: [] };
      if (!response.ok) throw new Error(`registry answered HTTP ${response.status} for ${contract.subject}: ${await response.text()}`);
      const body = (await response.json()) as { is_compatible: boolean; messages?: string[] };
      return {
        subject: contract.subject,
        file: contract.file,
        verdict: body.is_compatible ? ('compatible' as const) : ('incompatible' as const),
        messages: body.messages ?? [],
      };
    }),
  );
}

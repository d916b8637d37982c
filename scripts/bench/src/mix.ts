// The applications the benchmarks send: one per route of the seed master data, in turn, so the mix
// is what the pilot routes (business registrations as xdomea to each municipality's DMS, building
// permits as XBau to Darmstadt's Bauaufsicht and as xdomea hand-overs to Roßdorf and Modautal).
import { randomUUID } from 'node:crypto';
import { loadMasterData, type Municipality } from '@amtsbote/core';
import { sampleBauantrag, sampleGewerbeanmeldung, serviceKeys, type ApplicationSubmitted } from '@amtsbote/schemas';
import { seedMasterDataDir } from './translation.js';

/** Makes the n-th application of a run; ids are unique per run (`prefix`) and per call. */
export type Mix = (n: number) => ApplicationSubmitted;

/** What the mix is made of, for the results' caption. */
export interface MixDescription {
  mix: Mix;
  /** e.g. "6 × Gewerbeanmeldung, 4 × Bauantrag", one of each per route. */
  summary: string;
  /** How many applications one turn through the routes takes. */
  length: number;
}

const isBauantrag = (serviceKey: string) => serviceKey.startsWith(serviceKeys.baugenehmigung.slice(0, 11));

export async function seedMix(prefix: string): Promise<MixDescription> {
  const data = await loadMasterData(seedMasterDataDir);
  const tenantOf = (m: Municipality) => ({ ags: m.ags, ars: m.ars ?? null, name: m.name });
  const routes = data.routes
    .filter((r) => r.serviceKey === serviceKeys.gewerbeanmeldung || isBauantrag(r.serviceKey))
    .map((r) => {
      const municipality = data.municipalities.find((m) => m.ags === r.municipality || m.ars === r.municipality);
      if (!municipality) throw new Error(`route to ${r.destination}: municipality ${r.municipality} is not in the seed master data`);
      return { serviceKey: r.serviceKey, tenant: tenantOf(municipality) };
    });
  const mix: Mix = (n) => {
    const { serviceKey, tenant } = routes[n % routes.length]!;
    const ids = { eventId: randomUUID(), tenant: { ...tenant } };
    return isBauantrag(serviceKey)
      ? sampleBauantrag(n, { ...ids, serviceKey, applicationId: `${prefix}bau-${n}` })
      : sampleGewerbeanmeldung(n, { ...ids, applicationId: `${prefix}gew-${n}` });
  };
  const bau = routes.filter((r) => isBauantrag(r.serviceKey)).length;
  return { mix, summary: `${routes.length - bau} × Gewerbeanmeldung, ${bau} × Bauantrag`, length: routes.length };
}

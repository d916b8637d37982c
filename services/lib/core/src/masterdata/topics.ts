import type { MasterData } from './schema.js';

/** The kinds of master data, in the order they are checked, written and printed. */
export const masterDataKinds = ['municipalities', 'authorities', 'destinations', 'routes', 'codelists'] as const;

/** One kind of master data: the name of its list, its YAML file's stem and its topic's middle part. */
export type MasterDataKind = (typeof masterDataKinds)[number];

/** One entry of a kind, e.g. a `Route` for `routes`. */
export type MasterDataEntry<K extends MasterDataKind = MasterDataKind> = MasterData[K][number];

/** One value per kind, e.g. an empty list or a count for each. */
export function perMasterDataKind<T>(valueOf: (kind: MasterDataKind) => T): Record<MasterDataKind, T> {
  return Object.fromEntries(masterDataKinds.map((kind) => [kind, valueOf(kind)])) as Record<MasterDataKind, T>;
}

/** The compacted topics that hold the master data, one per kind, plus the log of completed imports. */
export interface MasterDataTopics extends Record<MasterDataKind, string> {
  /** One commit marker per import; readers apply an import's records only once its marker is there. */
  imports: string;
}

/**
 * The master-data topic names with a prefix (TOPIC_PREFIX, e.g. `staging.` or a test run's), as
 * `contractsFor` does for the Avro topics, so environments sharing a cluster never see each other's data.
 */
export function masterDataTopicsFor(prefix = ''): MasterDataTopics {
  return {
    municipalities: `${prefix}masterdata.municipalities.v1`,
    authorities: `${prefix}masterdata.authorities.v1`,
    destinations: `${prefix}masterdata.destinations.v1`,
    routes: `${prefix}masterdata.routes.v1`,
    codelists: `${prefix}masterdata.codelists.v1`,
    imports: `${prefix}masterdata.imports.v1`,
  };
}

const keys: { [K in MasterDataKind]: (entry: MasterDataEntry<K>) => string } = {
  municipalities: (m) => m.ags,
  authorities: (a) => a.id,
  destinations: (d) => d.id,
  // A municipality offers a service at most once; AGS and ARS never collide (8 vs 12 digits).
  routes: (r) => `${r.municipality}/${r.serviceKey}`,
  codelists: (c) => c.uri,
};

/** The Kafka key of an entry: its id (a municipality's AGS; a route's `<municipality>/<serviceKey>`; a code list's URI). */
export function masterDataKeyOf<K extends MasterDataKind>(kind: K, entry: MasterDataEntry<K>): string {
  return keys[kind](entry);
}

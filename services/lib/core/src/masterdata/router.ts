import type { Authority, Destination, MasterData, Municipality } from './schema.js';

/** Where an application goes, with everything a mapping needs for the message header. */
export interface ResolvedRoute {
  municipality: Municipality;
  destination: Destination;
  /** The authority that reads the message (the back office's). */
  recipient: Authority;
  /** The authority that writes it (the municipality's online services). */
  sender: Authority;
}

/** Finds the responsible back office for a service in a municipality. */
export interface Router {
  route(tenant: { ags: string | null; ars: string | null }, serviceKey: string): ResolvedRoute | undefined;
  destination(id: string): Destination | undefined;
  /**
   * The version of a code list that messages to a destination name: the destination's own
   * (`codeListVersions`), else its standard's (`versionByStandard`), else the one in force;
   * undefined when the master data has no such list.
   */
  codeListVersion(uri: string, destination: Destination): string | undefined;
}

/** Builds a router over validated master data. A route by ARS is more specific and wins over one by AGS. */
export function createRouter(data: MasterData): Router {
  const routes = new Map(data.routes.map((r) => [`${r.municipality}/${r.serviceKey}`, r.destination]));
  const destinations = new Map(data.destinations.map((d) => [d.id, d]));
  const authorities = new Map(data.authorities.map((a) => [a.id, a]));
  const byAgs = new Map(data.municipalities.map((m) => [m.ags, m]));
  const byArs = new Map(data.municipalities.flatMap((m) => (m.ars ? [[m.ars, m] as const] : [])));
  const codeLists = new Map(data.codelists.map((c) => [c.uri, c]));

  return {
    route(tenant, serviceKey) {
      const candidates = [tenant.ars, tenant.ags].filter((key): key is string => Boolean(key));
      for (const key of candidates) {
        const destinationId = routes.get(`${key}/${serviceKey}`);
        const municipality = byArs.get(key) ?? byAgs.get(key);
        const destination = destinationId ? destinations.get(destinationId) : undefined;
        if (!destination || !municipality) continue;
        const recipient = authorities.get(destination.authority);
        const sender = authorities.get(municipality.sender);
        // loadMasterData cross-checks these references; a miss here means unchecked data was passed in.
        if (!recipient || !sender) continue;
        return { municipality, destination, recipient, sender };
      }
      return undefined;
    },
    destination: (id) => destinations.get(id),
    codeListVersion(uri, destination) {
      const list = codeLists.get(uri);
      if (!list) return undefined;
      return destination.codeListVersions?.[uri] ?? list.versionByStandard?.[destination.standard.name] ?? list.version;
    },
  };
}

import { z } from 'zod';

const ags = z.string().regex(/^\d{8}$/, 'an AGS has 8 digits');
const ars = z.string().regex(/^\d{12}$/, 'an ARS has 12 digits');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes');

/** A municipality served by this deployment (a tenant). */
export const municipalitySchema = z.strictObject({
  ags,
  ars: ars.optional(),
  name: z.string().min(1),
  /** The authority that appears as sender of the municipality's messages (its online services). */
  sender: id,
});

/** An authority with its DVDV-style key, as it appears as author or reader of XÖV messages. */
export const authoritySchema = z.strictObject({
  id,
  name: z.string().min(1),
  municipality: ags,
  dvdv: z.strictObject({ prefix: z.string().min(1), id: z.string().min(1) }),
  email: z.email().optional(),
});

/** Settings of the HTTP(S) connector; secrets are references (file paths or environment variable names). */
export const httpConnectorSchema = z.strictObject({
  type: z.literal('http'),
  url: z.url(),
  timeoutMs: z.number().int().positive().default(10_000),
  tls: z
    .strictObject({
      caFile: z.string().optional(),
      certFile: z.string().optional(),
      keyFile: z.string().optional(),
    })
    .optional(),
  /** Name of an environment variable that holds a bearer token. */
  tokenEnv: z.string().optional(),
});

/** Settings of the folder connector: a file drop into a directory, e.g. a share the back office imports from. */
export const folderConnectorSchema = z.strictObject({
  type: z.literal('folder'),
  /** The directory the back office reads; it must exist and be on one file system with its temporary files. */
  path: z.string().min(1),
});

/** How a destination is reached. */
export const connectorSchema = z.discriminatedUnion('type', [httpConnectorSchema, folderConnectorSchema]);

/** A back office: who it is, which XÖV standard and version it speaks, how it is reached. */
export const destinationSchema = z.strictObject({
  id,
  authority: id,
  standard: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
  connector: connectorSchema,
});

/** Which destination handles a service (Leistungsschlüssel) for a municipality (AGS or ARS). */
export const routeSchema = z.strictObject({
  municipality: z.union([ags, ars]),
  serviceKey: z.string().regex(/^\d{14}$/, 'a Leistungsschlüssel has 14 digits'),
  destination: id,
});

/** The master data files and the list each holds. */
export const masterDataFiles = {
  municipalities: { file: 'municipalities.yaml', schema: municipalitySchema },
  authorities: { file: 'authorities.yaml', schema: authoritySchema },
  destinations: { file: 'destinations.yaml', schema: destinationSchema },
  routes: { file: 'routes.yaml', schema: routeSchema },
} as const;

export type Municipality = z.infer<typeof municipalitySchema>;
export type Authority = z.infer<typeof authoritySchema>;
export type Destination = z.infer<typeof destinationSchema>;
export type ConnectorSettings = z.infer<typeof connectorSchema>;
export type HttpConnectorSettings = z.infer<typeof httpConnectorSchema>;
export type FolderConnectorSettings = z.infer<typeof folderConnectorSchema>;
export type Route = z.infer<typeof routeSchema>;

/** All master data, validated and cross-checked. */
export interface MasterData {
  municipalities: Municipality[];
  authorities: Authority[];
  destinations: Destination[];
  routes: Route[];
}

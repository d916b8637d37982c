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

/**
 * Settings of the SFTP connector: an account on the back office's SFTP server. The private key is a
 * file reference, and the server's host key is pinned (OpenSSH known_hosts line or SHA256 fingerprint).
 */
export const sftpConnectorSchema = z.strictObject({
  type: z.literal('sftp'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535).default(22),
  username: z.string().min(1),
  privateKeyFile: z.string().min(1),
  /** Name of an environment variable that holds the key's passphrase, if it has one. */
  passphraseEnv: z.string().optional(),
  /** The server's host key as `SHA256:<base64>` (what `ssh-keygen -lf` prints); a different key is refused. */
  hostKeySha256: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'a host key fingerprint looks like SHA256:<43 base64 characters>'),
  /** The remote directory the back office reads. */
  path: z.string().min(1),
  timeoutMs: z.number().int().positive().default(10_000),
});

/** How a destination is reached. */
export const connectorSchema = z.discriminatedUnion('type', [httpConnectorSchema, folderConnectorSchema, sftpConnectorSchema]);

/**
 * How long and how often delivery to one back office is retried before the message is given up
 * (`delivery_failed` plus a dead letter). Unset fields take the delivery service's defaults.
 */
export const deliveryPolicySchema = z.strictObject({
  initialDelayMs: z.number().int().positive().optional(),
  maxDelayMs: z.number().int().positive().optional(),
  maxElapsedMs: z.number().int().positive().optional(),
});

/** A code list's canonical URI (`listURI` in messages), e.g. `urn:xoev-de:xbau:codeliste:kammer`. */
const codeListUri = z.string().regex(/^urn:[a-z0-9][a-z0-9-]{1,31}:\S+$/i, 'a code list URI is a URN, e.g. urn:xoev-de:xbau:codeliste:kammer');
/** A code list version (`listVersionID` in messages), e.g. `2.0` or `2010-04-01`. */
const codeListVersion = z.string().regex(/^\S+$/, 'a code list version is not empty and has no spaces');

/**
 * How a back office sends its replies (acknowledgements, decisions) to the receipts service. Over
 * HTTP it proves who it is by a client certificate or a bearer token; a back office without HTTP
 * leaves its replies in an inbox (an SFTP directory or a folder) that the receipts service polls.
 */
export const repliesSchema = z.strictObject({
  /** The CN of the client certificate the back office presents to the receipts endpoint. */
  clientCertificateCN: z.string().min(1).optional(),
  /** Name of an environment variable of the receipts service that holds the bearer token the back office presents. */
  tokenEnv: z.string().min(1).optional(),
  inbox: z.discriminatedUnion('type', [folderConnectorSchema, sftpConnectorSchema]).optional(),
});

/** A back office: who it is, which XÖV standard and version it speaks, how it is reached. */
export const destinationSchema = z.strictObject({
  id,
  authority: id,
  standard: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
  connector: connectorSchema,
  delivery: deliveryPolicySchema.optional(),
  /**
   * Code lists this back office needs in another version than the one in force (codelists.yaml), by
   * list URI: during a cut-over, a back office that still expects the old version keeps it.
   */
  codeListVersions: z.record(codeListUri, codeListVersion).optional(),
  replies: repliesSchema.optional(),
});

/** Which destination handles a service (Leistungsschlüssel) for a municipality (AGS or ARS). */
export const routeSchema = z.strictObject({
  municipality: z.union([ags, ars]),
  serviceKey: z.string().regex(/^\d{14}$/, 'a Leistungsschlüssel has 14 digits'),
  destination: id,
});

/**
 * A code list and the version in force: every message that names the list (`listURI`) says this
 * version (`listVersionID`). The URIs are part of the standards and stay in the mappings; the
 * versions change over time and are master data.
 */
export const codeListSchema = z.strictObject({
  uri: codeListUri,
  version: codeListVersion,
  /**
   * Standards that use another version of the list, by standard name as in destinations.yaml
   * (e.g. xdomea keeps Erreichbarkeit 3 while XBau writes 4.1).
   */
  versionByStandard: z.record(z.string().min(1), codeListVersion).optional(),
  name: z.string().min(1).optional(),
  /** Where the version was verified, e.g. the genericode file of the list. */
  source: z.string().min(1).optional(),
});

/** The master data files and the list each holds. */
export const masterDataFiles = {
  municipalities: { file: 'municipalities.yaml', schema: municipalitySchema },
  authorities: { file: 'authorities.yaml', schema: authoritySchema },
  destinations: { file: 'destinations.yaml', schema: destinationSchema },
  routes: { file: 'routes.yaml', schema: routeSchema },
  codelists: { file: 'codelists.yaml', schema: codeListSchema },
} as const;

export type Municipality = z.infer<typeof municipalitySchema>;
export type Authority = z.infer<typeof authoritySchema>;
export type Destination = z.infer<typeof destinationSchema>;
export type DeliveryPolicy = z.infer<typeof deliveryPolicySchema>;
export type RepliesSettings = z.infer<typeof repliesSchema>;
export type ConnectorSettings = z.infer<typeof connectorSchema>;
export type HttpConnectorSettings = z.infer<typeof httpConnectorSchema>;
export type FolderConnectorSettings = z.infer<typeof folderConnectorSchema>;
export type SftpConnectorSettings = z.infer<typeof sftpConnectorSchema>;
export type Route = z.infer<typeof routeSchema>;
export type CodeList = z.infer<typeof codeListSchema>;

/** All master data, validated and cross-checked. */
export interface MasterData {
  municipalities: Municipality[];
  authorities: Authority[];
  destinations: Destination[];
  routes: Route[];
  codelists: CodeList[];
}

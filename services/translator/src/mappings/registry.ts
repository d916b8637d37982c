import type { ApplicationSubmitted } from '@amtsbote/schemas';
import type { TextReplacementLog } from '@amtsbote/xoev';
import type { Authority } from '@amtsbote/core';

/** A code list as an XÖV code names it: its URI and the version in force. */
export interface CodeListVersion {
  listURI: string;
  listVersionID: string;
}

/** Looks up a code list by its URI; see `MappingContext.codeList`. */
export type CodeListOf = (uri: string) => CodeListVersion;

/** What a mapping needs besides the submission: ids, time, the authorities of the message header and the code lists. */
export interface MappingContext {
  messageId: string;
  createdAt: Date;
  sender: Authority;
  recipient: Authority;
  product: { name: string; vendor: string; version: string };
  test: boolean;
  /**
   * A code list by its URI, with the version the master data (codelists.yaml) puts in force for
   * the message's destination. Throws (AMTSBOTE_MASTERDATA_INVALID) when the master data lacks it.
   */
  codeList: CodeListOf;
}

/** A pure function from a submission to one XÖV message, with what is needed to validate it. */
export interface Mapping {
  standard: string;
  version: string;
  messageType: string;
  /** Leistungsschlüssel this mapping handles, or '*' for a standard that carries any service (e.g. xdomea). */
  serviceKeys: readonly string[] | '*';
  /** The URIs of every code list the mapping asks `context.codeList` for: the master data must have each. */
  codeLists: readonly string[];
  /** The root XSD, relative to the operator's schema folder. */
  schemaFile: string;
  /**
   * The standard's official Schematron, relative to the operator's schema folder, where one is
   * published: output is also checked against it; failed asserts with role error or fatal (or none)
   * make it invalid, warnings and infos are reported only.
   */
  schematronFile?: string;
  /**
   * Set where the official XSD is not freely available (e.g. XGewerbeanzeige): the translator
   * validates against `schemaFile` when the operator's schema folder has it, and otherwise only
   * checks that the output is well-formed, with a warning at start-up. Unset, a missing XSD stops
   * the start.
   */
  schemaOptional?: true;
  /** Characters a standard does not allow are replaced, never passed through, and reported to `log` by field. */
  map(submission: ApplicationSubmitted, context: MappingContext, log?: TextReplacementLog): string;
}

/** Finds the mapping for a service and the standard its destination speaks. */
export interface MappingRegistry {
  find(serviceKey: string, standard: string, version: string): Mapping | undefined;
  all(): readonly Mapping[];
}

/** Builds the registry; a mapping for the exact service key wins over a catch-all one. */
export function createMappingRegistry(mappings: readonly Mapping[]): MappingRegistry {
  return {
    find(serviceKey, standard, version) {
      const candidates = mappings.filter((m) => m.standard === standard && m.version === version);
      return (
        candidates.find((m) => m.serviceKeys !== '*' && m.serviceKeys.includes(serviceKey)) ??
        candidates.find((m) => m.serviceKeys === '*')
      );
    },
    all: () => mappings,
  };
}

import { AmtsboteError, type CodeList, type Destination, type Router } from '@amtsbote/core';
import type { CodeListOf, Mapping } from './mappings/registry.js';

/**
 * The code lists of a message to `destination`, each with the version the master data behind
 * `router` puts in force for it (`Router.codeListVersion`). A list the master data lacks is a
 * permanent error that names it: every message needing it would fail until it is imported.
 */
export function codeListsFor(router: Router, destination: Destination): CodeListOf {
  return (uri) => {
    const version = router.codeListVersion(uri, destination);
    if (version === undefined) {
      throw new AmtsboteError(
        'AMTSBOTE_MASTERDATA_INVALID',
        `code list ${uri} is not in the master data: add it to codelists.yaml and import it with \`amtsbote masterdata import\``,
      );
    }
    return { listURI: uri, listVersionID: version };
  };
}

/**
 * The warning for code lists that mappings ask for and the master data lacks, or null when there
 * are none: each with the mappings that need it, whose messages are rejected until it is imported.
 */
export function missingCodeListsWarning(mappings: readonly Mapping[], codeLists: readonly CodeList[]): string | null {
  const known = new Set(codeLists.map((c) => c.uri));
  const neededBy = new Map<string, string[]>();
  for (const mapping of mappings) {
    for (const uri of mapping.codeLists.filter((u) => !known.has(u))) {
      neededBy.set(uri, [...(neededBy.get(uri) ?? []), `${mapping.standard} ${mapping.version} ${mapping.messageType}`]);
    }
  }
  if (neededBy.size === 0) return null;
  const list = [...neededBy].map(([uri, needers]) => `${uri} (${needers.join(', ')})`).join('; ');
  return `code lists missing from the master data: ${list}. Messages that need them are rejected until they are added to codelists.yaml and imported.`;
}

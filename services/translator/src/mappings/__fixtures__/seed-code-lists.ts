import { fileURLToPath } from 'node:url';
import { createRouter, loadMasterData, type Destination } from '@amtsbote/core';
import { codeListsFor } from '../../code-lists.js';
import type { CodeListOf } from '../registry.js';

// The seed master data (infra/masterdata): the golden files show the code list versions it puts in force.
const router = createRouter(await loadMasterData(fileURLToPath(new URL('../../../../../infra/masterdata/', import.meta.url))));

/**
 * The code lists of a message to a destination of the seed, as the translator resolves them;
 * `standard` stands in for a destination of a standard the seed has none of yet.
 */
export function seedCodeListsFor(destinationId: string, standard?: Destination['standard']): CodeListOf {
  const destination = router.destination(destinationId);
  if (!destination) throw new Error(`no destination ${destinationId} in the seed master data`);
  return codeListsFor(router, standard ? { ...destination, standard } : destination);
}

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMasterData } from '@amtsbote/core';
import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { missingCodeListsWarning } from './code-lists.js';
import { mappings } from './mappings/index.js';
import type { Mapping, MappingContext } from './mappings/registry.js';
import * as xbau from './mappings/xbau/__fixtures__/submissions.js';
import * as xdomea from './mappings/xdomea/__fixtures__/submissions.js';
import * as xgewerbeanzeige from './mappings/xgewerbeanzeige/__fixtures__/submissions.js';

const seed = await loadMasterData(fileURLToPath(new URL('../../../infra/masterdata/', import.meta.url)));

/** The fixtures of each standard with their contexts, together covering every code list its mappings write. */
const fixtures: Record<string, { submissions: ApplicationSubmitted[]; contextFor: (submission: ApplicationSubmitted) => MappingContext }> = {
  xdomea: { submissions: [xdomea.gewerbeanmeldung, xdomea.anwohnerparkausweis], contextFor: (s) => xdomea.contextFor(s) },
  XBau: { submissions: [xbau.bauantragDarmstadt, xbau.bauantragRossdorf], contextFor: (s) => xbau.contextFor(s) },
  XGewerbeanzeige: {
    submissions: [xgewerbeanzeige.anmeldung, xgewerbeanzeige.ummeldung, xgewerbeanzeige.abmeldung],
    // A reader by DVDV prefix MELDID brings the AGS list on its kennung.
    contextFor: (s) => {
      const context = xgewerbeanzeige.contextFor(s);
      return { ...context, recipient: { ...context.recipient, dvdv: { prefix: 'MELDID', id: '06411000' } } };
    },
  },
};

/** The code lists a mapping asks the context for while it maps its standard's fixtures. */
function askedBy(mapping: Mapping): Set<string> {
  const asked = new Set<string>();
  const { submissions, contextFor } = fixtures[mapping.standard]!;
  for (const submission of submissions) {
    const context = contextFor(submission);
    mapping.map(submission, {
      ...context,
      codeList: (uri) => {
        asked.add(uri);
        return context.codeList(uri);
      },
    });
  }
  return asked;
}

describe('the code lists of the mappings', () => {
  it.each(mappings.map((m) => [`${m.standard} ${m.version} ${m.messageType}`, m] as const))('%s declares exactly the code lists it asks for', (_name, mapping) => {
    expect([...askedBy(mapping)].sort()).toEqual([...mapping.codeLists].sort());
  });

  it('are all in the seed master data (infra/masterdata/codelists.yaml)', () => {
    expect(missingCodeListsWarning(mappings, seed.codelists)).toBeNull();
  });

  it('are named with the mappings that need them when the master data lacks them', () => {
    const erreichbarkeit = 'urn:de:xoev:codeliste:erreichbarkeit';
    expect(missingCodeListsWarning(mappings, seed.codelists.filter((c) => c.uri !== erreichbarkeit))).toBe(
      `code lists missing from the master data: ${erreichbarkeit} (xdomea 3.1.0 Geschaeftsgang.Geschaeftsgang.0201, ` +
        'xdomea 3.0.0 Geschaeftsgang.Geschaeftsgang.0201, XBau 2.6 baugenehmigung.antrag.0200). ' +
        'Messages that need them are rejected until they are added to codelists.yaml and imported.',
    );
  });
});

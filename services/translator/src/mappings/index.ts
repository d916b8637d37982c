import type { Mapping } from './registry.js';
import { xdomeaGeschaeftsgang0201MappingFor } from './xdomea/index.js';
import { xbauBaugenehmigungAntrag0200Mapping } from './xbau/index.js';
import { xgewerbeanzeigeGewerbemeldung0300Mapping } from './xgewerbeanzeige/index.js';

/** Every mapping this translator offers; the registry picks one by service key and the destination's standard. */
export const mappings: readonly Mapping[] = [
  xdomeaGeschaeftsgang0201MappingFor('3.1.0'),
  // Still spoken by some document-management systems; versions are cut over per destination.
  xdomeaGeschaeftsgang0201MappingFor('3.0.0'),
  // Validated only where the operator's schema folder has the official XSD (see docs/xoev-standards.md).
  xgewerbeanzeigeGewerbemeldung0300Mapping,
  // Validated against the official XSD and the official Schematron (`schematronFile`).
  xbauBaugenehmigungAntrag0200Mapping,
];

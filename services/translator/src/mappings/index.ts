import type { Mapping } from './registry.js';
import { xdomeaGeschaeftsgang0201MappingFor } from './xdomea/index.js';

/** Every mapping this translator offers; the registry picks one by service key and the destination's standard. */
export const mappings: readonly Mapping[] = [
  xdomeaGeschaeftsgang0201MappingFor('3.1.0'),
  // Still spoken by some document-management systems; versions are cut over per destination.
  xdomeaGeschaeftsgang0201MappingFor('3.0.0'),
];

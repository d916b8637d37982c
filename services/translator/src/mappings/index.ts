import type { Mapping } from './registry.js';
import { xdomeaGeschaeftsgang0201Mapping } from './xdomea/index.js';

/** Every mapping this translator offers; the registry picks one by service key and the destination's standard. */
export const mappings: readonly Mapping[] = [xdomeaGeschaeftsgang0201Mapping];

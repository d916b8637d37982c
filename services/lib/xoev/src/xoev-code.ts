import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

/** A value of the XÖV code type (xoev-code:Code): a code, its optional name, and the code list it comes from. */
export interface XoevCode {
  code: string;
  /** The code's name from the list; omit it where the standard's restriction has no `name` element. */
  name?: string;
  /** The code list; omit it (and the version) only where no list is published, e.g. a DVDV prefix. */
  listURI?: string;
  listVersionID?: string;
}

/**
 * Appends an element of the XÖV code type. Its `code` and `name` children are unqualified
 * (form="unqualified" in xoev-code.xsd), unlike the element itself.
 */
export function appendXoevCode(parent: XMLBuilder, namespace: string, qualifiedName: string, value: XoevCode): XMLBuilder {
  const element = parent.ele(namespace, qualifiedName);
  if (value.listURI !== undefined) element.att('listURI', value.listURI);
  if (value.listVersionID !== undefined) element.att('listVersionID', value.listVersionID);
  element.ele('code').txt(value.code);
  if (value.name !== undefined) element.ele('name').txt(value.name);
  return element;
}

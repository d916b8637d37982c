import type { XoevCode } from '@amtsbote/xoev';

// Code values of xdomea 3.1.0. The list versions are the ones xdomea-Datentypen.xsd fixes (or,
// where it leaves them open, the versions shipped with the xdomea 3.x code lists); names are the
// lists' own descriptions.

/** Nachrichtentyp 0201 (list 2.0). */
export const NACHRICHTENTYP_GESCHAEFTSGANG: XoevCode = {
  code: '0201',
  name: 'Geschaeftsgang.Geschaeftsgang',
  listURI: 'urn:xoev-de:xdomea:codeliste:nachrichtentyp',
  listVersionID: '2.0',
};

/** Beteiligungsstatus 002: the step is the current one — the recipient is to act now. */
export const BETEILIGUNGSSTATUS_AKTUELL: XoevCode = {
  code: '002',
  name: 'Der Schritt ist aktuell.',
  listURI: 'urn:xoev-de:xdomea:codeliste:beteiligungsstatus',
  listVersionID: '1.1',
};

/** Medium 001: the object exists in electronic form only. */
export const MEDIUM_ELEKTRONISCH: XoevCode = {
  code: '001',
  name: 'Elektronisch: Das Schriftgutobjekt liegt ausschließlich in elektronischer Form vor.',
  listURI: 'urn:xoev-de:xdomea:codeliste:medium',
  listVersionID: '1.0',
};

/** Anschriftstyp 001: the current address. */
export const ANSCHRIFTSTYP_AKTUELL: XoevCode = {
  code: '001',
  name: 'Aktuelle Anschrift: Die aktuelle Anschrift, z.B. einer Organisation, einer Person.',
  listURI: 'urn:xoev-de:xdomea:codeliste:anschriftstyp',
  listVersionID: '1.0',
};

/** Staat by ISO 3166-1 alpha-2 code (KoSIT Country Codes, version 7). */
export function staat(alpha2: string): XoevCode {
  return { code: alpha2, listURI: 'urn:xoev-de:kosit:codeliste:country-codes', listVersionID: '7' };
}

/** Kommunikationskanal from the XÖV Erreichbarkeit list, version 3 (xdomea's type has no `name`). */
export const kanal = {
  email: { code: '01', listURI: 'urn:de:xoev:codeliste:erreichbarkeit', listVersionID: '3' },
  festnetz: { code: '02', listURI: 'urn:de:xoev:codeliste:erreichbarkeit', listVersionID: '3' },
  mobil: { code: '03', listURI: 'urn:de:xoev:codeliste:erreichbarkeit', listVersionID: '3' },
} as const satisfies Record<string, XoevCode>;

/** Dateiformat (list 1.0; xdomea's type has no `name`). */
export function dateiformat(code: string): XoevCode {
  return { code, listURI: 'urn:xoev-de:xdomea:codeliste:dateiformat', listVersionID: '1.0' };
}

/** Dateiformat 100 "Sonstiges": the format is then named in SonstigerName. */
export const DATEIFORMAT_SONSTIGES = '100';

/** The W3C data types of AnwendungsspezifischeErweiterung fields (Datentyp list 1.1). */
export const datentyp = {
  anyURI: '001',
  boolean: '003',
  date: '005',
  dateTime: '006',
  hexBinary: '018',
  int: '022',
  long: '025',
  string: '038',
} as const;

/** One of the W3C data types the mapping uses. */
export type Datentyp = keyof typeof datentyp;

/** The Datentyp code of a W3C data type. */
export function datentypCode(type: Datentyp): XoevCode {
  return { code: datentyp[type], name: type, listURI: 'urn:xoev-de:xdomea:codeliste:datentyp', listVersionID: '1.1' };
}

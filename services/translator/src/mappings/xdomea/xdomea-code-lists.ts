import type { XoevCode } from '@amtsbote/xoev';
import type { CodeListOf } from '../registry.js';

// Code values of xdomea 3.x. Each list is named by its URI (listURI); its version (listVersionID)
// comes from the master data (infra/masterdata/codelists.yaml). xdomea-Datentypen.xsd (the same in
// 3.0.0 and 3.1.0) fixes the versions of most lists: another one in the master data makes every
// message invalid, which the XSD validation and the golden files catch. Names are the lists' own
// descriptions.

/** The code lists this module writes codes of, by URI: `Mapping.codeLists` of every xdomea mapping. */
export const XDOMEA_CODE_LISTS = {
  nachrichtentyp: 'urn:xoev-de:xdomea:codeliste:nachrichtentyp',
  beteiligungsstatus: 'urn:xoev-de:xdomea:codeliste:beteiligungsstatus',
  medium: 'urn:xoev-de:xdomea:codeliste:medium',
  anschriftstyp: 'urn:xoev-de:xdomea:codeliste:anschriftstyp',
  staat: 'urn:xoev-de:kosit:codeliste:country-codes',
  erreichbarkeit: 'urn:de:xoev:codeliste:erreichbarkeit',
  dateiformat: 'urn:xoev-de:xdomea:codeliste:dateiformat',
  datentyp: 'urn:xoev-de:xdomea:codeliste:datentyp',
} as const;

/** Nachrichtentyp 0201. */
export function nachrichtentypGeschaeftsgang(codeList: CodeListOf): XoevCode {
  return { code: '0201', name: 'Geschaeftsgang.Geschaeftsgang', ...codeList(XDOMEA_CODE_LISTS.nachrichtentyp) };
}

/** Beteiligungsstatus 002: the step is the current one — the recipient is to act now. */
export function beteiligungsstatusAktuell(codeList: CodeListOf): XoevCode {
  return { code: '002', name: 'Der Schritt ist aktuell.', ...codeList(XDOMEA_CODE_LISTS.beteiligungsstatus) };
}

/** Medium 001: the object exists in electronic form only. */
export function mediumElektronisch(codeList: CodeListOf): XoevCode {
  return {
    code: '001',
    name: 'Elektronisch: Das Schriftgutobjekt liegt ausschließlich in elektronischer Form vor.',
    ...codeList(XDOMEA_CODE_LISTS.medium),
  };
}

/** Anschriftstyp 001: the current address. */
export function anschriftstypAktuell(codeList: CodeListOf): XoevCode {
  return { code: '001', name: 'Aktuelle Anschrift: Die aktuelle Anschrift, z.B. einer Organisation, einer Person.', ...codeList(XDOMEA_CODE_LISTS.anschriftstyp) };
}

/** Staat by ISO 3166-1 alpha-2 code (KoSIT Country Codes). */
export function staat(codeList: CodeListOf, alpha2: string): XoevCode {
  return { code: alpha2, ...codeList(XDOMEA_CODE_LISTS.staat) };
}

const KANAL_CODES = { email: '01', festnetz: '02', mobil: '03' } as const;

/** Kommunikationskanal from the XÖV Erreichbarkeit list (xdomea's type has no `name`). */
export function kanal(codeList: CodeListOf, channel: keyof typeof KANAL_CODES): XoevCode {
  return { code: KANAL_CODES[channel], ...codeList(XDOMEA_CODE_LISTS.erreichbarkeit) };
}

/** Dateiformat (xdomea's type has no `name`). */
export function dateiformat(codeList: CodeListOf, code: string): XoevCode {
  return { code, ...codeList(XDOMEA_CODE_LISTS.dateiformat) };
}

/** Dateiformat 100 "Sonstiges": the format is then named in SonstigerName. */
export const DATEIFORMAT_SONSTIGES = '100';

/** The W3C data types of AnwendungsspezifischeErweiterung fields (Datentyp list). */
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
export function datentypCode(codeList: CodeListOf, type: Datentyp): XoevCode {
  return { code: datentyp[type], name: type, ...codeList(XDOMEA_CODE_LISTS.datentyp) };
}

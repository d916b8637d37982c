import type { ApplicationSubmitted } from '@amtsbote/schemas';
import type { XoevCode } from '@amtsbote/xoev';
import type { CodeListOf } from '../registry.js';

// Codes and code-list versions of XGewerbeanzeige 2.0. The XSDs and most code lists are not
// available here, so every value below is taken from a source named beside it:
// - "2.0 example": beispiele/xgwa2.0-valid.xml of the KoSIT test suite (schema-valid, root
//   alg.gewerbemeldung.0300), see ../shared/xoev/SOURCES.md;
// - "2.1 example": beispiele/xgwa2.1-invalid-xsd.xml (same message type, one schema error);
// - an official code list in ../shared/xoev/.
// A value marked "inferred" is not attested by any of them; the official XSD and code lists
// (XRepository) settle it. The versions of the lists named by URI below come from the master data
// (infra/masterdata/codelists.yaml), which names the same sources; without the XSD, nothing here
// checks them.

/** The code lists whose versions this module writes, by URI: `Mapping.codeLists` of the XGewerbeanzeige mapping. */
export const XGEWERBEANZEIGE_CODE_LISTS = {
  dvdvPraefix: 'urn:xoev-de:bund:bmi:bit:codeliste:dvdv.praefix',
  ags: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags',
  registergerichte: 'urn:xoev-de:xgewerbeanzeige:codeliste:registergerichte',
} as const;

type Gewerbeanzeige = NonNullable<ApplicationSubmitted['data']['de.amtsbote.application.v1.Gewerbeanzeige']>;

/** nachrichtentyp of alg.gewerbemeldung.0300 (2.0 example). */
export const NACHRICHTENTYP_0300: XoevCode = { code: '0300' };

/**
 * The value of the root attribute `test` in the KoSIT test messages (2.0 example). The attribute
 * is not an xs:boolean there ("100" is schema-valid), so test messages carry this attested value
 * and production messages carry no `test` attribute.
 */
export const TEST_ATTRIBUTE_VALUE = '100';

/** Code list "janein" (2.0 example: istKorrektur 0, handwerk 1 for a hairdresser). */
export const JA: XoevCode = { code: '1' };
/** Code list "janein". */
export const NEIN: XoevCode = { code: '0' };

/** janein for a boolean. */
export function janein(value: boolean): XoevCode {
  return value ? JA : NEIN;
}

/**
 * behoerdenkennung/praefix: the DVDV prefix with the version of the prefix list only, as in the
 * 2.0 example (the list's URI is the one the 2.1 example writes).
 */
export function dvdvPraefix(codeList: CodeListOf, prefix: string): XoevCode {
  return { code: prefix, listVersionID: codeList(XGEWERBEANZEIGE_CODE_LISTS.dvdvPraefix).listVersionID };
}

/**
 * The code list of behoerdenkennung/kennung per DVDV prefix, where the examples show it (2.0
 * example: MELDID with the AGS list). For other prefixes the kennung carries no list attributes.
 */
const KENNUNG_LIST_BY_PRAEFIX: Readonly<Record<string, string>> = {
  MELDID: XGEWERBEANZEIGE_CODE_LISTS.ags,
};

/** behoerdenkennung/kennung: the authority's key, with the list of its prefix where there is one. */
export function behoerdenKennung(codeList: CodeListOf, prefix: string, id: string): XoevCode {
  const list = KENNUNG_LIST_BY_PRAEFIX[prefix];
  return list ? { code: id, ...codeList(list) } : { code: id };
}

/**
 * listVersionID of gemeindeSchluessel in the 2.0 example, which writes no listURI. Not master
 * data: no source here names its list, and the same example names the AGS list of `kennung` in
 * another version (2018-01-31), so it cannot share that entry without changing the message. The
 * official XSD settles which list it is.
 */
export const GEMEINDESCHLUESSEL_LIST_VERSION = '2017-09-30';

/** Erreichbarkeit codes, from ../shared/xoev/xbau-2.6/codelists/urn_de_xoev_codeliste_erreichbarkeit_3.xml. */
export const KANAL = {
  email: { code: '01' },
  festnetz: { code: '02' },
  mobil: { code: '03' },
} as const satisfies Record<string, XoevCode>;

/**
 * Country of an address. The 2.0 example writes Germany as nationSchluessel 276 with the directory
 * NAT112013; no other country is attested, so other countries leave both out.
 */
export const NATION_BY_COUNTRY: Readonly<Record<string, { nationSchluessel: string; natSchluesselVerzeichnis: string }>> = {
  DE: { nationSchluessel: '276', natSchluesselVerzeichnis: 'NAT112013' },
};

/** eintragungArt by register (2.0 example: A for an e.K. in HRA; 2.1 example: B for a GmbH in HRB). */
export const EINTRAGUNGSART_BY_REGISTER: Readonly<Record<string, XoevCode>> = {
  HRA: { code: 'A' },
  HRB: { code: 'B' },
};

/** gerichtSchluessel: a court of the Registergerichte list, with the list's version only, as in the 2.0 example. */
export function gerichtSchluessel(codeList: CodeListOf, code: string): XoevCode {
  return { code, listVersionID: codeList(XGEWERBEANZEIGE_CODE_LISTS.registergerichte).listVersionID };
}

/**
 * Registry courts of the pilot region, by the place name of the court, from
 * urn_xoev-de_xgewerbeanzeige_codeliste_registergerichte_3.xml (columns XJustiz_Id and PLZ). Every
 * municipality of the Landkreis Darmstadt-Dieburg registers at the Amtsgericht Darmstadt. A court
 * not listed here is sent by name only (eintragungOrt), without gerichtSchluessel.
 */
export const REGISTERGERICHTE: Readonly<Record<string, { code: string; plz: string }>> = {
  Darmstadt: { code: 'M1103', plz: '64283' },
};

/**
 * niederlassungArt. Only 1 is attested (both examples, a business's only establishment); 2 and 3
 * are inferred from the order of the boxes on the official form (GewAnzV Anlage 1).
 */
export const NIEDERLASSUNGSART: Readonly<Record<NonNullable<Gewerbeanzeige['establishment']>, XoevCode>> = {
  HAUPTNIEDERLASSUNG: { code: '1' },
  ZWEIGNIEDERLASSUNG: { code: '2' },
  UNSELBSTAENDIGE_ZWEIGSTELLE: { code: '3' },
};

/**
 * personFunktion: 1 for the owner of a sole proprietorship (2.0 example, the e.K. himself), 3 for
 * the person acting for a company (2.1 example, the managing director of a GmbH).
 */
export const PERSONFUNKTION = {
  inhaber: { code: '1' },
  vertreter: { code: '3' },
} as const satisfies Record<string, XoevCode>;

import type { XoevCode } from '@amtsbote/xoev';

// Code values of the replies. Every listURI/listVersionID is the CanonicalUri/Version of an official
// genericode file in shared/xoev (see SOURCES.md) or fixed by the XSD, unless a comment says otherwise.

/** xdomea Nachrichtentyp 0202 (list 2.0, as xdomea-Datentypen.xsd of 3.0.0 and 3.1.0 fix it). */
export const NACHRICHTENTYP_XDOMEA_EMPFANG_BESTAETIGEN: XoevCode = {
  code: '0202',
  name: 'Geschaeftsgang.EmpfangBestaetigen',
  listURI: 'urn:xoev-de:xdomea:codeliste:nachrichtentyp',
  listVersionID: '2.0',
};

const XBAU_KERNMODUL_NACHRICHTEN = { listURI: 'urn:xoev-de:xbau-kernmodul:codeliste:xbau-kernmodul-nachrichten', listVersionID: '3.0' } as const;
const XBAU_NACHRICHTEN = { listURI: 'urn:xoev-de:xbau:codeliste:xbau-nachrichten', listVersionID: '4.0' } as const;

/** Nachrichtentyp of the replies (xbau-kernmodul-nachrichten 3.0 and xbau-nachrichten 4.0, fixed by their code types). */
export const nachrichtentyp = {
  eingangsbestaetigung: { code: '1120', ...XBAU_KERNMODUL_NACHRICHTEN },
  rueckweisung: { code: '1100', ...XBAU_KERNMODUL_NACHRICHTEN },
  formellePruefung: { code: '0201', ...XBAU_NACHRICHTEN },
  bescheid: { code: '0205', ...XBAU_NACHRICHTEN },
} as const satisfies Record<string, XoevCode>;

/**
 * Verzeichnisdienst DVDV for author and reader, as the translator writes it in the messages these
 * replies answer (urn:xoev-de:kosit:codeliste:verzeichnisdienst is not among the reference files;
 * version 3 is what XÖV implementations in public repositories send).
 */
export const VERZEICHNISDIENST_DVDV: XoevCode = { code: 'DVDV', listURI: 'urn:xoev-de:kosit:codeliste:verzeichnisdienst', listVersionID: '3' };

/** The XBau Fehlerkennzahlen of a Rückweisung (newest version among the XBau 2.6 code lists; listURI fixed by the XSD). */
export const FEHLERKENNZAHLEN = { listURI: 'urn:xoev-de:xbau:codeliste:xbau-fehlerkennzahlen', listVersionID: '2.2' } as const;

/** Anlageart (anlagen 3.0, the newest version shipped with XBau 2.6). */
export function anlageart(code: string): XoevCode {
  return { code, listURI: 'urn:xoev-de:xbau:codeliste:anlagen', listVersionID: '3.0' };
}

/** Anlageart 5013 "Bescheid". */
export const ANLAGEART_BESCHEID = '5013';

/**
 * Art des Befundes of the formal check. XBau names urn:xoev-de:xbau:codeliste:formellebefundeart,
 * which is not among the reference files (no version or codes known here), so the reference back
 * office states its own list, clearly named as such. Replace it by the XBau list once it is obtained
 * from XRepository.
 */
export const befundart = {
  unterlage: { code: 'unterlage', listURI: 'urn:de:amtsbote:codeliste:formellebefundeart', listVersionID: '1' },
  sonstiges: { code: 'sonstiges', listURI: 'urn:de:amtsbote:codeliste:formellebefundeart', listVersionID: '1' },
} as const satisfies Record<string, XoevCode>;

/** MIME type, in Amtsbote's own list of IANA media types, as the translator's XBau mapping writes it (no XBau list is among the reference files). */
export const MIME_TYPE_PDF: XoevCode = { code: 'application/pdf', listURI: 'urn:de:amtsbote:codeliste:iana-medientyp', listVersionID: '1' };

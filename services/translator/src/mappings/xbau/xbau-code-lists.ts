import type { SubmissionTypes } from '@amtsbote/schemas';
import type { XoevCode } from '@amtsbote/xoev';
import type { CodeListOf } from '../registry.js';

// Code values of XBau 2.6. Each list is named by its URI (listURI), which is part of the standard;
// its version (listVersionID) comes from the master data (infra/masterdata/codelists.yaml, which
// also says where each version was verified). Lists "fixed by Code.X" allow one version only in
// the XSD: another one in the master data makes every message invalid, which the XSD validation
// and the golden files catch. XBau's restrictions of the code type carry `code` only, no `name`,
// so none is written.

/** The code lists this module writes codes of, by URI: `Mapping.codeLists` of every XBau mapping. */
export const XBAU_CODE_LISTS = {
  nachrichten: 'urn:xoev-de:xbau:codeliste:xbau-nachrichten',
  verzeichnisdienst: 'urn:xoev-de:kosit:codeliste:verzeichnisdienst',
  erreichbarkeit: 'urn:de:xoev:codeliste:erreichbarkeit',
  baumassnahmeart: 'urn:xoev-de:xbau:codeliste:baumassnahmeart',
  gebaeudeklasse: 'urn:xoev-de:xbau:codeliste:gebaeudeklasse',
  bauherrart: 'urn:xoev-de:xbau:codeliste:bauherrodereigentuemerart',
  kammer: 'urn:xoev-de:xbau:codeliste:kammer',
  anlagen: 'urn:xoev-de:xbau:codeliste:anlagen',
  bundesland: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland',
  mimeType: 'urn:de:amtsbote:codeliste:iana-medientyp',
} as const;

/** Nachrichtentyp 0200 baugenehmigung.antrag.0200 (xbau-nachrichten, fixed by Code.XBauNachrichten). */
export function nachrichtentypBaugenehmigungAntrag(codeList: CodeListOf): XoevCode {
  return { code: '0200', ...codeList(XBAU_CODE_LISTS.nachrichten) };
}

/**
 * Verzeichnisdienst DVDV for the author and reader of the message header. Its genericode file is
 * not among the reference files here (XBau's codelists.json does not name it); codelists.yaml says
 * which version is sent and why.
 */
export function verzeichnisdienstDvdv(codeList: CodeListOf): XoevCode {
  return { code: 'DVDV', ...codeList(XBAU_CODE_LISTS.verzeichnisdienst) };
}

const KANAL_CODES = { email: '01', festnetz: '02', mobil: '03' } as const;

/** Kommunikationskanal (Erreichbarkeit). */
export function kanal(codeList: CodeListOf, channel: keyof typeof KANAL_CODES): XoevCode {
  return { code: KANAL_CODES[channel], ...codeList(XBAU_CODE_LISTS.erreichbarkeit) };
}

/** Art der Maßnahme (baumassnahmeart, fixed by Code.BaumassnahmeArt). */
export function baumassnahmeArt(codeList: CodeListOf, measure: SubmissionTypes.Baumassnahme): XoevCode {
  const codes: Record<SubmissionTypes.Baumassnahme, string> = {
    ERRICHTUNG: '11',
    AENDERUNG: '12',
    NUTZUNGSAENDERUNG: '13',
    NUTZUNGSAENDERUNG_MIT_BAULICHER_AENDERUNG: '14',
    ABGRABUNG: '20',
    BESEITIGUNG: '30',
  };
  return { code: codes[measure], ...codeList(XBAU_CODE_LISTS.baumassnahmeart) };
}

/** Gebäudeklasse 1–5 (gebaeudeklasse, fixed by Code.Gebaeudeklasse). */
export function gebaeudeklasse(codeList: CodeListOf, buildingClass: SubmissionTypes.Gebaeudeklasse): XoevCode {
  return { code: buildingClass.slice(2), ...codeList(XBAU_CODE_LISTS.gebaeudeklasse) };
}

/** Art des Bauherrn (bauherrodereigentuemerart, fixed by Code.BauherrOderEigentuemerArt). */
export function bauherrArt(codeList: CodeListOf, kind: SubmissionTypes.BauherrArt): XoevCode {
  const codes: Record<SubmissionTypes.BauherrArt, string> = {
    OEFFENTLICH: '1',
    WOHNUNGSUNTERNEHMEN: '2',
    IMMOBILIENFONDS: '3',
    LAND_FORSTWIRTSCHAFT: '4',
    PRODUZIERENDES_GEWERBE: '5',
    HANDEL_DIENSTLEISTUNGEN: '6',
    PRIVATER_HAUSHALT: '7',
    ORGANISATION_OHNE_ERWERBSZWECK: '8',
  };
  return { code: codes[kind], ...codeList(XBAU_CODE_LISTS.bauherrart) };
}

/** The chamber codes of the list Kammer 2.0 (01–31), as Codelist.Kammer enumerates them. */
export const KAMMER_CODES: ReadonlySet<string> = new Set(Array.from({ length: 31 }, (_, i) => String(i + 1).padStart(2, '0')));

/** Kammer (kammer, fixed by Code.Kammer). */
export function kammer(codeList: CodeListOf, code: string): XoevCode {
  return { code, ...codeList(XBAU_CODE_LISTS.kammer) };
}

/** Anlageart (anlagen; XBau 2.6 ships the versions 1.0, 2.0, 2.1 and 3.0). */
export function anlageart(codeList: CodeListOf, code: string): XoevCode {
  return { code, ...codeList(XBAU_CODE_LISTS.anlagen) };
}

/** Anlageart 0000 "Vorlagen zur Bau-Antragstellung": an attachment the front office did not classify. */
export const ANLAGEART_BAUVORLAGE = '0000';

/**
 * Bundesland (destatis bundesland, 06 = Hessen). The version XBau 2.6's codelists.json names is in
 * the XBau release mirror, not among the reference files here
 * (artifacts/codelists/urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland_2010-04-01.xml).
 */
export function bundesland(codeList: CodeListOf, code: string): XoevCode {
  return { code, ...codeList(XBAU_CODE_LISTS.bundesland) };
}

/**
 * MIME type of an attachment. Code.XBau-MimeType asks for a list the sender selects or defines; the
 * list XBau offers (urn:xoev-de:xbau:codeliste:xbau-mimetypes) is not among the reference files, and
 * the one that is (textofficemimetypes 1.0) covers only office formats for formatted text, not PDF.
 * So Amtsbote states its own list, clearly named as such: IANA media types, lower case, without
 * parameters. Replace it by the XBau list once it is obtained from XRepository.
 */
export function mimeType(codeList: CodeListOf, mediaType: string): XoevCode {
  return { code: mediaType, ...codeList(XBAU_CODE_LISTS.mimeType) };
}

import type { SubmissionTypes } from '@amtsbote/schemas';
import type { XoevCode } from '@amtsbote/xoev';

// Code values of XBau 2.6. Every listURI/listVersionID is the CanonicalUri/Version of an official
// genericode file: shared/xoev/xbau-2.6/codelists/ (see SOURCES.md) unless a comment says otherwise.
// XBau's restrictions of the code type carry `code` only, no `name`, so none is written.

/** Nachrichtentyp 0200 baugenehmigung.antrag.0200 (xbau-nachrichten 4.0, fixed by Code.XBauNachrichten). */
export const NACHRICHTENTYP_BAUGENEHMIGUNG_ANTRAG: XoevCode = {
  code: '0200',
  listURI: 'urn:xoev-de:xbau:codeliste:xbau-nachrichten',
  listVersionID: '4.0',
};

/**
 * Verzeichnisdienst DVDV for the author and reader of the message header. The genericode file of
 * urn:xoev-de:kosit:codeliste:verzeichnisdienst is not among the reference files here (XBau's
 * codelists.json does not name it); version 3 is the one XÖV implementations in public repositories
 * send (XPersonenstand and XBeteiligung clients). To be checked against XRepository.
 */
export const VERZEICHNISDIENST_DVDV: XoevCode = {
  code: 'DVDV',
  listURI: 'urn:xoev-de:kosit:codeliste:verzeichnisdienst',
  listVersionID: '3',
};

const ERREICHBARKEIT = { listURI: 'urn:de:xoev:codeliste:erreichbarkeit', listVersionID: '4.1' } as const;

/** Kommunikationskanal (Erreichbarkeit 4.1, the newest version among the XBau 2.6 code lists). */
export const kanal = {
  email: { code: '01', ...ERREICHBARKEIT },
  festnetz: { code: '02', ...ERREICHBARKEIT },
  mobil: { code: '03', ...ERREICHBARKEIT },
} as const satisfies Record<string, XoevCode>;

/** Art der Maßnahme (baumassnahmeart 2.0, fixed by Code.BaumassnahmeArt). */
export function baumassnahmeArt(measure: SubmissionTypes.Baumassnahme): XoevCode {
  const codes: Record<SubmissionTypes.Baumassnahme, string> = {
    ERRICHTUNG: '11',
    AENDERUNG: '12',
    NUTZUNGSAENDERUNG: '13',
    NUTZUNGSAENDERUNG_MIT_BAULICHER_AENDERUNG: '14',
    ABGRABUNG: '20',
    BESEITIGUNG: '30',
  };
  return { code: codes[measure], listURI: 'urn:xoev-de:xbau:codeliste:baumassnahmeart', listVersionID: '2.0' };
}

/** Gebäudeklasse 1–5 (gebaeudeklasse 3.0, fixed by Code.Gebaeudeklasse). */
export function gebaeudeklasse(buildingClass: SubmissionTypes.Gebaeudeklasse): XoevCode {
  return { code: buildingClass.slice(2), listURI: 'urn:xoev-de:xbau:codeliste:gebaeudeklasse', listVersionID: '3.0' };
}

/** Art des Bauherrn (bauherrodereigentuemerart 2.0, fixed by Code.BauherrOderEigentuemerArt). */
export function bauherrArt(kind: SubmissionTypes.BauherrArt): XoevCode {
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
  return { code: codes[kind], listURI: 'urn:xoev-de:xbau:codeliste:bauherrodereigentuemerart', listVersionID: '2.0' };
}

/** The chamber codes of the list Kammer 2.0 (01–31), as Codelist.Kammer enumerates them. */
export const KAMMER_CODES: ReadonlySet<string> = new Set(Array.from({ length: 31 }, (_, i) => String(i + 1).padStart(2, '0')));

/** Kammer (kammer 2.0, fixed by Code.Kammer). */
export function kammer(code: string): XoevCode {
  return { code, listURI: 'urn:xoev-de:xbau:codeliste:kammer', listVersionID: '2.0' };
}

/** Anlageart (anlagen 3.0, the newest of the versions 1.0, 2.0, 2.1 and 3.0 shipped with XBau 2.6). */
export function anlageart(code: string): XoevCode {
  return { code, listURI: 'urn:xoev-de:xbau:codeliste:anlagen', listVersionID: '3.0' };
}

/** Anlageart 0000 "Vorlagen zur Bau-Antragstellung": an attachment the front office did not classify. */
export const ANLAGEART_BAUVORLAGE = '0000';

/**
 * Bundesland (destatis bundesland, version 2010-04-01): the version named in XBau 2.6's
 * codelists.json; the file is not among the reference files here but in the XBau release mirror
 * (artifacts/codelists/urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland_2010-04-01.xml,
 * 06 = Hessen).
 */
export function bundesland(code: string): XoevCode {
  return { code, listURI: 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland', listVersionID: '2010-04-01' };
}

/**
 * MIME type of an attachment. Code.XBau-MimeType asks for a list the sender selects or defines; the
 * list XBau offers (urn:xoev-de:xbau:codeliste:xbau-mimetypes) is not among the reference files, and
 * the one that is (textofficemimetypes 1.0) covers only office formats for formatted text, not PDF.
 * So Amtsbote states its own list, clearly named as such: IANA media types, lower case, without
 * parameters. Replace it by the XBau list once it is obtained from XRepository.
 */
export function mimeType(mediaType: string): XoevCode {
  return { code: mediaType, listURI: 'urn:de:amtsbote:codeliste:iana-medientyp', listVersionID: '1' };
}

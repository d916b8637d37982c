import type { ApplicationSubmitted } from '@amtsbote/schemas';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CodeListOf } from '../registry.js';
import { writeErweiterung } from './anwendungsspezifische-erweiterung.js';
import { DATEIFORMAT_SONSTIGES, dateiformat, mediumElektronisch } from './xdomea-code-lists.js';
import { ERWEITERUNG_KENNUNG } from './service-data.js';
import type { XdomeaWriter } from './xdomea-writer.js';

type AttachmentReference = ApplicationSubmitted['attachments'][number];

// xdomea's Dateiformat list names file formats by extension; the front office gives media types.
// Where the list has several entries for one media type, the common one wins (jpg, tif→tiff, html).
const DATEIFORMAT_BY_MEDIA_TYPE: Readonly<Record<string, string>> = {
  'image/bmp': '001',
  'text/csv': '002',
  'application/msword': '003',
  'message/rfc822': '006',
  'text/html': '008',
  'image/jpeg': '011',
  'application/vnd.ms-outlook': '012',
  'application/vnd.oasis.opendocument.presentation': '013',
  'application/vnd.oasis.opendocument.spreadsheet': '014',
  'application/vnd.oasis.opendocument.text': '015',
  'application/pdf': '018',
  'image/png': '019',
  'application/vnd.ms-powerpoint': '020',
  'application/postscript': '021',
  'application/rtf': '022',
  'text/rtf': '022',
  'image/tiff': '024',
  'application/vnd.ms-excel': '028',
  'application/xml': '030',
  'text/xml': '030',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '035',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '036',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '037',
  'text/plain': '045',
};

/** The Dateiformat code of a media type (parameters and case ignored), `100` (Sonstiges) if the list has none. */
export function dateiformatCodeOf(mediaType: string): string {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return DATEIFORMAT_BY_MEDIA_TYPE[essence] ?? DATEIFORMAT_SONSTIGES;
}

/**
 * The Dateiname xdomea asks for ("UUID_Dokumentname.Dateiformat"), safe to use as a file name on
 * any system: the uploaded name may contain path separators, reserved or invisible characters.
 */
export function primaerdokumentDateiname(documentId: string, uploadedName: string): string {
  const safe = uploadedName
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return safe === '' ? documentId : `${documentId}_${safe}`;
}

/**
 * Fills an AnlageDokumentType element with one uploaded file. Amtsbote carries references, not
 * content: the Primaerdokument names the file, and the extension "anlagenreferenz" says where to
 * fetch it and how to verify it (xdomea has no element for a URI or a checksum).
 */
export function writeAttachmentDokument(
  w: XdomeaWriter,
  codeList: CodeListOf,
  anlage: XMLBuilder,
  attachment: AttachmentReference,
  options: { documentId: string; number: number; receivedOn: string; field: string },
): void {
  const { documentId, number, receivedOn, field } = options;
  // Each outside value is sanitized once, so a replacement is reported once however often it is written.
  const name = w.sanitize(attachment.name, `${field}.name`);
  const mediaType = w.sanitize(attachment.mediaType, `${field}.mediaType`);

  w.value(w.element(anlage, 'Identifikation'), 'ID', documentId);
  const metadaten = w.element(anlage, 'AllgemeineMetadaten');
  w.value(metadaten, 'Betreff', name);
  w.code(metadaten, 'Medium', mediumElektronisch(codeList));
  w.value(anlage, 'Posteingangsdatum', receivedOn);
  w.value(anlage, 'Typ', 'Anlage zum Antrag');

  const version = w.element(anlage, 'Version');
  w.value(version, 'Nummer', '1');
  const format = w.element(version, 'Format');
  const code = dateiformatCodeOf(mediaType);
  w.code(format, 'Name', dateiformat(codeList, code));
  if (code === DATEIFORMAT_SONSTIGES) w.value(format, 'SonstigerName', mediaType);
  // The format's version (e.g. PDF 1.7) is not known without reading the file; xs:string allows empty.
  w.value(format, 'Version', '');
  const primaerdokument = w.element(format, 'Primaerdokument');
  w.value(primaerdokument, 'Dateiname', primaerdokumentDateiname(documentId, name));
  w.value(primaerdokument, 'DateinameOriginal', name);

  writeErweiterung(w, codeList, anlage, {
    kennung: ERWEITERUNG_KENNUNG.anlagenreferenz,
    name: 'Anlagenreferenz',
    beschreibung: 'Abruf und Prüfung des Primärdokuments: Amtsbote überträgt die Referenz, nicht den Inhalt',
    versionsnummer: '1.0',
    felder: [
      { name: 'uri', beschreibung: 'Adresse, unter der das Primärdokument abgerufen wird', datentyp: 'anyURI', wert: w.sanitize(attachment.uri, `${field}.uri`) },
      { name: 'sha256', beschreibung: 'SHA-256-Prüfsumme des Inhalts (hexadezimal)', datentyp: 'hexBinary', wert: w.sanitize(attachment.sha256, `${field}.sha256`).toLowerCase() },
      { name: 'groesse', beschreibung: 'Größe in Byte', datentyp: 'long', wert: String(attachment.size) },
      { name: 'medientyp', beschreibung: 'Medientyp (IANA)', datentyp: 'string', wert: mediaType },
    ],
  });
  // AnlageDokumentType extends DokumentType: its own Nummer comes after all inherited elements.
  w.value(anlage, 'Nummer', String(number));
}

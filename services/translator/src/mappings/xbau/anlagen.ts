import type { ApplicationSubmitted, SubmissionTypes } from '@amtsbote/schemas';
import { XoevError } from '@amtsbote/xoev';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CodeListOf } from '../registry.js';
import { ANLAGEART_BAUVORLAGE, anlageart, mimeType } from './xbau-code-lists.js';
import { hasText, type XbauWriter } from './xbau-writer.js';

type Attachment = ApplicationSubmitted['attachments'][number];
type Bauvorlage = SubmissionTypes.Bauvorlage;

/**
 * Fills `xbau:anlagen` with one `xbau:anlage` per uploaded file (XBau requires at least one: a
 * Bauantrag without Bauvorlagen is not a Bauantrag). Amtsbote carries references, not content, so
 * each Anlage is a `verlinkung` to the front office's URI; its Anlageart comes from the Bauantrag's
 * `documents` (Anlagen list 3.0), else 0000 "Vorlagen zur Bau-Antragstellung".
 */
export function writeAnlagen(
  w: XbauWriter,
  codeList: CodeListOf,
  anlagen: XMLBuilder,
  submission: ApplicationSubmitted,
  documents: readonly Bauvorlage[],
  receivedOn: string,
): void {
  if (submission.attachments.length === 0) {
    throw new XoevError('XOEV_INVALID_VALUE', 'a Bauantrag needs at least one attachment (Bauvorlage)', { field: 'attachments' });
  }
  const kinds = new Map<number, Bauvorlage>();
  documents.forEach((document, index) => {
    const field = `data.bauantrag.documents[${index}]`;
    if (!Number.isInteger(document.attachment) || document.attachment < 0 || document.attachment >= submission.attachments.length) {
      throw new XoevError('XOEV_INVALID_VALUE', `${field}.attachment names no attachment`, { field: `${field}.attachment` });
    }
    if (!/^\d{4}$/.test(document.documentType)) {
      throw new XoevError('XOEV_INVALID_VALUE', `${field}.documentType is not a code of the XBau list Anlagen`, { field: `${field}.documentType` });
    }
    kinds.set(document.attachment, document);
  });
  submission.attachments.forEach((attachment, index) => {
    writeAnlage(w, codeList, w.u(anlagen, 'anlage'), attachment, kinds.get(index), receivedOn, `attachments[${index}]`);
  });
}

// `anlage` and the elements of xbau:MetadatenAnlage (a restriction of the Kernmodul type) are
// unqualified (form="unqualified" in the XSD); the
// extension's `wirdNachgereicht` is not written (the file is there).
function writeAnlage(
  w: XbauWriter,
  codeList: CodeListOf,
  anlage: XMLBuilder,
  attachment: Attachment,
  kind: Bauvorlage | undefined,
  receivedOn: string,
  field: string,
): void {
  const title = kind && hasText(kind.title) ? kind.title : attachment.name;
  w.text(w.u(anlage, 'bezeichnung'), hasText(title) ? title : 'Anlage', hasText(kind?.title) ? `${field}.title` : `${field}.name`, 'D');
  w.value(w.u(anlage, 'versionsnummer'), '1');
  w.value(w.u(anlage, 'datum'), receivedOn);
  w.code(anlage, 'u', 'anlageart', anlageart(codeList, kind?.documentType ?? ANLAGEART_BAUVORLAGE));
  const media = mediaTypeOf(attachment.mediaType);
  w.code(anlage, 'u', 'mimeType', mimeType(codeList, w.xml(media, `${field}.mediaType`)));
  const verlinkung = w.u(w.u(anlage, 'anhangOderVerlinkung'), 'verlinkung');
  w.value(w.u(verlinkung, 'uriVerlinkung'), w.xml(attachment.uri, `${field}.uri`).trim());
  w.value(w.u(verlinkung, 'dateiname'), dateiname(attachment.name, media));
}

// IANA media type without parameters, lower case (type and subtype are case-insensitive).
function mediaTypeOf(mediaType: string): string {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(essence) ? essence : 'application/octet-stream';
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'application/xml': 'xml',
  'text/plain': 'txt',
};

/**
 * A file name that xbauk:Dateiname accepts: `[-a-zA-Z0-9ÄÖÜäöüß _!=+~,;.#°§$%()\[\]]+\.[a-zA-Z0-9]+`.
 * Other characters become `_`, path parts are dropped, and a name without a usable extension gets
 * one from its media type. The original name is kept in `bezeichnung`.
 */
export function dateiname(name: string, mediaType: string): string {
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1) : '';
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const safeExtension = /^[a-zA-Z0-9]+$/.test(extension) ? extension : (EXTENSIONS[mediaType] ?? 'bin');
  const safeStem = stem.replace(/[^-a-zA-Z0-9ÄÖÜäöüß _!=+~,;.#°§$%()[\]]/g, '_').trim();
  return `${safeStem === '' ? 'Anlage' : safeStem}.${safeExtension}`;
}

import type { ApplicationSubmitted, SubmissionTypes } from '@amtsbote/schemas';
import {
  deriveObjectId,
  GERMAN_TIME_ZONE,
  serializeXml,
  toXsdDateInTimeZone,
  XoevError,
  type TextReplacementLog,
} from '@amtsbote/xoev';
import { create } from 'xmlbuilder2';
import type { Mapping, MappingContext } from '../registry.js';
import { writeAkteur } from './akteur.js';
import { writeAnlagen } from './anlagen.js';
import { writeBauvorhaben, type PartyIds } from './bauvorhaben.js';
import { writeNachrichtenkopf } from './nachrichtenkopf.js';
import { nachrichtentypBaugenehmigungAntrag, XBAU_CODE_LISTS } from './xbau-code-lists.js';
import { createXbauWriter, XBAU_NAMESPACE, type XbauWriter } from './xbau-writer.js';

const ROOT = 'xbau:baugenehmigung.antrag.0200';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Leistungsschlüssel this mapping serves: the building permit's LeiKa entries, Leistungsobjekt
 * 99012070 with Verrichtung 006, general (000) and the variant 001 (see `serviceKeys` in
 * @amtsbote/schemas for where each was found).
 */
export const BAUGENEHMIGUNG_SERVICE_KEYS = ['99012070006000', '99012070006001'] as const;

/**
 * Builds an XBau 2.6 `baugenehmigung.antrag.0200`: the Bauantrag to the Bauaufsichtsbehörde.
 *
 * - Header: `nachrichtenkopf.g2g` with the message id, type 0200 and creation time; reader is the
 *   recipient, author the sender, each with the DVDV key "prefix:identifier".
 * - `referenzAntragsservice`: a UUID of the application (Vorgang) at the front office, derived from
 *   its applicationId, so that every message about the same application refers to the same Vorgang.
 * - `antragsteller`: the applicant; `bauvorhaben`: title, parties, Gegenstand, plot and parcels;
 *   `prozessmerkmale`: the Verfahrensart, if the front office gave one; `anlagen`: the uploads.
 *
 * Pure: the same submission and context give the same bytes. Characters outside DIN 91379 are
 * replaced and reported to `log` per field.
 */
export function mapToXbauBaugenehmigungAntrag0200(
  submission: ApplicationSubmitted,
  context: MappingContext,
  log?: TextReplacementLog,
): string {
  if (!UUID.test(context.messageId)) {
    throw new XoevError('XOEV_INVALID_VALUE', 'context.messageId is not a UUID', { field: 'context.messageId' });
  }
  const antrag = bauantragOf(submission);
  const w = createXbauWriter(log);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(XBAU_NAMESPACE, ROOT);
  writeRootAttributes(w, root, context);
  writeNachrichtenkopf(w, root, nachrichtentypBaugenehmigungAntrag(context.codeList), context);

  const referenz = deriveObjectId(submission.applicationId, 'xbau/referenzAntragsservice');
  w.value(w.u(w.q(root, 'referenzAntragsservice'), 'referenzAntragsservice'), referenz);

  const ids: PartyIds = {
    applicant: deriveObjectId(context.messageId, 'akteur/antragsteller'),
    builderOwner: antrag.builderOwner ? deriveObjectId(context.messageId, 'akteur/bauherr') : deriveObjectId(context.messageId, 'akteur/antragsteller'),
    designer: deriveObjectId(context.messageId, 'akteur/entwurfsverfasser'),
  };
  writeAkteur(w, context.codeList, w.q(root, 'antragsteller'), submission.applicant, ids.applicant, 'applicant');
  if (antrag.procedure) writeProzessmerkmale(w, w.q(root, 'prozessmerkmale'), antrag.procedure);
  writeBauvorhaben(w, context.codeList, w.q(root, 'bauvorhaben'), submission, antrag, ids);
  const receivedOn = toXsdDateInTimeZone(submission.submittedAt, GERMAN_TIME_ZONE, 'submittedAt');
  writeAnlagen(w, context.codeList, w.q(root, 'anlagen'), submission, antrag.documents, receivedOn);
  return serializeXml(root.doc());
}

/** The mapping as the translator's registry knows it, with the official XSD and Schematron. */
export const xbauBaugenehmigungAntrag0200Mapping: Mapping = {
  standard: 'XBau',
  version: '2.6',
  messageType: 'baugenehmigung.antrag.0200',
  serviceKeys: BAUGENEHMIGUNG_SERVICE_KEYS,
  codeLists: Object.values(XBAU_CODE_LISTS),
  schemaFile: 'xbau-2.6/xsd_dev/xbau-nachrichten-baugenehmigung.xsd',
  schematronFile: 'xbau-2.6/sch/xbau-schematron.sch',
  map: mapToXbauBaugenehmigungAntrag0200,
};

function bauantragOf(submission: ApplicationSubmitted): SubmissionTypes.Bauantrag {
  const antrag = submission.data['de.amtsbote.application.v1.Bauantrag'];
  if (!antrag) throw new XoevError('XOEV_INVALID_VALUE', 'data holds no Bauantrag', { field: 'data' });
  return antrag;
}

// `standard` and `version` are fixed by the schema; `test` is only present for test messages
// ("nicht im normalen Produktivbetrieb zu behandeln"), its value is not prescribed.
function writeRootAttributes(w: XbauWriter, root: ReturnType<typeof create>, context: MappingContext): void {
  root.att('produkt', w.din(context.product.name, 'context.product.name'));
  root.att('produkthersteller', w.din(context.product.vendor, 'context.product.vendor'));
  root.att('produktversion', w.din(context.product.version, 'context.product.version'));
  root.att('standard', 'XBau-Hochbau');
  root.att('version', '2.6');
  if (context.test) root.att('test', 'true');
}

// The Verfahrensart's code list differs by Land (XBau names Hamburg's as an example), so the front
// office names list and version; the mapping passes them through.
function writeProzessmerkmale(w: XbauWriter, prozessmerkmale: ReturnType<typeof create>, procedure: SubmissionTypes.ListedCode): void {
  const field = 'data.bauantrag.procedure';
  for (const [name, value] of [
    ['code', procedure.code],
    ['listUri', procedure.listUri],
    ['listVersionId', procedure.listVersionId],
  ] as const) {
    if (value.trim() === '') throw new XoevError('XOEV_INVALID_VALUE', `${field}.${name} is empty`, { field: `${field}.${name}` });
  }
  w.code(prozessmerkmale, 'q', 'verfahrensart', {
    code: w.xml(procedure.code.trim(), `${field}.code`),
    listURI: w.xml(procedure.listUri.trim(), `${field}.listUri`),
    listVersionID: w.xml(procedure.listVersionId.trim(), `${field}.listVersionId`),
  });
}

import type { ApplicationSubmitted } from '@amtsbote/schemas';
import {
  deriveObjectId,
  GERMAN_TIME_ZONE,
  serializeXml,
  toXsdDateInTimeZone,
  toXsdDateTime,
  XoevError,
  type TextReplacementLog,
} from '@amtsbote/xoev';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Mapping, MappingContext } from '../registry.js';
import { writeErweiterung } from './anwendungsspezifische-erweiterung.js';
import { writeAttachmentDokument } from './attachment-dokument.js';
import { applicantDisplayName, writeApplicantKontakt, writeAuthorityKontakt, writeBetriebsstaetteKontakt } from './kontakt.js';
import { antragErweiterung, fachdatenErweiterung, gewerbeanzeigeOf, nachrichtErweiterung } from './service-data.js';
import { beteiligungsstatusAktuell, mediumElektronisch, nachrichtentypGeschaeftsgang, XDOMEA_CODE_LISTS } from './xdomea-code-lists.js';
import { createXdomeaWriter, type XdomeaVersion, type XdomeaWriter } from './xdomea-writer.js';

const ROOT = 'xdomea:Geschaeftsgang.Geschaeftsgang.0201';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Builds an xdomea Geschaeftsgang.Geschaeftsgang.0201 (3.1.0 unless told otherwise): the application handed to the back
 * office's document management as an external workflow with one step, "zur Bearbeitung".
 *
 * - Kopf: ProzessID is the message id, because a 0202 receipt carries nothing but the ProzessID and
 *   Amtsbote correlates replies by message id; one 0201 starts one xdomea process.
 * - Hauptobjekt: one Dokument, the application: subject, the front office's reference
 *   (FremdesGeschaeftszeichen), date received, applicant (Absender), recipient, business premises,
 *   and all data in AnwendungsspezifischeErweiterung; each uploaded file is an Anlage of it.
 * - ExternerGeschaeftsgang: one current step from the sending to the receiving authority.
 *
 * Pure: the same submission and context give the same bytes. Replaced characters are reported to `log`.
 */
export function mapToXdomeaGeschaeftsgang0201(
  submission: ApplicationSubmitted,
  context: MappingContext,
  log?: TextReplacementLog,
  version: XdomeaVersion = '3.1.0',
): string {
  if (!UUID.test(context.messageId)) {
    throw new XoevError('XOEV_INVALID_VALUE', 'context.messageId is not a UUID', { field: 'context.messageId' });
  }
  const w = createXdomeaWriter(log, version);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(w.namespace, ROOT);
  writeKopf(w, w.element(root, 'Kopf'), context);
  writeAntragDokument(w, w.element(w.element(root, 'Hauptobjekt'), 'Dokument'), submission, context);
  writeExternerGeschaeftsgang(w, w.element(root, 'ExternerGeschaeftsgang'), context);
  return serializeXml(root.doc());
}

/** Where each version's root XSD lies in the operator's schema folder (laid out like ../shared/xoev). */
const schemaFiles: Record<XdomeaVersion, string> = {
  '3.0.0': 'xdomea-3.0.0/schemes/xdomea_3.0.0/xdomea.xsd',
  '3.1.0': 'xdomea-3.1.0/xsd/3.1.0/xdomea.xsd',
};

/** The mapping for one xdomea version, as the translator's registry knows it: xdomea carries any service. */
export function xdomeaGeschaeftsgang0201MappingFor(version: XdomeaVersion): Mapping {
  return {
    standard: 'xdomea',
    version,
    messageType: 'Geschaeftsgang.Geschaeftsgang.0201',
    serviceKeys: '*',
    codeLists: Object.values(XDOMEA_CODE_LISTS),
    schemaFile: schemaFiles[version],
    map: (submission, context, log) => mapToXdomeaGeschaeftsgang0201(submission, context, log, version),
  };
}

/** xdomea 3.1.0, the current version. */
export const xdomeaGeschaeftsgang0201Mapping: Mapping = xdomeaGeschaeftsgang0201MappingFor('3.1.0');

function writeKopf(w: XdomeaWriter, kopf: XMLBuilder, context: MappingContext): void {
  w.value(kopf, 'ProzessID', context.messageId.toLowerCase());
  w.code(kopf, 'Nachrichtentyp', nachrichtentypGeschaeftsgang(context.codeList));
  w.value(kopf, 'Erstellungszeitpunkt', toXsdDateTime(context.createdAt, 'context.createdAt'));
  writeAuthorityKontakt(w, context.codeList, w.element(kopf, 'Absender'), context.sender, 'context.sender');
  writeAuthorityKontakt(w, context.codeList, w.element(kopf, 'Empfaenger'), context.recipient, 'context.recipient');
  const system = w.element(kopf, 'SendendesSystem');
  w.text(system, 'Produktname', context.product.name, 'context.product.name');
  w.text(system, 'Version', context.product.version, 'context.product.version');
  // xdomea has no test attribute: a clerk reads the Hinweis, a machine the extension's flag.
  if (context.test) w.value(kopf, 'Hinweis', 'Testnachricht: nicht fachlich bearbeiten.');
  writeErweiterung(w, context.codeList, kopf, nachrichtErweiterung(w, context));
  // One receipt (0202) to the initiator, who is also the sender: asking for both would bring two.
  w.value(kopf, 'EmpfangsbestaetigungAnInitiator', '1');
  w.value(kopf, 'EmpfangsbestaetigungAnVorgaenger', '0');
}

function writeAntragDokument(w: XdomeaWriter, dokument: XMLBuilder, submission: ApplicationSubmitted, context: MappingContext): void {
  const { messageId } = context;
  const receivedOn = toXsdDateInTimeZone(submission.submittedAt, GERMAN_TIME_ZONE, 'submittedAt');
  const serviceName = w.sanitize(submission.serviceName, 'serviceName');
  const frontOffice = w.sanitize(submission.frontOffice.system, 'frontOffice.system');
  const applicationId = w.sanitize(submission.applicationId, 'applicationId');

  w.value(w.element(dokument, 'Identifikation'), 'ID', deriveObjectId(messageId, 'dokument/antrag'));
  const metadaten = w.element(dokument, 'AllgemeineMetadaten');
  w.value(metadaten, 'Betreff', `${serviceName}: ${applicantDisplayName(w, submission.applicant)}`);
  w.value(
    metadaten,
    'Bemerkung',
    `Online-Antrag ${applicationId} aus ${frontOffice}, Leistungsschlüssel ${w.sanitize(submission.serviceKey, 'serviceKey')}.`,
  );
  w.code(metadaten, 'Medium', mediumElektronisch(context.codeList));
  w.value(dokument, 'FremdesGeschaeftszeichen', applicationId);
  w.value(dokument, 'Posteingangsdatum', receivedOn);
  w.value(dokument, 'Typ', 'Antrag');
  const historie = w.element(dokument, 'HistorienProtokollInformation');
  w.value(historie, 'Akteur', frontOffice);
  w.value(historie, 'DatumUhrzeit', toXsdDateTime(submission.submittedAt, 'submittedAt'));
  w.value(historie, 'Aktion', 'Antrag elektronisch eingereicht');

  submission.attachments.forEach((attachment, index) => {
    writeAttachmentDokument(w, context.codeList, w.element(dokument, 'Anlage'), attachment, {
      documentId: deriveObjectId(messageId, `dokument/anlage/${index + 1}`),
      number: index + 1,
      receivedOn,
      field: `attachments[${index}]`,
    });
  });

  writeApplicantKontakt(w, context.codeList, w.element(dokument, 'Absender'), submission.applicant);
  writeAuthorityKontakt(w, context.codeList, w.element(dokument, 'Empfaenger'), context.recipient, 'context.recipient');
  const gewerbeanzeige = gewerbeanzeigeOf(submission.data);
  if (gewerbeanzeige) {
    writeBetriebsstaetteKontakt(w, context.codeList, w.element(dokument, 'WeitererKontakt'), gewerbeanzeige.businessName, gewerbeanzeige.premises, 'data.gewerbeanzeige');
  }
  writeErweiterung(w, context.codeList, dokument, antragErweiterung(w, submission));
  writeErweiterung(w, context.codeList, dokument, fachdatenErweiterung(w, submission.data));
}

function writeExternerGeschaeftsgang(w: XdomeaWriter, geschaeftsgang: XMLBuilder, context: MappingContext): void {
  w.value(w.element(geschaeftsgang, 'Identifikation'), 'ID', deriveObjectId(context.messageId, 'geschaeftsgang'));
  const schritt = w.element(geschaeftsgang, 'Beteiligungsschritt');
  w.value(schritt, 'Nummer', '1');
  w.code(schritt, 'Status', beteiligungsstatusAktuell(context.codeList));
  const verfuegung = w.element(schritt, 'Verfuegung');
  writeAuthorityKontakt(w, context.codeList, w.element(verfuegung, 'Ersteller'), context.sender, 'context.sender');
  writeAuthorityKontakt(w, context.codeList, w.element(verfuegung, 'Adressat'), context.recipient, 'context.recipient');
  w.value(verfuegung, 'Erstellungsdatum', toXsdDateInTimeZone(context.createdAt, GERMAN_TIME_ZONE, 'context.createdAt'));
  w.value(verfuegung, 'Verfuegung', 'Zur Bearbeitung');
}

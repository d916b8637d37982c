import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { toXsdDate, toXsdDateTime, XoevError } from '@amtsbote/xoev';
import type { MappingContext } from '../registry.js';
import { felder, type Erweiterung, type Feld, type Feldgruppe } from './anwendungsspezifische-erweiterung.js';
import type { XdomeaWriter } from './xdomea-writer.js';

type Data = ApplicationSubmitted['data'];
type Gewerbeanzeige = NonNullable<Data['de.amtsbote.application.v1.Gewerbeanzeige']>;
type GenericForm = NonNullable<Data['de.amtsbote.application.v1.GenericForm']>;
type Address = Gewerbeanzeige['premises'];

/** Kennungen of Amtsbote's extensions; versioned in `versionsnummer`, so they never change. */
export const ERWEITERUNG_KENNUNG = {
  nachricht: 'urn:de:amtsbote:xdomea:erweiterung:nachricht',
  antrag: 'urn:de:amtsbote:xdomea:erweiterung:antrag',
  gewerbeanzeige: 'urn:de:amtsbote:xdomea:erweiterung:gewerbeanzeige',
  formular: 'urn:de:amtsbote:xdomea:erweiterung:formular',
  fachdaten: 'urn:de:amtsbote:xdomea:erweiterung:fachdaten',
  anlagenreferenz: 'urn:de:amtsbote:xdomea:erweiterung:anlagenreferenz',
} as const;

/** Facts about the message that xdomea's Kopf has no element for: the test flag and the product's vendor. */
export function nachrichtErweiterung(w: XdomeaWriter, context: MappingContext): Erweiterung {
  return {
    kennung: ERWEITERUNG_KENNUNG.nachricht,
    name: 'Nachricht',
    beschreibung: 'Angaben von Amtsbote zur Nachricht',
    versionsnummer: '1.0',
    felder: [
      { name: 'testnachricht', beschreibung: 'Testnachricht, nicht fachlich bearbeiten', datentyp: 'boolean', wert: String(context.test) },
      {
        name: 'produkthersteller',
        beschreibung: 'Hersteller des sendenden Systems',
        datentyp: 'string',
        wert: w.sanitize(context.product.vendor, 'context.product.vendor'),
      },
    ],
  };
}

/** The application's own identity and origin: what the front office knows about it. */
export function antragErweiterung(w: XdomeaWriter, submission: ApplicationSubmitted): Erweiterung {
  const { tenant, frontOffice } = submission;
  return {
    kennung: ERWEITERUNG_KENNUNG.antrag,
    name: 'Antrag',
    beschreibung: 'Angaben des Onlinedienstes zum Antrag',
    versionsnummer: '1.0',
    felder: felder(
      text(w, 'antragsId', 'Antragsnummer des Onlinedienstes', submission.applicationId, 'applicationId'),
      text(w, 'leistungsschluessel', 'Leistungsschlüssel (LeiKa)', submission.serviceKey, 'serviceKey'),
      text(w, 'leistungsbezeichnung', 'Bezeichnung der Leistung', submission.serviceName, 'serviceName'),
      text(w, 'gemeinde', 'Zuständige Gemeinde', tenant.name, 'tenant.name'),
      text(w, 'ags', 'Amtlicher Gemeindeschlüssel der zuständigen Gemeinde', tenant.ags, 'tenant.ags'),
      text(w, 'ars', 'Amtlicher Regionalschlüssel der zuständigen Gemeinde', tenant.ars, 'tenant.ars'),
      text(w, 'onlinedienst', 'Onlinedienst, über den der Antrag gestellt wurde', frontOffice.system, 'frontOffice.system'),
      text(w, 'onlinedienstVersion', 'Version des Onlinedienstes', frontOffice.version, 'frontOffice.version'),
      {
        name: 'eingangszeitpunkt',
        beschreibung: 'Zeitpunkt, zu dem der Antrag eingereicht wurde',
        datentyp: 'dateTime',
        wert: toXsdDateTime(submission.submittedAt, 'submittedAt'),
      },
    ),
  };
}

/**
 * The service-specific data: the typed Gewerbeanzeige field by field, a generic form's fields as they
 * are, and any other typed record (e.g. a Bauantrag for a municipality without a building-permit
 * system) flattened into named fields, so that xdomea carries every service.
 */
export function fachdatenErweiterung(w: XdomeaWriter, data: Data): Erweiterung {
  const gewerbeanzeige = data['de.amtsbote.application.v1.Gewerbeanzeige'];
  if (gewerbeanzeige) return gewerbeanzeigeErweiterung(w, gewerbeanzeige);
  const form = data['de.amtsbote.application.v1.GenericForm'];
  if (form) return formularErweiterung(w, form);
  const [branch, record] = Object.entries(data).find(([, value]) => value !== undefined) ?? [];
  if (!branch || record === null || typeof record !== 'object') {
    throw new XoevError('XOEV_INVALID_VALUE', 'data holds no service-specific record', { field: 'data' });
  }
  const name = branch.split('.').at(-1)!;
  return {
    kennung: ERWEITERUNG_KENNUNG.fachdaten,
    name,
    beschreibung: `Fachdaten (${name}), wie im Onlinedienst erfasst`,
    versionsnummer: '1.0',
    felder: flattenFields(w, record, `data.${name}`),
  };
}

/** Every value of a record as one field, named by its path (`plot.parcels.0.flur`); absent values are left out. */
function flattenFields(w: XdomeaWriter, value: unknown, field: string, path = ''): Feld[] {
  if (value === null || value === undefined) return [];
  const name = path || 'wert';
  if (value instanceof Date) return [{ name, beschreibung: name, datentyp: 'dateTime', wert: toXsdDateTime(value, field) }];
  if (typeof value === 'boolean') return [{ name, beschreibung: name, datentyp: 'boolean', wert: String(value) }];
  if (typeof value === 'number') return [{ name, beschreibung: name, datentyp: Number.isInteger(value) ? 'long' : 'string', wert: String(value) }];
  if (typeof value === 'string') return [{ name, beschreibung: name, datentyp: 'string', wert: w.sanitize(value, field) }];
  return Object.entries(value).flatMap(([key, child]) => flattenFields(w, child, `${field}.${key}`, path ? `${path}.${key}` : key));
}

/** The Gewerbeanzeige of the submission, if it is one. */
export function gewerbeanzeigeOf(data: Data): Gewerbeanzeige | undefined {
  return data['de.amtsbote.application.v1.Gewerbeanzeige'];
}

const GEWERBEANZEIGE_ART = { ANMELDUNG: 'Anmeldung', UMMELDUNG: 'Ummeldung', ABMELDUNG: 'Abmeldung' } as const;

function gewerbeanzeigeErweiterung(w: XdomeaWriter, g: Gewerbeanzeige): Erweiterung {
  const field = 'data.gewerbeanzeige';
  const feldgruppen: Feldgruppe[] = [addressGroup(w, 'betriebsstaette', 'Anschrift der Betriebsstätte', g.premises, `${field}.premises`)];
  if (g.tradeRegister) {
    feldgruppen.push({
      name: 'registereintrag',
      beschreibung: 'Eintragung im Handels-, Genossenschafts- oder Vereinsregister',
      felder: felder(
        text(w, 'registergericht', 'Registergericht', g.tradeRegister.court, `${field}.tradeRegister.court`),
        text(w, 'registernummer', 'Registernummer', g.tradeRegister.number, `${field}.tradeRegister.number`),
      ),
    });
  }
  return {
    kennung: ERWEITERUNG_KENNUNG.gewerbeanzeige,
    name: 'Gewerbeanzeige',
    beschreibung: 'Gewerbeanzeige nach § 14 GewO, wie im Onlinedienst erfasst',
    versionsnummer: '1.0',
    feldgruppen,
    felder: felder(
      { name: 'anzeigeart', beschreibung: 'Art der Anzeige', datentyp: 'string', wert: GEWERBEANZEIGE_ART[g.notice] },
      { name: 'wirksamAb', beschreibung: 'Beginn, Änderung oder Aufgabe zum', datentyp: 'date', wert: toXsdDate(g.effectiveDate, `${field}.effectiveDate`) },
      text(w, 'betriebsbezeichnung', 'Name des Betriebs', g.businessName, `${field}.businessName`),
      text(w, 'rechtsform', 'Rechtsform (Angabe des Antragstellers)', g.legalForm, `${field}.legalForm`),
      text(w, 'taetigkeit', 'Angemeldete Tätigkeit', g.activity, `${field}.activity`),
      { name: 'vollzeitbeschaeftigte', beschreibung: 'Anzahl Vollzeitbeschäftigte', datentyp: 'int', wert: String(g.fullTimeEmployees) },
      { name: 'teilzeitbeschaeftigte', beschreibung: 'Anzahl Teilzeitbeschäftigte', datentyp: 'int', wert: String(g.partTimeEmployees) },
      { name: 'nebenerwerb', beschreibung: 'Im Nebenerwerb betrieben', datentyp: 'boolean', wert: String(g.isSideline) },
    ),
  };
}

function formularErweiterung(w: XdomeaWriter, form: GenericForm): Erweiterung {
  return {
    kennung: ERWEITERUNG_KENNUNG.formular,
    name: 'Formular',
    beschreibung: 'Die Felder des Antragsformulars, wie im Onlinedienst erfasst',
    versionsnummer: '1.0',
    felder: form.fields.map((f, index) => ({
      name: w.sanitize(f.key, `data.genericForm.fields[${index}].key`),
      beschreibung: w.sanitize(f.label, `data.genericForm.fields[${index}].label`),
      datentyp: 'string',
      wert: w.sanitize(f.value, `data.genericForm.fields[${index}].value`),
    })),
  };
}

function addressGroup(w: XdomeaWriter, name: string, beschreibung: string, address: Address, field: string): Feldgruppe {
  return {
    name,
    beschreibung,
    felder: felder(
      text(w, 'strasse', 'Straße', address.street, `${field}.street`),
      text(w, 'hausnummer', 'Hausnummer', address.houseNumber, `${field}.houseNumber`),
      text(w, 'postleitzahl', 'Postleitzahl', address.postalCode, `${field}.postalCode`),
      text(w, 'ort', 'Ort', address.city, `${field}.city`),
      text(w, 'staat', 'Staat (ISO 3166-1 alpha-2)', address.countryCode, `${field}.countryCode`),
    ),
  };
}

function text(w: XdomeaWriter, name: string, beschreibung: string, value: string | null, field: string): Feld | null {
  if (value === null || value.trim() === '') return null;
  return { name, beschreibung, datentyp: 'string', wert: w.sanitize(value, field) };
}

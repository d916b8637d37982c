import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { deriveMessageId } from '@amtsbote/xoev';
import { seedCodeListsFor } from '../../__fixtures__/seed-code-lists.js';
import type { MappingContext } from '../../registry.js';
import { gewerbeanmeldung, contextFor as xdomeaContextFor } from '../../xdomea/__fixtures__/submissions.js';
import { MESSAGE_TYPE_0300 } from '../alg-gewerbemeldung-0300.js';

// The Leistungsschlüssel of "Gewerbe ummelden" and "Gewerbe abmelden" are not verified (see
// serviceKeys in @amtsbote/schemas); the mapping does not read the key, so these fixtures carry an
// obvious placeholder rather than a made-up key.
const UNVERIFIED_SERVICE_KEY = '00000000000000';

type Gewerbeanzeige = NonNullable<ApplicationSubmitted['data']['de.amtsbote.application.v1.Gewerbeanzeige']>;

/**
 * The xdomea goldens' Anmeldung (a GmbH registers its bakery in Darmstadt, submitted at 00:30 Berlin
 * time, i.e. on the previous UTC day), with the fields only XGewerbeanzeige needs and its own event.
 */
export const anmeldung: ApplicationSubmitted = withGewerbeanzeige(
  { ...gewerbeanmeldung, eventId: '5b0e2c7a-9d41-4f3e-8a6b-1c2d3e4f5a61', attachments: [] },
  { establishment: 'HAUPTNIEDERLASSUNG', businessTypes: ['HANDWERK', 'HANDEL'], legalFormCode: '350', reasonCodes: ['01'] },
);

/** A registered merchant (e.K.) extends her florist's shop by event floristry: an Ummeldung for a change of activity. */
export const ummeldung: ApplicationSubmitted = {
  eventId: '0d7c4b2e-6f1a-4c9b-9e3d-2a4b6c8d0e13',
  applicationId: 'DA-GEWUM-2025-000042',
  tenant: { ags: '06411000', ars: '064110000000', name: 'Wissenschaftsstadt Darmstadt' },
  serviceKey: UNVERIFIED_SERVICE_KEY,
  serviceName: 'Gewerbe ummelden',
  applicant: {
    kind: 'PERSON',
    familyName: 'Groß',
    givenName: 'Anneliese',
    birthDate: new Date(Date.UTC(1968, 6, 9)),
    organisationName: null,
    address: { street: 'Heinrichstraße', houseNumber: '7', postalCode: '64283', city: 'Darmstadt', countryCode: 'DE' },
    email: null,
    phone: '0171 2345678',
  },
  data: {
    'de.amtsbote.application.v1.Gewerbeanzeige': {
      notice: 'UMMELDUNG',
      effectiveDate: new Date(Date.UTC(2025, 6, 1)),
      businessName: 'Blumen Groß e.K.',
      legalForm: 'eingetragener Kaufmann',
      activity: 'Einzelhandel mit Blumen und Pflanzen; neu: Floristik für Veranstaltungen',
      premises: { street: 'Luisenplatz', houseNumber: '2', postalCode: '64283', city: 'Darmstadt', countryCode: 'DE' },
      fullTimeEmployees: 1,
      partTimeEmployees: 2,
      isSideline: false,
      tradeRegister: { court: 'Amtsgericht Darmstadt', number: 'HRA 8123' },
      establishment: 'HAUPTNIEDERLASSUNG',
      businessTypes: ['HANDEL'],
      legalFormCode: '170',
      reasonCodes: ['02'],
    },
  },
  attachments: [],
  frontOffice: { system: 'Onlinedienst Gewerbe Darmstadt', version: '4.2.0' },
  submittedAt: new Date('2025-06-16T07:12:05.000Z'),
};

/** A tailor closes her sideline business; not in a register. A test message. */
export const abmeldung: ApplicationSubmitted = {
  eventId: 'a3f1e5d7-2b4c-4d6e-8f01-9a8b7c6d5e42',
  applicationId: 'DA-GEWAB-2025-000007',
  tenant: { ags: null, ars: '064110000000', name: 'Wissenschaftsstadt Darmstadt' },
  serviceKey: UNVERIFIED_SERVICE_KEY,
  serviceName: 'Gewerbe abmelden',
  applicant: {
    kind: 'PERSON',
    familyName: 'Çelik',
    givenName: 'Özlem',
    birthDate: new Date(Date.UTC(1985, 10, 3)),
    organisationName: null,
    address: { street: 'Pützerstraße', houseNumber: null, postalCode: '64287', city: 'Darmstadt', countryCode: 'DE' },
    email: 'oezlem.celik@example.org',
    phone: '06151 123456',
  },
  data: {
    'de.amtsbote.application.v1.Gewerbeanzeige': {
      notice: 'ABMELDUNG',
      effectiveDate: new Date(Date.UTC(2025, 8, 30)),
      businessName: 'Çelik Änderungsschneiderei',
      legalForm: 'Einzelunternehmen',
      activity: 'Änderungsschneiderei und Textilreinigung',
      premises: { street: 'Pützerstraße', houseNumber: '3', postalCode: '64287', city: 'Darmstadt', countryCode: 'DE' },
      fullTimeEmployees: 0,
      partTimeEmployees: 0,
      isSideline: true,
      tradeRegister: null,
      establishment: 'HAUPTNIEDERLASSUNG',
      businessTypes: ['HANDWERK'],
      legalFormCode: null,
      // Illustrative: the code list "Grund für Abmeldung" is not available here.
      reasonCodes: ['01'],
    },
  },
  attachments: [],
  frontOffice: { system: 'Serviceportal Darmstadt', version: null },
  submittedAt: new Date('2025-09-29T14:45:00.000Z'),
};

/** The same submission with some of its Gewerbeanzeige fields replaced. */
export function withGewerbeanzeige(submission: ApplicationSubmitted, changes: Partial<Gewerbeanzeige>): ApplicationSubmitted {
  const data = submission.data['de.amtsbote.application.v1.Gewerbeanzeige'];
  if (!data) throw new Error('not a Gewerbeanzeige');
  return { ...submission, data: { 'de.amtsbote.application.v1.Gewerbeanzeige': { ...data, ...changes } } };
}

/**
 * The context the translator would give (as for the xdomea goldens), with this message type's id
 * and code lists as if Darmstadt's Gewerbeamt spoke XGewerbeanzeige (the seed has no such back office yet).
 */
export function contextFor(submission: ApplicationSubmitted, overrides: Partial<MappingContext> = {}): MappingContext {
  return xdomeaContextFor(submission, {
    messageId: deriveMessageId(submission.eventId, 'XGewerbeanzeige', MESSAGE_TYPE_0300),
    codeList: seedCodeListsFor('darmstadt-gewerbe-dms', { name: 'XGewerbeanzeige', version: '2.0' }),
    ...overrides,
  });
}

import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { deriveMessageId } from '@amtsbote/xoev';
import { seedCodeListsFor } from '../../__fixtures__/seed-code-lists.js';
import type { MappingContext } from '../../registry.js';

/** A GmbH registers its bakery in Darmstadt; submitted at 00:30 Berlin time, i.e. on the previous UTC day. */
export const gewerbeanmeldung: ApplicationSubmitted = {
  eventId: '3f2b6c1e-7a4d-4e0b-9c61-5d8e2f1a9b07',
  applicationId: 'DA-GEW-2025-000123',
  tenant: { ags: '06411000', ars: '064110000000', name: 'Wissenschaftsstadt Darmstadt' },
  serviceKey: '99050012104000',
  serviceName: 'Gewerbe anmelden',
  applicant: {
    kind: 'ORGANISATION',
    familyName: 'Weiß',
    givenName: 'Jürgen',
    birthDate: null,
    organisationName: 'Weiß Feinbäckerei GmbH',
    address: { street: 'Rheinstraße', houseNumber: '40', postalCode: '64283', city: 'Darmstadt', countryCode: 'DE' },
    email: 'juergen.weiss@weiss-feinbaeckerei.example',
    phone: '+49 6151 8473920',
  },
  data: {
    'de.amtsbote.application.v1.Gewerbeanzeige': {
      notice: 'ANMELDUNG',
      effectiveDate: new Date(Date.UTC(2025, 4, 1)),
      businessName: 'Weiß Feinbäckerei GmbH',
      legalForm: 'GmbH',
      activity: 'Herstellung und Verkauf von Backwaren, Café mit Ausschank alkoholfreier Getränke',
      premises: { street: 'Elisabethenstraße', houseNumber: '12a', postalCode: '64283', city: 'Darmstadt', countryCode: 'DE' },
      fullTimeEmployees: 4,
      partTimeEmployees: 3,
      isSideline: false,
      tradeRegister: { court: 'Amtsgericht Darmstadt', number: 'HRB 104711' },
      establishment: null,
      businessTypes: [],
      legalFormCode: null,
      reasonCodes: [],
    },
  },
  attachments: [
    {
      name: 'Gesellschaftsvertrag Weiß Feinbäckerei.pdf',
      mediaType: 'application/pdf',
      size: 184_233,
      sha256: '9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08',
      uri: 'https://onlinedienste.darmstadt.example/anlagen/DA-GEW-2025-000123/1',
    },
  ],
  frontOffice: { system: 'Onlinedienst Gewerbe Darmstadt', version: '4.2.0' },
  submittedAt: new Date('2025-03-31T22:30:00.000Z'),
};

/** A resident applies for a parking permit through a form without a typed contract; a test message. */
export const anwohnerparkausweis: ApplicationSubmitted = {
  eventId: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  applicationId: 'DA-PARK-2025-004711',
  tenant: { ags: '06411000', ars: null, name: 'Wissenschaftsstadt Darmstadt' },
  serviceKey: '99102013001000',
  serviceName: 'Bewohnerparkausweis beantragen',
  applicant: {
    kind: 'PERSON',
    familyName: 'Weiß',
    givenName: 'Jürgen',
    birthDate: new Date(Date.UTC(1978, 1, 28)),
    organisationName: null,
    address: { street: 'Mathildenhöhweg', houseNumber: '3', postalCode: '64287', city: 'Darmstadt', countryCode: 'DE' },
    email: null,
    phone: '0171 2345678',
  },
  data: {
    'de.amtsbote.application.v1.GenericForm': {
      fields: [
        { key: 'kennzeichen', label: 'Amtliches Kennzeichen', value: 'DA-JW 1978' },
        { key: 'parkzone', label: 'Bewohnerparkzone', value: 'Zone M (Mathildenhöhe)' },
        { key: 'halter', label: 'Halter des Fahrzeugs', value: 'Antragsteller selbst' },
      ],
    },
  },
  attachments: [],
  frontOffice: { system: 'Serviceportal Darmstadt', version: null },
  submittedAt: new Date('2025-06-02T08:05:31.250Z'),
};

/** The context the translator would give for a submission: a Darmstadt online service writes to a department. */
export function contextFor(submission: ApplicationSubmitted, overrides: Partial<MappingContext> = {}): MappingContext {
  return {
    messageId: deriveMessageId(submission.eventId, 'xdomea', 'Geschaeftsgang.Geschaeftsgang.0201'),
    createdAt: new Date(submission.submittedAt.getTime() + 42_000),
    sender: {
      id: 'darmstadt-onlinedienste',
      name: 'Wissenschaftsstadt Darmstadt, Digitalisierung und Onlinedienste',
      municipality: '06411000',
      dvdv: { prefix: 'ags', id: '06411000' },
    },
    recipient: {
      id: 'darmstadt-ordnungsamt',
      name: 'Wissenschaftsstadt Darmstadt, Ordnungsamt – Gewerbeangelegenheiten',
      municipality: '06411000',
      dvdv: { prefix: 'ags', id: '06411000-32' },
      email: 'gewerbe@darmstadt.example',
    },
    product: { name: 'Amtsbote', vendor: 'Wissenschaftsstadt Darmstadt', version: '0.1.0' },
    test: false,
    codeList: seedCodeListsFor('darmstadt-gewerbe-dms'),
    ...overrides,
  };
}

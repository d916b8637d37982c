import { createHash } from 'node:crypto';
import type { ApplicationSubmitted } from './generated/application-submitted.js';

/** Leistungsschlüssel (LeiKa) of the services Amtsbote's samples use. */
export const serviceKeys = {
  gewerbeanmeldung: '99050012104000',
} as const;

const people = [
  { givenName: 'Jürgen', familyName: 'Weiß', business: 'Weiß Feinbäckerei GmbH', legalForm: 'GmbH', activity: 'Herstellung und Verkauf von Backwaren' },
  { givenName: 'Özlem', familyName: 'Çelik', business: 'Çelik Änderungsschneiderei', legalForm: 'Einzelunternehmen', activity: 'Änderungsschneiderei und Textilreinigung' },
  { givenName: 'Hans-Jörg', familyName: 'Müller-Lüdenscheidt', business: 'Müller IT-Beratung', legalForm: 'Einzelunternehmen', activity: 'IT-Beratung und Softwareentwicklung' },
  { givenName: 'Anneliese', familyName: 'Groß', business: 'Blumen Groß e.K.', legalForm: 'eingetragener Kaufmann', activity: 'Einzelhandel mit Blumen und Pflanzen' },
] as const;

const streets = ['Luisenplatz', 'Rheinstraße', 'Heinrichstraße', 'Landgraf-Georg-Straße', 'Pützerstraße'] as const;

/** A realistic Gewerbeanmeldung for Darmstadt, varied by `n`; ids are derived from `n` so runs are repeatable. */
export function sampleGewerbeanmeldung(n: number, overrides: Partial<ApplicationSubmitted> = {}): ApplicationSubmitted {
  const person = people[n % people.length]!;
  const street = streets[n % streets.length]!;
  const id = createHash('sha256').update(`amtsbote-sample-${n}`).digest('hex');
  const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`;
  const attachment = Buffer.from(`Gewerbeanmeldung ${n}: Handelsregisterauszug`);
  return {
    eventId: uuid,
    applicationId: `DA-GEW-${String(n).padStart(8, '0')}`,
    tenant: { ags: '06411000', ars: '064110000000', name: 'Wissenschaftsstadt Darmstadt' },
    serviceKey: serviceKeys.gewerbeanmeldung,
    serviceName: 'Gewerbe anmelden',
    applicant: {
      kind: 'PERSON',
      familyName: person.familyName,
      givenName: person.givenName,
      birthDate: new Date(Date.UTC(1970 + (n % 30), n % 12, 1 + (n % 28))),
      organisationName: null,
      address: { street, houseNumber: String(1 + (n % 120)), postalCode: '64283', city: 'Darmstadt', countryCode: 'DE' },
      email: `antrag-${n}@example.org`,
      phone: '+49 6151 000000',
    },
    data: {
      'de.amtsbote.application.v1.Gewerbeanzeige': {
        notice: 'ANMELDUNG',
        effectiveDate: new Date(Date.UTC(2026, 11, 1)),
        businessName: person.business,
        legalForm: person.legalForm,
        activity: person.activity,
        premises: { street: 'Elisabethenstraße', houseNumber: String(10 + (n % 50)), postalCode: '64283', city: 'Darmstadt', countryCode: 'DE' },
        fullTimeEmployees: n % 7,
        partTimeEmployees: n % 3,
        isSideline: n % 5 === 0,
        tradeRegister: person.legalForm === 'GmbH' ? { court: 'Amtsgericht Darmstadt', number: `HRB ${90000 + n}` } : null,
      },
    },
    attachments: [
      {
        name: 'Handelsregisterauszug.pdf',
        mediaType: 'application/pdf',
        size: attachment.length,
        sha256: createHash('sha256').update(attachment).digest('hex'),
        uri: `https://portal.example.org/antraege/${uuid}/anlagen/1`,
      },
    ],
    frontOffice: { system: 'Darmstadt Online-Dienste', version: '2026.11' },
    submittedAt: new Date(Date.UTC(2026, 10, 25, 9, 0, n % 60)),
    ...overrides,
  };
}

import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { deriveMessageId } from '@amtsbote/xoev';
import { seedCodeListsFor } from '../../__fixtures__/seed-code-lists.js';
import type { MappingContext } from '../../registry.js';

const architekturbuero = {
  kind: 'ORGANISATION',
  familyName: 'Weißenbäumer',
  givenName: 'Ulrike',
  birthDate: null,
  organisationName: 'Weißenbäumer Architektur PartG mbB',
  address: { street: 'Frankfurter Straße', houseNumber: '71', postalCode: '64293', city: 'Darmstadt', countryCode: 'DE' },
  email: 'u.weissenbaeumer@architektur.example',
  phone: '+49 6151 3601720',
} as const satisfies ApplicationSubmitted['applicant'];

/**
 * An architects' office applies for a new detached house in Darmstadt-Eberstadt on behalf of a
 * couple's Bauherr; with chamber membership, three classified Bauvorlagen and two parcels.
 * Submitted at 00:30 Berlin time, i.e. on the previous UTC day.
 */
export const bauantragDarmstadt: ApplicationSubmitted = {
  eventId: '6b1f0c52-3d7e-4c5a-9f4e-2a8d7c1b9e03',
  applicationId: 'DA-BAU-2026-004217',
  tenant: { ags: '06411000', ars: '064110000000', name: 'Wissenschaftsstadt Darmstadt' },
  serviceKey: '99012070006000',
  serviceName: 'Baugenehmigung beantragen',
  applicant: architekturbuero,
  data: {
    'de.amtsbote.application.v1.Bauantrag': {
      projectTitle: 'Neubau eines Einfamilienhauses mit Carport',
      projectDescription: 'Zweigeschossiges Einfamilienhaus in Holzständerbauweise, Satteldach 38°, Carport an der Grundstücksgrenze zur Mühltalstraße.',
      measures: ['ERRICHTUNG'],
      buildingCount: 1,
      buildingClass: 'GK1',
      procedure: null,
      plot: {
        address: { street: 'Heidelberger Landstraße', houseNumber: '214a', postalCode: '64297', city: 'Darmstadt', countryCode: 'DE' },
        parcels: [
          { gemarkung: 'Eberstadt', gemarkungNumber: '0311', flur: '7', numerator: '412', denominator: '3' },
          { gemarkung: 'Eberstadt', gemarkungNumber: null, flur: '7', numerator: '413', denominator: null },
        ],
        developmentPlan: 'Bebauungsplan E 42 „Am Modaubogen“',
      },
      builderOwner: {
        kind: 'PERSON',
        familyName: 'Çelik-Müßig',
        givenName: 'Gülşen',
        birthDate: new Date(Date.UTC(1986, 2, 14)),
        organisationName: null,
        address: { street: 'Pankratiusstraße', houseNumber: '9', postalCode: '64289', city: 'Darmstadt', countryCode: 'DE' },
        email: 'g.celik-muessig@example.org',
        phone: '0171 2345678',
      },
      builderOwnerKind: 'PRIVATER_HAUSHALT',
      designer: {
        person: architekturbuero,
        chamber: { chamber: '15', membershipNumber: 'AKH 41735' },
      },
      documents: [
        { attachment: 0, documentType: '1803', title: 'Lageplan M 1:500' },
        { attachment: 1, documentType: '2001', title: null },
        { attachment: 2, documentType: '1501', title: null },
      ],
    },
  },
  attachments: [
    {
      name: 'Lageplan.pdf',
      mediaType: 'application/pdf',
      size: 412_733,
      sha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
      uri: 'https://bauportal.darmstadt.example/antraege/DA-BAU-2026-004217/anlagen/1',
    },
    {
      name: 'Grundrisse EG & OG (Entwurf 3).pdf',
      mediaType: 'application/pdf; version=1.7',
      size: 2_094_112,
      sha256: 'fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9',
      uri: 'https://bauportal.darmstadt.example/antraege/DA-BAU-2026-004217/anlagen/2',
    },
    {
      name: 'Baubeschreibung.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size: 48_120,
      sha256: 'baa5a0964d3320fbc0c6a922140453c8513ea24ab8fd0577034804a967248096',
      uri: 'https://bauportal.darmstadt.example/antraege/DA-BAU-2026-004217/anlagen/3',
    },
  ],
  frontOffice: { system: 'Bauportal Darmstadt', version: '3.4.1' },
  submittedAt: new Date('2026-03-31T22:30:00.000Z'),
};

/**
 * A Bauherr in Roßdorf applies himself (no Bauherr of its own, no Entwurfsverfasser stated) to turn
 * a barn into flats, with a Verfahrensart of the front office's list and one unclassified upload;
 * a test message.
 */
export const bauantragRossdorf: ApplicationSubmitted = {
  eventId: 'd2a7e9f1-58c4-4b63-8e21-7f0a4c6b3d95',
  applicationId: 'RO-BAU-2026-000031',
  tenant: { ags: '06432020', ars: '064320020020', name: 'Gemeinde Roßdorf' },
  serviceKey: '99012070006001',
  serviceName: 'Baugenehmigung beantragen',
  applicant: {
    kind: 'PERSON',
    familyName: 'Schäfer',
    givenName: 'Jörg',
    birthDate: new Date(Date.UTC(1971, 9, 3)),
    organisationName: null,
    address: { street: 'Erbacher Straße', houseNumber: '12', postalCode: '64380', city: 'Roßdorf', countryCode: 'DE' },
    email: null,
    phone: '06154 7730',
  },
  data: {
    'de.amtsbote.application.v1.Bauantrag': {
      projectTitle: 'Umbau einer Scheune zu zwei Wohnungen',
      projectDescription: null,
      measures: ['AENDERUNG', 'NUTZUNGSAENDERUNG_MIT_BAULICHER_AENDERUNG'],
      buildingCount: 1,
      buildingClass: null,
      // A front office's own list, passed through as the contract says (the Land's list is not
      // among the reference files).
      procedure: { code: 'vereinfacht', listUri: 'urn:example:hessen:verfahrensart', listVersionId: '1' },
      plot: {
        address: null,
        parcels: [{ gemarkung: 'Gundernhausen', gemarkungNumber: null, flur: null, numerator: '88', denominator: null }],
        developmentPlan: null,
      },
      builderOwner: null,
      builderOwnerKind: null,
      designer: null,
      documents: [],
    },
  },
  attachments: [
    {
      name: 'Scheune Ansicht Süd.jpg',
      mediaType: 'image/jpeg',
      size: 1_377_205,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      uri: 'https://bauportal.ladadi.example/antraege/RO-BAU-2026-000031/anlagen/1',
    },
  ],
  frontOffice: { system: 'Bauportal Landkreis Darmstadt-Dieburg', version: null },
  submittedAt: new Date('2026-06-02T08:05:31.250Z'),
};

/**
 * The context the translator would give: the municipality's online services write to the
 * Bauaufsicht. The DVDV keys are placeholders of the form the official rule sch-xbau-001/002 asks
 * for (three lower-case letters, a colon, digits); the real ones come from master data.
 */
export function contextFor(submission: ApplicationSubmitted, overrides: Partial<MappingContext> = {}): MappingContext {
  const rossdorf = submission.tenant.ags === '06432020';
  return {
    messageId: deriveMessageId(submission.eventId, 'XBau', 'baugenehmigung.antrag.0200'),
    createdAt: new Date(submission.submittedAt.getTime() + 42_000),
    sender: rossdorf
      ? { id: 'rossdorf-online-dienste', name: 'Gemeinde Roßdorf, Online-Dienste', municipality: '06432020', dvdv: { prefix: 'ozg', id: '06432020' } }
      : { id: 'darmstadt-online-dienste', name: 'Wissenschaftsstadt Darmstadt, Online-Dienste', municipality: '06411000', dvdv: { prefix: 'ozg', id: '06411000' } },
    recipient: rossdorf
      ? { id: 'ladadi-bauaufsicht', name: 'Landkreis Darmstadt-Dieburg, Bauaufsicht', municipality: '06432020', dvdv: { prefix: 'bau', id: '06432000' } }
      : {
          id: 'darmstadt-bauaufsicht',
          name: 'Wissenschaftsstadt Darmstadt, Bauaufsicht',
          municipality: '06411000',
          dvdv: { prefix: 'bau', id: '06411000' },
          email: 'bauaufsicht@darmstadt.example',
        },
    product: { name: 'Amtsbote', vendor: 'Wissenschaftsstadt Darmstadt', version: '0.1.0' },
    test: false,
    codeList: seedCodeListsFor('darmstadt-bauaufsicht-xbau'),
    ...overrides,
  };
}

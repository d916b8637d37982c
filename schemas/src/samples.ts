import { createHash } from 'node:crypto';
import type { ApplicationSubmitted, DeAmtsboteApplicationV1 } from './generated/application-submitted.js';

/**
 * Leistungsschlüssel (LeiKa) of the services Amtsbote's samples use, each with where it was
 * verified. `null` means no public source could confirm the key: it is left open on purpose,
 * because a guessed key would route real applications to the wrong back office.
 * Checked on 2026-11-25 with the search tools of the development environment (no live access
 * to the Leistungsverzeichnis or the PVOG).
 */
export const serviceKeys: {
  readonly gewerbeanmeldung: string;
  readonly gewerbeummeldung: string | null;
  readonly gewerbeabmeldung: string | null;
  readonly baugenehmigung: string;
} = {
  /**
   * "Gewerbe anmelden". Verified in three independent public sources: a test of the Hessian
   * XZuFi/PVOG client in a civento routing repository (the Hessian Zuständigkeitsfinder returns
   * the service "Gewerbe anmelden" for leikaId 99050012104000), a PVOG-Suchdienst client
   * ("Leistung Gewerbe anmelden (LeiKa 99050012104000)"), and links to the Leistungsverzeichnis
   * (verwaltung.bund.de/leistungsverzeichnis/de/leistung/99050012104000) and to
   * meineverwaltung.nrw/leistung/99050012104000.
   */
  gewerbeanmeldung: '99050012104000',
  /** "Gewerbe ummelden": NOT verified. No public source reachable here names its key; add it once confirmed in the Leistungsverzeichnis (verwaltung.bund.de) or the PVOG. */
  gewerbeummeldung: null,
  /** "Gewerbe abmelden": NOT verified, as for gewerbeummeldung. */
  gewerbeabmeldung: null,
  /**
   * "Baugenehmigung" (Leistungsobjekt 99012070, Verrichtung 006 "Erteilung"), PARTLY verified: two
   * independent public repositories link the Leistungsverzeichnis entries of the building permit,
   * verwaltung.bund.de/leistungsverzeichnis/de/leistung/99012070006000/herausgeber/BY-1839/region/090000000000
   * ("Bundesportal building-permit guidance") and …/leistung/99012070006001 ("verwaltung.bund.de —
   * Baugenehmigung"). The key with detail 000 is the general one used here; whether Hessen's
   * Stammtext "Baugenehmigung beantragen" carries 000 or a variant (001) could not be confirmed
   * without live access to the Leistungsverzeichnis, so the XBau mapping accepts both.
   */
  baugenehmigung: '99012070006000',
};

type Notice = DeAmtsboteApplicationV1.GewerbeanzeigeArt;
type Betriebsart = DeAmtsboteApplicationV1.GewerbeBetriebsart;

// legalFormCode: only the codes the KoSIT XGewerbeanzeige examples show for these forms
// (GmbH 350, e.K. 170); the Rechtsformen list itself is not available here, so an
// Einzelunternehmen has none.
const people: readonly {
  givenName: string;
  familyName: string;
  business: string;
  legalForm: string;
  legalFormCode: string | null;
  businessTypes: readonly Betriebsart[];
  activity: string;
  extendedActivity: string;
}[] = [
  { givenName: 'Jürgen', familyName: 'Weiß', business: 'Weiß Feinbäckerei GmbH', legalForm: 'GmbH', legalFormCode: '350', businessTypes: ['HANDWERK', 'HANDEL'], activity: 'Herstellung und Verkauf von Backwaren', extendedActivity: 'Café mit Ausschank alkoholfreier Getränke' },
  { givenName: 'Özlem', familyName: 'Çelik', business: 'Çelik Änderungsschneiderei', legalForm: 'Einzelunternehmen', legalFormCode: null, businessTypes: ['HANDWERK'], activity: 'Änderungsschneiderei und Textilreinigung', extendedActivity: 'Verkauf von Kurzwaren' },
  { givenName: 'Hans-Jörg', familyName: 'Müller-Lüdenscheidt', business: 'Müller IT-Beratung', legalForm: 'Einzelunternehmen', legalFormCode: null, businessTypes: ['SONSTIGES'], activity: 'IT-Beratung und Softwareentwicklung', extendedActivity: 'Handel mit Computer-Hardware' },
  { givenName: 'Anneliese', familyName: 'Groß', business: 'Blumen Groß e.K.', legalForm: 'eingetragener Kaufmann', legalFormCode: '170', businessTypes: ['HANDEL'], activity: 'Einzelhandel mit Blumen und Pflanzen', extendedActivity: 'Floristik für Veranstaltungen' },
];

/** How each kind of notice is named, numbered and keyed in the samples. */
const notices: Record<Notice, { serviceName: string; serviceKey: string | null; idPrefix: string; seed: (n: number) => string }> = {
  // The Anmeldung keeps the seed it always had, so earlier sample ids stay the same.
  ANMELDUNG: { serviceName: 'Gewerbe anmelden', serviceKey: serviceKeys.gewerbeanmeldung, idPrefix: 'DA-GEW', seed: (n) => `amtsbote-sample-${n}` },
  UMMELDUNG: { serviceName: 'Gewerbe ummelden', serviceKey: serviceKeys.gewerbeummeldung, idPrefix: 'DA-GEWUM', seed: (n) => `amtsbote-sample-ummeldung-${n}` },
  ABMELDUNG: { serviceName: 'Gewerbe abmelden', serviceKey: serviceKeys.gewerbeabmeldung, idPrefix: 'DA-GEWAB', seed: (n) => `amtsbote-sample-abmeldung-${n}` },
};

const streets = ['Luisenplatz', 'Rheinstraße', 'Heinrichstraße', 'Landgraf-Georg-Straße', 'Pützerstraße'] as const;

/** A realistic Gewerbeanmeldung for Darmstadt, varied by `n`; ids are derived from `n` so runs are repeatable. */
export function sampleGewerbeanmeldung(n: number, overrides: Partial<ApplicationSubmitted> = {}): ApplicationSubmitted {
  return sampleGewerbeanzeige(n, 'ANMELDUNG', overrides);
}

/**
 * A realistic Gewerbeanzeige for Darmstadt of the given kind, varied by `n`: an Anmeldung, an
 * Ummeldung because the business extends its activity, or an Abmeldung. For a kind whose
 * Leistungsschlüssel is not verified (see `serviceKeys`), pass `overrides.serviceKey`; without
 * it this throws rather than make a key up.
 */
export function sampleGewerbeanzeige(n: number, notice: Notice, overrides: Partial<ApplicationSubmitted> = {}): ApplicationSubmitted {
  const kind = notices[notice];
  const serviceKey = overrides.serviceKey ?? kind.serviceKey;
  if (serviceKey === null) {
    throw new Error(`no verified Leistungsschlüssel for "${kind.serviceName}" (see serviceKeys); pass overrides.serviceKey`);
  }
  const person = people[n % people.length]!;
  const street = streets[n % streets.length]!;
  const id = createHash('sha256').update(kind.seed(n)).digest('hex');
  const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`;
  const attachment = Buffer.from(`Gewerbeanmeldung ${n}: Handelsregisterauszug`);
  return {
    eventId: uuid,
    applicationId: `${kind.idPrefix}-${String(n).padStart(8, '0')}`,
    tenant: { ags: '06411000', ars: '064110000000', name: 'Wissenschaftsstadt Darmstadt' },
    serviceKey,
    serviceName: kind.serviceName,
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
        notice,
        effectiveDate: new Date(Date.UTC(2026, 11, 1)),
        businessName: person.business,
        legalForm: person.legalForm,
        activity: notice === 'UMMELDUNG' ? `${person.activity}; neu: ${person.extendedActivity}` : person.activity,
        premises: { street: 'Elisabethenstraße', houseNumber: String(10 + (n % 50)), postalCode: '64283', city: 'Darmstadt', countryCode: 'DE' },
        fullTimeEmployees: n % 7,
        partTimeEmployees: n % 3,
        isSideline: n % 5 === 0,
        tradeRegister: registerEntryOf(person.legalForm, n),
        establishment: 'HAUPTNIEDERLASSUNG',
        businessTypes: [...person.businessTypes],
        legalFormCode: person.legalFormCode,
        // 01 for a new business and 02 for an Ummeldung after a change of activity are the codes of
        // the KoSIT examples for exactly these cases; the Abmeldung list is not available here.
        reasonCodes: notice === 'ANMELDUNG' ? ['01'] : notice === 'UMMELDUNG' ? ['02'] : [],
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

function registerEntryOf(legalForm: string, n: number): DeAmtsboteApplicationV1.RegisterEntry | null {
  if (legalForm === 'GmbH') return { court: 'Amtsgericht Darmstadt', number: `HRB ${90000 + n}` };
  if (legalForm === 'eingetragener Kaufmann') return { court: 'Amtsgericht Darmstadt', number: `HRA ${80000 + n}` };
  return null;
}

type BauantragData = DeAmtsboteApplicationV1.Bauantrag;

// Darmstadt (AGS 06411000) and Roßdorf in the Landkreis Darmstadt-Dieburg (AGS 06432020), with
// Gemarkungen and streets of each place.
const bauorte = [
  {
    tenant: { ags: '06411000', ars: '064110000000', name: 'Wissenschaftsstadt Darmstadt' },
    idPrefix: 'DA-BAU',
    city: 'Darmstadt',
    postalCode: '64285',
    streets: ['Heidelberger Straße', 'Eschollbrücker Straße', 'Mühltalstraße'],
    gemarkungen: ['Bessungen', 'Eberstadt', 'Arheilgen'],
    frontOffice: 'Darmstadt Online-Dienste',
  },
  {
    tenant: { ags: '06432020', ars: '064320020020', name: 'Gemeinde Roßdorf' },
    idPrefix: 'RO-BAU',
    city: 'Roßdorf',
    postalCode: '64380',
    streets: ['Erbacher Straße', 'Dieburger Straße', 'Am Jägertor'],
    gemarkungen: ['Roßdorf', 'Gundernhausen'],
    frontOffice: 'Bauportal Landkreis Darmstadt-Dieburg',
  },
] as const;

const bauherren = [
  { givenName: 'Jörg', familyName: 'Müßig' },
  { givenName: 'Gülşen', familyName: 'Öztürk' },
  { givenName: 'Käthe', familyName: 'Schäfer-Löw' },
] as const;

const vorhaben: readonly { title: string; measures: BauantragData['measures']; buildingClass: BauantragData['buildingClass'] }[] = [
  { title: 'Neubau eines Einfamilienhauses mit Carport', measures: ['ERRICHTUNG'], buildingClass: 'GK1' },
  { title: 'Anbau eines Wintergartens an ein Doppelhaus', measures: ['AENDERUNG'], buildingClass: 'GK2' },
  { title: 'Umbau einer Scheune zu zwei Wohnungen', measures: ['NUTZUNGSAENDERUNG_MIT_BAULICHER_AENDERUNG'], buildingClass: 'GK3' },
];

/**
 * A realistic Bauantrag in Darmstadt (even `n`) or Roßdorf (odd `n`), varied by `n`: submitted by the
 * Entwurfsverfasser, an architect of the Hessian chamber, on behalf of a private Bauherr, with a
 * Lageplan, the Bauzeichnungen and a Baubeschreibung. Ids are derived from `n` so runs are repeatable.
 */
export function sampleBauantrag(n: number, overrides: Partial<ApplicationSubmitted> = {}): ApplicationSubmitted {
  const ort = bauorte[n % bauorte.length]!;
  const bauherr = bauherren[n % bauherren.length]!;
  const projekt = vorhaben[n % vorhaben.length]!;
  const id = createHash('sha256').update(`amtsbote-sample-bauantrag-${n}`).digest('hex');
  const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`;
  const plotAddress = { street: ort.streets[n % ort.streets.length]!, houseNumber: String(2 + (n % 60)), postalCode: ort.postalCode, city: ort.city, countryCode: 'DE' };
  const files = [
    { name: 'Lageplan.pdf', type: '1803' },
    { name: 'Grundrisse Erdgeschoss und Obergeschoss.pdf', type: '2001' },
    { name: 'Baubeschreibung.pdf', type: '1501' },
  ];
  return {
    eventId: uuid,
    applicationId: `${ort.idPrefix}-${String(n).padStart(8, '0')}`,
    tenant: { ...ort.tenant },
    serviceKey: serviceKeys.baugenehmigung,
    serviceName: 'Baugenehmigung beantragen',
    applicant: {
      kind: 'ORGANISATION',
      familyName: 'Weißenbäumer',
      givenName: 'Ulrike',
      birthDate: null,
      organisationName: 'Weißenbäumer Architektur PartG mbB',
      address: { street: 'Frankfurter Straße', houseNumber: '71', postalCode: '64293', city: 'Darmstadt', countryCode: 'DE' },
      email: `bauantrag-${n}@architektur.example`,
      phone: '+49 6151 000100',
    },
    data: {
      'de.amtsbote.application.v1.Bauantrag': {
        projectTitle: projekt.title,
        projectDescription: `${projekt.title} auf dem Grundstück ${plotAddress.street} ${plotAddress.houseNumber}, ${ort.city}.`,
        measures: [...projekt.measures],
        buildingCount: 1,
        buildingClass: projekt.buildingClass,
        procedure: null,
        plot: {
          address: plotAddress,
          parcels: [{ gemarkung: ort.gemarkungen[n % ort.gemarkungen.length]!, gemarkungNumber: null, flur: String(1 + (n % 9)), numerator: String(100 + n), denominator: n % 2 === 0 ? '2' : null }],
          developmentPlan: n % 3 === 0 ? null : `Bebauungsplan Nr. ${10 + (n % 40)}`,
        },
        builderOwner: {
          kind: 'PERSON',
          familyName: bauherr.familyName,
          givenName: bauherr.givenName,
          birthDate: null,
          organisationName: null,
          address: { ...plotAddress },
          email: null,
          phone: null,
        },
        builderOwnerKind: 'PRIVATER_HAUSHALT',
        designer: {
          person: {
            kind: 'PERSON',
            familyName: 'Weißenbäumer',
            givenName: 'Ulrike',
            birthDate: null,
            organisationName: 'Weißenbäumer Architektur PartG mbB',
            address: { street: 'Frankfurter Straße', houseNumber: '71', postalCode: '64293', city: 'Darmstadt', countryCode: 'DE' },
            email: `bauantrag-${n}@architektur.example`,
            phone: '+49 6151 000100',
          },
          // 15: Architekten- und Stadtplanerkammer Hessen (XBau code list Kammer 2.0).
          chamber: { chamber: '15', membershipNumber: `AKH-${String(40000 + n)}` },
        },
        documents: files.map((file, index) => ({ attachment: index, documentType: file.type, title: null })),
      },
    },
    attachments: files.map((file, index) => {
      const content = Buffer.from(`Bauantrag ${n}: ${file.name}`);
      return {
        name: file.name,
        mediaType: 'application/pdf',
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        uri: `https://portal.example.org/bauantraege/${uuid}/anlagen/${index + 1}`,
      };
    }),
    frontOffice: { system: ort.frontOffice, version: '2026.11' },
    submittedAt: new Date(Date.UTC(2026, 10, 25, 10, 0, n % 60)),
    ...overrides,
  };
}

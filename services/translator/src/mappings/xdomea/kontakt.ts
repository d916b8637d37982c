import type { ApplicationSubmitted } from '@amtsbote/schemas';
import { toXsdDate, isGermanMobileNumber, hasText, type XoevCode } from '@amtsbote/xoev';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CodeListOf, MappingContext } from '../registry.js';
import { anschriftstypAktuell, kanal, staat } from './xdomea-code-lists.js';
import type { XdomeaWriter } from './xdomea-writer.js';

type Authority = MappingContext['sender'];
type Applicant = ApplicationSubmitted['applicant'];
type Address = Applicant['address'];

// KontaktType is a sequence: Behoerdenkennung, Institution, Organisationseinheit, Name, Taetigkeit,
// Zustaendigkeit, Anschrift*, Kommunikation*, Rolle, UnstrukturierteAnschrift*, Geburt. The
// functions below append in exactly that order.

/** Fills a KontaktType element with an authority: its DVDV key, name and e-mail. */
export function writeAuthorityKontakt(w: XdomeaWriter, codeList: CodeListOf, kontakt: XMLBuilder, authority: Authority, field: string): void {
  const kennung = w.element(kontakt, 'Behoerdenkennung');
  // No code list URI: DVDV keys are lists per prefix that are not published as XÖV code lists.
  w.code(kennung, 'Behoerdenschluessel', { code: w.sanitize(authority.dvdv.id, `${field}.dvdv.id`) });
  w.code(kennung, 'Praefix', { code: w.sanitize(authority.dvdv.prefix, `${field}.dvdv.prefix`) });
  w.text(w.element(kontakt, 'Institution'), 'Name', authority.name, `${field}.name`);
  if (authority.email) writeKommunikation(w, kontakt, kanal(codeList, 'email'), authority.email, `${field}.email`);
}

/** Fills a KontaktType element with the applicant, in the role "Antragsteller". */
export function writeApplicantKontakt(w: XdomeaWriter, codeList: CodeListOf, kontakt: XMLBuilder, applicant: Applicant): void {
  if (applicant.kind === 'ORGANISATION' && applicant.organisationName) {
    w.text(w.element(kontakt, 'Institution'), 'Name', applicant.organisationName, 'applicant.organisationName');
  }
  // For an organisation, a given person's name is its contact person; for a person, their own name.
  if (hasText(applicant.familyName) || hasText(applicant.givenName)) {
    const name = w.element(kontakt, 'Name');
    if (hasText(applicant.familyName)) w.text(w.element(name, 'Familienname'), 'Name', applicant.familyName, 'applicant.familyName');
    if (hasText(applicant.givenName)) w.text(w.element(name, 'Vorname'), 'Name', applicant.givenName, 'applicant.givenName');
  }
  writeAnschrift(w, codeList, kontakt, applicant.address, 'applicant.address');
  if (hasText(applicant.email)) writeKommunikation(w, kontakt, kanal(codeList, 'email'), applicant.email, 'applicant.email');
  if (hasText(applicant.phone)) {
    writeKommunikation(w, kontakt, kanal(codeList, isGermanMobileNumber(applicant.phone) ? 'mobil' : 'festnetz'), applicant.phone, 'applicant.phone');
  }
  // Rolle is a plain xoev-code:Code; xdomea names "Antragsteller" as its example but publishes no list.
  w.code(kontakt, 'Rolle', { code: 'Antragsteller' });
  if (applicant.kind === 'PERSON' && applicant.birthDate) {
    w.value(w.element(kontakt, 'Geburt'), 'Datum', toXsdDate(applicant.birthDate, 'applicant.birthDate'));
  }
}

/** Fills a KontaktType element with a business premises (Betriebsstätte) as an institution with its address. */
export function writeBetriebsstaetteKontakt(
  w: XdomeaWriter,
  codeList: CodeListOf,
  kontakt: XMLBuilder,
  businessName: string,
  premises: Address,
  field: string,
): void {
  w.text(w.element(kontakt, 'Institution'), 'Name', businessName, `${field}.businessName`);
  writeAnschrift(w, codeList, kontakt, premises, `${field}.premises`);
  w.code(kontakt, 'Rolle', { code: 'Betriebsstätte' });
}

/** Appends an AnschriftType element. */
export function writeAnschrift(w: XdomeaWriter, codeList: CodeListOf, parent: XMLBuilder, address: Address, field: string): void {
  const anschrift = w.element(parent, 'Anschrift');
  // StaatType wraps the code: Anschrift/Staat/Staat.
  w.code(w.element(anschrift, 'Staat'), 'Staat', staat(codeList, w.sanitize(address.countryCode.trim().toUpperCase(), `${field}.countryCode`)));
  w.text(anschrift, 'Strasse', address.street, `${field}.street`);
  w.optionalText(anschrift, 'Hausnummer', address.houseNumber, `${field}.houseNumber`);
  w.text(anschrift, 'Postleitzahl', address.postalCode, `${field}.postalCode`);
  w.text(anschrift, 'Ort', address.city, `${field}.city`);
  w.code(anschrift, 'Typ', anschriftstypAktuell(codeList));
}

function writeKommunikation(
  w: XdomeaWriter,
  kontakt: XMLBuilder,
  channel: XoevCode,
  kennung: string,
  field: string,
): void {
  const kommunikation = w.element(kontakt, 'Kommunikation');
  w.code(kommunikation, 'Kanal', channel);
  w.text(kommunikation, 'Kennung', kennung, field);
}



/** How the applicant is called in a subject line, sanitized: the organisation's name, else the person's name. */
export function applicantDisplayName(w: XdomeaWriter, applicant: Applicant): string {
  if (applicant.kind === 'ORGANISATION' && hasText(applicant.organisationName)) {
    return w.sanitize(applicant.organisationName, 'applicant.organisationName');
  }
  const person = [
    hasText(applicant.givenName) ? w.sanitize(applicant.givenName, 'applicant.givenName') : null,
    hasText(applicant.familyName) ? w.sanitize(applicant.familyName, 'applicant.familyName') : null,
  ]
    .filter((part) => part !== null)
    .join(' ');
  if (person !== '') return person;
  return hasText(applicant.organisationName) ? w.sanitize(applicant.organisationName, 'applicant.organisationName') : 'Antragsteller ohne Namen';
}

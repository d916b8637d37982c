import { isGermanMobileNumber } from '@amtsbote/xoev';
import type { SubmissionTypes } from '@amtsbote/schemas';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CodeListOf } from '../registry.js';
import { kanal } from './xbau-code-lists.js';
import { hasText, type XbauWriter } from './xbau-writer.js';

type Party = SubmissionTypes.Applicant;
type Address = SubmissionTypes.Address;

// Every element below is declared in a Kernmodul type (xbauk, elementFormDefault unqualified), so all
// are unqualified; the order is the XSD's sequence order.

/**
 * Fills an element of type xbauk:Akteur with a person or an organisation. `id` identifies the party
 * within the message (the same party in two roles gets the same id). An organisation's person
 * names become its Ansprechpartner; an "organisation" without a name is taken as a person.
 */
export function writeAkteur(w: XbauWriter, codeList: CodeListOf, akteur: XMLBuilder, party: Party, id: string, field: string): void {
  if (party.kind === 'ORGANISATION' && hasText(party.organisationName)) {
    const organisation = w.u(akteur, 'organisation');
    w.value(w.u(organisation, 'id'), id);
    w.text(w.u(w.u(organisation, 'name'), 'name'), party.organisationName, `${field}.organisationName`);
    writeAnschrift(w, w.u(organisation, 'anschrift'), party.address, `${field}.address`);
    writeKommunikation(w, codeList, organisation, party, field);
    if (hasText(party.familyName) || hasText(party.givenName)) {
      writeName(w, w.u(w.u(organisation, 'ansprechpartner'), 'name'), party, field);
    }
    return;
  }
  const person = w.u(akteur, 'natuerlichePerson');
  w.value(w.u(person, 'id'), id);
  writeName(w, w.u(person, 'name'), party, field);
  writeAnschrift(w, w.u(person, 'anschrift'), party.address, `${field}.address`);
  writeKommunikation(w, codeList, person, party, field);
}

/** Fills an element of type xbauk:Anschrift (or XBau's restriction of it for plots, which has no `staat`). */
export function writeAnschrift(w: XbauWriter, anschrift: XMLBuilder, address: Address, field: string): void {
  // Every part is optional in XBau; a blank one is left out (the official rules forbid empty elements).
  if (hasText(address.street)) w.text(w.u(anschrift, 'strasse'), address.street, `${field}.street`);
  if (hasText(address.houseNumber)) w.text(w.u(anschrift, 'hausnummer'), address.houseNumber, `${field}.houseNumber`);
  if (hasText(address.postalCode)) w.text(w.u(anschrift, 'postleitzahl'), address.postalCode, `${field}.postalCode`);
  if (hasText(address.city)) w.text(w.u(anschrift, 'ort'), address.city, `${field}.city`);
  // `staat` takes a destatis code whose list is not among the reference files; a foreign address
  // names its ISO country code in `zusatz`, so it is not mistaken for a German one.
  const country = address.countryCode.trim().toUpperCase();
  if (country !== '' && country !== 'DE') w.text(w.u(anschrift, 'zusatz'), `Staat (ISO 3166-1): ${country}`, `${field}.countryCode`);
}

// xbauk:NameNatuerlichePerson: Familienname and Vorname are both required; a missing one is stated
// as `nichtVorhanden` rather than left empty (the official rule against empty elements forbids that).
function writeName(w: XbauWriter, name: XMLBuilder, party: Party, field: string): void {
  for (const [element, value, path] of [
    ['familienname', party.familyName, `${field}.familyName`],
    ['vorname', party.givenName, `${field}.givenName`],
  ] as const) {
    const allgemeinerName = w.u(name, element);
    if (hasText(value)) w.text(w.u(allgemeinerName, 'name'), value, path);
    else w.value(w.u(allgemeinerName, 'nichtVorhanden'), 'true');
  }
}

function writeKommunikation(w: XbauWriter, codeList: CodeListOf, parent: XMLBuilder, party: Party, field: string): void {
  if (hasText(party.email)) {
    const kommunikation = w.u(parent, 'kommunikation');
    w.code(kommunikation, 'u', 'kanal', kanal(codeList, 'email'));
    w.text(w.u(kommunikation, 'kennung'), party.email, `${field}.email`);
  }
  if (hasText(party.phone)) {
    const kommunikation = w.u(parent, 'kommunikation');
    w.code(kommunikation, 'u', 'kanal', kanal(codeList, isGermanMobileNumber(party.phone) ? 'mobil' : 'festnetz'));
    w.text(w.u(kommunikation, 'kennung'), party.phone, `${field}.phone`);
  }
}


import { serviceKeys, type ApplicationSubmitted } from '@amtsbote/schemas';
import { deriveObjectId, GERMAN_TIME_ZONE, serializeXml, toXsdDate, toXsdDateInTimeZone, toXsdDateTime, XoevError, type TextReplacementLog, isGermanMobileNumber, hasText } from '@amtsbote/xoev';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CodeListOf, Mapping, MappingContext } from '../registry.js';
import {
  behoerdenKennung,
  dvdvPraefix,
  EINTRAGUNGSART_BY_REGISTER,
  GEMEINDESCHLUESSEL_LIST_VERSION,
  gerichtSchluessel,
  janein,
  KANAL,
  NACHRICHTENTYP_0300,
  NATION_BY_COUNTRY,
  NEIN,
  NIEDERLASSUNGSART,
  PERSONFUNKTION,
  REGISTERGERICHTE,
  TEST_ATTRIBUTE_VALUE,
  XGEWERBEANZEIGE_CODE_LISTS,
} from './xgewerbeanzeige-codes.js';
import { createXGewerbeanzeigeWriter, XGEWERBEANZEIGE_VERSION, type XoevWriter } from './xgewerbeanzeige-writer.js';

type Gewerbeanzeige = NonNullable<ApplicationSubmitted['data']['de.amtsbote.application.v1.Gewerbeanzeige']>;
type Applicant = ApplicationSubmitted['applicant'];
type Address = Applicant['address'];
type Authority = MappingContext['sender'];

/** The message type this module writes: the general Gewerbemeldung with the full data set. */
export const MESSAGE_TYPE_0300 = 'alg.gewerbemeldung.0300';

const ROOT = `xga:${MESSAGE_TYPE_0300}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Codes of lists Amtsbote cannot read (Rechtsformen, Grund für An-/Um-/Abmeldung) come from the
// front office; they are short alphanumeric keys, and anything else is refused, not passed on.
const CODE = /^[0-9A-Za-z]{1,8}$/;

/** The element of `satz` per kind of notice. */
const SATZART: Record<Gewerbeanzeige['notice'], string> = {
  ANMELDUNG: 'anmeldung',
  UMMELDUNG: 'ummeldung',
  ABMELDUNG: 'abmeldung',
};

/**
 * Builds an XGewerbeanzeige 2.0 alg.gewerbemeldung.0300 carrying one Gewerbeanzeige (An-, Um- or
 * Abmeldung) from an online service to the Gewerbeamt, shaped on the KoSIT example message:
 *
 * - nachrichtenkopf: message id, type 0300, creation time; leser = the recipient (Gewerbeamt),
 *   autor = the sender (the municipality's online services), each by DVDV prefix and key.
 * - satz/anmeldung|ummeldung|abmeldung: the notice with the business (betrieb, employees, kind,
 *   establishment, premises), the applicant as beteiligtePerson, dates, activity and reasons.
 *
 * What the Gewerbeamt assigns itself (gemeindeMeldungNr, gewerbebetriebID, the WZ key of the
 * activity) is left out. Pure: the same submission and context give the same bytes; replaced
 * characters are reported to `log`. Throws XoevError for data no valid message can carry.
 */
export function mapGewerbeanzeigeToXGewerbeanzeige(
  submission: ApplicationSubmitted,
  context: MappingContext,
  log?: TextReplacementLog,
): string {
  if (!UUID.test(context.messageId)) {
    throw new XoevError('XOEV_INVALID_VALUE', 'context.messageId is not a UUID', { field: 'context.messageId' });
  }
  const gewerbeanzeige = submission.data['de.amtsbote.application.v1.Gewerbeanzeige'];
  if (!gewerbeanzeige) {
    throw new XoevError('XOEV_INVALID_VALUE', 'XGewerbeanzeige carries only a Gewerbeanzeige, not this kind of data', { field: 'data' });
  }
  const w = createXGewerbeanzeigeWriter(log);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(w.namespace, ROOT);
  root
    .att('produkt', w.sanitize(context.product.name, 'context.product.name'))
    .att('produkthersteller', w.sanitize(context.product.vendor, 'context.product.vendor'))
    .att('produktversion', w.sanitize(context.product.version, 'context.product.version'))
    .att('standard', 'XGewerbeanzeige')
    .att('version', XGEWERBEANZEIGE_VERSION);
  if (context.test) root.att('test', TEST_ATTRIBUTE_VALUE);

  writeNachrichtenkopf(w, w.element(root, 'nachrichtenkopf'), context);
  const satz = w.element(w.element(root, 'satz'), SATZART[gewerbeanzeige.notice]);
  writeSatz(w, satz, submission, gewerbeanzeige, context);
  return serializeXml(root.doc());
}

/** The Leistungsschlüssel of the Gewerbeanzeige services, as far as they are verified (see `serviceKeys`). */
export const gewerbeanzeigeServiceKeys: readonly string[] = [
  serviceKeys.gewerbeanmeldung,
  serviceKeys.gewerbeummeldung,
  serviceKeys.gewerbeabmeldung,
].filter((key): key is string => key !== null);

/**
 * The mapping as the translator's registry knows it. The official XSD is not freely available, so
 * it validates only where the operator has put it at `schemaFile` (the KoSIT test-suite layout).
 */
export const xgewerbeanzeigeGewerbemeldung0300Mapping: Mapping = {
  standard: 'XGewerbeanzeige',
  version: XGEWERBEANZEIGE_VERSION,
  messageType: MESSAGE_TYPE_0300,
  serviceKeys: gewerbeanzeigeServiceKeys,
  codeLists: Object.values(XGEWERBEANZEIGE_CODE_LISTS),
  schemaFile: `xgewerbeanzeige-${XGEWERBEANZEIGE_VERSION}/xgewerbeanzeige.xsd`,
  schemaOptional: true,
  map: mapGewerbeanzeigeToXGewerbeanzeige,
};

function writeNachrichtenkopf(w: XoevWriter, kopf: XMLBuilder, context: MappingContext): void {
  const identifikation = w.element(kopf, 'identifikation.nachricht');
  w.value(identifikation, 'nachrichtenUUID', context.messageId.toLowerCase());
  w.code(identifikation, 'nachrichtentyp', NACHRICHTENTYP_0300);
  w.value(identifikation, 'erstellungszeitpunkt', toXsdDateTime(context.createdAt, 'context.createdAt'));
  writeBehoerde(w, context.codeList, w.element(kopf, 'leser'), context.recipient, 'context.recipient');
  writeBehoerde(w, context.codeList, w.element(kopf, 'autor'), context.sender, 'context.sender');
}

// Behörde: behoerdenkennung, erreichbarkeit*, anschrift?, behoerdenname (2.0 example). Master
// data has no postal address of an authority, so anschrift is left out.
function writeBehoerde(w: XoevWriter, codeList: CodeListOf, behoerde: XMLBuilder, authority: Authority, field: string): void {
  const kennung = w.element(behoerde, 'behoerdenkennung');
  const prefix = w.sanitize(authority.dvdv.prefix, `${field}.dvdv.prefix`);
  w.code(kennung, 'praefix', dvdvPraefix(codeList, prefix));
  w.code(kennung, 'kennung', behoerdenKennung(codeList, prefix, w.sanitize(authority.dvdv.id, `${field}.dvdv.id`)));
  if (hasText(authority.email)) writeErreichbarkeit(w, behoerde, KANAL.email, authority.email, `${field}.email`);
  w.text(behoerde, 'behoerdenname', authority.name, `${field}.name`);
}

function writeSatz(w: XoevWriter, satz: XMLBuilder, submission: ApplicationSubmitted, g: Gewerbeanzeige, context: MappingContext): void {
  w.value(satz, 'satzErstellung', toXsdDateTime(context.createdAt, 'context.createdAt'));
  writeBehoerde(w, context.codeList, w.element(satz, 'autor'), context.sender, 'context.sender');
  w.code(satz, 'istKorrektur', NEIN);
  w.code(satz, 'gemeindeSchluessel', { code: agsOf(submission.tenant), listVersionID: GEMEINDESCHLUESSEL_LIST_VERSION });
  // The technical id of this notice (spec I.5.2), stable across retries like every other id.
  w.value(satz, 'uuid', deriveObjectId(context.messageId, 'satz'));
  writeGewerbe(w, context.codeList, w.element(satz, 'gewerbe'), submission.applicant, g);
  w.value(satz, 'gueltigAb', toXsdDate(g.effectiveDate, 'data.effectiveDate'));
  // The day the notice was made is the German calendar day the online service received it.
  w.value(satz, 'datumMeldung', toXsdDateInTimeZone(submission.submittedAt, GERMAN_TIME_ZONE, 'submittedAt'));
  const schwerpunkt = w.element(w.element(satz, 'taetigkeitenGesamt'), 'schwerpunkt');
  w.text(schwerpunkt, 'taetigkeitSchwerpunkt', g.activity, 'data.activity');
  writeGruende(w, satz, g);
}

// gewerbe: betrieb, anzahlVollzeit-/TeilzeitBeschaeftigte, betriebArt, niederlassungArt,
// istReisegewerbe, istNebenerwerb, anschrift, beteiligtePerson (2.0 example order).
function writeGewerbe(w: XoevWriter, codeList: CodeListOf, gewerbe: XMLBuilder, applicant: Applicant, g: Gewerbeanzeige): void {
  writeBetrieb(w, codeList, w.element(gewerbe, 'betrieb'), g);
  w.value(gewerbe, 'anzahlVollzeitBeschaeftigte', count(g.fullTimeEmployees, 'data.fullTimeEmployees'));
  w.value(gewerbe, 'anzahlTeilzeitBeschaeftigte', count(g.partTimeEmployees, 'data.partTimeEmployees'));
  if (g.businessTypes.length > 0) {
    const betriebArt = w.element(gewerbe, 'betriebArt');
    w.code(betriebArt, 'industrie', janein(g.businessTypes.includes('INDUSTRIE')));
    w.code(betriebArt, 'handwerk', janein(g.businessTypes.includes('HANDWERK')));
    w.code(betriebArt, 'handel', janein(g.businessTypes.includes('HANDEL')));
    w.code(betriebArt, 'sonstiges', janein(g.businessTypes.includes('SONSTIGES')));
  }
  if (g.establishment !== null) w.code(gewerbe, 'niederlassungArt', NIEDERLASSUNGSART[g.establishment]);
  // The record is a notice under § 14 GewO, i.e. of a stehendes Gewerbe, never a Reisegewerbe (§ 55c).
  w.code(gewerbe, 'istReisegewerbe', NEIN);
  w.code(gewerbe, 'istNebenerwerb', janein(g.isSideline));
  writeAnschrift(w, w.element(gewerbe, 'anschrift'), g.premises, 'data.premises');
  if (hasText(applicant.familyName)) writeBeteiligtePerson(w, w.element(gewerbe, 'beteiligtePerson'), applicant, g);
}

function writeBetrieb(w: XoevWriter, codeList: CodeListOf, betrieb: XMLBuilder, g: Gewerbeanzeige): void {
  const register = g.tradeRegister;
  if (register) {
    w.text(betrieb, 'eingetragenerName', g.businessName, 'data.businessName');
    const { art, nummer } = splitRegisterNumber(w.sanitize(register.number, 'data.tradeRegister.number'));
    w.value(betrieb, 'eintragungNr', nummer);
    const ort = w.sanitize(register.court, 'data.tradeRegister.court').replace(/^\s*Amtsgericht\s+/i, '').trim();
    const gericht = REGISTERGERICHTE[ort];
    w.value(betrieb, 'eintragungOrt', ort);
    if (gericht) w.value(betrieb, 'eintragungPLZ', gericht.plz);
    if (art) w.code(betrieb, 'eintragungArt', art);
    if (gericht) w.code(betrieb, 'gerichtSchluessel', gerichtSchluessel(codeList, gericht.code));
  } else {
    // Not in a register: the name is the trading name. Not in the KoSIT examples; FIM's
    // Gewerbeanzeige schemas cite it as XGewerbeanzeige.Betrieb.geschaeftsbezeichnung.
    w.text(betrieb, 'geschaeftsbezeichnung', g.businessName, 'data.businessName');
  }
  if (g.legalFormCode !== null) w.code(betrieb, 'rechtsformSchluessel', { code: checkedCode(w, g.legalFormCode, 'data.legalFormCode') });
}

// beteiligtePerson: personFunktion, familienname, vorname, (geschlecht, geburtsname,)
// geburtsdatum, (geburtsort, geburtsland, staatangehoerigkeiten,) anschrift, erreichbarkeit
// (2.0 example order; the parenthesised ones are not collected by the front office).
function writeBeteiligtePerson(w: XoevWriter, person: XMLBuilder, applicant: Applicant, g: Gewerbeanzeige): void {
  const actsForCompany = applicant.kind === 'ORGANISATION' || /^\s*HRB\b/i.test(g.tradeRegister?.number ?? '');
  w.code(person, 'personFunktion', actsForCompany ? PERSONFUNKTION.vertreter : PERSONFUNKTION.inhaber);
  w.text(person, 'familienname', applicant.familyName ?? '', 'applicant.familyName');
  w.optionalText(person, 'vorname', applicant.givenName, 'applicant.givenName');
  if (applicant.kind === 'PERSON') {
    // TTMMJJJJ, as in the example (12101965): the calendar date, not an xs:date.
    if (applicant.birthDate) w.value(person, 'geburtsdatum', toGeburtsdatum(applicant.birthDate));
    // For an organisation the applicant's address is the company's, not this person's.
    writeAnschrift(w, w.element(person, 'anschrift'), applicant.address, 'applicant.address');
  }
  if (hasText(applicant.phone)) {
    writeErreichbarkeit(w, person, isGermanMobileNumber(applicant.phone) ? KANAL.mobil : KANAL.festnetz, applicant.phone, 'applicant.phone');
  }
  if (hasText(applicant.email)) writeErreichbarkeit(w, person, KANAL.email, applicant.email, 'applicant.email');
}

// anschrift in a satz: strasse, hausNrVon, ort, plz, nationSchluessel, natSchluesselVerzeichnis (2.0 example).
function writeAnschrift(w: XoevWriter, anschrift: XMLBuilder, address: Address, field: string): void {
  w.text(anschrift, 'strasse', address.street, `${field}.street`);
  w.optionalText(anschrift, 'hausNrVon', address.houseNumber, `${field}.houseNumber`);
  w.text(anschrift, 'ort', address.city, `${field}.city`);
  w.text(anschrift, 'plz', address.postalCode, `${field}.postalCode`);
  const nation = NATION_BY_COUNTRY[address.countryCode.trim().toUpperCase()];
  if (nation) {
    w.value(anschrift, 'nationSchluessel', nation.nationSchluessel);
    w.value(anschrift, 'natSchluesselVerzeichnis', nation.natSchluesselVerzeichnis);
  }
}

function writeErreichbarkeit(w: XoevWriter, parent: XMLBuilder, kanal: { code: string }, kennung: string, field: string): void {
  const erreichbarkeit = w.element(parent, 'erreichbarkeit');
  w.code(erreichbarkeit, 'kanal', kanal);
  w.text(erreichbarkeit, 'kennung', kennung, field);
}

/**
 * The reasons at the end of the satz. Anmeldung: grundAnmeldungSchluessel (2.0 example). Ummeldung:
 * gruendeUmmeldung/grundUmmeldungSchluessel, one or more (2.1 example). Abmeldung:
 * grundAbmeldungSchluessel, INFERRED from the Anmeldung's element (no example has an Abmeldung).
 */
function writeGruende(w: XoevWriter, satz: XMLBuilder, g: Gewerbeanzeige): void {
  const codes = g.reasonCodes.map((code, i) => checkedCode(w, code, `data.reasonCodes[${i}]`));
  if (codes.length === 0) return;
  if (g.notice === 'UMMELDUNG') {
    const gruende = w.element(satz, 'gruendeUmmeldung');
    for (const code of codes) w.code(gruende, 'grundUmmeldungSchluessel', { code });
    return;
  }
  if (codes.length > 1) {
    throw new XoevError('XOEV_INVALID_VALUE', `an ${SATZART[g.notice]} has one reason, not ${codes.length}`, { field: 'data.reasonCodes' });
  }
  w.code(satz, g.notice === 'ANMELDUNG' ? 'grundAnmeldungSchluessel' : 'grundAbmeldungSchluessel', { code: codes[0]! });
}

/** "HRB 104711" → art B, nummer 104711; a number of another register is kept whole, without art. */
function splitRegisterNumber(number: string): { art: { code: string } | undefined; nummer: string } {
  const match = /^\s*(HRA|HRB)\s*(\S.*?)\s*$/i.exec(number);
  if (!match) return { art: undefined, nummer: number.trim() };
  return { art: EINTRAGUNGSART_BY_REGISTER[match[1]!.toUpperCase()], nummer: match[2]! };
}

/** The AGS of the municipality the notice is made in: given, or the Land, Regierungsbezirk, Kreis and Gemeinde digits of the ARS. */
function agsOf(tenant: ApplicationSubmitted['tenant']): string {
  const ags = tenant.ags ?? (tenant.ars && /^\d{12}$/.test(tenant.ars) ? tenant.ars.slice(0, 5) + tenant.ars.slice(9) : null);
  if (ags === null || !/^\d{8}$/.test(ags)) {
    throw new XoevError('XOEV_INVALID_VALUE', 'the municipality has neither an 8-digit AGS nor a 12-digit ARS', { field: 'tenant.ags' });
  }
  return ags;
}

function checkedCode(w: XoevWriter, code: string, field: string): string {
  const trimmed = w.sanitize(code, field).trim();
  if (!CODE.test(trimmed)) throw new XoevError('XOEV_INVALID_VALUE', `${field} is not a code of 1 to 8 letters or digits`, { field });
  return trimmed;
}

function count(value: number, field: string): string {
  if (!Number.isInteger(value) || value < 0) throw new XoevError('XOEV_INVALID_VALUE', `${field} is not a count`, { field });
  return String(value);
}

function toGeburtsdatum(date: Date): string {
  const [year, month, day] = toXsdDate(date, 'applicant.birthDate').split('-');
  return `${day}${month}${year}`;
}



import type { ApplicationSubmitted, SubmissionTypes } from '@amtsbote/schemas';
import { XoevError } from '@amtsbote/xoev';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CodeListOf } from '../registry.js';
import { writeAkteur, writeAnschrift } from './akteur.js';
import { baumassnahmeArt, bauherrArt, bundesland, gebaeudeklasse, KAMMER_CODES, kammer } from './xbau-code-lists.js';
import { hasText, type XbauWriter } from './xbau-writer.js';

type Bauantrag = SubmissionTypes.Bauantrag;
type Parcel = SubmissionTypes.Parcel;

const FIELD = 'data.bauantrag';

/** Ids of the parties within one message: the same party in two roles keeps one id. */
export interface PartyIds {
  applicant: string;
  builderOwner: string;
  designer: string;
}

/**
 * Fills `xbau:bauvorhaben` (xbau:Bauvorhaben): what is built (Bezeichnung, Gegenstand), by whom
 * (Bauherr, Entwurfsverfasser; the Bauherr also pays the fees, as the form does not ask otherwise)
 * and where (the plot with its parcels in the tenant's Land).
 */
export function writeBauvorhaben(
  w: XbauWriter,
  codeList: CodeListOf,
  bauvorhaben: XMLBuilder,
  submission: ApplicationSubmitted,
  antrag: Bauantrag,
  ids: PartyIds,
): void {
  if (!hasText(antrag.projectTitle)) {
    throw new XoevError('XOEV_INVALID_VALUE', `${FIELD}.projectTitle is empty`, { field: `${FIELD}.projectTitle` });
  }
  w.text(w.q(bauvorhaben, 'bezeichnungDesBauvorhabens'), antrag.projectTitle, `${FIELD}.projectTitle`);
  writeBeteiligte(w, codeList, w.q(bauvorhaben, 'beteiligte'), submission, antrag, ids);
  writeGegenstand(w, codeList, w.q(bauvorhaben, 'gegenstand'), antrag);
  const grundstueck = w.q(w.q(w.q(bauvorhaben, 'verortung'), 'baugrundstueck'), 'grundstueck');
  writeGrundstueck(w, codeList, grundstueck, antrag.plot, landOf(submission));
  if (hasText(antrag.projectDescription)) {
    w.text(w.q(bauvorhaben, 'weitereAngaben'), antrag.projectDescription, `${FIELD}.projectDescription`);
  }
}

function writeBeteiligte(
  w: XbauWriter,
  codeList: CodeListOf,
  beteiligte: XMLBuilder,
  submission: ApplicationSubmitted,
  antrag: Bauantrag,
  ids: PartyIds,
): void {
  const builderOwner = antrag.builderOwner ?? submission.applicant;
  const builderOwnerField = antrag.builderOwner ? `${FIELD}.builderOwner` : 'applicant';
  const bauherr = w.q(beteiligte, 'bauherr');
  writeAkteur(w, codeList, w.q(bauherr, 'bauherr'), builderOwner, ids.builderOwner, builderOwnerField);
  if (antrag.builderOwnerKind) w.code(bauherr, 'q', 'artDesBauherrn', bauherrArt(codeList, antrag.builderOwnerKind));

  if (antrag.designer) {
    const entwurfsverfasser = w.q(beteiligte, 'entwurfsverfasser');
    writeAkteur(w, codeList, w.q(entwurfsverfasser, 'personendaten'), antrag.designer.person, ids.designer, `${FIELD}.designer.person`);
    const chamber = antrag.designer.chamber;
    if (chamber) {
      const code = chamber.chamber.trim();
      if (!KAMMER_CODES.has(code)) {
        throw new XoevError('XOEV_INVALID_VALUE', `${FIELD}.designer.chamber.chamber is not a code of the XBau list Kammer 2.0`, {
          field: `${FIELD}.designer.chamber.chamber`,
        });
      }
      const kammereintrag = w.q(w.q(w.q(entwurfsverfasser, 'berechtigung'), 'mitgliedschaftInland'), 'nummernKammer');
      w.value(w.q(kammereintrag, 'mitgliedsnummer'), token(w, chamber.membershipNumber, `${FIELD}.designer.chamber.membershipNumber`));
      w.code(kammereintrag, 'q', 'kammer', kammer(codeList, code));
    }
  }
  writeAkteur(w, codeList, w.q(beteiligte, 'gebuehrenpflichtiger'), builderOwner, ids.builderOwner, builderOwnerField);
}

function writeGegenstand(w: XbauWriter, codeList: CodeListOf, gegenstand: XMLBuilder, antrag: Bauantrag): void {
  if (!Number.isInteger(antrag.buildingCount) || antrag.buildingCount < 0) {
    throw new XoevError('XOEV_INVALID_VALUE', `${FIELD}.buildingCount is not a count`, { field: `${FIELD}.buildingCount` });
  }
  w.value(w.q(w.q(gegenstand, 'anzahlDerGebaeude'), 'anzahlDerGebaeudeImBauvorhaben'), String(antrag.buildingCount));
  if (antrag.measures.length === 0) {
    throw new XoevError('XOEV_INVALID_VALUE', `${FIELD}.measures names no Art der Maßnahme`, { field: `${FIELD}.measures` });
  }
  for (const measure of new Set(antrag.measures)) w.code(gegenstand, 'q', 'artDerMassnahme', baumassnahmeArt(codeList, measure));
  if (antrag.buildingClass) {
    w.code(w.q(gegenstand, 'bauordnungsrechtlicheKlassifikation'), 'q', 'gebaeudeklasse', gebaeudeklasse(codeList, antrag.buildingClass));
  }
}

function writeGrundstueck(w: XbauWriter, codeList: CodeListOf, grundstueck: XMLBuilder, plot: Bauantrag['plot'], land: string): void {
  if (plot.address) writeAnschrift(w, w.q(grundstueck, 'anschrift'), plot.address, `${FIELD}.plot.address`);
  if (plot.parcels.length === 0) {
    throw new XoevError('XOEV_INVALID_VALUE', `${FIELD}.plot.parcels names no Flurstück`, { field: `${FIELD}.plot.parcels` });
  }
  plot.parcels.forEach((parcel, index) => writeFlurstueck(w, codeList, w.q(grundstueck, 'flurstueck'), parcel, land, `${FIELD}.plot.parcels[${index}]`));
  if (hasText(plot.developmentPlan)) {
    w.text(w.q(w.q(grundstueck, 'bebauungsplan'), 'bezeichnungBebauungsplan'), plot.developmentPlan, `${FIELD}.plot.developmentPlan`);
  }
}

// xbauk:Flurstueckskennzeichen: the Land, then Gemarkung (its key if known, else its name), Flur,
// Zähler and Nenner.
function writeFlurstueck(w: XbauWriter, codeList: CodeListOf, flurstueck: XMLBuilder, parcel: Parcel, land: string, field: string): void {
  w.code(flurstueck, 'u', 'bundesland', bundesland(codeList, land));
  const kodierung = w.u(flurstueck, 'kodierungFlurstueck');
  const gemarkung = w.u(kodierung, 'gemarkung');
  if (hasText(parcel.gemarkungNumber)) w.value(w.u(gemarkung, 'nummer'), token(w, parcel.gemarkungNumber, `${field}.gemarkungNumber`));
  else w.text(w.u(gemarkung, 'bezeichnung'), parcel.gemarkung, `${field}.gemarkung`);
  if (hasText(parcel.flur)) w.value(w.u(kodierung, 'flur'), token(w, parcel.flur, `${field}.flur`));
  w.value(w.u(kodierung, 'zaehler'), token(w, parcel.numerator, `${field}.numerator`));
  if (hasText(parcel.denominator)) w.value(w.u(kodierung, 'nenner'), token(w, parcel.denominator, `${field}.denominator`));
}

// The plot lies in the municipality the application is for; its Land is the first two digits of
// the municipality's AGS or ARS.
function landOf(submission: ApplicationSubmitted): string {
  const key = submission.tenant.ags ?? submission.tenant.ars ?? '';
  const land = key.slice(0, 2);
  if (!/^(0[1-9]|1[0-6])$/.test(land)) {
    throw new XoevError('XOEV_INVALID_VALUE', 'tenant has neither an AGS nor an ARS that names a Land', { field: 'tenant.ags' });
  }
  return land;
}

// xs:token values (numbers, keys): whitespace collapsed, and an empty one is refused, because an
// empty required element says nothing and the official rules forbid empty elements.
function token(w: XbauWriter, value: string, field: string): string {
  const collapsed = w.xml(value, field).replace(/\s+/g, ' ').trim();
  if (collapsed === '') throw new XoevError('XOEV_INVALID_VALUE', `${field} is empty`, { field });
  return collapsed;
}

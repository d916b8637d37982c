import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CodeListOf } from '../registry.js';
import { datentypCode, type Datentyp } from './xdomea-code-lists.js';
import type { XdomeaWriter } from './xdomea-writer.js';

/** One field of an AnwendungsspezifischeErweiterung; all texts already sanitized. */
export interface Feld {
  /** A stable, machine-readable name (camelCase), what a receiving system maps on. */
  name: string;
  /** The German label a clerk reads. */
  beschreibung: string;
  datentyp: Datentyp;
  /** The value in the W3C lexical form of `datentyp`. */
  wert: string;
}

/** A named group of fields, e.g. an address. */
export interface Feldgruppe {
  name: string;
  beschreibung: string;
  felder: Feld[];
}

/**
 * Application data that xdomea has no element for. Receivers keep it with the object as XML
 * (xdomea requires that it is not lost), so it is the place for a Fachverfahren to read from.
 */
export interface Erweiterung {
  /** A URN that names the extension and its field set; receivers configure their import per Kennung. */
  kennung: string;
  name: string;
  beschreibung: string;
  versionsnummer: string;
  feldgruppen?: Feldgruppe[];
  felder: Feld[];
}

/** Appends an AnwendungsspezifischeErweiterung element. */
export function writeErweiterung(w: XdomeaWriter, codeList: CodeListOf, parent: XMLBuilder, erweiterung: Erweiterung): void {
  const element = w.element(parent, 'AnwendungsspezifischeErweiterung');
  w.value(element, 'Kennung', erweiterung.kennung);
  w.value(element, 'Name', erweiterung.name);
  w.value(element, 'Beschreibung', erweiterung.beschreibung);
  w.value(element, 'Versionsnummer', erweiterung.versionsnummer);
  for (const gruppe of erweiterung.feldgruppen ?? []) {
    const feldgruppe = w.element(element, 'Feldgruppe');
    w.value(feldgruppe, 'Name', gruppe.name);
    w.value(feldgruppe, 'Beschreibung', gruppe.beschreibung);
    for (const feld of gruppe.felder) writeFeld(w, codeList, feldgruppe, feld);
  }
  for (const feld of erweiterung.felder) writeFeld(w, codeList, element, feld);
}

function writeFeld(w: XdomeaWriter, codeList: CodeListOf, parent: XMLBuilder, feld: Feld): void {
  const element = w.element(parent, 'Feld');
  w.value(element, 'Name', feld.name);
  w.value(element, 'Beschreibung', feld.beschreibung);
  w.code(element, 'Datentyp', datentypCode(codeList, feld.datentyp));
  w.value(element, 'Wert', feld.wert);
}

/** A field list without the absent values: an absent value is left out rather than sent empty. */
export function felder(...candidates: (Feld | null)[]): Feld[] {
  return candidates.filter((feld): feld is Feld => feld !== null);
}

import { XoevError } from './xoev-error.js';

/** The time zone of German authorities: a received date (Eingangsdatum) is a date on their calendar. */
export const GERMAN_TIME_ZONE = 'Europe/Berlin';

/** An instant as xs:dateTime in UTC, e.g. `2025-05-06T07:08:09.123Z`. */
export function toXsdDateTime(instant: Date, field: string): string {
  return checked(instant, field).toISOString();
}

/**
 * A calendar date as xs:date, e.g. `1978-02-28`. Takes the UTC day, because a date without time
 * (Avro `date`, a birth date) arrives as midnight UTC and must not move with the local zone.
 */
export function toXsdDate(date: Date, field: string): string {
  return checked(date, field).toISOString().slice(0, 10);
}

/** The calendar date of an instant in a time zone, as xs:date: what a German clerk calls "the day it arrived". */
export function toXsdDateInTimeZone(instant: Date, timeZone: string, field: string): string {
  return dateFormatIn(timeZone).format(checked(instant, field));
}

// Making a DateTimeFormat costs far more than using one: it took 8 % of the mapping's time when made per call.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD; the ICU data ships with Node, so this is deterministic.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format;
}

function checked(date: Date, field: string): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new XoevError('XOEV_INVALID_VALUE', `${field} is not a valid date`, { field });
  }
  const year = date.getUTCFullYear();
  // xs:date/xs:dateTime need a four-digit, positive year; toISOString() would emit "+012345" or "-000001".
  if (year < 1 || year > 9999) {
    throw new XoevError('XOEV_INVALID_VALUE', `${field} is outside the years 1 to 9999`, { field });
  }
  return date;
}

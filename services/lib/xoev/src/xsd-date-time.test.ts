import { describe, expect, it } from 'vitest';
import { GERMAN_TIME_ZONE, toXsdDate, toXsdDateInTimeZone, toXsdDateTime } from './xsd-date-time.js';

describe('XSD date and time formatting', () => {
  it('writes an instant as xs:dateTime in UTC with milliseconds', () => {
    expect(toXsdDateTime(new Date(Date.UTC(2025, 4, 6, 7, 8, 9, 123)), 'createdAt')).toBe('2025-05-06T07:08:09.123Z');
  });

  it('writes an Avro date (midnight UTC) as the same calendar day, whatever the local zone', () => {
    expect(toXsdDate(new Date(Date.UTC(1978, 1, 28)), 'birthDate')).toBe('1978-02-28');
  });

  it.each([
    ['winter time, before midnight in Berlin', '2025-01-14T22:59:59Z', '2025-01-14'],
    ['winter time, after midnight in Berlin', '2025-01-14T23:00:00Z', '2025-01-15'],
    ['summer time, after midnight in Berlin', '2025-03-31T22:30:00Z', '2025-04-01'],
  ])('dates an instant on the German calendar in %s', (_name, instant, expected) => {
    expect(toXsdDateInTimeZone(new Date(instant), GERMAN_TIME_ZONE, 'submittedAt')).toBe(expected);
  });

  it.each([
    ['an invalid date', new Date(Number.NaN)],
    ['a year before 1', new Date(Date.UTC(-1, 0, 1))],
    ['a year after 9999', new Date(Date.UTC(10_000, 0, 1))],
  ])('refuses %s with XOEV_INVALID_VALUE naming the field', (_name, date) => {
    expect(() => toXsdDate(date, 'data.effectiveDate')).toThrow(
      expect.objectContaining({ code: 'XOEV_INVALID_VALUE', field: 'data.effectiveDate', retriable: false }) as Error,
    );
  });
});

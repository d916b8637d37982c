import avro from 'avsc';

/** timestamp-millis ↔ Date: the contracts' instants are Dates in TypeScript, longs on the wire. */
export class TimestampMillisType extends avro.types.LogicalType {
  override _fromValue(value: number): Date {
    return new Date(value);
  }
  override _toValue(value: unknown): number | unknown {
    return value instanceof Date ? value.getTime() : value;
  }
  override _resolve(type: avro.Type): ((value: unknown) => unknown) | undefined {
    if (avro.Type.isType(type, 'long', 'logical:timestamp-millis')) return (value) => value;
    return undefined;
  }
}

const MS_PER_DAY = 86_400_000;

/** date ↔ Date at 00:00 UTC: days since the epoch on the wire, as the Avro spec defines it. */
export class DateType extends avro.types.LogicalType {
  override _fromValue(value: number): Date {
    return new Date(value * MS_PER_DAY);
  }
  override _toValue(value: unknown): number | unknown {
    return value instanceof Date ? Math.floor(value.getTime() / MS_PER_DAY) : value;
  }
  override _resolve(type: avro.Type): ((value: unknown) => unknown) | undefined {
    if (avro.Type.isType(type, 'int', 'logical:date')) return (value) => value;
    return undefined;
  }
}

/** The logical types every Amtsbote codec registers with avsc. */
export const logicalTypes = {
  'timestamp-millis': TimestampMillisType,
  date: DateType,
};

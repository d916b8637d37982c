/** The closed list of @amtsbote/xoev error codes; all share the `XOEV_` prefix. */
export const xoevErrorCodes = [
  'XOEV_SCHEMA_COMPILE_FAILED',
  'XOEV_VALIDATOR_CLOSED',
  'XOEV_INVALID_VALUE',
  'XOEV_SERIALIZATION_FAILED',
] as const;

/** One of the @amtsbote/xoev error codes. */
export type XoevErrorCode = (typeof xoevErrorCodes)[number];

/** Options of an XoevError. */
export interface XoevErrorOptions {
  /** The input field the error is about, as a dotted path (never its value: values may be personal data). */
  field?: string;
  cause?: unknown;
}

/**
 * An error raised on purpose by the XÖV library. None is retriable: the same input and the same
 * schema fail the same way every time, so the record belongs in the dead-letter topic at once.
 * Messages never contain input values, only field names, because they end up in logs and headers.
 */
export class XoevError extends Error {
  readonly code: XoevErrorCode;
  readonly retriable = false;
  readonly field: string | undefined;

  constructor(code: XoevErrorCode, message: string, options: XoevErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'XoevError';
    this.code = code;
    this.field = options.field;
  }
}

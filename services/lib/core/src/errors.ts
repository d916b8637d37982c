/** The closed list of error codes. The retry/dead-letter decision depends on `retriable`, never on the code. */
export const errorCodes = [
  'AMTSBOTE_CONFIG_INVALID',
  'AMTSBOTE_MASTERDATA_INVALID',
  'AMTSBOTE_MASTERDATA_UNAVAILABLE',
  'AMTSBOTE_MASTERDATA_CONFLICT',
  'AMTSBOTE_NOT_WIRE_FORMAT',
  'AMTSBOTE_UNKNOWN_SCHEMA',
  'AMTSBOTE_UNDECODABLE',
  'AMTSBOTE_RECORD_TOO_LARGE',
  'AMTSBOTE_REGISTRY_UNAVAILABLE',
  'AMTSBOTE_KAFKA_UNAVAILABLE',
  'AMTSBOTE_CONTRACT_VIOLATION',
  'AMTSBOTE_NO_ROUTE',
  'AMTSBOTE_NO_MAPPING',
  'AMTSBOTE_MAPPING_FAILED',
  'AMTSBOTE_SCHEMA_INVALID',
  'AMTSBOTE_DELIVERY_UNAVAILABLE',
  'AMTSBOTE_DELIVERY_REJECTED',
  'AMTSBOTE_DELIVERY_EXHAUSTED',
  'AMTSBOTE_REPLY_REFUSED',
  'AMTSBOTE_REPLY_UNCORRELATED',
  'AMTSBOTE_UNEXPECTED',
] as const;

/** One of Amtsbote's error codes. */
export type ErrorCode = (typeof errorCodes)[number];

/** A machine-readable problem in the style of RFC 7807, as carried by `rejected` status events. */
export interface Problem {
  type: string;
  title: string;
  detail: string | null;
  instance: string | null;
}

/** The problem type URI of an error code, e.g. `urn:amtsbote:problem:no-route`. */
export function problemTypeOf(code: ErrorCode): string {
  return `urn:amtsbote:problem:${code.replace(/^AMTSBOTE_/, '').toLowerCase().replaceAll('_', '-')}`;
}

interface AmtsboteErrorOptions {
  retriable?: boolean;
  cause?: unknown;
  /** Extra problems, e.g. one per schema-validation error; the error itself is always the first. */
  problems?: Problem[];
  /** For retriable errors: the earliest moment worth trying again, e.g. from an HTTP Retry-After. */
  retryAfterMs?: number;
}

/**
 * The base of every error Amtsbote raises on purpose. Messages must never contain personal data:
 * they end up in logs, status events and dead-letter headers.
 */
export class AmtsboteError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly problems: Problem[];
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: AmtsboteErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AmtsboteError';
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.problems = options.problems ?? [];
    this.retryAfterMs = options.retryAfterMs;
  }

  /** The error as problems: its own first, then the detailed ones. */
  toProblems(): Problem[] {
    return [{ type: problemTypeOf(this.code), title: this.message, detail: null, instance: null }, ...this.problems];
  }
}

/** Whether trying again later may succeed. Unknown errors are retriable: a bug must not turn into lost records. */
export function isRetriable(err: unknown): boolean {
  if (err instanceof AmtsboteError) return err.retriable;
  if (err && typeof err === 'object' && 'retriable' in err) return Boolean((err as { retriable: unknown }).retriable);
  return true;
}

/** Wraps anything thrown into an AmtsboteError, keeping its code when it already is one. */
export function toAmtsboteError(err: unknown): AmtsboteError {
  if (err instanceof AmtsboteError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AmtsboteError('AMTSBOTE_UNEXPECTED', message, { retriable: isRetriable(err), cause: err });
}

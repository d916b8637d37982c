/** The closed list of reply error codes; all share the `REPLY_` prefix. */
export const replyErrorCodes = [
  /** Larger than the byte cap. */
  'REPLY_TOO_LARGE',
  /** Not UTF-8 (or US-ASCII): bytes that are no UTF-8, a UTF-16 byte order mark, or another declared encoding. */
  'REPLY_UNSUPPORTED_ENCODING',
  /** Has a DOCTYPE or entity declaration: the only place entities (billion laughs, external entities) can come from. */
  'REPLY_DOCTYPE_FORBIDDEN',
  /** More numeric character references (`&#…;`) than the cap. */
  'REPLY_TOO_MANY_CHARACTER_REFERENCES',
  /** Elements nested deeper than the cap. */
  'REPLY_TOO_DEEP',
  /** Not well-formed XML, an entity other than the five predefined ones, or an undeclared namespace prefix. */
  'REPLY_MALFORMED',
  /** Well-formed, but its root element is no reply type Amtsbote knows. */
  'REPLY_UNSUPPORTED_TYPE',
  /** A known reply type that lacks an element the classification needs, or has a value of the wrong form there. */
  'REPLY_INCOMPLETE',
] as const;

/** One of the reply error codes. */
export type ReplyErrorCode = (typeof replyErrorCodes)[number];

/**
 * A reply from a back office that Amtsbote refuses. None is retriable: the same bytes fail the same
 * way every time. Messages never quote the reply (replies carry personal data and errors end up in
 * logs and status events); `path` names the element concerned, where there is one.
 */
export class ReplyError extends Error {
  readonly code: ReplyErrorCode;
  readonly retriable = false;
  /** The element concerned, as local names joined by `/` (never its value). */
  readonly path: string | undefined;

  constructor(code: ReplyErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ReplyError';
    this.code = code;
    this.path = options.path;
  }
}

import { v5 as uuidv5, validate as isUuid } from 'uuid';

/**
 * Amtsbote's UUID v5 namespace for XÖV ids. Never change it: replays and retries rely on producing
 * the very same ids, and back offices deduplicate on them.
 */
export const AMTSBOTE_XOEV_NAMESPACE = 'd4818f1c-395e-4ddb-a921-ff160a4eb862';

/**
 * The XÖV message id (nachrichtenUUID) of one submission turned into one message type of one standard.
 * Pass the standard without its version (e.g. `xdomea`) so that a replay after a version upgrade
 * still yields the id the back office has already seen.
 */
export function deriveMessageId(submissionEventId: string, standard: string, messageType: string): string {
  return derive(['message', canonicalUuid(submissionEventId), standard, messageType]);
}

/**
 * A UUID for an object inside a message (a document, a workflow, …) from the message id and a name
 * unique within that message, so that a retried message carries the same object ids.
 */
export function deriveObjectId(messageId: string, name: string): string {
  return derive(['object', canonicalUuid(messageId), name]);
}

// A JSON array keeps the parts unambiguous ("a/b"+"c" never equals "a"+"b/c").
function derive(parts: string[]): string {
  return uuidv5(JSON.stringify(parts), AMTSBOTE_XOEV_NAMESPACE);
}

// UUIDs compare case-insensitively (RFC 9562): the same id in upper case must derive the same id.
function canonicalUuid(value: string): string {
  return isUuid(value) ? value.toLowerCase() : value;
}

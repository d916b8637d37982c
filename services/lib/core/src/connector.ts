import type { Logger } from './logger.js';

/** One XÖV message as a connector hands it to a back office. */
export interface OutboundMessage {
  /** nachrichtenUUID; the idempotency key of every delivery of this message. */
  messageId: string;
  applicationId: string;
  destinationId: string;
  standard: string;
  standardVersion: string;
  messageType: string;
  contentType: string;
  payload: Buffer;
}

/** What a back office said when it took a message. */
export interface DeliveryReceipt {
  /** The back office's own reference, when it gives one. */
  reference?: string | undefined;
  /** True when the back office said it already had this message. */
  duplicate: boolean;
}

/**
 * A way to hand messages to back offices (HTTP, SFTP, a folder, …).
 *
 * Lifecycle: `connect()` before the first delivery; `deliver()` any number of times, also
 * concurrently for different messages; `close()` once, after which the connector is not used again.
 *
 * Errors: `deliver` throws an AmtsboteError. `retriable: true` (network, timeout, 5xx, 408, 429)
 * means the same message may be delivered again later, with the same id; anything else means this
 * back office will never accept it. Because a delivery may be repeated after a crash, a connector
 * must make repeated deliveries of one `messageId` harmless (idempotency key, deterministic names).
 */
export interface Connector {
  connect(): Promise<void>;
  deliver(message: OutboundMessage): Promise<DeliveryReceipt>;
  close(): Promise<void>;
}

/** Creates a connector for one destination's settings. */
export type ConnectorFactory<Settings> = (settings: Settings, deps: { logger: Logger }) => Connector;

/** A file a back office left in an inbox (an SFTP directory or a folder) for Amtsbote to take. */
export interface InboxFile {
  name: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where a back office leaves files for Amtsbote, e.g. its replies. Taking a file is two steps:
 * `read` it, store it durably, and only then `acknowledge` it, which moves it out of the inbox. A
 * crash in between leaves the file in place, so it is read again; readers must make that harmless.
 *
 * Files under a temporary name (starting with `.` or ending in `.tmp`/`.part`) are still being
 * written and are never listed.
 */
export interface Inbox {
  connect(): Promise<void>;
  /** The files ready to take, oldest first. */
  list(): Promise<InboxFile[]>;
  read(name: string): Promise<Buffer>;
  /** Moves the file into the inbox's `processed/` (stored) or `refused/` subdirectory; idempotent. */
  acknowledge(name: string, outcome: 'stored' | 'refused'): Promise<void>;
  close(): Promise<void>;
}

/** Creates an inbox for one back office's settings. */
export type InboxFactory<Settings> = (settings: Settings, deps: { logger: Logger }) => Inbox;

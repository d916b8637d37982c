import { createXoevWriter, type TextReplacementLog, type XoevWriter } from '@amtsbote/xoev';

export type { XoevWriter } from '@amtsbote/xoev';

/** The XGewerbeanzeige version this module writes (see README.md for why 2.0). */
export const XGEWERBEANZEIGE_VERSION = '2.0';

/** The namespace of XGewerbeanzeige 2.0, as in the KoSIT example messages; instances use the prefix `xga`. */
export const XGEWERBEANZEIGE_NAMESPACE = `http://www.xgewerbeanzeige.de/spezifikation/${XGEWERBEANZEIGE_VERSION}`;

/** A writer for XGewerbeanzeige 2.0 elements (prefix `xga`). */
export function createXGewerbeanzeigeWriter(log: TextReplacementLog | undefined): XoevWriter {
  return createXoevWriter(XGEWERBEANZEIGE_NAMESPACE, 'xga', log);
}

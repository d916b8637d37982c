import { v5 as uuidv5 } from 'uuid';

/** Amtsbote's UUID v5 namespace for ids derived from other ids. Never change it: replays rely on it. */
const AMTSBOTE_EVENT_NAMESPACE = '6f0c1a52-5d0f-4c8e-9a43-8f7f1d2b3c11';

/**
 * A deterministic event id from the parts that identify the event, so a step that runs again after a
 * crash or a replay emits the same id and consumers can recognise the duplicate.
 */
export function deriveEventId(...parts: string[]): string {
  return uuidv5(parts.join('\u001f'), AMTSBOTE_EVENT_NAMESPACE);
}

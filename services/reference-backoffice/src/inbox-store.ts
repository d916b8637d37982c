import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';

/** What the back office answers for a message; a repeated delivery gets the very same receipt. */
export interface Receipt {
  receiptId: string;
  messageId: string;
  messageType: string | null;
  receivedAt: string;
  /** Intake order: 1 for the first message this inbox ever stored, then one more per new message. */
  sequence: number;
}

/** A durable inbox keyed by message id: one XML file and one receipt file per message. */
export interface InboxStore {
  /** Stores a message unless it is there already; returns its receipt and whether it was new. */
  accept(messageId: string, messageType: string | null, xml: Buffer): Promise<{ receipt: Receipt; duplicate: boolean }>;
  receipt(messageId: string): Promise<Receipt | undefined>;
  xml(messageId: string): Promise<Buffer | undefined>;
  count(): Promise<number>;
}

async function writeDurably(path: string, content: Buffer | string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  const file = await open(temporary, 'wx');
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Creates the store in a folder. The receipt file is written last and marks a message as accepted,
 * so a crash between the two writes leaves a message that is simply accepted again.
 */
export async function createInboxStore(dir: string): Promise<InboxStore> {
  await mkdir(dir, { recursive: true });
  const inFlight = new Map<string, Promise<{ receipt: Receipt; duplicate: boolean }>>();
  const receiptPath = (id: string) => join(dir, `${id}.receipt.json`);
  const receiptCount = async () => (await readdir(dir)).filter((name) => name.endsWith('.receipt.json')).length;
  let sequence = await receiptCount();

  const store: InboxStore = {
    async receipt(messageId) {
      const raw = await readIfExists(receiptPath(messageId));
      return raw ? (JSON.parse(raw.toString('utf8')) as Receipt) : undefined;
    },
    xml: (messageId) => readIfExists(join(dir, `${messageId}.xml`)),
    count: receiptCount,
    accept(messageId, messageType, xml) {
      // Two concurrent deliveries of one message must not both count as new.
      const running = inFlight.get(messageId);
      if (running) return running.then(({ receipt }) => ({ receipt, duplicate: true }));
      const work = (async () => {
        const existing = await store.receipt(messageId);
        if (existing) return { receipt: existing, duplicate: true };
        const receipt: Receipt = { receiptId: randomUUID(), messageId, messageType, receivedAt: new Date().toISOString(), sequence: ++sequence };
        await writeDurably(join(dir, `${messageId}.xml`), xml);
        await writeDurably(receiptPath(messageId), JSON.stringify(receipt));
        return { receipt, duplicate: false };
      })();
      inFlight.set(messageId, work);
      return work.finally(() => inFlight.delete(messageId));
    },
  };
  return store;
}

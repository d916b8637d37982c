import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@amtsbote/core';
import { buildReply, type ReplyRequest } from './replies/build-replies.js';
import { readOriginalMessage, type OriginalMessage } from './replies/original-message.js';

/** Where and how the reference back office sends its replies: Amtsbote's receipts endpoint. */
export interface ReplierOptions {
  /** e.g. http://127.0.0.1:8091/replies */
  url: string;
  /** The bearer token the receipts service knows this back office by. */
  token: string;
  logger: Logger;
  /** Pause between the replies to one message, so a demo shows each step. */
  stepDelayMs?: number;
  /** Wait before sending a reply again after the endpoint could not take it. */
  retryDelayMs?: number;
}

/** Sends the replies to a message the back office has just taken. */
export interface Replier {
  /** Starts answering in the background; never throws. */
  answer(xml: Buffer): void;
  /** Waits until every reply started so far is sent or given up. */
  idle(): Promise<void>;
}

/**
 * What a back office says, in order, to a message it received: every message is acknowledged; an
 * XBau Bauantrag is then checked for completeness and decided. xdomea has no reply after the receipt.
 */
export function replyScript(original: OriginalMessage): ReplyRequest[] {
  if (original.standard === 'xdomea') return [{ kind: 'acknowledged' }];
  return [
    { kind: 'acknowledged' },
    { kind: 'in_progress', complete: true, decisionDueBy: new Date(Date.now() + 90 * 24 * 3600 * 1000) },
    { kind: 'decided', outcome: 'approved' },
  ];
}

/**
 * Creates the replier. A reply the endpoint answers with 5xx or cannot be reached for is sent again
 * until taken: it is the same XML with the same message id, so a repeat is harmless. A 4xx is logged
 * and the message's remaining replies are dropped, as a vendor would have to fix something first.
 */
export function createReplier(options: ReplierOptions): Replier {
  const { logger } = options;
  const stepDelayMs = options.stepDelayMs ?? 0;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const running = new Set<Promise<void>>();
  const product = { name: 'Amtsbote reference back office', vendor: 'Amtsbote', version: '1' };

  async function post(xml: string): Promise<number> {
    for (;;) {
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/xml; charset=utf-8', authorization: `Bearer ${options.token}` },
          body: xml,
        });
        await response.arrayBuffer();
        if (response.status < 500) return response.status;
      } catch {
        // unreachable: try again below
      }
      await sleep(retryDelayMs);
    }
  }

  async function answer(xml: Buffer): Promise<void> {
    const original = readOriginalMessage(xml);
    for (const request of replyScript(original)) {
      if (stepDelayMs > 0) await sleep(stepDelayMs);
      const reply = buildReply(original, request, { createdAt: new Date(), product });
      const status = await post(reply.xml);
      if (status !== 202) {
        logger.warn({ messageId: original.messageId, reply: reply.type.messageType, status }, 'reply refused by the receipts endpoint');
        return;
      }
      logger.info({ messageId: original.messageId, reply: reply.type.messageType }, 'reply sent');
    }
  }

  return {
    answer(xml) {
      const work = answer(xml)
        .catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'no reply for this message'))
        .finally(() => running.delete(work));
      running.add(work);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

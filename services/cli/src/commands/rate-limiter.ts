import { setTimeout as sleep } from 'node:timers/promises';

/** Time as the rate limiter sees it; tests pass a fake one. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const systemClock: Clock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/** Holds a flow to a number of items per second. */
export interface RateLimiter {
  /** Resolves when `count` items may go. */
  take(count: number): Promise<void>;
}

/**
 * A token bucket: `perSecond` on average, bursts of at most a tenth of a second's worth. Taking more
 * than the bucket holds runs into debt that the taker waits out, and every later taker after it, so
 * callers working concurrently share the rate.
 */
export function createRateLimiter(perSecond: number, clock: Clock = systemClock): RateLimiter {
  const capacity = perSecond / 10;
  let tokens = capacity;
  let last = clock.now();
  return {
    async take(count) {
      const now = clock.now();
      tokens = Math.min(capacity, tokens + ((now - last) / 1000) * perSecond) - count;
      last = now;
      if (tokens < 0) await clock.sleep((-tokens / perSecond) * 1000);
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createRateLimiter, type Clock } from './rate-limiter.js';

/** A clock that only moves when someone sleeps. */
function fakeClock(): Clock & { at: number } {
  const clock = {
    at: 0,
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.at += ms;
    },
  };
  return clock;
}

describe('createRateLimiter', () => {
  it('holds a flow to the rate, whatever the size of each take', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(1_000, clock);
    for (const count of [50, 500, 1, 200, 249]) await limiter.take(count);
    // 1,000 records at 1,000/s: a second, less the burst of a tenth of a second the bucket starts with.
    expect(clock.at).toBeCloseTo(900, 6);
  });

  it('lets a burst of a tenth of a second through at once, and refills with time', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(100, clock);
    await limiter.take(10);
    expect(clock.at).toBe(0);
    clock.at += 50;
    await limiter.take(5);
    expect(clock.at).toBe(50);
    await limiter.take(1);
    expect(clock.at).toBeCloseTo(60, 6);
  });

  it('makes concurrent takers share the rate: each waits out the debt of those before it', async () => {
    const clock = { now: () => 0, slept: [] as number[], sleep: async (ms: number) => void clock.slept.push(ms) };
    const limiter = createRateLimiter(100, clock);
    await Promise.all([limiter.take(100), limiter.take(100), limiter.take(100)]);
    expect(clock.slept.map((ms) => Math.round(ms))).toEqual([900, 1_900, 2_900]);
  });
});

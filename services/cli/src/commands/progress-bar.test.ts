import { describe, expect, it } from 'vitest';
import { createProgressBar, formatProgress } from './progress-bar.js';

describe('formatProgress', () => {
  it('shows the share done, the counts, the average rate and the time left', () => {
    expect(formatProgress({ label: 'replay', done: 12_000, total: 48_000, elapsedMs: 1_000 }, 8)).toBe(
      'replay [██░░░░░░]  25% 12,000/48,000 · 12,000/s · ETA 0:03',
    );
    expect(formatProgress({ label: 'replay', done: 1, total: 3_600_001, elapsedMs: 1_000 }, 8)).toMatch(/ETA 1000:00:00$/);
    expect(formatProgress({ label: 'replay', done: 0, total: 10, elapsedMs: 0 }, 4)).toBe('replay [░░░░]   0% 0/10 · 0/s · ETA -');
  });
});

describe('createProgressBar', () => {
  it('redraws one line at most ten times a second, always at the end, and clears it when finished', () => {
    const written: string[] = [];
    let now = 0;
    const bar = createProgressBar({ write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, 'replay', () => now);
    bar.update(1, 100);
    now = 50;
    bar.update(2, 100);
    now = 150;
    bar.update(3, 100);
    now = 160;
    bar.update(100, 100);
    bar.finish();
    expect(written.map((line) => line.replace(/\[.*?\].*?%/, '[…]'))).toEqual([
      '\rreplay […] 1/100 · 0/s · ETA -\x1b[K',
      '\rreplay […] 3/100 · 20/s · ETA 0:05\x1b[K',
      '\rreplay […] 100/100 · 625/s · ETA 0:00\x1b[K',
      '\r\x1b[K',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseFailpoints } from './failpoints.js';

describe('parseFailpoints', () => {
  it('arms nothing when AMTSBOTE_FAILPOINTS is unset or empty', () => {
    expect(parseFailpoints(undefined).size).toBe(0);
    expect(parseFailpoints(' ').size).toBe(0);
  });

  it('reads each point with the pass it fires on', () => {
    expect(parseFailpoints('delivery.after-deliver=100, stage.after-commit = 5,')).toEqual(
      new Map([
        ['delivery.after-deliver', 100],
        ['stage.after-commit', 5],
      ]),
    );
  });

  it('refuses what would silently arm nothing or something else', () => {
    expect(() => parseFailpoints('stage.after-comit=5')).toThrow(/unknown failpoint "stage.after-comit"/);
    for (const spec of ['stage.after-commit', 'stage.after-commit=0', 'stage.after-commit=0.5', 'stage.after-commit=x', 'stage.after-commit=1=2']) {
      expect(() => parseFailpoints(spec), spec).toThrow(/not <name>=<n>/);
    }
    expect(() => parseFailpoints('stage.after-commit=1,stage.after-commit=2')).toThrow(/armed twice/);
  });
});

import { AmtsboteError } from './errors.js';

/**
 * Failpoints, after etcd's gofail and TiKV's fail-rs: named places in the code where a test can make
 * the process die, to prove that a crash at exactly that moment loses nothing and duplicates nothing
 * in effect.
 *
 * They are armed only by the environment variable AMTSBOTE_FAILPOINTS, a comma-separated list of
 * `<name>=<n>`: the n-th time the process passes that point (counting from 1), it sends itself
 * SIGKILL, with no cleanup, no flush, no goodbye to its consumer groups. For example
 *
 *   AMTSBOTE_FAILPOINTS=delivery.after-deliver=100,stage.after-commit=5
 *
 * Unset, as in production, `failpoint` is one lookup in an empty map.
 */
export const failpointNames = [
  /** A stage's outputs (records, status events, dead letters) are acknowledged by Kafka; its offset is not committed yet. */
  'stage.after-produce',
  /** A stage has committed its offset; nothing is pending. */
  'stage.after-commit',
  /** The back office has the message (its connector returned); the `delivered` status is not produced yet. */
  'delivery.after-deliver',
] as const;

/** The name of a failpoint. */
export type FailpointName = (typeof failpointNames)[number];

/** Reads an AMTSBOTE_FAILPOINTS value into the pass on which each point fires; a typo fails the start rather than arming nothing. */
export function parseFailpoints(spec: string | undefined): Map<FailpointName, number> {
  const armed = new Map<FailpointName, number>();
  for (const entry of (spec ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [name, pass, ...rest] = entry.split('=').map((part) => part.trim());
    if (!failpointNames.includes(name as FailpointName)) {
      throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `AMTSBOTE_FAILPOINTS: unknown failpoint "${name}" (known: ${failpointNames.join(', ')})`);
    }
    if (rest.length > 0 || !pass || !/^[1-9][0-9]*$/.test(pass)) {
      throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `AMTSBOTE_FAILPOINTS: "${entry}" is not <name>=<n> with n a positive whole number`);
    }
    if (armed.has(name as FailpointName)) throw new AmtsboteError('AMTSBOTE_CONFIG_INVALID', `AMTSBOTE_FAILPOINTS: "${name}" is armed twice`);
    armed.set(name as FailpointName, Number(pass));
  }
  return armed;
}

/** Passes left before each armed point fires; read once, at load. */
const passesLeft = parseFailpoints(process.env['AMTSBOTE_FAILPOINTS']);

/** Marks a failpoint: if it is armed and this is its pass, the process dies here by SIGKILL. */
export function failpoint(name: FailpointName): void {
  const left = passesLeft.get(name);
  if (left === undefined) return;
  if (left > 1) {
    passesLeft.set(name, left - 1);
    return;
  }
  // Last words on stderr (written synchronously to files and pipes on Linux), so a test can tell this death from any other.
  process.stderr.write(`failpoint ${name}: SIGKILL\n`);
  process.kill(process.pid, 'SIGKILL');
}

/** How far a long operation is, for one line of a terminal. */
export interface ProgressState {
  label: string;
  done: number;
  total: number;
  elapsedMs: number;
}

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A duration as m:ss, or h:mm:ss from an hour on. */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `label [█████░░░░░]  50% 1,000/2,000 · 4,000/s · ETA 0:01`: the rate is the average so far. */
export function formatProgress({ label, done, total, elapsedMs }: ProgressState, width = 24): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const perSecond = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = perSecond > 0 ? clock((total - done) / perSecond) : '-';
  return `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${numbers.format(done)}/${numbers.format(total)} · ${numbers.format(perSecond)}/s · ETA ${eta}`;
}

/** A progress bar drawn in place on a terminal. */
export interface ProgressBar {
  update(done: number, total: number): void;
  /** Clears the bar, so what is printed next starts on a clean line. */
  finish(): void;
}

/** Draws the progress on one line of a terminal (`\r`), at most ten times a second. */
export function createProgressBar(stream: NodeJS.WriteStream, label: string, now: () => number = () => performance.now()): ProgressBar {
  const started = now();
  let drawnAt = -Infinity;
  return {
    update(done, total) {
      const at = now();
      if (at - drawnAt < 100 && done < total) return;
      drawnAt = at;
      stream.write(`\r${formatProgress({ label, done, total, elapsedMs: at - started })}\x1b[K`);
    },
    finish() {
      if (drawnAt > -Infinity) stream.write('\r\x1b[K');
    },
  };
}

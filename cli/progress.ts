// Progress output for long work: one bar for the run on a terminal (loss, it/s, ETA), and
// nothing but the epoch lines when stderr is not a terminal (logs, CI).
import cliProgress from 'cli-progress';
import type { DownloadProgress, IterationEvent } from '../src/node.js';

/** Minutes and seconds ('1m 05s', '12s'); '-' before there is a rate. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/**
 * What the bar shows after an iteration: iterations done of the run, epochs done (the
 * numbers of the epoch lines: "iteration 600 (1 epoch)" is followed by 601 iterations, 1.00
 * epochs), and the rate and ETA over the whole run so far, evaluations included.
 */
export function progressFields(
  e: IterationEvent,
  elapsedSeconds: number,
): { done: number; epochs: string; rate: string; eta: string } {
  const done = e.iteration + 1;
  const rate = done / elapsedSeconds;
  const known = Number.isFinite(rate) && rate > 0;
  return {
    done,
    epochs: (done / e.iterationsPerEpoch).toFixed(2),
    rate: known ? rate.toFixed(0) : '-',
    eta: known ? formatEta((e.totalIterations - done) / rate) : '-',
  };
}

/** One bar for the whole run, paused while the epoch lines print. */
export class RunProgress {
  private bar: cliProgress.SingleBar | null = null;
  private readonly startedAt = performance.now();
  private readonly enabled: boolean;

  constructor(enabled: boolean) {
    this.enabled = enabled && Boolean(process.stderr.isTTY);
  }

  update(e: IterationEvent): void {
    if (!this.enabled) return;
    const f = progressFields(e, (performance.now() - this.startedAt) / 1000);
    const epochs = (e.totalIterations / e.iterationsPerEpoch).toFixed(2);
    // NOTE: not {eta}: cli-progress fills that token itself, from its own per-bar estimate
    const payload = { loss: e.loss.toFixed(4), epochs: f.epochs, rate: f.rate, remaining: f.eta };
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        {
          format: `[{bar}] {value}/{total} iterations, {epochs}/${epochs} epochs | loss {loss} | {rate} it/s | ETA {remaining}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(e.totalIterations, f.done, payload);
    } else this.bar.update(f.done, payload);
  }

  /** Clears the bar so a normal line can be printed; the next update draws it again. */
  pause(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

/** One line per file, redrawn in place on a terminal. */
export function downloadReporter(enabled: boolean): (p: DownloadProgress) => void {
  let last = 0;
  return (p) => {
    if (!enabled) return;
    const now = performance.now();
    const complete = p.total !== null && p.received === p.total;
    if (!complete && now - last < 200) return;
    last = now;
    const mb = (n: number): string => (n / 1e6).toFixed(1);
    const pct = p.total ? ` (${Math.floor((100 * p.received) / p.total)}%)` : '';
    const line = `downloading ${p.file}: ${mb(p.received)}${p.total ? `/${mb(p.total)}` : ''} MB${pct}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${complete ? '\n' : ''}`);
    else if (complete) process.stderr.write(`${line}\n`);
  };
}

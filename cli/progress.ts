// Progress output for long work: a bar per epoch on a terminal (loss, it/s, ETA), and
// nothing but the epoch lines when stderr is not a terminal (logs, CI).
import cliProgress from 'cli-progress';
import type { DownloadProgress, IterationEvent } from '../src/node.js';

export class EpochProgress {
  private bar: cliProgress.SingleBar | null = null;
  private epoch = -1;
  private startedAt = 0;
  private readonly enabled: boolean;

  constructor(enabled: boolean) {
    this.enabled = enabled && Boolean(process.stderr.isTTY);
  }

  update(e: IterationEvent): void {
    if (!this.enabled) return;
    const epochs = Math.ceil(e.totalIterations / e.iterationsPerEpoch);
    if (e.epoch !== this.epoch) {
      this.bar?.stop();
      this.epoch = e.epoch;
      this.startedAt = performance.now();
      const first = Math.ceil(e.epoch * e.iterationsPerEpoch);
      const last = Math.min(Math.ceil((e.epoch + 1) * e.iterationsPerEpoch), e.totalIterations);
      this.bar = new cliProgress.SingleBar(
        {
          format: `epoch ${e.epoch + 1}/${epochs} [{bar}] {value}/{total} | loss {loss} | {rate} it/s | ETA {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(last - first, 0, { loss: '-', rate: '-' });
      this.base = first;
    }
    const done = e.iteration - this.base + 1;
    const rate = done / ((performance.now() - this.startedAt) / 1000);
    this.bar?.update(done, { loss: e.loss.toFixed(4), rate: rate.toFixed(0) });
  }

  private base = 0;

  /** Clears the bar so a normal line can be printed. */
  pause(): void {
    this.bar?.stop();
    this.bar = null;
    this.epoch = -1;
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

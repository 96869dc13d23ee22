// What a training run leaves behind: model, configuration, metrics (JSON and CSV) and
// the loss and accuracy figures (the book's figures 4-11 and 4-12).
import { join } from 'node:path';
import { Figure, writeFileAtomic, type EpochEvent } from '../src/node.js';

export function defaultRunDir(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join('runs', stamp);
}

export interface Metrics {
  loss: number[];
  epochs: EpochEvent[];
  /** accuracy of the saved parameters, after the last iteration */
  final: EpochEvent;
  wallSeconds: number;
}

export function writeMetrics(dir: string, m: Metrics): void {
  writeFileAtomic(join(dir, 'metrics.json'), JSON.stringify(m) + '\n');
  const accAt = new Map(m.epochs.map((e) => [e.iteration, e]));
  const rows = ['iteration,loss,train_acc,test_acc'];
  m.loss.forEach((l, i) => {
    const e = accAt.get(i);
    rows.push(`${i},${l},${e ? e.trainAcc : ''},${e ? e.testAcc : ''}`);
  });
  writeFileAtomic(join(dir, 'metrics.csv'), rows.join('\n') + '\n');
}

/** The loss and accuracy figures; `subject` (e.g. 'TwoLayerNet 784-50-10 on mnist') goes in their titles. */
export function writePlots(dir: string, m: Metrics, subject?: string): void {
  const its = m.loss.map((_, i) => i);
  const title = (what: string): string => (subject ? `${what}: ${subject}` : what);
  const loss = new Figure({ title: title('training loss'), xlabel: 'iteration', ylabel: 'loss' }).line(
    its,
    m.loss,
    {
      width: 1,
    },
  );
  writeFileAtomic(join(dir, 'loss.svg'), loss.toSVG());
  const epochs = m.epochs.map((e) => e.epoch);
  const acc = new Figure({ title: title('accuracy'), xlabel: 'epochs', ylabel: 'accuracy', ylim: [0, 1] })
    .line(
      epochs,
      m.epochs.map((e) => e.trainAcc),
      { label: 'train acc', marker: 3 },
    )
    .line(
      epochs,
      m.epochs.map((e) => e.testAcc),
      { label: 'test acc', dash: '6 4', marker: 3 },
    );
  writeFileAtomic(join(dir, 'accuracy.svg'), acc.toSVG());
}

// npm run fuzz: 10,000 fuzzed inputs per parser (IDX, IDX through gzip, safetensors, scratchnet
// models, PNG through predict's loader), the count of each outcome, every bug found, and a
// check that the first 1,000 inputs give the same outcomes twice.
// Usage: npx tsx tools/fuzz.ts [--runs N] [--seed S]. Exits 1 if any input was mishandled.
import { parseArgs } from 'node:util';
import { allTargets } from '../test/helpers/fuzz-targets.js';
import { checkTarget, fuzzTarget } from '../test/helpers/fuzz.js';

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' } } });
const runs = Number(values.runs ?? 10_000);
const seed = Number(values.seed ?? Date.now() % 2 ** 31);
console.log(`fuzzing: ${runs} inputs per parser, fast-check seed ${seed}`);
let bugs = 0;
const started = performance.now();
for (const target of allTargets()) {
  try {
    const r = fuzzTarget(target, runs, seed);
    const counts = Object.entries(r.outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(
      `${r.target}: ${r.inputs} inputs in ${r.seconds.toFixed(1)} s (slowest ${r.slowestMs.toFixed(0)} ms): ${counts}`,
    );
    for (const b of r.bugs) console.log(`  ${b}`);
    // the same inputs must give the same outcomes (a parser reading uninitialised memory does not)
    const again = [fuzzTarget(target, 1000, seed), fuzzTarget(target, 1000, seed)];
    if (JSON.stringify(again[0].outcomes) !== JSON.stringify(again[1].outcomes)) {
      bugs++;
      console.log(
        `  BUG nondeterministic: ${JSON.stringify(again[0].outcomes)} then ${JSON.stringify(again[1].outcomes)}`,
      );
    }
    if (r.bugs.length > 0) {
      bugs += r.bugs.length;
      try {
        checkTarget(target, runs, seed);
      } catch (e) {
        console.log(`  shrunk by fast-check:\n${(e as Error).message.replace(/^/gm, '    ')}`);
      }
    }
  } finally {
    target.close?.();
  }
}
const peak = process.resourceUsage().maxRSS / 1024; // kilobytes → MB
console.log(
  `done in ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${peak.toFixed(0)} MB: ` +
    (bugs === 0 ? 'no bugs' : `${bugs} mishandled inputs`),
);
process.exitCode = bugs === 0 ? 0 : 1;

// A few hundred fuzzed inputs per parser on every test run (npm run fuzz runs 10,000 each):
// each input must parse or fail with the parser's own error class, never a TypeError,
// RangeError or a hang. fast-check shrinks a failing input to a small one.
import { afterAll, describe, expect, it } from 'vitest';
import { checkTarget, fuzzTarget } from './helpers/fuzz.js';
import { allTargets } from './helpers/fuzz-targets.js';

const targets = allTargets();
afterAll(() => targets.forEach((t) => t.close?.()));

describe('fuzzing (300 mutated inputs per parser; npm run fuzz for 10,000)', () => {
  it.each(targets.map((t) => [t.name, t] as const))('%s', (_, target) => {
    // a fixed seed keeps the suite deterministic; npm run fuzz draws a new one each time
    checkTarget(target, 300, 12);
  });
});

describe('fuzzing is deterministic', () => {
  // the same inputs must give the same outcomes: a parser reading uninitialised memory does not
  // (pngjs did, for image data shorter than the image)
  it.each(targets.map((t) => [t.name, t] as const))('%s', (_, target) => {
    expect(fuzzTarget(target, 200, 5).outcomes).toEqual(fuzzTarget(target, 200, 5).outcomes);
  });
});

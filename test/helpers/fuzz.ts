// Property-based fuzzing of every parser that reads user files: IDX (raw and through the
// gzip path), safetensors (the format and scratchnet models), and PNG through predict's
// loader. Inputs are valid seeds mutated by fast-check (bit flips, byte edits, truncation,
// insertions, deletions, splices between seeds, edits of header fields, random bytes).
// The only acceptable outcomes are a valid result or the parser's own error class; anything
// else (TypeError, RangeError, a slow input) is a bug. Shared by test/fuzz.test.ts (a few
// hundred inputs per parser) and tools/fuzz.ts (`npm run fuzz`, 10,000 per parser); the
// parsers' seeds and format-aware mutations are in fuzz-targets.ts.
import fc from 'fast-check';

export interface FuzzTarget {
  name: string;
  seeds: Uint8Array[];
  /** runs the parser; returns normally for a valid input */
  run: (bytes: Uint8Array) => void;
  /** the parser's own error classes: the only errors allowed */
  errors: (abstract new (...args: never[]) => Error)[];
  /** a mutation that understands the format (header fields, JSON, chunk CRCs) */
  structured: fc.Arbitrary<(bytes: Uint8Array) => Uint8Array>;
  /** cleanup after a run (temporary files) */
  close?: () => void;
}

export interface FuzzReport {
  target: string;
  inputs: number;
  /** outcome → count: 'valid', the error class's name, or 'BUG …' */
  outcomes: Record<string, number>;
  /** a few examples of each bug: the outcome, the input's length and first bytes */
  bugs: string[];
  slowestMs: number;
  seconds: number;
}

/** More than this per input counts as a hang. */
const SLOW_MS = 2000;

const clamp = (at: number, length: number): number => (length === 0 ? 0 : at % length);

/** One generic mutation of a byte string. */
export function byteMutation(seeds: Uint8Array[]): fc.Arbitrary<(b: Uint8Array) => Uint8Array> {
  return fc.oneof(
    fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }).map(({ at, bit }) => (b: Uint8Array) => {
      const out = b.slice();
      if (out.length) out[clamp(at, out.length)] ^= 1 << bit;
      return out;
    }),
    fc
      .record({
        at: fc.nat(),
        value: fc.oneof(fc.constantFrom(0, 0xff, 0x7f, 0x80), fc.integer({ min: 0, max: 255 })),
      })
      .map(({ at, value }) => (b: Uint8Array) => {
        const out = b.slice();
        if (out.length) out[clamp(at, out.length)] = value;
        return out;
      }),
    fc.nat().map((at) => (b: Uint8Array) => b.slice(0, clamp(at, b.length + 1))),
    fc
      .record({ at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) })
      .map(({ at, bytes }) => (b: Uint8Array) => {
        const i = clamp(at, b.length + 1);
        return Uint8Array.from([...b.subarray(0, i), ...bytes, ...b.subarray(i)]);
      }),
    fc
      .record({ at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) })
      .map(({ at, length }) => (b: Uint8Array) => {
        const i = clamp(at, b.length + 1);
        return Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + length)]);
      }),
    // a splice: this input up to a point, then another seed from a point
    fc
      .record({ other: fc.nat(), at: fc.nat(), from: fc.nat() })
      .map(({ other, at, from }) => (b: Uint8Array) => {
        const o = seeds[other % seeds.length];
        return Uint8Array.from([
          ...b.subarray(0, clamp(at, b.length + 1)),
          ...o.subarray(clamp(from, o.length + 1)),
        ]);
      }),
  );
}

/** Inputs: a seed through one to four mutations, or now and then plain random bytes. */
function inputs(target: FuzzTarget): fc.Arbitrary<Uint8Array> {
  const mutation = fc.oneof(
    { weight: 3, arbitrary: byteMutation(target.seeds) },
    { weight: 2, arbitrary: target.structured },
  );
  return fc.oneof(
    {
      weight: 19,
      arbitrary: fc
        .record({ seed: fc.nat(), steps: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
        .map(({ seed, steps }) => steps.reduce((b, f) => f(b), target.seeds[seed % target.seeds.length])),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  );
}

/** What one input did: 'valid', the parser's error class name, or 'BUG …'. */
function outcome(target: FuzzTarget, bytes: Uint8Array): { result: string; ms: number } {
  const start = performance.now();
  let result = 'valid';
  try {
    target.run(bytes);
  } catch (e) {
    const own = target.errors.some((c) => e instanceof c);
    const name = e instanceof Error ? e.constructor.name : typeof e;
    if (own && (e as Error).message.length > 0) result = name;
    else result = `BUG ${name}: ${e instanceof Error ? e.message.slice(0, 160) : String(e)}`;
  }
  const ms = performance.now() - start;
  if (ms > SLOW_MS) result = `BUG slow (${ms.toFixed(0)} ms; was ${result})`;
  return { result, ms };
}

/**
 * Runs `numRuns` fuzzed inputs through a target and counts the outcomes. The property never
 * fails here, so every outcome is counted; `checkTarget` is the failing (shrinking) version.
 */
export function fuzzTarget(target: FuzzTarget, numRuns: number, seed = 1): FuzzReport {
  const outcomes: Record<string, number> = {};
  const bugs: string[] = [];
  let slowestMs = 0;
  const start = performance.now();
  fc.assert(
    fc.property(inputs(target), (bytes) => {
      const { result, ms } = outcome(target, bytes);
      const key = result.startsWith('BUG') ? result.replace(/\d+/g, 'N') : result;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if (result.startsWith('BUG') && bugs.length < 20)
        bugs.push(
          `${result} (input of ${bytes.length} bytes: ${Buffer.from(bytes.subarray(0, 48)).toString('hex')}…)`,
        );
      slowestMs = Math.max(slowestMs, ms);
    }),
    { numRuns, seed },
  );
  return {
    target: target.name,
    inputs: numRuns,
    outcomes,
    bugs,
    slowestMs,
    seconds: (performance.now() - start) / 1000,
  };
}

/** The same inputs as a failing property: fast-check shrinks the first bad input to a small one. */
export function checkTarget(target: FuzzTarget, numRuns: number, seed = 1): void {
  fc.assert(
    fc.property(inputs(target), (bytes) => {
      const { result } = outcome(target, bytes);
      if (result.startsWith('BUG')) throw new Error(`${target.name}: ${result}`);
    }),
    { numRuns, seed },
  );
}

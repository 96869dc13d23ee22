// RandomState: NumPy's legacy np.random, bit for bit — MT19937 seeded like np.random.seed,
// the 53-bit random_sample, the polar Gaussian with its cached second value, masked
// rejection for integers. Every random draw in scratchnet goes through one of these.
import { exactLog } from './exact-log.js';
import { checkShape, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';

const N = 624;
const M = 397;

/**
 * NumPy's legacy `np.random.RandomState`, bit for bit: MT19937 seeded like `np.random.seed`, so a
 * seed gives the same weights, batches and dropout masks as the book's Python code. All randomness
 * in scratchnet flows through one of these, passed in (never a global).
 *
 * @example
 * ```ts
 * const rng = new RandomState(0);
 * rng.randn(2, 3); // np.random.seed(0); np.random.randn(2, 3), bit for bit save a rare last-digit ulp
 * rng.choice(60000, 100); // a mini-batch's indices (book §4.2.3)
 * ```
 */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private pos = N;
  private gauss = 0;
  private hasGauss = false;

  /** A generator seeded with `seed` (an integer 0 ≤ seed < 2³²). */
  constructor(seed = 0) {
    this.seed(seed);
  }

  /** np.random.seed(s) for an integer 0 ≤ s < 2³² (MT19937's init_genrand). */
  seed(s: number): void {
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) {
      throw new Error(`RandomState.seed: seed must be an integer between 0 and 2**32 - 1, got ${s}`);
    }
    const mt = this.mt;
    mt[0] = s;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
    this.pos = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.pos = 0;
  }

  /** The next raw 32-bit output of MT19937 (genrand_int32). */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** One uniform float in [0, 1) with 53 random bits (random_sample). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** One standard normal draw: the legacy polar method, which yields two per rejection loop. */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * exactLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  private fill(shape: number[], draw: () => number): Tensor {
    checkShape('RandomState', shape);
    const data = new Float64Array(sizeOf(shape));
    for (let i = 0; i < data.length; i++) data[i] = draw();
    return new Tensor(data, shape);
  }

  /** np.random.rand(d0, d1, …): uniform [0, 1), float64. */
  rand(...shape: number[]): Tensor {
    return this.fill(shape, () => this.random());
  }

  /** np.random.randn(d0, d1, …): standard normal, float64. */
  randn(...shape: number[]): Tensor {
    return this.fill(shape, () => this.standardNormal());
  }

  /** np.random.uniform(low, high, size) */
  uniform(low: number, high: number, ...shape: number[]): Tensor {
    return this.fill(shape, () => low + (high - low) * this.random());
  }

  /** np.random.normal(loc, scale, size) */
  normal(loc: number, scale: number, ...shape: number[]): Tensor {
    return this.fill(shape, () => loc + scale * this.standardNormal());
  }

  /** A uniform integer in [0, max] by masked rejection, as NumPy's legacy bounded ints. */
  private bounded(max: number): number {
    if (max === 0) return 0;
    if (max === 0xffffffff) return this.nextUint32();
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let v: number;
    do v = (this.nextUint32() & mask) >>> 0;
    while (v > max);
    return v;
  }

  /** np.random.randint(low, high, size): integers in [low, high). */
  randint(low: number, high: number, size: number): Int32Array {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new Error(`RandomState.randint: need integers low < high, got low=${low}, high=${high}`);
    }
    if (high - low - 1 > 0xffffffff || low < -0x80000000 || high > 0x80000000) {
      throw new Error('RandomState.randint: the range must fit in 32 bits');
    }
    checkShape('RandomState.randint', [size]);
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = low + this.bounded(high - low - 1);
    return out;
  }

  /** np.random.choice(n, size, replace): indices into range(n). */
  choice(n: number, size: number, replace = true): Int32Array {
    if (!Number.isInteger(n) || n <= 0) {
      throw new Error(`RandomState.choice: a must be a positive integer, got ${n}`);
    }
    if (replace) return this.randint(0, n, size);
    if (size > n) {
      throw new Error(
        `RandomState.choice: cannot take a larger sample (${size}) than population (${n}) without replacement`,
      );
    }
    return this.permutation(n).slice(0, size);
  }

  /** np.random.shuffle for a 1-D array, in place (Fisher–Yates from the end). */
  shuffle(x: Int32Array | Float64Array | Float32Array | number[]): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.bounded(i);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }

  /** np.random.permutation(n) */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`RandomState.permutation: n must be an integer >= 0, got ${n}`);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }
}

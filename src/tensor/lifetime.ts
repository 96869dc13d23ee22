// When tensor storage is freed. Ordinary users need none of this: storage is freed when the
// garbage collector finds a tensor unused. Code that wants it back at a known moment (the
// wasm backend keeps tensors in the kernel module's memory, which the collector does not
// see) uses Tensor.dispose, tidy (TensorFlow.js's name and semantics) and keep.
import { adoptStorage, collectStorage, releaseStorage, type Storage } from '../kernels/index.js';
import { storageOfTensor, Tensor } from './tensor.js';

// storage no scope may free (keep())
const kept = new WeakSet<Storage>();

/**
 * Exempts `t` from every enclosing {@link tidy} scope: it lives until it is garbage-collected or
 * disposed. Returns `t`.
 */
export function keep<T extends Tensor>(t: T): T {
  const s = storageOfTensor(t);
  if (s) kept.add(s);
  return t;
}

/**
 * The storage of every tensor reachable from `roots` through arrays, Maps, Sets and objects'
 * own enumerable properties, up to `depth` levels (a net's layers, their caches and
 * gradients, an optimizer's state). Typed arrays and functions are not entered.
 */
export function reachableStorage(roots: unknown[], depth = 6): Set<Storage> {
  const found = new Set<Storage>();
  const seen = new Set<object>();
  const visit = (x: unknown, level: number): void => {
    if (typeof x !== 'object' || x === null || seen.has(x) || ArrayBuffer.isView(x)) return;
    seen.add(x);
    if (x instanceof Tensor) {
      const s = storageOfTensor(x);
      if (s) found.add(s);
      return;
    }
    if (level === depth) return;
    const children = x instanceof Map || x instanceof Set ? [...x.values()] : Object.values(x);
    for (const c of children) visit(c, level + 1);
  };
  for (const r of roots) visit(r, 0);
  return found;
}

/**
 * Runs `fn` and frees the storage of every tensor made during it except the tensors it returns
 * (a tensor, or arrays and objects of them) and those passed to {@link keep}: TensorFlow.js's
 * `tf.tidy`. A freed tensor throws on use. Scopes nest: what an inner scope returns belongs to
 * the outer one. `fn` must not be async (the scope would end before its work).
 *
 * @example
 * ```ts
 * const y = tidy(() => {
 *   const h = relu(gemm(x, W1, { bias: b1 })); // freed when tidy returns
 *   return gemm(h, W2, { bias: b2 }); // kept: returned
 * });
 * ```
 */
export function tidy<T>(fn: () => T): T {
  const [result, made] = collectStorage(fn);
  if (result instanceof Promise)
    throw new Error('tidy: the function must not be async (it returned a Promise)');
  const keepers = reachableStorage([result]);
  for (const s of made) {
    if (s.freed || kept.has(s)) continue;
    if (keepers.has(s)) adoptStorage(s);
    else releaseStorage(s);
  }
  return result;
}

/**
 * A scope over the steps of a training loop of your own, as the {@link Trainer} runs its steps:
 * each `run(step)` frees, when the step ends, the storage made during it (and that kept from
 * earlier steps) unless the step's result or the `roots` you name (the net, the optimizer) still
 * reach it (their parameters, state, cached activations, gradients) or {@link keep} protects it. So the loop
 * reuses the same blocks step after step. Ordinary users need it no more than {@link tidy}: the
 * garbage collector frees storage too, only later.
 *
 * Use it rather than `tidy` around a step: `tidy` frees everything made inside except what the
 * step returns, including state a layer replaces with a new tensor every step (the book's
 * BatchNormalization running mean), which the net would then read after it was freed.
 *
 * @example
 * ```ts
 * const scope = new StepScope([net, optimizer]);
 * for (let i = 0; i < iters; i++) {
 *   const loss = scope.run(() => {
 *     const mask = rng.choice(xTrain.shape[0], 100);
 *     const [xBatch, tBatch] = [take(xTrain, mask), take(tTrain, mask)];
 *     optimizer.update(net.params, net.gradient(xBatch, tBatch));
 *     return net.loss(xBatch, tBatch);
 *   });
 * }
 * scope.close();
 * ```
 */
export class StepScope {
  private survivors: Storage[] = [];

  /** @param roots the objects whose tensors outlive a step: a net, an optimizer (searched a few levels deep) */
  constructor(private readonly roots: unknown[]) {}

  /** Runs one step and frees what it made that the roots no longer reach. */
  run<T>(step: () => T): T {
    const [result, made] = collectStorage(step);
    const reached = reachableStorage([...this.roots, result]);
    const candidates = this.survivors.concat(made);
    this.survivors = [];
    for (const s of candidates) {
      if (s.freed || kept.has(s)) continue;
      if (reached.has(s)) this.survivors.push(s);
      else releaseStorage(s);
    }
    return result;
  }

  /** Hands what is still reached to the enclosing scope, if any (the run is over). */
  close(): void {
    for (const s of this.survivors) if (!s.freed) adoptStorage(s);
    this.survivors = [];
  }
}

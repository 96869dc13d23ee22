// Shape arithmetic: sizes, row-major strides, NumPy broadcasting and shape-naming errors.

/** The size of every axis, outermost first; `[]` is a 0-d tensor (a scalar). */
export type Shape = readonly number[];

/** Formats a shape the way NumPy prints it: (2,3), (3,), (). */
export function formatShape(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

/** The number of elements of a shape (1 for `[]`). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Throws unless every dimension is an integer ≥ 0, naming `op` and the shape. */
export function checkShape(op: string, shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new Error(`${op}: invalid shape ${formatShape(shape)}: dimensions must be integers >= 0`);
    }
  }
}

/** Row-major strides (in elements) of a contiguous array of `shape`. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/**
 * NumPy broadcasting (book §1.5.5): align trailing axes; each pair must be equal or contain a 1.
 *
 * @param op - the op's name, used in the error message
 * @returns the broadcast shape
 * @throws if the shapes cannot be broadcast, naming both shapes and the axis
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const nd = Math.max(a.length, b.length);
  const out = new Array<number>(nd);
  for (let i = 0; i < nd; i++) {
    const da = a.length - nd + i >= 0 ? a[a.length - nd + i] : 1;
    const db = b.length - nd + i >= 0 ? b[b.length - nd + i] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together: ` +
          `${da} != ${db} at dim ${i} of the result`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that read a contiguous `shape` as if it had `target` shape (0 on broadcast axes). */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const own = contiguousStrides(shape);
  const out = new Array<number>(target.length).fill(0);
  const shift = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[i + shift] = shape[i] === 1 ? 0 : own[i];
  return out;
}

/** Normalizes a possibly negative axis, naming the op on error. */
export function normalizeAxis(op: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new Error(`${op}: axis ${axis} is out of bounds for an array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

// The allocator over the kernel module's memory: blocks for resident tensors (resident.ts)
// and the kernels' staging area (module.ts's `layout`). Sizes are rounded up to size
// classes, four per doubling (at most a quarter wasted), 16-byte aligned; a freed block
// waits on its class's free list for the next request of that class, new blocks come from
// the top, and the memory grows when the top passes its end. Blocks are never split or
// merged: training asks for the same few sizes every iteration, so exact reuse is what
// matters, and the code stays short.

const PAGE = 65536;

/** The size class of a request: `bytes` rounded up to 16, then to one of four steps per doubling. */
export function sizeClass(bytes: number): number {
  if (bytes <= 64) return Math.max(16, Math.ceil(bytes / 16) * 16);
  const step = 2 ** Math.floor(Math.log2(bytes - 1)) / 4; // a quarter of the power of two below
  return Math.ceil(bytes / step) * step;
}

/** A size-class allocator over a WebAssembly memory, above the module's own data at `base`. */
export class Heap {
  private top: number;
  private readonly free = new Map<number, number[]>();
  /** Bytes in blocks handed out and not released (counted by size class). */
  inUse = 0;
  /** The most bytes ever in use at once. */
  peak = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    base: number,
  ) {
    this.top = base;
  }

  /**
   * A block of at least `bytes` (16-byte aligned); returns its byte address. Grows the
   * memory if need be: shared memory keeps existing views valid, an unshared one detaches
   * them (so there only the staging area, re-viewed on every use, lives in it). Throws
   * memory.grow's RangeError, with the heap unchanged, when the memory cannot grow so far
   * (past its maximum, wasm32's 4 GiB at most, or what the system gives).
   */
  alloc(bytes: number): number {
    const size = sizeClass(bytes);
    let at = this.free.get(size)?.pop();
    if (at === undefined) {
      at = this.top;
      const need = at + size - this.memory.buffer.byteLength;
      if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
      this.top += size;
    }
    this.inUse += size;
    this.peak = Math.max(this.peak, this.inUse);
    return at;
  }

  /** Returns the block at `at`, of `bytes` as asked of {@link Heap.alloc}, to its class's free list. */
  release(at: number, bytes: number): void {
    const size = sizeClass(bytes);
    this.inUse -= size;
    const list = this.free.get(size);
    if (list) list.push(at);
    else this.free.set(size, [at]);
  }

  /** The end of the highest block ever handed out. */
  get end(): number {
    return this.top;
  }

  /** Calls f(at, bytes) for every free block (tests poison them to catch reads of stale data). */
  forEachFree(f: (at: number, bytes: number) => void): void {
    for (const [size, list] of this.free) for (const at of list) f(at, size);
  }
}

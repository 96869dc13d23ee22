// A tiny typed event emitter, so the Trainer reports progress without printing and works
// the same in Node and the browser.

/**
 * A tiny typed event emitter, so the Trainer reports progress without printing, the same in Node and
 * browsers.
 */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners: { [K in keyof Events]?: ((e: Events[K]) => void)[] } = {};

  /** Calls `fn` with the payload every time `event` is emitted; returns this, for chaining. */
  on<K extends keyof Events>(event: K, fn: (e: Events[K]) => void): this {
    (this.listeners[event] ??= []).push(fn);
    return this;
  }

  protected emit<K extends keyof Events>(event: K, e: Events[K]): void {
    for (const fn of this.listeners[event] ?? []) fn(e);
  }
}

// What every page shares: the library (its wasm kernels start their Web Workers on import),
// the kernel status in the footer, and window.scratchnetStatus for tests.
import { kernels, threadCount, workersReady } from '../../src/browser.js';

declare global {
  interface Window {
    scratchnetStatus?: { threads: number; backend: string; isolated: boolean };
  }
}

/** Shows the kernels in the footer; `threads` overrides (page 1's kernels run in its worker). */
export function showKernelStatus(threads?: number): void {
  const el = document.getElementById('kernel-status');
  const n = threads ?? threadCount();
  const backend = kernels().name;
  window.scratchnetStatus = { threads: n, backend, isolated: globalThis.crossOriginIsolated === true };
  if (el) {
    el.textContent =
      `kernels: ${backend}, ${n} thread${n === 1 ? '' : 's'}` +
      (globalThis.crossOriginIsolated
        ? ''
        : ' (page not cross-origin isolated: serve it with scratchnet serve)');
    el.dataset.threads = String(n);
  }
}

/** Waits for the kernel workers, then shows them. */
export function startShell(): void {
  void workersReady().then(() => showKernelStatus());
}

export function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

export const input = (id: string): HTMLInputElement => $(id) as HTMLInputElement;
export const select = (id: string): HTMLSelectElement => $(id) as HTMLSelectElement;
export const button = (id: string): HTMLButtonElement => $(id) as HTMLButtonElement;

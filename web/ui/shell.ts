// What every page shares: the kernel status in the footer and window.scratchnetStatus for
// tests. Pages that compute import src/browser.js, whose wasm kernels start Web Workers.
import { kernels, threadCount, workersReady } from '../../src/index.js';

declare global {
  interface Window {
    scratchnetStatus?: { threads: number; backend: string; isolated: boolean };
  }
}

/** Shows the kernels in the footer: this page's, or those a worker reports (page 1's). */
export function showKernelStatus(threads = threadCount(), backend = kernels().name): void {
  const el = document.getElementById('kernel-status');
  const n = threads;
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

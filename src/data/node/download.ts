// Downloads one dataset file from a list of mirrors: streams it with progress, checks its
// SHA-256 against the constant we ship, and writes it atomically (temporary file, then
// rename), so a failed or corrupt download never leaves a file in the cache.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Progress of one download, reported after every chunk. */
export interface DownloadProgress {
  /** The file being downloaded. */
  file: string;
  /** The mirror URL it comes from. */
  url: string;
  /** Bytes received so far. */
  received: number;
  /** from Content-Length; null when the server does not say */
  total: number | null;
}

/** Options of {@link downloadVerified}. */
export interface DownloadOptions {
  /** Called after every chunk received. */
  onProgress?: (p: DownloadProgress) => void;
  /** per mirror; default 60 s without data */
  timeoutMs?: number;
}

async function fetchBytes(url: string, file: string, opts: DownloadOptions): Promise<Uint8Array> {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 60_000);
  try {
    const res = await fetch(url, { signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    const length = Number(res.headers.get('content-length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 60_000);
      opts.onProgress?.({ file, url, received, total });
    }
    if (total !== null && received !== total) {
      throw new Error(`connection closed after ${received} of ${total} bytes`);
    }
    const out = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } finally {
    clearTimeout(timer);
  }
}

/** The SHA-256 of `bytes`, as lowercase hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes bytes to `path` through a temporary file in the same folder and a rename, so readers
 * never see a half-written file; creates the folder if needed.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Tries each mirror in turn; the first download whose SHA-256 matches is written to
 * `dest`. Throws with every mirror's failure when none succeeds.
 */
export async function downloadVerified(
  file: string,
  mirrors: string[],
  expectedSha256: string,
  dest: string,
  opts: DownloadOptions = {},
): Promise<void> {
  const failures: string[] = [];
  for (const base of mirrors) {
    const url = new URL(file, base.endsWith('/') ? base : `${base}/`).toString();
    try {
      const bytes = await fetchBytes(url, file, opts);
      const got = sha256(bytes);
      if (got !== expectedSha256) {
        throw new Error(`checksum mismatch: SHA-256 ${got}, expected ${expectedSha256}`);
      }
      writeFileAtomic(dest, bytes);
      return;
    } catch (e) {
      const reason =
        e instanceof Error
          ? e.cause instanceof Error
            ? `${e.message}: ${e.cause.message}`
            : e.message
          : String(e);
      failures.push(`  ${url}: ${reason}`);
    }
  }
  throw new Error(`could not download ${file}:\n${failures.join('\n')}`);
}

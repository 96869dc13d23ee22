// Claiming train's --out folder: created level by level (Node's recursive mkdir never returns
// under /proc), locked so two runs cannot write into one folder, and, when --overwrite
// replaces a run, built beside it and moved in only once complete.
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './usage.js';

/** The file a finished run is used through: moved into place last. */
const MODEL = 'model.safetensors';

/** Present while a run writes into its folder; holds the run's process id. */
export const LOCK_FILE = '.scratchnet-lock';

export interface RunDir {
  /** the folder the run writes its files into: --out itself, or a staging folder beside it */
  readonly path: string;
  /** the run is complete: makes it the content of --out and releases the folder */
  commit(): void;
  /** the run failed: removes what it wrote, leaving what was in --out before */
  abandon(): void;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** mkdir of one level, with the reason a location cannot hold it in words. */
function makeFolder(path: string, out: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    if (code === 'EEXIST' && statOf(path)?.isDirectory()) return false;
    const where = dirname(path);
    const why =
      code === 'EROFS'
        ? `${where} is on a read-only file system`
        : code === 'EACCES' || code === 'EPERM'
          ? `${where} is read-only (cannot create ${basename(path)} there: ${code})`
          : code === 'ENOENT'
            ? // the parent exists (we walked up to it): a virtual file system such as /proc
              `${where} is read-only (it cannot hold new folders: ${code})`
            : `cannot create ${path} (${message})`;
    throw new UsageError(`--out ${out}: ${why}`);
  }
}

/** Creates the missing folders above `dir`, one level at a time, after checking the first existing one. */
function makeParents(dir: string): void {
  const missing: string[] = [];
  let at = dirname(dir);
  while (!statOf(at) && dirname(at) !== at) {
    missing.unshift(at);
    at = dirname(at);
  }
  if (!statOf(at)?.isDirectory()) throw new UsageError(`--out ${dir}: ${at} is a file, not a folder`);
  for (const m of missing) makeFolder(m, dir);
}

/** Takes the folder's lock (an exclusive create: of two runs, one gets it), or explains who holds it. */
function lock(dir: string): string {
  const path = join(dir, LOCK_FILE);
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    if (code !== 'EEXIST') throw new UsageError(`--out ${dir}: cannot write there (${message})`);
    throw new UsageError(busyMessage(dir, path));
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return path;
}

function busyMessage(dir: string, path: string): string {
  let pid = NaN;
  try {
    pid = Number(readFileSync(path, 'utf8').trim());
  } catch {
    // unreadable: say nothing about the process
  }
  let alive = true;
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  return alive
    ? `--out ${dir} is in use by another training run${Number.isInteger(pid) && pid > 0 ? ` (process ${pid})` : ''}; ` +
        'wait for it to finish or choose another folder'
    : `--out ${dir} is locked by process ${pid}, which is no longer running (a run that was killed); ` +
        `delete ${path} if no run is using the folder`;
}

/**
 * Claims --out for one run. Refuses a folder that holds a run unless `overwrite`, and a folder
 * another run is writing into in any case.
 */
export function claimRunDir(dir: string, overwrite: boolean): RunDir {
  const existing = statOf(dir);
  if (existing && !existing.isDirectory()) throw new UsageError(`--out ${dir} is a file, not a folder`);
  if (!existing) makeParents(dir);
  // exclusive: of two runs creating the folder, exactly one makes it
  const created = makeFolder(dir, dir);
  const before = created ? [] : readdirSync(dir);
  if (before.includes(LOCK_FILE)) throw new UsageError(busyMessage(dir, join(dir, LOCK_FILE)));
  if (before.length > 0 && !overwrite) {
    throw new UsageError(`--out ${dir} already holds a run; choose another folder or pass --overwrite`);
  }
  const lockPath = lock(dir);
  if (before.length === 0) {
    return {
      path: dir,
      commit: () => rmSync(lockPath, { force: true }),
      abandon: () => {
        if (created) rmSync(dir, { recursive: true, force: true });
        else for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
      },
    };
  }
  // --overwrite of a run: the new one is built beside it; the old one stays whole until the
  // new one is complete, then each new file replaces its namesake (one atomic rename each;
  // the model last). Files a run does not write (notes of the user's) are left alone.
  const staging = join(dirname(dir), `.${basename(dir)}.new-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  makeFolder(staging, dir);
  return {
    path: staging,
    commit: () => {
      const files = readdirSync(staging).sort((a, b) => Number(a === MODEL) - Number(b === MODEL));
      try {
        for (const f of files) renameSync(join(staging, f), join(dir, f));
      } catch (e) {
        throw new Error(
          `could not move the new run into ${dir} (${(e as Error).message}); what is left of it is in ${staging}`,
        );
      } finally {
        rmSync(lockPath, { force: true });
      }
      rmSync(staging, { recursive: true, force: true });
    },
    abandon: () => {
      rmSync(staging, { recursive: true, force: true });
      rmSync(lockPath, { force: true });
    },
  };
}

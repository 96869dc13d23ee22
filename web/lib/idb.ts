// A key-value store in IndexedDB (one database, one object store), for the verified dataset
// files and the last trained model; usable from pages and workers alike.

const DB = 'scratchnet-playground';
const STORE = 'files';

function open(): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((ok, fail) => {
      const req = op(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => ok(req.result as T);
      req.onerror = () => fail(req.error);
    });
  } finally {
    db.close();
  }
}

/** The stored value, or undefined (also when IndexedDB is unavailable, e.g. private mode). */
export async function idbGet<T>(key: string): Promise<T | undefined> {
  try {
    return await run<T | undefined>('readonly', (s) => s.get(key));
  } catch {
    return undefined;
  }
}

/** Stores a value; a failure (quota, private mode) only means it is fetched again next time. */
export async function idbPut(key: string, value: unknown): Promise<void> {
  try {
    await run('readwrite', (s) => s.put(value, key));
  } catch {
    // caching is an optimization
  }
}

// Pack bytes live in IndexedDB (the extension's own origin): they can be megabytes, and
// chrome.storage only holds JSON. The small metadata lives in chrome.storage.local (see packs.js).
// Store 'bytes': pack name -> Uint8Array. Store 'staging': files the options page hands to the
// worker, because runtime messages are JSON in Chromium and would mangle a Uint8Array.
const DB_NAME = 'storyprint';
let dbPromise;

function open() {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('bytes');
      req.result.createObjectStore('staging');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => { dbPromise = undefined; reject(req.error); };
  });
  return dbPromise;
}

async function run(store, mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(req?.result);
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

export const getBytes = (name) => run('bytes', 'readonly', (s) => s.get(name));
export const putBytes = (name, bytes) => run('bytes', 'readwrite', (s) => s.put(bytes, name));
export const deleteBytes = (name) => run('bytes', 'readwrite', (s) => s.delete(name));

export async function stage(bytes) {
  const id = crypto.randomUUID();
  await run('staging', 'readwrite', (s) => s.put(bytes, id));
  return id;
}

/** Returns the staged bytes and forgets them. */
export async function takeStaged(id) {
  const bytes = await run('staging', 'readonly', (s) => s.get(String(id)));
  await run('staging', 'readwrite', (s) => s.delete(String(id)));
  return bytes;
}

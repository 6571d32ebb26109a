// IndexedDB of the extension's own origin, for what chrome.storage cannot hold well: pack bytes
// (megabytes; chrome.storage only holds JSON) and the reader's own reading. The small pack metadata
// lives in chrome.storage.local (see packs.js).
// Stores:
//   'bytes': pack name -> Uint8Array
//   'staging': bytes handed between the extension's pages and its worker, because runtime messages
//     are JSON in Chromium and would mangle a Uint8Array (imported files, exported packs)
//   'articles': the remembered articles, {id, url, title, outlet, published, host, read} (never text)
//   'segments': the packs holding their fingerprints, {name, bytes, ids, created} (see reading.js)
const DB_NAME = 'storyprint';
let dbPromise;

function open() {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 2);
    req.onupgradeneeded = (ev) => {
      const db = req.result;
      if (ev.oldVersion < 1) {
        db.createObjectStore('bytes');
        db.createObjectStore('staging');
      }
      if (ev.oldVersion < 2) {
        const articles = db.createObjectStore('articles', { keyPath: 'id' });
        articles.createIndex('url', 'url');
        articles.createIndex('host', 'host');
        db.createObjectStore('segments', { keyPath: 'name' });
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => { dbPromise = undefined; reject(req.error); };
  });
  return dbPromise;
}

/**
 * Runs fn({store name: IDBObjectStore}) in one transaction over the named stores: all of its
 * writes happen or none does. Resolves to the result of the request fn returns, if any.
 */
export async function transact(stores, mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    const req = fn(Object.fromEntries(stores.map((s) => [s, tx.objectStore(s)])));
    tx.oncomplete = () => resolve(req?.result);
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

const run = (store, mode, fn) => transact([store], mode, (s) => fn(s[store]));

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

// Requests to the engine in worker.mjs: call(type, args) posts {id, type, ...args} and resolves
// with the worker's {id, ok, result} reply (or rejects with its error and code).
const worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 1;
let onStop = () => {};

export function call(type, args = {}, transfer = []) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, type, ...args }, transfer);
  });
}

/** fn(message) is told, in a visitor's words, when the worker could not start. */
export function onEngineStop(fn) {
  onStop = fn;
}

worker.onmessage = ({ data }) => {
  const p = pending.get(data.id);
  if (!p) return;
  pending.delete(data.id);
  if (data.ok) p.resolve(data.result);
  else p.reject(Object.assign(new Error(data.error.message), { code: data.error.code }));
};
// A worker that fails to load (old browser, missing file) fires only this event.
worker.onerror = (e) => {
  e.preventDefault?.();
  onStop(`The engine could not start${e.message ? `: ${e.message}` : ''}. This page needs a browser with module workers and WebAssembly.`);
  for (const p of pending.values()) p.reject(new Error('the engine stopped'));
  pending.clear();
};

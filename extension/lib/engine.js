// The one core engine of the worker, loaded once per worker start, and the queue that changes to
// its packs run in.
import { createEngine } from '../runtime/storyprint.mjs';

let engine;
let loaders = [];
let ready;

/** Loads the core, then runs each loader(engine) in turn (they add the stored packs). */
export function startEngine(...fns) {
  loaders = fns;
  ready = boot();
  return ready;
}

async function boot() {
  engine = await createEngine();
  for (const load of loaders) await load(engine);
}

/** The engine, once it and its packs are loaded. */
export async function whenReady() {
  await ready;
  return engine;
}

// Errors come back as values; should the core's module stop all the same (a bug), the next check
// gets a fresh module with every pack loaded again, instead of a worker that fails from then on.
export function afterAbort(err) {
  if (err?.code === 'engine.aborted') ready = boot();
}

// Pack changes run one at a time: they read-modify-write the metadata.
let queue = Promise.resolve();
export function serial(fn) {
  const p = queue.then(() => whenReady()).then(fn);
  queue = p.catch(() => {});
  return p;
}

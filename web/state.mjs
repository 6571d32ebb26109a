// What the page's parts share: set by one part, read by another.
export const state = {
  samples: [], // the demo's sample pages (input.mjs), whose ids a visitor's version must not take
  ready: false, // the engine answered init (app.mjs)
  lastCheck: null, // {text, meta} of the report on screen (check.mjs)
  packCount: 0, // packs loaded (packs.mjs), for the verdict's why sentences
};

// Measures on a labelled corpus, computed in wasm by the same code as the native `storyprint eval`
// (core/bindings/eval_bindings.cpp): the runner's `eval`, and the native/wasm parity test through
// it. Kept out of the Engine that the extension and the demo page load (they never evaluate).
import { internals } from './storyprint.mjs';

/**
 * evaluate(engine, {known, pages, spans, cv, predictions}): known and pages as parsed from
 * known.jsonl / pages.jsonl, spans as parsed from spans.jsonl. Returns {result, predictions};
 * result has the same JSON as `storyprint eval --json`.
 */
export function evaluate(engine, input) { return JSON.parse(evaluateJson(engine, input)); }

/** evaluate() as the core's JSON text: {"result": ..., "predictions": [...]}. */
export function evaluateJson(engine, { known, pages, spans = [], cv = 0, predictions = false }) {
  return engine[internals](({ module, withText, utf8Safe, parse, checked }) => {
    const str = (v) => (typeof v === 'string' ? utf8Safe(v) : '');
    const ev = new module.Evaluation();
    try {
      for (const v of known) {
        const e = withText(v.text, (p, n) =>
          ev.addKnown(utf8Safe(v.id), utf8Safe(v.outlet), utf8Safe(v.url), utf8Safe(v.title), utf8Safe(v.published), p, n));
        if (e) parse(e);
      }
      for (const p of pages) {
        const sources = new module.StringVector();
        for (const s of Array.isArray(p.sources) ? p.sources : []) if (typeof s === 'string') sources.push_back(utf8Safe(s));
        const storySources = Array.isArray(p.story_sources) ? p.story_sources.filter((s) => typeof s === 'string') : [];
        const story = utf8Safe(storySources[0] ?? (Array.isArray(p.sources) && typeof p.sources[0] === 'string' ? p.sources[0] : str(p.id)));
        try {
          ev.addPage(str(p.id), str(p.text), str(p.url), str(p.outlet), str(p.title), str(p.published),
            str(p.label), str(p.revision), story, sources, str(p.kind));
        } finally {
          sources.delete();
        }
      }
      for (const g of spans)
        for (const s of Array.isArray(g.spans) ? g.spans : [])
          if (Array.isArray(s) && s.length >= 3 && Number.isInteger(s[0]) && Number.isInteger(s[1]) && s[0] >= 0 && s[1] >= 0)
            ev.addSpan(str(g.id), s[0], s[1], str(s[2]));
      return checked(ev.run(cv | 0, !!predictions));
    } finally {
      ev.delete();
    }
  });
}

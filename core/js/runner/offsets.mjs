// The wasm core reports UTF-16 offsets (JS string indices); the native CLI reports code points.
// The runner converts so that its output equals the native CLI's for the same input.
import { Raw, RawObject } from './rawjson.mjs';

/** f(utf16Offset) -> code point offset, for offsets into `text` (lone surrogates count as one). */
export function codePointOffsets(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (u) => u; // BMP only: the two units agree
  // cp[u] for every unit boundary; the position between a surrogate pair's halves maps to the pair.
  const cp = new Uint32Array(text.length + 1);
  let n = 0;
  for (let u = 0; u < text.length; u++) {
    cp[u] = n;
    const c = text.charCodeAt(u);
    const pair = c >= 0xd800 && c <= 0xdbff && u + 1 < text.length && (text.charCodeAt(u + 1) & 0xfc00) === 0xdc00;
    if (pair) cp[++u] = n;
    n++;
  }
  cp[text.length] = n;
  return (u) => cp[u];
}

/** Rewrites a report (RawObject) in place: passages, quotes, credit and page length in code points. */
export function reportToCodePoints(report, text) {
  const toCp = codePointOffsets(text);
  const conv = (raw) => new Raw(String(toCp(Number(raw.text))));
  report.set('offsets', new Raw('"codepoint"'));
  const credit = report.get('credit');
  const spans = [...(report.get('passages') ?? []), ...(report.get('quotes') ?? []), ...(credit instanceof RawObject ? [credit] : [])];
  for (const p of spans) {
    p.set('start', conv(p.get('start')));
    p.set('end', conv(p.get('end')));
  }
  const page = report.get('page');
  if (page?.get('length')) page.set('length', conv(page.get('length')));
  return report;
}

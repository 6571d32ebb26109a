// Lossless JSON for the core's output: scalars keep their exact text, so a report can be edited
// (offsets converted, keys dropped) and printed again byte for byte as the core wrote it — JSON.parse
// would turn "1.0000" into 1. Also nlohmann-style dumps, for text the native CLI prints that way.

/** A scalar (number, string, true/false/null) as the exact JSON text the core wrote. */
export class Raw {
  constructor(text) { this.text = text; }
  get value() { return JSON.parse(this.text); }
}

/** An object: its entries in order, with the keys' exact text. */
export class RawObject {
  constructor() { this.entries = []; } // [key, rawKeyText, node]
  get(key) { return this.entries.find((e) => e[0] === key)?.[2]; }
  set(key, node) {
    const e = this.entries.find((x) => x[0] === key);
    if (e) e[2] = node;
    else this.entries.push([key, JSON.stringify(key), node]);
  }
  delete(key) { this.entries = this.entries.filter((e) => e[0] !== key); }
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function parseRaw(text) {
  let i = 0;
  const fail = () => { throw new SyntaxError(`invalid JSON at offset ${i}`); };
  const skip = () => { WS.lastIndex = i; WS.exec(text); i = WS.lastIndex; };
  const match = (re) => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) fail();
    i = re.lastIndex;
    return m[0];
  };
  const value = () => {
    skip();
    const c = text[i];
    if (c === '{') {
      const o = new RawObject();
      i++, skip();
      if (text[i] === '}') return i++, o;
      for (;;) {
        skip();
        const k = match(STRING);
        skip();
        if (text[i++] !== ':') fail();
        o.entries.push([JSON.parse(k), k, value()]);
        skip();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] !== '}') fail();
        return o;
      }
    }
    if (c === '[') {
      const a = [];
      i++, skip();
      if (text[i] === ']') return i++, a;
      for (;;) {
        a.push(value());
        skip();
        if (text[i] === ',') { i++; continue; }
        if (text[i++] !== ']') fail();
        return a;
      }
    }
    if (c === '"') return new Raw(match(STRING));
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) return (i += lit.length), new Raw(lit);
    return new Raw(match(NUMBER));
  };
  const v = value();
  skip();
  if (i !== text.length) fail();
  return v;
}

/** Compact JSON, scalars exactly as parsed: what the core printed, plus any edits. */
export function stringifyRaw(node) {
  if (node instanceof Raw) return node.text;
  if (Array.isArray(node)) return `[${node.map(stringifyRaw).join(',')}]`;
  if (node instanceof RawObject) return `{${node.entries.map(([, k, v]) => `${k}:${stringifyRaw(v)}`).join(',')}}`;
  return JSON.stringify(node);
}

const utf8 = new TextEncoder();
const byBytes = (a, b) => Buffer.compare(utf8.encode(a), utf8.encode(b));

/**
 * nlohmann::json::dump(indent) of the same value after nlohmann parsed it: keys sorted by UTF-8
 * bytes (std::map), a number with a fraction or exponent is a double printed shortest, "1.0" style
 * when whole; integers as written. indent < 0: compact, as dump() without arguments.
 */
export function nlohmannDump(node, indent = -1, depth = 0) {
  if (node instanceof Raw) {
    const t = node.text;
    if (/^-?\d+$/.test(t)) return t;
    if (/^-?\d/.test(t)) {
      const x = Number(t);
      return Number.isInteger(x) && Math.abs(x) < 1e16 ? `${x}.0` : String(x);
    }
    return t[0] === '"' ? JSON.stringify(JSON.parse(t)) : t;
  }
  const items = Array.isArray(node)
    ? node.map((v) => nlohmannDump(v, indent, depth + 1))
    : node instanceof RawObject
      ? [...node.entries].sort((a, b) => byBytes(a[0], b[0]))
        .map(([k, , v]) => `${JSON.stringify(k)}:${indent < 0 ? '' : ' '}${nlohmannDump(v, indent, depth + 1)}`)
      : null;
  if (!items) return JSON.stringify(node);
  const [open, close] = Array.isArray(node) ? '[]' : '{}';
  if (indent < 0 || !items.length) return `${open}${items.join(',')}${close}`;
  const pad = ' '.repeat(indent * (depth + 1));
  return `${open}\n${items.map((i) => pad + i).join(',\n')}\n${' '.repeat(indent * depth)}${close}`;
}

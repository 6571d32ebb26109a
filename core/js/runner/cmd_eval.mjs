// `storyprint-js eval`: the measures computed by the core (evaluate.mjs, the same code as the
// native `storyprint eval`), printed as the native CLI prints them: its table, or its JSON.
import fs from 'node:fs';
import { fixed, left, right } from './fmt.mjs';
import { CliError, readJsonl } from './io.mjs';
import { nlohmannDump, parseRaw, stringifyRaw } from './rawjson.mjs';
import { newEngine } from './engine.mjs';
import { evaluateJson } from '../evaluate.mjs';
import { dictionariesFor } from './engine.mjs';
import { readKnown } from './sources.mjs';

const USAGE = `usage: storyprint-js eval --known KNOWN.jsonl --pages PAGES.jsonl [--spans SPANS.jsonl] [--cv K]
                         [--predictions OUT.jsonl] [--json]
`;

function parseArgs(args) {
  const a = { known: '', pages: '', spans: '', predictions: '', json: false, cv: 0 };
  for (let i = 0; i < args.length; i++) {
    const next = () => (i + 1 < args.length ? args[++i] : '');
    const k = args[i];
    if (k === '--known') a.known = next();
    else if (k === '--pages') a.pages = next();
    else if (k === '--spans') a.spans = next();
    else if (k === '--predictions') a.predictions = next();
    else if (k === '--json') a.json = true;
    else if (k === '--cv') a.cv = Number.parseInt(next(), 10) || 0; // atoi
    else if (k === '-o' || k === '--output') next(); // fit's option, accepted as the native parser does
    else return null;
  }
  if (!a.spans) { // METER ships its phrase-level gold beside the pages
    const slash = a.pages.lastIndexOf('/');
    const guess = `${slash < 0 ? '' : a.pages.slice(0, slash + 1)}spans.jsonl`;
    if (fs.existsSync(guess)) a.spans = guess;
  }
  return a.known && a.pages ? a : null;
}

const num = (node) => Number(node.text);

function printVerdicts(out, m, title) {
  const c = m.get('confusion');
  out.write(`${title}\n  confusion (gold -> predicted):  syn  rew  orig\n`);
  for (const g of ['syndicated', 'rewrite', 'original']) {
    const row = c.get(g);
    out.write(`    ${left(g, 10)} ${right(num(row.get('syndicated')), 20)} ${right(num(row.get('rewrite')), 4)} ${right(num(row.get('original')), 4)}\n`);
  }
  for (const k of ['syndicated', 'rewrite', 'original']) {
    const pc = m.get('per_class').get(k);
    out.write(`  ${left(k, 10)} P ${fixed(num(pc.get('precision')), 3)}  R ${fixed(num(pc.get('recall')), 3)}  F1 ${fixed(num(pc.get('f1')), 3)}\n`);
  }
  const f = (k) => fixed(num(m.get(k)), 3);
  out.write(`  macro-F1 ${f('macro_f1')}  binary F1 ${f('binary_f1')}  original F1 ${f('original_f1')}  binary macro-F1 ${f('binary_macro_f1')}  attribution@1 ${nlohmannDump(m.get('attribution_at_1'))}\n`);
  out.write(`  calibration error (ECE, 10 bins) ${f('calibration_error')}\n`);
  const kinds = m.get('by_kind');
  if (kinds) {
    // nlohmann iterates an object's keys sorted by their UTF-8 bytes; the core writes them so already.
    for (const [kind, , k] of [...kinds.entries].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])))) {
      const g = (key) => fixed(num(k.get(key)), 3);
      out.write(`  ${left(kind, 45)} ${right(num(k.get('pages')), 4)} pages  called derived ${g('derived')}  derived and attributed ${g('derived_attributed')}\n`);
    }
  }
}

export async function cmdEval(args, out) {
  const a = parseArgs(args);
  if (!a) return { usage: USAGE };
  const known = readKnown(a.known);
  const pages = readJsonl(a.pages);
  // As the native reader: a labelled page without its text is an error in the corpus, not a page.
  const untexted = pages.find((p) => typeof p.text !== 'string');
  if (untexted) throw new CliError('page.text', `${a.pages}: page ${typeof untexted.id === 'string' ? untexted.id : ''} has no "text" string`);
  const spans = a.spans ? readJsonl(a.spans) : [];
  const engine = await newEngine();
  await dictionariesFor(engine, [...known.map((v) => v.text), ...pages.map((p) => (typeof p.text === 'string' ? p.text : ''))]);
  let raw;
  try {
    raw = parseRaw(evaluateJson(engine, { known, pages, spans, cv: a.cv, predictions: !!a.predictions }));
  } catch (e) {
    if (e.code) throw new CliError(e.code, e.message);
    throw e;
  }
  const m = raw.get('result');
  if (a.predictions) {
    const lines = raw.get('predictions').map((p) => `${stringifyRaw(p)}\n`).join('');
    try {
      fs.writeFileSync(a.predictions, lines);
    } catch {
      throw new CliError('io.write', `cannot write ${a.predictions}`);
    }
  }
  if (a.json) {
    out.write(`${stringifyRaw(m)}\n`);
    return { rc: 0 };
  }
  out.write(`${num(m.get('pages'))} pages against ${num(m.get('versions'))} known versions in ${num(m.get('stories'))} stories, ${fixed(num(m.get('pages_per_second')), 0)} pages/s\n`);
  printVerdicts(out, m.get('verdicts'), 'verdicts (compiled-in model)');
  if (m.get('cross_validated')) printVerdicts(out, m.get('cross_validated'), `verdicts, story-grouped ${a.cv}-fold cross-validation`);
  if (m.get('revision_confusion')) out.write(`revision degree -> verdict: ${nlohmannDump(m.get('revision_confusion'))}\n`);
  const p = m.get('passages');
  if (p) {
    const g = (k, s) => fixed(num(s ? p.get(k).get(s) : p.get(k)), 3);
    out.write(`passages: token macro-F1 ${g('token_macro_f1')} (reused F1 ${g('reused', 'f1')}, new F1 ${g('new', 'f1')}, verbatim F1 ${g('verbatim', 'f1')}) over ${num(p.get('pages'))} pages\n`);
  }
  return { rc: 0 };
}

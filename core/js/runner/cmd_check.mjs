// `storyprint-js check --pack P.pack FILE...` or `--pages PAGES.jsonl`: one JSON report per page,
// the native CLI's JSON exactly (offsets converted to code points). HTML files are checked as the
// article text Readability finds in them, with the page's meta tags as metadata.
import { CliError, eachJsonl, readText, str } from './io.mjs';
import { extractArticle, looksLikeHtml } from './html.mjs';
import { nlohmannDump, parseRaw, stringifyRaw } from './rawjson.mjs';
import { reportToCodePoints } from './offsets.mjs';
import { loadPack, newEngine } from './engine.mjs';

const USAGE = `usage: storyprint-js check --pack P.pack [--url U --outlet O --title T --published D] FILE...
       storyprint-js check --pack P.pack --pages PAGES.jsonl
`;

export async function cmdCheck(args, out) {
  let packPath = '', pagesPath = '', pretty = false;
  const files = [];
  const flags = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => (i + 1 < args.length ? args[++i] : '');
    if (a === '--pack') packPath = next();
    else if (a === '--pages') pagesPath = next();
    else if (['--url', '--outlet', '--title', '--published'].includes(a)) flags[a.slice(2)] = next();
    else if (a === '--json') { /* JSON is the only output format */ }
    else if (a === '--pretty') pretty = true;
    else files.push(a);
  }
  if (!packPath || (!files.length && !pagesPath)) return { usage: USAGE };

  const engine = await newEngine();
  loadPack(engine, packPath);
  let rc = 0;
  const emit = async (id, text, meta, replaced) => {
    await engine.ensureDictionaries(text); // CJK/Thai/...: the native ICU has its dictionaries built in
    let json;
    try {
      json = engine.checkJson(text, { ...meta, id });
    } catch (e) {
      if (!e.code) throw e;
      out.write(`${JSON.stringify({ error: { code: e.code, message: e.message }, id })}\n`);
      rc = 1;
      return;
    }
    const report = reportToCodePoints(parseRaw(json), text);
    report.delete('pack'); // a library's field: the native CLI checks against its one pack
    if (replaced) report.get('page').set('replaced_invalid', parseRaw('true'));
    const line = stringifyRaw(report);
    out.write(pretty ? `${nlohmannDump(report, 2)}\n` : `${line}\n`); // --pretty: as nlohmann's dump(2)
  };

  if (pagesPath) {
    // A bad line gets an error object in its place, as in the native CLI; the batch goes on.
    const lines = [];
    eachJsonl(pagesPath, (line, p, err) => lines.push({ line, p, err }));
    for (const { line, p, err } of lines) {
      const e = err ?? (typeof p.text !== 'string' ? { code: 'page.text', message: `page ${str(p.id)} has no "text" string` } : null);
      if (e) {
        out.write(`${JSON.stringify({ error: { code: e.code, message: e.message }, line })}\n`);
        rc = 1;
        continue;
      }
      await emit(str(p.id), p.text, { url: str(p.url), outlet: str(p.outlet), title: str(p.title), published: str(p.published) }, false);
    }
  }
  for (const f of files) {
    let page;
    try {
      page = readText(f);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      process.stderr.write(`storyprint-js: ${e.message} (${e.code})\n`);
      rc = 1;
      continue;
    }
    let { text } = page;
    let meta = { url: '', outlet: '', title: '', published: '' };
    if (looksLikeHtml(f, text)) {
      try {
        ({ text, meta } = await extractArticle(text, f));
      } catch (e) {
        // This page's failure is this page's error object; the batch goes on.
        out.write(`${JSON.stringify({ error: { code: e.code ?? 'page.html', message: `cannot extract the article: ${e.message}` }, id: f })}\n`);
        rc = 1;
        continue;
      }
    }
    for (const k of Object.keys(flags)) meta[k] = flags[k]; // the command line wins over the page's meta tags
    await emit(f, text, meta, page.replaced);
  }
  return { rc };
}

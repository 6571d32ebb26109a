// `storyprint-js tokens [--jsonl] FILE...`: what the core sees of a text, as `storyprint tokens`
// prints it (code point offsets; nlohmann's sorted keys).
import { CliError, readJsonl, readText } from './io.mjs';
import { newEngine } from './engine.mjs';

export async function cmdTokens(args, out) {
  let jsonl = false;
  const files = [];
  for (const a of args) {
    if (a === '--jsonl') jsonl = true;
    else files.push(a);
  }
  if (!files.length) return { usage: 'usage: storyprint-js tokens [--jsonl] FILE...\n' };
  const engine = await newEngine();
  for (const f of files) {
    const texts = jsonl ? readJsonl(f).map((o) => (typeof o.text === 'string' ? o.text : '')) : [readText(f).text];
    for (const text of texts) {
      await engine.ensureDictionaries(text);
      let r;
      try {
        r = engine.tokenize(text);
      } catch (e) {
        if (e.code) throw new CliError(e.code, e.message);
        throw e;
      }
      const tokens = r.tokens.map((t) => ({ end: t.endCp, form: t.form, key: t.key, sentence: t.sentence, start: t.startCp }));
      out.write(`${JSON.stringify({ language: r.language, sentences: r.sentences, tokens })}\n`);
    }
  }
  return { rc: 0 };
}

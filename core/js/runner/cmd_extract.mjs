// `storyprint-js extract PAGE.html|FOLDER|FEED.xml|KNOWN.jsonl... -o KNOWN.jsonl`: the known
// versions `pack build` would fingerprint, as JSON lines (the shared corpus format, text included),
// for the native CLI, which reads no HTML: extraction stays in the one article.mjs the extension uses.
import { writeFileAtomic } from './io.mjs';
import { readSources } from './sources.mjs';

const USAGE = 'usage: storyprint-js extract PAGE.html|FOLDER|FEED.xml|KNOWN.jsonl... -o KNOWN.jsonl\n';

export async function cmdExtract(args) {
  const inputs = [];
  let output = '';
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '-o' || args[i] === '--output') && i + 1 < args.length) output = args[++i];
    else inputs.push(args[i]);
  }
  if (!inputs.length || !output) return { usage: USAGE };
  const sources = await readSources(inputs);
  const lines = sources.map(({ version: v }) => `${JSON.stringify({ id: v.id, outlet: v.outlet, url: v.url, title: v.title, published: v.published, text: v.text })}\n`);
  writeFileAtomic(output, lines.join(''));
  process.stderr.write(`wrote ${output}: ${sources.length} known versions\n`);
  return { rc: 0 };
}

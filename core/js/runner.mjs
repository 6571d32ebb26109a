#!/usr/bin/env node
// storyprint-js: the headless runner. The native CLI's commands, options and output, computed by
// the wasm core through the one JS wrapper (storyprint.mjs): outputs can be compared line by line.
import { CliError } from './runner/io.mjs';

const USAGE = `usage: storyprint-js <command> [options]
  pack build INPUT... -o OUT.pack        fingerprint known versions into a pack: JSON lines, and
                                         saved .html pages, folders of them and RSS/Atom feeds
  pack add|merge|prune ...               add versions to a pack, merge packs, drop old versions
  pack info P.pack                       counts and size of a pack
  pack verify P.pack --public-key KEY    check a publisher's signature
  extract INPUT... -o KNOWN.jsonl        the known versions of pages and feeds, as JSON lines
  check --pack P.pack FILE...            verdict, source and passages for each page (JSON lines);
                                         .html files: the article Readability finds, with the page's meta
  check --pack P.pack --pages P.jsonl    the same for a batch of pages
  eval --known K.jsonl --pages P.jsonl   measures on a labelled corpus [--cv K] [--json]
  tokens FILE...                         canonical tokens and sentences of text files (JSON lines)
  bench [options]                        speed, size and recall benchmarks (see bench --help)
`;

// Each command in its own module, loaded on use (jsdom is heavy and only HTML checks need it).
const COMMANDS = {
  check: async () => (await import('./runner/cmd_check.mjs')).cmdCheck,
  pack: async () => (await import('./runner/cmd_pack.mjs')).cmdPack,
  extract: async () => (await import('./runner/cmd_extract.mjs')).cmdExtract,
  eval: async () => (await import('./runner/cmd_eval.mjs')).cmdEval,
  tokens: async () => (await import('./runner/cmd_tokens.mjs')).cmdTokens,
  // The benchmarks live in the repository's bench/, beside their corpus generator and report: an
  // installed copy of this package has no bench command.
  bench: async () => {
    try {
      return (await import('../../bench/runner/cmd_bench.mjs')).cmdBench;
    } catch (e) {
      if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
      throw new CliError('bench.missing', 'bench runs from a checkout of the repository (bench/runner/)');
    }
  },
};

// stdout in large writes: one write per report line is slow when piped.
class Output {
  #parts = [];
  #size = 0;
  write(s) {
    this.#parts.push(s);
    if ((this.#size += s.length) > 1 << 16) this.flush();
  }
  flush() {
    if (this.#parts.length) process.stdout.write(this.#parts.join(''));
    this.#parts = [];
    this.#size = 0;
  }
}

async function main(argv) {
  const [cmd, ...args] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help') {
    (cmd ? process.stdout : process.stderr).write(USAGE);
    return cmd ? 0 : 2;
  }
  if (!COMMANDS[cmd]) {
    process.stderr.write(`storyprint-js: unknown command '${cmd}'\n${USAGE}`);
    return 2;
  }
  const out = new Output();
  try {
    const r = await (await COMMANDS[cmd]())(args, out);
    out.flush();
    if (r.usage) {
      process.stderr.write(r.usage);
      return 2;
    }
    return r.rc;
  } catch (e) {
    out.flush();
    if (e instanceof CliError || e?.name === 'StoryprintError') {
      process.stderr.write(`storyprint-js: ${e.message} (${e.code})\n`);
      return 1;
    }
    process.stderr.write(`storyprint-js: ${e?.stack ?? e}\n`); // a bug: say where
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

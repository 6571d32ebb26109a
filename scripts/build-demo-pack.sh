#!/usr/bin/env bash
# The bundled demo pack: the known sample pages of demo/samples.json (texts written for the project,
# CC0: demo/README.md), fingerprinted. Needs nothing outside the repository.
# Output: build/demo/demo.pack and build/demo/known.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/demo
node - build/demo/known.jsonl <<'JS'
const fs = require('node:fs');
const out = process.argv[2];
const { samples } = JSON.parse(fs.readFileSync('demo/samples.json', 'utf8'));
const lines = samples.filter((s) => s.known).map(({ id, outlet, url, title, published, file }) =>
  JSON.stringify({ id, outlet, url, title, published, text: fs.readFileSync(`demo/${file}`, 'utf8') }));
const text = lines.join('\n') + '\n';
// Rewritten only when it changed, so that the pack is rebuilt only then.
if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) fs.writeFileSync(out, text);
JS
if [[ ! -f build/demo/demo.pack || build/demo/known.jsonl -nt build/demo/demo.pack || build/native/storyprint -nt build/demo/demo.pack ]]; then
  build/native/storyprint pack build build/demo/known.jsonl -o build/demo/demo.pack
fi

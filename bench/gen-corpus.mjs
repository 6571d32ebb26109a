#!/usr/bin/env node
// Synthetic corpora for `storyprint bench` / `storyprint-js bench`: news-like known versions and
// pages with planted copies, deterministic for a seed. Words come from the meter-dev texts'
// vocabulary (read from ../shared/data at run time, never copied), drawn with a Zipf law, plus
// per-story topic words and invented names, so that stories have their own vocabulary as real ones
// do and the index sees a realistic long tail.
//
//   node bench/gen-corpus.mjs --out DIR [--versions 100000] [--seed 1] [--data ../shared/data]
//
// Writes DIR/known.jsonl (the known versions; the first 1k / 10k of them make the smaller packs),
// DIR/latency.jsonl (800-word pages: half derived from one of the first 1,000 versions, half
// original), DIR/planted.jsonl (copies planted in pages: boilerplate-wrapped, 5-20 % of words
// edited, 30-60 % excerpts, and original pages; each with its source and the source's story).
import fs from 'node:fs';
import path from 'node:path';
import { DAY0, ROOT, cap, cliArgs, dataDir, iso, outputs, paragraphs as paragraphsOf, random, vid, words } from './gen-common.mjs';

const args = cliArgs();
const OUT = args.out ?? path.join(ROOT, 'build/bench/corpus');
const N = Number(args.versions ?? 100000);
const SEED = Number(args.seed ?? 1);
const DATA = dataDir(args);
const LATENCY_PAGES = Number(args['latency-pages'] ?? 300);
const PLANTED_PER_KIND = Number(args['planted-per-kind'] ?? 100);

const rng = random(SEED);
const { rand, int, pick, chance, normal } = rng;
const paragraphs = (sentences) => paragraphsOf(rng, sentences);

// --- vocabulary ---------------------------------------------------------------------------------
function readVocabulary() {
  const dir = path.join(DATA, 'meter-dev');
  const counts = new Map();
  for (const f of ['known.jsonl', 'pages.jsonl'])
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      for (const w of JSON.parse(line).text.toLowerCase().match(/\p{L}+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  // Rank by frequency, ties by the word, so the ranking does not depend on file order.
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}
const VOCAB = readVocabulary();
// Zipf(s = 1) over ranks: cumulative weights, sampled by binary search.
const CDF = new Float64Array(VOCAB.length);
{
  let s = 0;
  for (let r = 0; r < VOCAB.length; r++) CDF[r] = s += 1 / (r + 1);
  for (let r = 0; r < VOCAB.length; r++) CDF[r] /= s;
}
function zipfWord() {
  const x = rand();
  let lo = 0, hi = CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CDF[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo];
}
// Invented names: syllables cut from vocabulary words, so they look like words of the corpus.
const SYLLABLES = [...new Set(VOCAB.slice(0, 3000).filter((w) => w.length >= 4).map((w) => w.slice(0, 3)))];
const name = () => cap(pick(SYLLABLES) + pick(SYLLABLES).slice(0, int(2, 3)));

// --- text ---------------------------------------------------------------------------------------
function topic() {
  const words = Array.from({ length: 30 }, () => VOCAB[int(300, VOCAB.length - 1)]);
  const names = Array.from({ length: 4 }, () => `${name()}${chance(0.5) ? ` ${name()}` : ''}`);
  return { words, names };
}
function sentence(t, min = 8, max = 32) {
  const n = int(min, max);
  const w = [];
  for (let i = 0; i < n; i++) {
    const x = rand();
    let word = x < 0.7 || !t ? zipfWord() : x < 0.92 ? pick(t.words) : pick(t.names);
    if (chance(0.015)) word = String(int(2, 2024));
    if (i < n - 1 && chance(0.08)) word += ',';
    w.push(word);
  }
  w[0] = cap(w[0]);
  const s = `${w.join(' ')}.`;
  return t && chance(0.1) ? `“${s}” ${pick(['he said.', 'she said.', 'a spokesman said.', 'police said.'])}` : s;
}
function article(t, targetWords) {
  const s = [];
  let n = 0;
  while (n < targetWords) {
    const x = sentence(t);
    s.push(x);
    n += words(x);
  }
  return s;
}
// Wire lengths: log-normal around 350 words (METER's PA copy: median about 300).
const wireLength = () => Math.max(80, Math.min(1500, Math.round(350 * Math.exp(0.5 * normal()))));

const OUTLETS = ['Press Association', 'Reuters', 'Associated Press', 'AFP', 'Bloomberg', 'dpa', 'ANSA', 'EFE', 'Kyodo', 'Xinhua'];
const PAPERS = ['Daily Example', 'The Example Times', 'Example Post', 'Morning Example', 'Example Herald'];

// --- known versions: stories of 1-3 versions (wire updates rework and extend the previous one) ----
function* knownVersions() {
  let id = 0, story = 0;
  while (id < N) {
    const t = topic();
    const day = DAY0 + int(0, 5 * 365);
    const outlet = pick(OUTLETS);
    const k = chance(0.7) ? 1 : chance(0.67) ? 2 : 3;
    let sents = article(t, wireLength());
    for (let v = 0; v < k && id < N; v++, id++) {
      if (v > 0) { // an update: a new lead, some sentences reworked
        sents = sents.map((s) => (chance(0.2) ? sentence(t) : s));
        sents.unshift(...Array.from({ length: int(1, 3) }, () => sentence(t)));
      }
      const text = paragraphs(sents);
      yield { rec: { id: vid(id), outlet, url: `https://wire.example/${story}/${v}`,
        title: sents[0].split(' ').slice(0, 10).join(' '), published: iso(day + (v ? int(0, 1) : 0)), text }, story, t };
    }
    story++;
  }
}

// --- pages --------------------------------------------------------------------------------------
const BOILER_TOP = [
  'Skip to main content', 'Home | News | Sport | Business | Culture | Opinion | Travel | Weather',
  'Sign up to our daily newsletter and get the top stories in your inbox every morning',
  'We use cookies to personalise content and ads and to analyse our traffic. Accept all cookies or manage your preferences',
  'Advertisement', 'Subscribe now for unlimited access. Already a subscriber? Log in', 'Share this article: Facebook Twitter WhatsApp Email',
];
const BOILER_BOTTOM = [
  'Share this article: Facebook Twitter WhatsApp Email', 'Read more', 'Most read', 'Advertisement',
  'Copyright © 2024 Example Media Ltd. All rights reserved. Registered in England and Wales',
  'Privacy policy | Terms of use | Cookie settings | Contact us | Complaints | Careers',
  'Comments are closed for this article. Read our community guidelines',
];
function boilerplate(lines) {
  const out = lines.filter(() => chance(0.7));
  if (chance(0.8)) out.push('Related stories', ...Array.from({ length: int(3, 6) }, () => sentence(null, 6, 12).replace(/\.$/, '')));
  return out.join('\n');
}
const wrap = (text) => `${boilerplate(BOILER_TOP)}\n\n${text}\n\n${boilerplate(BOILER_BOTTOM)}`;
function edit(text, rate) {
  const out = [];
  for (const w of text.split(/(\s+)/)) {
    if (!w.trim() || !chance(rate)) { out.push(w); continue; }
    const x = rand();
    if (x < 0.5) out.push(zipfWord() + (/[.,”]$/.test(w) ? w.slice(-1) : ''));
    else if (x < 0.75) out.push(/[.”]$/.test(w) ? w.slice(-1) : '');
    else out.push(`${w} ${zipfWord()}`);
  }
  return out.join('');
}
function excerpt(text, share) {
  const s = text.split(/(?<=[.”])\s+/);
  const total = words(text);
  let best = [0, 1];
  const start = int(0, Math.max(0, s.length - 1));
  for (let from = start, n = 0, to = from; to < s.length; to++) {
    n += words(s[to]);
    best = [from, to + 1];
    if (n >= share * total) break;
  }
  // Not enough text after a late start: take it from the beginning instead.
  if (words(s.slice(...best).join(' ')) < share * total * 0.9) {
    let n = 0, to = 0;
    while (to < s.length && n < share * total) n += words(s[to++]);
    best = [0, Math.max(1, to)];
  }
  return paragraphs(s.slice(...best));
}

function main() {
  const out = outputs(OUT);
  const known = out.open('known.jsonl');
  const storyOf = [], published = [];
  const keep = new Map(); // versions that pages will copy: id -> {rec, t}
  // Which versions pages copy is decided up front, so that only those are kept in memory.
  const latencySources = new Set(Array.from({ length: LATENCY_PAGES / 2 }, () => int(0, Math.min(N, 1000) - 1)));
  // Planted copies come from the first 10,000 versions: in every pack of 10k and more, among all the
  // others of the largest pack (recall is measured there).
  const plantedSources = Array.from({ length: 3 * PLANTED_PER_KIND }, () => int(0, Math.min(N, 10000) - 1));
  const wanted = new Set([...latencySources, ...plantedSources]);
  let i = 0;
  for (const { rec, story, t } of knownVersions()) {
    storyOf.push(story);
    published.push(rec.published);
    if (wanted.has(i)) keep.set(i, { rec, t });
    known.write(rec);
    i++;
  }
  known.close();
  const storyIds = (v) => {
    const ids = [];
    for (let u = v; u >= 0 && storyOf[u] === storyOf[v]; u--) ids.unshift(vid(u));
    for (let u = v + 1; u < storyOf.length && storyOf[u] === storyOf[v]; u++) ids.push(vid(u));
    return ids;
  };
  const later = (v) => iso(Date.parse(published[v]) / 86400000 + int(0, 1));

  // Latency pages: 800 words, derived ones a wrapped, edited copy topped up with fresh text.
  const lat = [];
  const srcs = [...latencySources];
  for (let p = 0; p < LATENCY_PAGES; p++) {
    const derived = p % 2 === 0 && srcs.length;
    let text;
    if (derived) {
      const v = srcs[(p / 2) % srcs.length];
      const base = edit(keep.get(v).rec.text, 0.1);
      const fresh = Math.max(0, 800 - words(base) - 120);
      text = wrap(fresh ? `${base}\n\n${paragraphs(article(topic(), fresh))}` : base);
      const s = text.split(/\s+/).filter(Boolean);
      if (s.length > 800) text = s.slice(0, 800).join(' '); // an 800-word page in any case
    } else {
      text = wrap(paragraphs(article(topic(), 680)));
    }
    lat.push({ id: `latency-${p}`, kind: derived ? 'derived' : 'original', outlet: pick(PAPERS), text });
  }
  out.all('latency.jsonl', lat);

  // Planted copies, and original pages on stories of their own.
  const planted = [];
  const kinds = ['boilerplate', 'edited', 'excerpt'];
  plantedSources.forEach((v, j) => {
    const kind = kinds[Math.floor(j / PLANTED_PER_KIND)];
    const src = keep.get(v).rec;
    const text = kind === 'boilerplate' ? wrap(src.text)
      : kind === 'edited' ? edit(src.text, 0.05 + 0.15 * rand())
        : excerpt(src.text, 0.3 + 0.3 * rand());
    planted.push({ id: `planted-${kind}-${j % PLANTED_PER_KIND}`, kind, source: src.id, story_sources: storyIds(v),
      outlet: pick(PAPERS), published: later(v), text });
  });
  for (let j = 0; j < PLANTED_PER_KIND; j++)
    planted.push({ id: `planted-original-${j}`, kind: 'original', source: null, story_sources: [], outlet: pick(PAPERS),
      published: iso(DAY0 + int(0, 5 * 365)), text: paragraphs(article(topic(), wireLength())) });
  out.all('planted.jsonl', planted);

  out.commit({ versions: N, seed: SEED, vocabulary: VOCAB.length,
    stories: storyOf.at(-1) + 1, latency_pages: LATENCY_PAGES, planted_per_kind: PLANTED_PER_KIND });
}

main();

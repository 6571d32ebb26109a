#!/usr/bin/env node
// A news-shaped bench corpus, beside the synthetic one of bench/gen-corpus.mjs (issue 17). Its
// material is real sentences, read at run time from ../shared/data (METER, heavy-dev,
// Clough-Stevenson, MSRP, the seed pages; never copied into the repository), put together the way
// news is published, so that the pack holds what real packs hold:
//   - stories reprinted by many outlets: a wire story (one to four editions: a new lead and a few
//     sentences changed each time) republished by 5-40 outlets, each in its own site template
//     (masthead, navigation, newsletter prompt, copyright line with the outlet's name, "most read"
//     headlines of other stories), sometimes trimmed or with a line edited; local stories of one
//     outlet, sometimes updated;
//   - boilerplate held by hundreds or thousands of versions: agency credits ("Reporting by ...;
//     Editing by ..."), trust lines, corrections, the cookie and newsletter lines of a CMS family;
//   - every real sentence used by several stories that have nothing else in common (about 11 at
//     100k versions: 36k sentences), so a page can share many sentences with the pack and little
//     with any one version;
//   - long versions: live blogs, transcripts and roundups of 5,000-16,000 words;
//   - 15 % of versions without a date (pages that do not say).
//
//   node bench/gen-news-corpus.mjs --out DIR [--versions 100000] [--seed 1] [--data ../shared/data]
//
// Writes, as bench/gen-corpus.mjs does (the bench reads both alike):
//   DIR/known.jsonl    the known versions (the first 1k / 10k make the smaller packs); besides the
//                      corpus fields each has `kind` (wire, reprint, local, liveblog, transcript,
//                      roundup) and `story`;
//   DIR/latency.jsonl  800-word pages timed by the bench: copies of one of the first 1,000 versions
//                      in another site's template, some edited and topped up with text of their own
//                      (derived); pages of sentences each held by versions of other stories
//                      (nosource); pages of sentences in no version (original);
//   DIR/planted.jsonl  the pages whose verdicts the bench scores, from the first 10,000 versions:
//                      boilerplate (a version's article in another site's template), edited (5-20 %
//                      of words), excerpt (30-60 %), quote (a 300-word report of its own quoting a
//                      few sentences of a transcript: not a copy of it), nosource (only sentences
//                      each held by versions of two or more other stories, scattered: expected
//                      original), original (sentences in no version). Each has `kind`, `source`
//                      (the version copied), `sources` (that edition: the version and the reprints
//                      of the same text), `story_sources`; about 40 % carry url / outlet / published.
import fs from 'node:fs';
import path from 'node:path';
import { DAY0, ROOT, cap, cliArgs, dataDir, iso, outputs, random, vid, words } from './gen-common.mjs';

const args = cliArgs();
const OUT = args.out ?? path.join(ROOT, 'build/bench/news');
const N = Number(args.versions ?? 100000);
const SEED = Number(args.seed ?? 1);
const DATA = dataDir(args);
const LATENCY_PAGES = Number(args['latency-pages'] ?? 300);
const PER_KIND = Number(args['planted-per-kind'] ?? 100);
const NOSOURCE_PAGES = Number(args['nosource-pages'] ?? 2 * PER_KIND); // a 1 % target needs more than 100
const HELD_OUT = 3000; // sentences in no version: the material of original pages

const rng = random(SEED);
const { rand, int, pick, chance, normal, shuffle } = rng;

// --- real sentences ---------------------------------------------------------------------------------
const ABBREV = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'gov', 'sen', 'rep', 'gen', 'lt', 'col', 'capt', 'sgt',
  'prof', 'rev', 'no', 'vs', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'mt', 'ft', 'u.s', 'u.k', 'u.n', 'e.g', 'i.e', 'etc', 'approx', 'dept', 'est']);
/** Sentences of a text by a plain rule: end punctuation, space, a capital; not after an abbreviation or initial. */
export function splitSentences(text) {
  const t = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/\r/g, '');
  // METER's wire copy ends paragraphs with '<' and wraps lines inside them; elsewhere a line is a block.
  const blocks = t.includes('<\n') ? t.split(/<\s*\n/) : t.split(/\n/);
  const out = [];
  for (const raw of blocks) {
    const b = raw.replace(/\s+/g, ' ').trim();
    let from = 0;
    for (const m of b.matchAll(/[.!?]["”’')]*\s+(?=["“‘'(]?[A-Z0-9])/g)) {
      const before = b.slice(from, m.index).split(' ').at(-1).toLowerCase().replace(/^["“‘'(]+/, '');
      if (ABBREV.has(before) || /^\p{L}$/u.test(before)) continue;
      out.push(b.slice(from, m.index + m[0].trimEnd().length));
      from = m.index + m[0].length;
    }
    out.push(b.slice(from));
  }
  return out;
}
const usable = (s) => {
  const n = words(s);
  return n >= 7 && n <= 45 && /^["“‘'(]?[A-Z0-9]/.test(s) && /[a-z0-9][.!?]["”’')]*$/.test(s) &&
    !/[<>|@#{}\\_~^*=]|https?:|www\.|\.com\b|\t/.test(s) &&
    (s.match(/\p{Lu}/gu)?.length ?? 0) < 0.3 * (s.match(/\p{L}/gu)?.length ?? 1);
};
/** Usable sentences, one of each (case and punctuation aside), grouped by the text they come from
 *  (an MSRP pair is one text); texts sorted by their first sentence, so that the order does not
 *  depend on the files'. */
function readTexts() {
  const texts = [];
  for (const set of ['meter-dev', 'heavy-dev', 'clough-stevenson'])
    for (const f of ['known.jsonl', 'pages.jsonl']) {
      const file = path.join(DATA, set, f);
      if (!fs.existsSync(file)) continue;
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (line.trim()) texts.push(JSON.parse(line).text ?? '');
    }
  const msrp = path.join(DATA, 'msrp-train/msr_paraphrase_train.txt');
  if (fs.existsSync(msrp))
    for (const line of fs.readFileSync(msrp, 'utf8').split('\n').slice(1)) texts.push(line.split('\t').slice(3, 5).join('\n'));
  const seeds = path.join(DATA, 'seeds');
  if (fs.existsSync(seeds)) for (const f of fs.readdirSync(seeds).sort()) texts.push(fs.readFileSync(path.join(seeds, f), 'utf8'));
  const seen = new Set(), out = [];
  for (const t of texts) {
    const mine = [];
    for (const s of splitSentences(t)) {
      if (!usable(s)) continue;
      const key = s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      if (!seen.has(key)) seen.add(key), mine.push(s);
    }
    if (mine.length) out.push(mine);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
// Original pages are made of sentences in no version, held out by whole texts: no sentence of
// theirs has a sibling from the same text (or MSRP pair) in the pack.
const TEXTS = shuffle(readTexts());
const HELD = [], POOL = []; // POOL: the versions' material, by index
for (const t of TEXTS) (HELD.length < HELD_OUT ? HELD : POOL).push(...t);
shuffle(POOL);
const ALL = { length: HELD.length + POOL.length };
if (POOL.length < HELD_OUT * 3) {
  console.error(`gen-news-corpus: only ${ALL.length} usable sentences in ${DATA}`);
  process.exit(1);
}
// Each sentence once per pass through the pool, in a new order every pass: sentences are reused
// evenly, by stories that have nothing else in common.
let order = [], at = 0;
function draw() {
  if (at >= order.length) order = shuffle(Array.from(POOL, (_, i) => i)), at = 0;
  return order[at++];
}
const LEXICON = [...new Set(POOL.slice(0, 5000).flatMap((s) => s.toLowerCase().match(/\p{L}{3,}/gu) ?? []))].sort();
const word = () => pick(LEXICON);

// --- names, outlets, agencies -------------------------------------------------------------------------
const FIRST = ['James', 'Mary', 'Ahmed', 'Sofia', 'Chen', 'Olga', 'David', 'Priya', 'Lucas', 'Fatima', 'Tom', 'Anna',
  'Kenji', 'Grace', 'Mateo', 'Amara', 'Peter', 'Leila', 'Jonas', 'Ines', 'Samuel', 'Yuki', 'Omar', 'Helen'];
const LAST = ['Hughes', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Novak', 'Reyes', 'Brennan', 'Kowalski', 'Haddad',
  'Fischer', 'Sato', 'Oduya', 'Marsh', 'Ivanova', 'Patel', 'Quinn', 'Duarte', 'Holm', 'Castillo', 'Weber', 'Byrne'];
const person = () => `${pick(FIRST)} ${pick(LAST)}`;
const CITIES = ['LONDON', 'WASHINGTON', 'PARIS', 'BERLIN', 'BRUSSELS', 'NEW YORK', 'TOKYO', 'NAIROBI', 'SYDNEY', 'MADRID',
  'ROME', 'MOSCOW', 'KYIV', 'BEIJING', 'NEW DELHI', 'MEXICO CITY', 'CAIRO', 'OTTAWA', 'DUBLIN', 'MANCHESTER'];
const PLACES = ['Ashford', 'Bramley', 'Carrow', 'Dunmore', 'Eastleigh', 'Fenwick', 'Glenholm', 'Harwood', 'Ironbridge',
  'Kelso', 'Langley', 'Marlow', 'Northam', 'Oakridge', 'Penrith', 'Queensbury', 'Redcliff', 'Stanmore', 'Thornbury',
  'Upton', 'Valemont', 'Westbrook', 'Yarrow', 'Ambleside', 'Bexley', 'Cromer', 'Daventry', 'Ely', 'Frome', 'Goole',
  'Hexham', 'Ilkley', 'Jarrow', 'Keswick', 'Ludlow', 'Malton', 'Nelson', 'Otley', 'Poole', 'Ripon'];
const PAPER = ['Herald', 'Gazette', 'Post', 'Times', 'Courier', 'Chronicle', 'Observer', 'Tribune', 'Journal', 'Echo', 'Star', 'News'];
const SECTIONS = ['News', 'World', 'Politics', 'Business', 'Sport', 'Culture', 'Opinion', 'Science', 'Health', 'Travel',
  'Money', 'Crime', 'Education', 'Environment', 'Technology', 'Lifestyle', 'Weather', 'Obituaries'];
// A CMS family: lines every outlet on that platform prints (cookie banners, share buttons, ...).
const FAMILIES = Array.from({ length: 8 }, (_, f) => ({
  top: [
    pick(['Skip to main content', 'Skip to content', 'Jump to navigation', 'Menu']),
    pick([
      'We use cookies to personalise content and ads, to provide social media features and to analyse our traffic.',
      'This website uses cookies to improve your experience. By continuing to browse the site you agree to our use of cookies.',
      'We and our partners store and access information on your device to show you personalised ads and measure their performance.',
      'Your privacy matters to us. We use cookies and similar technologies to run this site and to understand how it is used.',
    ]) + (f % 2 ? ' Accept all cookies or manage your preferences.' : ''),
    pick(['Accept and continue', 'Manage cookies', 'I agree', 'Reject non-essential cookies']),
  ],
  share: pick(['Share this article: Facebook Twitter WhatsApp Email', 'Share on Facebook Share on X Copy link',
    'Share Tweet Email Print', 'Share this story']),
  bottom: [
    pick(['Privacy policy | Terms of use | Cookie settings | Contact us | Complaints | Careers',
      'About us | Advertise | Terms and conditions | Privacy notice | Accessibility', 'Contact | Privacy | Terms | Sitemap | RSS feeds']),
    pick(['Comments are closed for this article. Read our community guidelines.', 'Join the conversation: comments are moderated.',
      'Do you have a story for us? Get in touch with our newsdesk.', 'Report an error in this article.']),
  ],
}));
function makeOutlet(i) {
  const place = PLACES[i % PLACES.length], paper = PAPER[Math.floor(i / PLACES.length) % PAPER.length];
  const name = `The ${place} ${paper}${i >= PLACES.length * PAPER.length ? ` ${Math.floor(i / (PLACES.length * PAPER.length)) + 1}` : ''}`;
  const family = pick(FAMILIES);
  const sections = shuffle([...SECTIONS]).slice(0, int(5, 9));
  return {
    name, family, sections, domain: `${place.toLowerCase()}${paper.toLowerCase()}${i >= PLACES.length * PAPER.length ? i : ''}.example`,
    head: [name, `Home | ${sections.join(' | ')}`, ...family.top.filter(() => chance(0.8)),
      pick([`Sign up for the ${name.replace(/^The /, '')} newsletter and get the day's top stories in your inbox.`,
        `Get the ${name.replace(/^The /, '')} morning briefing: the news you need, every weekday at 7am.`,
        `Subscribe to ${name} for unlimited access to our journalism. Already a subscriber? Log in.`])],
    foot: [family.share, pick([`More from ${name}`, 'Most read', 'Trending now', 'You may also like']),
      `© ${int(2019, 2025)} ${name}. All rights reserved.`, ...family.bottom,
      ...(chance(0.5) ? [`Follow ${name} on Facebook, X and Instagram.`] : [])],
  };
}
const OUTLETS = Array.from({ length: 400 }, (_, i) => makeOutlet(i));
const PAGE_OUTLETS = Array.from({ length: 40 }, (_, i) => makeOutlet(400 + i)); // never in a version
// Outlet popularity falls off like Zipf: the largest print their template on thousands of versions.
const OUTLET_CDF = (() => {
  let s = 0;
  const c = OUTLETS.map((_, r) => (s += 1 / (r + 1)));
  return c.map((x) => x / s);
})();
const outlet = () => {
  const x = rand();
  let lo = 0, hi = OUTLET_CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (OUTLET_CDF[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return OUTLETS[lo];
};
const desks = (n, f) => Array.from({ length: n }, f); // fixed credit lines: each on hundreds of versions
const AGENCIES = [
  { name: 'Reuters', tag: '(Reuters) -', credits: desks(30, () => `Reporting by ${person()}; Additional reporting by ${person()}; Editing by ${person()}`),
    tail: ['Our Standards: The Thomson Reuters Trust Principles.'] },
  { name: 'Associated Press', tag: '(AP) —', credits: desks(30, () => `Associated Press writer ${person()} contributed to this report.`),
    tail: ['Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.'] },
  { name: 'AFP', tag: '(AFP) -', credits: desks(15, () => `With reporting by ${person()} and ${person()}.`), tail: ['© Agence France-Presse'] },
  { name: 'PA Media', tag: '(PA) -', credits: desks(20, () => `By ${person()}, PA Media`), tail: ['PA Media. All rights reserved.'] },
  { name: 'dpa', tag: '(dpa) -', credits: desks(10, () => `Editing by ${person()} (dpa)`), tail: [] },
  { name: 'Bloomberg', tag: '(Bloomberg) --', credits: desks(20, () => `To contact the reporter on this story: ${person()} in ${cap(pick(CITIES).toLowerCase())}.`),
    tail: ['©2024 Bloomberg L.P.'] },
];
const CORRECTIONS = [
  'This story has been corrected to show the hearing was on Tuesday, not Monday.',
  'This story has been corrected to fix the spelling of a name in the third paragraph.',
  '(This story has been refiled to fix a typo in paragraph 3.)',
  '(This story has been updated with additional details.)',
  'An earlier version of this article misstated the date of the vote. It has been corrected.',
];

// --- text ---------------------------------------------------------------------------------------------
// Article lengths: log-normal around 420 words.
const articleWords = () => Math.max(120, Math.min(1600, Math.round(420 * Math.exp(0.5 * normal()))));
const owners = Array.from(POOL, () => []); // sentence -> stories that use it (first versions' index)
function takeSentences(story, targetWords) {
  const out = [];
  for (let n = 0; n < targetWords;) {
    const i = draw();
    if (owners[i].at(-1) !== story.index) owners[i].push(story.index);
    out.push(POOL[i]);
    n += words(POOL[i]);
  }
  return out;
}
/** A body: sentences grouped into paragraphs of one to three, kept as arrays to trim, excerpt and edit. */
function group(sents) {
  const ps = [];
  for (let i = 0; i < sents.length;) {
    const k = int(1, 3);
    ps.push(sents.slice(i, i + k));
    i += k;
  }
  return ps;
}
const render = (ps) => ps.map((p) => p.join(' ')).join('\n\n');
/** Words edited at a rate: substituted, dropped or with a word added. */
function edit(text, rate) {
  const out = [];
  for (const w of text.split(/(\s+)/)) {
    if (!w.trim() || !chance(rate)) { out.push(w); continue; }
    const x = rand(), end = /[.,”"]$/.test(w) ? w.slice(-1) : '';
    if (x < 0.5) out.push(word() + end);
    else if (x < 0.75) out.push(end);
    else out.push(`${w} ${word()}`);
  }
  return out.join('');
}
const editLine = (s) => edit(s, 0.25);
const title = (s) => s.replace(/^[A-Z .]+\([^)]*\) [-—]+ /, '').split(' ').slice(0, 12).join(' ').replace(/[.,;:!?"“”]+$/, '');
const slug = (t) => t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

const recent = []; // the latest stories' headlines and leads: "most read" lists and roundups
/** A page of an outlet around a body: its template, a byline, the body, "most read" headlines. */
function inTemplate(o, body, { byline = '', day = DAY0 } = {}) {
  const most = Array.from({ length: int(3, 5) }, () => recent.length ? pick(recent).title : '').filter(Boolean);
  const [share, mostHead, ...rest] = o.foot;
  return [...o.head, '', ...(byline ? [byline] : []), `Published ${iso(day)}`, '', body, '', share, mostHead, ...most, ...rest].join('\n');
}

// --- stories --------------------------------------------------------------------------------------
// A story's versions: [{kind, outlet, edition, body (paragraphs), text, title, day}].
function wireStory(story) {
  const ag = pick(AGENCIES), city = pick(CITIES), desk = pick(ag.credits);
  const editions = chance(0.6) ? 1 : int(2, 4);
  let sents = takeSentences(story, articleWords());
  const vs = [];
  for (let e = 0; e < editions; e++) {
    if (e > 0) { // an update: a new lead, some sentences changed or replaced, a few added
      sents = sents.map((s) => (chance(0.1) ? editLine(s) : chance(0.08) ? takeSentences(story, 1)[0] : s));
      sents = [...takeSentences(story, int(20, 60)), ...sents, ...(chance(0.5) ? takeSentences(story, int(20, 80)) : [])];
    }
    const ps = group(sents);
    ps[0] = [`${city} ${ag.tag} ${ps[0][0]}`, ...ps[0].slice(1)];
    ps.push([desk]);
    if (chance(0.05)) ps.push([pick(CORRECTIONS)]);
    if (ag.tail.length) ps.push(ag.tail);
    const day = story.day + (e ? int(0, 1) : 0);
    const t = title(sents[0]);
    vs.push({ kind: 'wire', outlet: { name: ag.name, domain: `${slug(ag.name)}.example` }, edition: e, body: ps, title: t, day,
      text: `${t}\n\n${render(ps)}` });
    // Reprints of this edition: 5-40 outlets over the story (log-uniform), each in its template.
    const reprints = Math.round((5 * 8 ** rand()) / editions);
    const taken = new Set();
    for (let r = 0; r < reprints; r++) {
      const o = outlet();
      if (taken.has(o)) continue;
      taken.add(o);
      let body = ps;
      const x = rand();
      if (x < 0.15 && ps.length > 3) body = ps.slice(0, Math.max(2, Math.round(ps.length * (0.5 + 0.3 * rand())))); // trimmed
      else if (x < 0.3) { // a line edited
        const k = int(0, ps.length - 1);
        body = ps.map((p, j) => (j === k ? p.map((s, i) => (i === 0 ? editLine(s) : s)) : p));
      }
      const d = day + int(0, 2);
      vs.push({ kind: 'reprint', outlet: o, edition: e, body, title: chance(0.7) ? t : title(editLine(sents[0])), day: d,
        text: inTemplate(o, render(body), { byline: pick([`By ${ag.name}`, `${ag.name}`, `From ${ag.name} wire`, '']), day: d }) });
    }
  }
  return vs;
}
function localStory(story) {
  const o = outlet();
  let sents = takeSentences(story, articleWords());
  const by = `By ${person()}`;
  const vs = [];
  const updates = chance(0.8) ? 1 : 2;
  for (let e = 0; e < updates; e++) {
    if (e > 0) sents = [...takeSentences(story, int(20, 50)), ...sents.map((s) => (chance(0.1) ? editLine(s) : s))];
    const ps = group(sents);
    const day = story.day + e;
    vs.push({ kind: 'local', outlet: o, edition: e, body: ps, title: title(sents[0]), day, text: inTemplate(o, render(ps), { byline: by, day }) });
  }
  return vs;
}
const SPEAKERS = () => [`THE PRESIDENT`, `${person().toUpperCase()}`, 'QUESTION', `${person().toUpperCase()}`];
/** A live blog, transcript or roundup of 5,000-16,000 words. */
function longVersion(story, kind) {
  const o = outlet();
  const target = int(5000, 16000);
  const ps = [];
  let n = 0;
  if (kind === 'transcript') {
    const who = SPEAKERS();
    ps.push([`Full transcript: ${title(story.lead)}`]);
    while (n < target) {
      const s = takeSentences(story, int(20, 120));
      ps.push([`${pick(who)}: ${s.join(' ')}`]);
      n += words(s.join(' '));
    }
  } else if (kind === 'liveblog') {
    ps.push([`Live: ${title(story.lead)}`]);
    let minute = int(360, 600);
    while (n < target) {
      const s = takeSentences(story, int(30, 150));
      minute += int(2, 25);
      ps.push([`${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')} GMT`], s);
      n += words(s.join(' '));
    }
  } else { // roundup: the leads of the latest stories under their headlines (fresh items once those run out)
    ps.push([pick(['Morning briefing', 'The week in review', 'News in brief', 'What you need to know today'])]);
    for (let i = recent.length - 1; n < target; i--) {
      const item = i >= 0 ? recent[i] : { title: title(story.lead), lead: takeSentences(story, int(40, 80)) };
      ps.push([item.title], item.lead);
      n += words(item.lead.join(' ')) + words(item.title);
    }
  }
  const t = title(ps[0][0]);
  return { kind, outlet: o, edition: 0, body: ps, title: t, day: story.day, text: inTemplate(o, render(ps), { day: story.day }) };
}
function makeStory(index, firstVersion) {
  const story = { index, firstVersion, day: DAY0 + int(0, 5 * 365) };
  const vs = chance(0.5) ? wireStory(story) : localStory(story);
  story.lead = vs[0].body[0][0];
  // About one story in 60 has a long version; stories 2, 5 and 8 always do (small corpora have them too).
  const fixed = { 2: 'transcript', 5: 'liveblog', 8: 'roundup' }[index];
  if (fixed || chance(1 / 60)) vs.push(longVersion(story, fixed ?? pick(['transcript', 'liveblog', 'roundup'])));
  recent.push({ title: vs[0].title, lead: vs[0].body[0].length > 1 ? vs[0].body[0] : [...vs[0].body[0], ...(vs[0].body[1] ?? [])] });
  if (recent.length > 300) recent.shift();
  return vs;
}

// --- pages --------------------------------------------------------------------------------------------
function metadata(o, day) { // about 40 % of pages say where they are from
  if (!chance(0.4) || !o) return {};
  return { outlet: o.name, url: `https://${o.domain}/${slug(pick(o.sections))}/${int(100000, 999999)}`, published: iso(day) };
}
/** Another site's page around a body: an outlet of the pack (its template held by many versions)
 *  or one of none; never an outlet with a version of the story (the page would be that version). */
const storyOutlets = []; // story -> outlets of its versions (stories under the planted limit)
function elsewhere(k, body, day) {
  let o;
  do o = chance(0.5) ? pick(PAGE_OUTLETS) : outlet(); while (storyOutlets[k.story]?.has(o));
  return { o, text: inTemplate(o, body, { byline: chance(0.5) ? `By ${person()}` : '', day }) };
}
function excerpt(ps, share) {
  const sents = ps.flat();
  const total = words(sents.join(' '));
  let from = int(0, Math.max(0, sents.length - 1)), to = from, n = 0;
  while (to < sents.length && n < share * total) n += words(sents[to++]);
  if (n < share * total * 0.9) { // not enough text after a late start: from the beginning
    from = 0; to = 0; n = 0;
    while (to < sents.length && n < share * total) n += words(sents[to++]);
  }
  return render(group(sents.slice(from, to)));
}
function held(targetWords) { // sentences in no version
  const out = [];
  for (let n = 0; n < targetWords;) {
    const s = pick(HELD);
    if (out.includes(s)) continue;
    out.push(s);
    n += words(s);
  }
  return out;
}
/** Sentences each held by versions of `minStories` or more stories whose first version is under
 *  `limitVersion`, no two of one story, and (with `days`) each held by a story of those days, as a
 *  day's news would be; where too few are, fewer stories will do (small corpora). */
function scattered(targetWords, limitVersion, minStories, days = null) {
  const hit = new Set(), out = [];
  let n = 0;
  for (let need = minStories; need >= 1 && n < targetWords; need--)
    for (let tries = 0; n < targetWords && tries < 50000; tries++) {
      const i = int(0, POOL.length - 1);
      const by = owners[i].filter((s) => storyFirst[s] < limitVersion);
      if (by.length < need || by.some((s) => hit.has(s)) || out.includes(POOL[i])) continue;
      if (days && !by.some((s) => storyDay[s] >= days[0] && storyDay[s] <= days[1])) continue;
      by.forEach((s) => hit.add(s));
      out.push(POOL[i]);
      n += words(POOL[i]);
    }
  return out;
}
const storyFirst = [], storyDay = []; // story -> index of its first version, its day

function main() {
  const out = outputs(OUT);
  const known = out.open('known.jsonl');
  const LIMIT = Math.min(N, 10000); // planted pages copy versions of the first 10k (in every pack of 10k and more)
  const kept = []; // versions under LIMIT: {id, v, story}
  const storyIds = []; // story -> its version ids (stories under LIMIT)
  const editionIds = new Map(); // `${story}/${edition}` -> ids of the edition's non-long versions
  let id = 0, story = 0;
  const counts = {};
  while (id < N) {
    storyFirst[story] = id;
    const vs = makeStory(story, id);
    storyDay[story] = vs[0].day;
    for (const v of vs) {
      if (id >= N) break;
      // Some pages say nowhere when they were published (15 %): no date keeps them out of a pool.
      const rec = { id: vid(id), outlet: v.outlet.name, url: `https://${v.outlet.domain}/${story}/${id}`, title: v.title,
        published: chance(0.15) ? undefined : iso(v.day), text: v.text, kind: v.kind, story };
      known.write(rec);
      counts[v.kind] = (counts[v.kind] ?? 0) + 1;
      if (id < LIMIT) {
        kept.push({ id: rec.id, v, story });
        (storyIds[story] ??= []).push(rec.id);
        (storyOutlets[story] ??= new Set()).add(v.outlet);
        if (v.kind === 'wire' || v.kind === 'reprint' || v.kind === 'local') {
          const k = `${story}/${v.edition}`;
          editionIds.set(k, [...(editionIds.get(k) ?? []), rec.id]);
        }
      }
      id++;
    }
    story++;
  }
  known.close();
  const sourcesOf = (k) => (k.v.kind === 'wire' || k.v.kind === 'reprint' || k.v.kind === 'local' ? editionIds.get(`${k.story}/${k.v.edition}`) : [k.id]);
  const truth = (k) => ({ source: k.id, sources: sourcesOf(k), story_sources: storyIds[k.story] });
  const articles = (limit) => kept.filter((k) => k.id < vid(limit) && ['wire', 'reprint', 'local'].includes(k.v.kind) && words(render(k.v.body)) >= 150);

  // Latency pages, 800 words: 40 % copies of the first 1,000 versions, 30 % scattered, 30 % original.
  const small = articles(Math.min(N, 1000));
  const fill = (text) => { // about 800 words: whole lines up to 800, topped up with sentences of no version
    const lines = [];
    let n = 0;
    for (const l of text.split('\n')) {
      if (n + words(l) > 800) break;
      lines.push(l);
      n += words(l);
    }
    return n < 760 ? `${lines.join('\n')}\n\n${render(group(held(800 - n)))}` : lines.join('\n');
  };
  const latency = [];
  for (let p = 0; p < LATENCY_PAGES; p++) {
    const x = p % 10;
    let page;
    if (x < 4) {
      const k = pick(small);
      const body = x < 2 ? render(k.v.body) : edit(render(k.v.body), 0.1);
      const e = elsewhere(k, body, k.v.day + 1);
      page = { kind: 'derived', ...truth(k), ...metadata(e.o, k.v.day + 1), text: fill(e.text) };
    } else if (x < 7) {
      const o = outlet();
      page = { kind: 'nosource', source: null, ...metadata(o, DAY0 + int(0, 5 * 365)), text: fill(inTemplate(o, render(group(scattered(800, Math.min(N, 1000), 1))))) };
    } else {
      const o = pick(PAGE_OUTLETS);
      page = { kind: 'original', source: null, ...metadata(o, DAY0 + int(0, 5 * 365)), text: fill(inTemplate(o, render(group(held(700))))) };
    }
    latency.push({ id: `latency-${p}`, ...page });
  }
  out.all('latency.jsonl', latency);

  // Planted pages, scored against the largest pack.
  const planted = [];
  const big = articles(LIMIT);
  for (const kind of ['boilerplate', 'edited', 'excerpt'])
    for (let j = 0; j < PER_KIND; j++) {
      const k = pick(big), day = k.v.day + int(0, 2);
      const body = kind === 'boilerplate' ? render(k.v.body)
        : kind === 'edited' ? edit(render(k.v.body), 0.05 + 0.15 * rand()) : excerpt(k.v.body, 0.3 + 0.3 * rand());
      const wrapped = kind === 'boilerplate' || chance(0.5);
      const e = wrapped ? elsewhere(k, body, day) : { o: pick(PAGE_OUTLETS), text: body };
      planted.push({ id: `planted-${kind}-${j}`, kind, ...truth(k), ...metadata(e.o, day), text: e.text });
    }
  const transcripts = kept.filter((k) => k.v.kind === 'transcript');
  for (let j = 0; j < PER_KIND && transcripts.length; j++) { // a report of its own quoting a transcript
    const k = pick(transcripts);
    const said = k.v.body.slice(1).map((p) => p[0].replace(/^[^:]+: /, '')).flatMap(splitSentences).filter(usable);
    const own = held(300);
    const quotes = Array.from({ length: int(2, 4) }, () => `“${pick(said).replace(/[.!?]$/, ',')}” ${pick(['he said.', 'she said.', 'the minister said.', 'they told reporters.'])}`);
    quotes.forEach((q) => own.splice(int(1, own.length), 0, q));
    const o = pick(PAGE_OUTLETS), day = k.v.day + 1;
    planted.push({ id: `planted-quote-${j}`, kind: 'quote', ...truth(k), ...metadata(o, day),
      text: chance(0.5) ? inTemplate(o, render(group(own)), { day }) : render(group(own)) });
  }
  for (let j = 0; j < NOSOURCE_PAGES; j++) { // sentences each held by versions of 2+ other stories
    const o = chance(0.5) ? outlet() : pick(PAGE_OUTLETS);
    // Half over the years, half from the stories of a few days (their versions can share a pool).
    const day = DAY0 + int(0, 5 * 365 - 3), variant = j % 2 ? 'days' : 'years';
    const body = render(group(scattered(int(300, 800), N, 2, variant === 'days' ? [day, day + 3] : null)));
    planted.push({ id: `planted-nosource-${j}`, kind: 'nosource', variant, source: null, sources: [], story_sources: [],
      ...metadata(o, day + 3), text: chance(0.8) ? inTemplate(o, body) : body });
  }
  for (let j = 0; j < PER_KIND; j++) {
    const o = chance(0.5) ? outlet() : pick(PAGE_OUTLETS), body = render(group(held(int(300, 900))));
    planted.push({ id: `planted-original-${j}`, kind: 'original', source: null, sources: [], story_sources: [], ...metadata(o, DAY0 + int(0, 5 * 365)),
      text: chance(0.8) ? inTemplate(o, body) : body });
  }
  out.all('planted.jsonl', planted);

  const uses = owners.map((o) => o.length).sort((a, b) => a - b);
  out.commit({ generator: 'news', versions: N, seed: SEED, sentences: ALL.length, held_out: HELD.length, stories: story,
    kinds: counts, stories_per_sentence: { p50: uses[uses.length >> 1], p90: uses[Math.floor(uses.length * 0.9)], max: uses.at(-1) },
    latency_pages: LATENCY_PAGES, planted_per_kind: PER_KIND, nosource_pages: NOSOURCE_PAGES });
}

main();

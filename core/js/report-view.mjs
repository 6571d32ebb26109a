// How a check report reads to a person: the one place for the words, badges and colours of every
// state, the "why" sentences built from the report's evidence, confidence in words, which version is
// named as a source, the quotations and the timeline. The extension (badge and popup) and the demo
// page both use it, so no two surfaces can say different things. Pure functions over the report
// JSON of core/REPORT_FORMAT.md (features are read by name and may be absent), plus one small DOM
// helper. No imports: the extension loads it in its worker, its popup and the demo page as is.
//
// The reader's own reading (the extension remembers the articles a reader opens, as a pack of
// fingerprints) is a second set of packs, checked apart: `reading` below is what that check and the
// remembered articles add to a report — {read: {url: day read}, seen: {version, read, others} | null,
// fromReading: whether the report shown came from the reading}. Every function takes it as optional.

/**
 * The states a checked page can be in. Badge texts are at most 4 characters (Chromium truncates
 * longer ones). Each state has its own colour: green is no longer shared by "in your pack",
 * "independent" and "no match", since readers take green as an endorsement.
 */
export const STATES = Object.freeze({
  known: { badge: 'PACK', color: '#1565c0', label: 'This article is in your pack',
    sentence: 'This page is one of the known versions in your packs.' },
  syndicated: { badge: 'COPY', color: '#b71c1c', label: 'Copy of a known report',
    sentence: 'This article is copied, word for word or nearly so, from a known report.' },
  rewrite: { badge: 'REW', color: '#e65100', label: 'Rewrite of a known report',
    sentence: 'This article retells a known report in other words, or reuses parts of it.' },
  independent: { badge: 'IND', color: '#5e35b1', label: 'Independent report of a story you know',
    sentence: 'This article covers a story your packs know, but it is not derived from any known version of it.' },
  none: { badge: '–', color: '#616161', label: 'No known version',
    sentence: 'No version in your packs tells this story.' },
  seen: { badge: 'SEEN', color: '#00695c', label: 'You have read this article before',
    sentence: 'You opened this article before: it is in your reading.' },
  error: { badge: '!', color: '#616161', label: 'Check failed', sentence: '' },
  'not-article': { badge: '', color: '#616161', label: 'Not an article',
    sentence: 'Storyprint leaves pages that do not look like articles alone.' },
});

const DERIVED = new Set(['syndicated', 'rewrite']);

/** Whether the report ties the page to a known story (tolerates a story given as an index < 0). */
export function hasStory(report) {
  const s = report?.story;
  if (Array.isArray(s)) return s.length > 0;
  if (typeof s === 'number') return s >= 0;
  return false;
}

/**
 * The state of a check report: known, syndicated, rewrite, independent or none; 'seen' for a page
 * the reader read before that no pack knows (a page in a pack keeps that state, with the visit said).
 */
export function stateOf(report, reading) {
  if (!report || typeof report !== 'object') return 'error';
  if (report.known_version) return 'known';
  if (DERIVED.has(report.verdict)) return report.verdict;
  if (report.verdict !== 'original') return 'error';
  if (hasStory(report)) return 'independent';
  return reading?.seen ? 'seen' : 'none';
}

// How the core's library ranks the reports of several packs: being a known version beats
// everything, then the most likely derivation, then any story.
function rank(report) {
  if (!report) return -1;
  if (report.known_version) return 3;
  const p = report.probabilities ?? {};
  return hasStory(report) ? 1 + (p.syndicated ?? 0) + (p.rewrite ?? 0) : 0;
}

/**
 * The report to show for a page checked against the packs and, apart, against the reader's own
 * reading, and what the reading adds: {report, seen, fromReading}. A page found in the reading is one
 * the reader has seen (never "a rewrite of itself"): the packs' report is shown, with the visit.
 * Otherwise the reading's report is shown when it ranks above the packs' (ties: the packs').
 */
export function withReading(packsReport, readingReport) {
  const kv = readingReport?.known_version;
  if (kv) {
    const others = (Array.isArray(readingReport.story) ? readingReport.story : []).filter((v) => v.id !== kv.id);
    return { report: packsReport, seen: { version: kv, others }, fromReading: false };
  }
  const fromReading = rank(readingReport) > rank(packsReport);
  return { report: fromReading ? readingReport : packsReport, seen: null, fromReading };
}

/** The known version named as the page's source: only for derived pages (an original's `source` is only its closest version). */
export function sourceOf(report) {
  return DERIVED.has(report?.verdict) && !report.known_version ? report.source_version ?? null : null;
}

/** The known version to show beside the page: itself, its source, or (independent) the closest version. */
export function counterpartOf(report) {
  if (report.known_version) return { role: 'known', id: report.known_version.id };
  const src = sourceOf(report);
  if (src || (DERIVED.has(report.verdict) && report.source)) return { role: 'source', id: src?.id ?? report.source };
  if (hasStory(report) && report.matches?.length) return { role: 'closest', id: report.matches[0].id };
  return null;
}

// ---- words ------------------------------------------------------------------------------------

export const pct = (x) => `${Math.round(100 * (Number(x) || 0))}%`;
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-11-23" -> "23 Nov 2024" (the same everywhere, whatever the browser's locale); other strings as given. */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return iso ?? '';
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** Only http(s) addresses become links: pack metadata and pages are untrusted. */
export function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A version's outlet as a reader knows it: its name, else the site's host name, else "a known version". */
export function outletName(v) {
  if (v?.outlet) return v.outlet;
  const href = safeHref(v?.url);
  if (href) return new URL(href).hostname.replace(/^www\./, '');
  return 'a known version';
}

/** The day the reader read a version (YYYY-MM-DD), when it is one of the articles they opened. */
export function readOn(v, reading) {
  const url = v?.url;
  return (url && reading?.read?.[url]) || null;
}

/** A version named in a sentence: "New York Post’s report", or "the New York Post report you read on 23 Nov 2026". */
export function reportName(v, reading) {
  const day = readOn(v, reading);
  return day ? `the ${outletName(v)} report you read on ${formatDate(day)}` : `${outletName(v)}’s report`;
}

/** One line under a version shown on its own (the popup's source): when the reader read it, or null. */
export function readLine(v, reading) {
  const day = readOn(v, reading);
  return day ? `You read it on ${formatDate(day)}.` : null;
}

/** Reads the first of the named features present in report.scores (the core may add or drop some). */
export function feature(report, ...names) {
  for (const n of names) {
    const v = report?.scores?.[n];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

/** What settled the verdict when the text itself did, not the model: 'known', 'republished', 'credit' or null. */
export function decidedBy(report) {
  if (report.known_version) return 'known';
  if (!DERIVED.has(report.verdict)) return null;
  if (report.republished) return 'republished';
  if (report.credit) return 'credit';
  return null;
}

/**
 * Whether the model's probabilities may be shown as bars under the verdict: not when the credit line,
 * a republication or the page being a known version decided it (the model's view of the page's
 * wording would then contradict the verdict shown above it).
 */
export function showProbabilities(report) {
  return decidedBy(report) === null && hasStory(report);
}

/**
 * Confidence in words. Three verdicts are possible, so a blind guess is right a third of the time:
 * high is at least 80 %, medium at least 60 %, below that low (two readings are close).
 * Returns {level: 'certain'|'high'|'medium'|'low', text, explain}.
 */
export function confidenceOf(report) {
  const by = decidedBy(report);
  if (by) {
    const explain = {
      known: 'Its address, or its outlet and text, are those of a version in your packs.',
      republished: 'The page holds nearly all of its source word for word, in long runs.',
      credit: 'The page itself names its source in its credit line.',
    }[by];
    return { level: 'certain', text: 'Certain: the page’s own text settles it', explain };
  }
  const c = Number(report.confidence) || 0;
  const level = c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low';
  const explain = {
    high: 'The evidence points clearly one way.',
    medium: 'The evidence leans this way; another reading is possible.',
    low: 'Two readings are close: read the shared passages yourself.',
  }[level];
  return { level, text: `${level[0].toUpperCase()}${level.slice(1)} confidence (${pct(c)})`, explain: `${explain} With three possible verdicts, a guess would be right a third of the time.` };
}

/** Share of the page's text (in the report's offset units) in verbatim and in reworded passages. */
export function sharedShares(report, length = report.page?.length) {
  let verbatim = 0;
  let reworded = 0;
  for (const p of report.passages ?? []) {
    if (p.kind === 'verbatim') verbatim += p.end - p.start;
    else reworded += p.end - p.start;
  }
  const len = Math.max(1, length ?? 0);
  return { verbatim: verbatim / len, reworded: reworded / len, total: (verbatim + reworded) / len };
}

/**
 * Passages as a reader lists them: a passage that follows another with nothing but a space or a
 * comma between them is one stretch of shared text (a changed word between two copied runs), listed
 * once, its kind the one that covers most of it. Its text is read from `text` (the checked page)
 * when given, else joined from the passages' own `text`.
 */
export function listedPassages(passages, text) {
  const out = [];
  for (const p of passages ?? []) {
    const last = out[out.length - 1];
    if (last && p.start - last.end <= 3) {
      last.text = `${last.text} ${p.text ?? ''}`;
      last.end = p.end;
      last.chars[p.kind] = (last.chars[p.kind] ?? 0) + (p.end - p.start);
    } else {
      out.push({ start: p.start, end: p.end, text: p.text ?? '', chars: { [p.kind]: p.end - p.start } });
    }
  }
  return out.map(({ chars, ...q }) => ({
    ...q,
    text: text === undefined ? q.text : text.slice(q.start, q.end),
    kind: (chars.verbatim ?? 0) >= (chars.reworded ?? 0) ? 'verbatim' : 'reworded',
  }));
}

/**
 * The page's quotations, each once (a quotation repeated on the page is listed once), with the outlet
 * of the known version that has it too. `text` is the checked text (to read the quotations), or
 * each quote may carry its own `text`.
 */
export function quotesOf(report, text) {
  if (report.known_version) return [];
  const outlets = new Map([...(Array.isArray(report.story) ? report.story : []), ...(report.matches ?? [])]
    .map((v) => [v.id, outletName(v)]));
  const seen = new Map();
  for (const q of report.quotes ?? []) {
    const t = (q.text ?? text?.slice(q.start, q.end) ?? '').trim();
    const key = t.toLowerCase().replace(/\s+/g, ' ');
    const prev = seen.get(key);
    if (prev) {
      if (!prev.version && q.version) Object.assign(prev, { version: q.version, outlet: outlets.get(q.version) ?? q.version });
      continue;
    }
    seen.set(key, { text: t, start: q.start, end: q.end, version: q.version ?? null,
      outlet: q.version ? outlets.get(q.version) ?? q.version : null });
  }
  return [...seen.values()];
}

/** One sentence on the quotations (they weigh less than narration: reporters quote the same people). */
export function quotesSummary(quotes) {
  const shared = quotes.filter((q) => q.version).length;
  const n = quotes.length;
  return `${shared} of the ${plural(n, 'quotation')} on this page ${shared === 1 ? 'is' : 'are'} also in a known version. ` +
    'Reports of the same event often quote the same people: shared quotations say less about copying than shared narration.';
}

/** The tag beside a quotation. */
export const quoteTag = (q) => (q.version ? `also in ${q.outlet}` : 'not in a known version');

/**
 * Two or three sentences saying why, built from the evidence. `context`: {packs} (number of loaded
 * packs, for "none"), {text} (the checked text, for the quotations), {reading} (see the top).
 */
export function whySentences(report, context = {}) {
  const reading = context.reading;
  const state = stateOf(report, reading);
  const where = reading?.fromReading ? 'your reading' : 'your packs';
  const out = [];
  const quotes = quotesOf(report, context.text);
  const sharedQuotes = quotes.filter((q) => q.version).length;
  const quoteSentence = () => {
    if (!quotes.length) return;
    const n = quotes.length;
    if (n === 1) out.push(sharedQuotes ? 'Its one quotation is in a known version too (it weighs less: reporters quote the same people).'
      : 'Its one quotation is in no known version.');
    else out.push(sharedQuotes ? `${sharedQuotes} of its ${n} quotations ${sharedQuotes === 1 ? 'is' : 'are'} in a known version too (they weigh less: reporters quote the same people).`
      : `None of its ${n} quotations is in a known version.`);
  };
  const share = sharedShares(report);
  switch (state) {
    case 'known': {
      const v = report.known_version;
      out.push(`This page is ${outletName(v)}’s report${v.title ? ` “${v.title}”` : ''}${v.published ? ` of ${formatDate(v.published)}` : ''}, one of the versions in your packs.`);
      const others = (Array.isArray(report.story) ? report.story : []).filter((s) => s.id !== v.id).length;
      if (others) out.push(`Your packs hold ${plural(others, 'other version')} of the same story.`);
      break;
    }
    case 'seen': {
      const { version: v, others } = reading.seen;
      const day = readOn(v, reading);
      out.push(`You read this article${v.title ? ` (“${v.title}”)` : ''} ${day ? `on ${formatDate(day)}` : 'before'}. No version in your packs tells its story.`);
      if (others?.length) out.push(`You have also read ${plural(others.length, 'other report')} of this story: ${[...new Set(others.map(outletName))].join(', ')}.`);
      break;
    }
    case 'syndicated':
    case 'rewrite': {
      const src = sourceOf(report);
      const who = src ? reportName(src, reading) : 'a known report';
      if (report.republished) {
        out.push(`It holds nearly all of ${who} word for word, in long runs: a republication, whatever else the page carries.`);
      } else {
        const sents = feature(report, 'source_sentences');
        const order = feature(report, 'source_order', 'retelling');
        const words = feature(report, 'source_containment');
        const cov = feature(report, 'source_coverage', 'source_cov3');
        const how = Math.abs(share.verbatim - share.reworded) < 0.2 * Math.max(share.total, 1e-9) ? 'partly word for word, partly reworded'
          : share.verbatim > share.reworded ? 'mostly word for word' : 'mostly in other words';
        if (sents !== undefined && sents >= 0.3) {
          out.push(`It retells ${pct(sents)} of the sentences of ${who}${order !== undefined && order >= 0.5 ? ', in the same order' : ''}, ${how}.`);
        } else if (words !== undefined && words > 0) {
          out.push(`It uses ${pct(words)} of the content words of ${who}${order !== undefined ? `, ${pct(order)} in their original order` : ''}, ${how}.`);
        } else if (cov !== undefined) {
          out.push(`${pct(cov)} of the words of ${who} are in phrases it shares with this page, ${how}.`);
        }
      }
      if (share.total > 0) out.push(`${pct(share.total)} of this page is shared with it: ${pct(share.verbatim)} word for word, ${pct(share.reworded)} reworded.`);
      if (report.credit) out.push(`The page names it as its source (“${report.credit.name}” in its credit line).`);
      quoteSentence();
      break;
    }
    case 'independent': {
      const n = Array.isArray(report.story) ? report.story.length : 0;
      const m = report.matches?.[0];
      out.push(`${where[0].toUpperCase()}${where.slice(1)} ${reading?.fromReading ? 'holds' : 'hold'} ${plural(n, 'version')} of the story it covers${m ? ` (closest: ${outletName(m)})` : ''}, but it does not retell any of them.`);
      const cov3 = feature(report, 'cov3');
      const sents = feature(report, 'source_sentences');
      if (cov3 !== undefined) {
        out.push(`${pct(cov3)} of its words are in phrases shared with them${sents !== undefined ? `, and it retells ${pct(sents)} of the closest version’s sentences` : ''}: its own reporting, on the same events.`);
      }
      // A retelling names only its source's people, places and figures; a reporter brings their own.
      // Said below 0.8: heavy-dev's rewrites have a median of 0.86, its same-event reports 0.51.
      const names = feature(report, 'names');
      if (names !== undefined && names < 0.8) out.push(`Only ${pct(names)} of the names and figures it gives are in the closest version’s story: it brings people, places or numbers of its own.`);
      quoteSentence();
      break;
    }
    case 'none':
      out.push(context.packs === 0 ? 'No packs are loaded: add one to check articles against known versions.'
        : 'No version in your packs tells this story: Storyprint cannot say whether it is original or derived from a report it does not know.');
      break;
    default:
      break;
  }
  // A page in a pack, or a rewrite, that the reader has opened before: say so once, last.
  if (state !== 'seen' && reading?.seen) {
    const day = readOn(reading.seen.version, reading);
    out.push(`You read this article before${day ? `, on ${formatDate(day)}` : ''}.`);
  }
  return out;
}

/**
 * The story's known versions, oldest first, with the checked page placed by its date (unless it is
 * a known version itself). Items: {version, page: bool, tags: string[]}; tags name the page itself,
 * the source, and the versions the reader read.
 */
export function timelineOf(report, page = {}, reading) {
  const story = Array.isArray(report.story) ? report.story : [];
  if (!story.length) return [];
  const src = sourceOf(report);
  const items = story.map((v) => {
    const tags = [];
    if (report.known_version?.id === v.id) tags.push('this page');
    if (src && src.id === v.id) tags.push(report.verdict === 'syndicated' ? 'copied from' : 'source');
    const day = readOn(v, reading);
    if (day) tags.push(`you read it ${formatDate(day)}`);
    return { version: v, page: false, tags };
  });
  if (!report.known_version) {
    const mine = { version: { id: null, outlet: page.outlet ?? '', title: page.title ?? '', url: page.url ?? '', published: page.published ?? '' }, page: true, tags: ['this page'] };
    const at = mine.version.published ? items.findIndex((it) => (it.version.published ?? '') > mine.version.published) : -1;
    items.splice(at < 0 ? items.length : at, 0, mine);
  }
  return items;
}

/** The heading over the timeline: whose versions of the story it lists. */
export const timelineHeading = (reading) => `Versions of this story in ${reading?.fromReading ? 'your reading' : 'your packs'}`;

/** One line for a status bar or screen reader: "Rewrite of a known report: New York Post." */
export function summaryLine(report, reading) {
  const state = stateOf(report, reading);
  const v = state === 'known' ? report.known_version : sourceOf(report);
  return `${STATES[state].label}${v ? `: ${outletName(v)}` : ''}.`;
}

// ---- DOM ---------------------------------------------------------------------------------------

/**
 * el('a', {class, text, href, onclick, ...}, ...children): an element whose text goes in as text
 * nodes, never as HTML. null/undefined/false attributes and children are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** A version's title, linked when it has an http(s) address. */
export function titleNode(v) {
  const href = safeHref(v?.url);
  const t = v?.title || href || '';
  return href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer', text: t }) : el('cite', { text: t });
}

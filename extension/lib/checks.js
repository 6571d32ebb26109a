// Checks the article a content script extracted against the loaded packs and, apart, against the
// reader's own reading; keeps each tab's result in session storage (so the popup can show it and a
// restarted worker keeps it) and badges the tab. An article just opened is then remembered in the
// reading, in the background, after its result is shown.
import { STATES, stateOf, withReading } from '../runtime/report-view.mjs';
import { afterAbort, serial, whenReady } from './engine.js';
import { UserError, explain } from './errors.js';
import * as reading from './reading.js';

const MAX_TEXT = 400_000; // UTF-16 units; longer "articles" are almost always whole-page dumps

export const tabKey = (tabId) => `tab:${tabId}`;

export async function check(msg, sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined || typeof msg.text !== 'string') throw new UserError('bad-request', 'Bad request.');
  const engine = await whenReady();
  const text = msg.text.slice(0, MAX_TEXT);
  const page = cleanMeta(msg.meta);
  let result;
  try {
    // CJK/Thai pages need the break dictionaries (a local file of the extension); without them
    // the check still runs, with coarser words.
    await engine.ensureDictionaries(text).catch(() => false);
    const meta = { id: page.url, ...page };
    const fromPacks = engine.check(text, meta);
    const fromReading = reading.checkReading(text, meta);
    const { report, ...found } = withReading(fromPacks, fromReading);
    for (const p of [...report.passages, ...report.quotes]) p.text = text.slice(p.start, p.end);
    const context = { ...found, read: await reading.readDays(report, fromReading) };
    result = { state: stateOf(report, context), report, reading: context, page, length: text.length, packs: engine.packs().length };
    if (msg.opened) rememberLater(text, page, msg.meta?.host, !!found.seen);
  } catch (err) {
    afterAbort(err);
    result = { state: 'error', error: explain(err).words, page };
  }
  result.checked = Date.now();
  await chrome.storage.session.set({ [tabKey(tabId)]: result });
  await setBadge(tabId, result.state);
  const passages = result.report?.passages.map(({ start, end, kind }) => ({ start, end, kind })) ?? [];
  return { tabId, state: result.state, passages };
}

// After the answer, one change at a time with the others: remember, merge, keep under the cap.
function rememberLater(text, page, host, seen) {
  serial(async () => {
    if (!(await reading.remember(text, page, String(host ?? '').slice(0, 253), seen))) return;
    await reading.compact();
    await reading.enforceCap();
  }).catch((err) => console.error('Storyprint: remembering this article failed:', err));
}

export async function notArticle(sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return {};
  // Replaces whatever the tab showed before (a previous page's result).
  await chrome.storage.session.set({ [tabKey(tabId)]: { state: 'not-article', checked: Date.now() } });
  await setBadge(tabId, 'not-article');
  return { tabId };
}

export function forgetTab(tabId) {
  chrome.storage.session.remove(tabKey(tabId));
}

function cleanMeta(meta) {
  const out = {};
  for (const k of ['url', 'outlet', 'title', 'published']) out[k] = String(meta?.[k] ?? '').slice(0, 2000);
  return out;
}

async function setBadge(tabId, state) {
  const s = STATES[state];
  try {
    await chrome.action.setBadgeText({ tabId, text: s.badge });
    await chrome.action.setBadgeBackgroundColor({ tabId, color: s.color });
    await chrome.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
    await chrome.action.setTitle({ tabId, title: `Storyprint: ${s.label}` });
  } catch {
    // the tab was closed meanwhile
  }
}

// After the packs change, open article tabs check again (their content scripts hold the text).
export async function recheckTabs() {
  for (const tab of await chrome.tabs.query({})) {
    chrome.tabs.sendMessage(tab.id, { type: 'storyprint:recheck' }).catch(() => {});
  }
}

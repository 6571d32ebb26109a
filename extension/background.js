// Storyprint background worker: wires the browser's events to the parts that do the work —
// lib/checks.js (check a page, badge its tab), lib/packs.js (the reader's packs) and lib/reading.js
// (the reader's own reading). Everything stays in the browser: the only network requests it makes
// are downloads of packs the user subscribed to (no page data goes with them).
// A module service worker (Chromium) or module background script (Firefox): static imports only.
import { check, forgetTab, notArticle, recheckTabs } from './lib/checks.js';
import { serial, startEngine } from './lib/engine.js';
import { UserError, explain } from './lib/errors.js';
import * as packs from './lib/packs.js';
import * as reading from './lib/reading.js';

const EXTENSION_ORIGIN = chrome.runtime.getURL('');

// Listeners are registered in the first turn: a stopped worker is restarted for an event and only
// receives it if the listener exists before any await.
const HANDLERS = {
  'storyprint:check': (msg, sender) => check(msg, sender),
  'storyprint:page': (msg, sender) => notArticle(sender),
  'storyprint:packs:import': (msg, sender) => manage(sender, (e) => packs.importFile(e, msg)),
  'storyprint:packs:subscribe': (msg, sender) => manage(sender, (e) => packs.subscribe(e, msg)),
  'storyprint:packs:refresh': (msg, sender) => manage(sender, (e) => packs.refresh(e, msg.name, true)),
  'storyprint:packs:remove': (msg, sender) => manage(sender, (e) => packs.removePack(e, msg.name)),
  'storyprint:packs:restore-bundled': (msg, sender) => manage(sender, (e) => packs.installBundled(e)),
  'storyprint:reading:get': (msg, sender) => manageReading(sender, () => {}, false),
  'storyprint:reading:set': (msg, sender) => manageReading(sender, () => reading.setSettings(msg), msg.cap !== undefined),
  'storyprint:reading:never': (msg, sender) => manageReading(sender, () => reading.neverSite(msg.host, msg.on !== false)),
  'storyprint:reading:forget-site': (msg, sender) => manageReading(sender, () => reading.forgetSite(msg.host)),
  'storyprint:reading:forget-all': (msg, sender) => manageReading(sender, () => reading.forgetAll()),
  'storyprint:reading:export': (msg, sender) => manageReading(sender, () => reading.exportPack(), false),
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = HANDLERS[msg?.type];
  if (!handler) return false;
  handler(msg, sender).then(sendResponse, (err) => sendResponse({ error: explain(err) }));
  return true; // answers asynchronously
});
chrome.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
// The reader is asked once whether to remember their reading, on a page that says what is kept.
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') chrome.tabs.create({ url: chrome.runtime.getURL('welcome.html') });
});
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === packs.REFRESH_ALARM) serial(packs.refreshAll).then(recheckTabs).catch(() => {});
});

startEngine(packs.loadStoredPacks, reading.loadReading);

// Only the extension's own pages manage packs and the reading, never a content script (whose
// sender.url is the page's; the options page may sit in a tab too, so sender.tab says nothing).
function fromExtensionPage(sender) {
  if (sender.id !== chrome.runtime.id || !String(sender.url ?? '').startsWith(EXTENSION_ORIGIN))
    throw new UserError('denied', 'Not allowed.');
}

async function manage(sender, fn) {
  fromExtensionPage(sender);
  await serial(fn);
  recheckTabs();
  return { ok: true, packs: await packs.getPacks() };
}

// Forgetting changes what open pages match: they are checked again (`recheck`).
async function manageReading(sender, fn, recheck = true) {
  fromExtensionPage(sender);
  const result = await serial(fn);
  if (recheck) recheckTabs();
  return { ok: true, result, reading: await reading.summary() };
}

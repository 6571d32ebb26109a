// Storyprint background worker: wires the browser's events to the parts that do the work —
// lib/checks.js (check a page, badge its tab) and lib/packs.js (the reader's packs). Everything
// stays in the browser: the only network requests it makes are downloads of packs the user
// subscribed to (no page data goes with them).
// A module service worker (Chromium) or module background script (Firefox): static imports only.
import { check, forgetTab, notArticle, recheckTabs } from './lib/checks.js';
import { serial, startEngine } from './lib/engine.js';
import { UserError, explain } from './lib/errors.js';
import * as packs from './lib/packs.js';

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
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = HANDLERS[msg?.type];
  if (!handler) return false;
  handler(msg, sender).then(sendResponse, (err) => sendResponse({ error: explain(err) }));
  return true; // answers asynchronously
});
chrome.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === packs.REFRESH_ALARM) serial(packs.refreshAll).then(recheckTabs).catch(() => {});
});

startEngine(packs.loadStoredPacks);

async function manage(sender, fn) {
  // Only the extension's own pages manage packs, never a content script (whose sender.url is the
  // page's; the options page may sit in a tab too, so sender.tab says nothing).
  if (sender.id !== chrome.runtime.id || !String(sender.url ?? '').startsWith(EXTENSION_ORIGIN))
    throw new UserError('denied', 'Not allowed.');
  await serial(fn);
  recheckTabs();
  return { ok: true, packs: await packs.getPacks() };
}

// What the two parts of the options page (options.js: packs; options-reading.js: your reading)
// share: the status line, messages to the worker, buttons, counts and sizes.
import { el } from './runtime/report-view.mjs';

export const $ = (id) => document.getElementById(id);

export function status(text, kind = 'ok') {
  $('status').hidden = !text;
  $('status').textContent = text;
  $('status').className = kind;
}

/** Sends a message to the worker; throws its error ({words}) when it answers with one. */
export async function call(msg) {
  const res = await chrome.runtime.sendMessage(msg);
  if (!res) throw { words: 'Storyprint did not answer: try again.' };
  if (res.error) throw res.error;
  return res;
}

export const size = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
export const count = (n, word) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** A button that stays disabled while its (async) action runs. */
export function button(text, onClick) {
  const b = el('button', { type: 'button', text });
  b.addEventListener('click', async () => {
    b.disabled = true;
    try { await onClick(); } finally { b.disabled = false; }
  });
  return b;
}

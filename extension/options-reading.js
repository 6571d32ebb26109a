// Options, "Your reading": the answer given on the first-run page, pause, the cap, the sites
// remembered (forget one, never remember one), export as a pack file, forget everything. The
// worker does every change (lib/reading.js) and answers with the new state, which this page shows.
import * as db from './lib/db.js';
import { $, button, call as send, count, size, status } from './options-ui.js';
import { el, formatDate } from './runtime/report-view.mjs';

const day = (t) => formatDate(new Date(t - new Date(t).getTimezoneOffset() * 60_000).toISOString());

// Every answer carries the reading's new state: shown at once.
async function call(msg) {
  const res = await send(msg);
  render(res.reading);
  return res.result;
}

async function act(msg, done, what) {
  try {
    const result = await call(msg);
    if (done) status(typeof done === 'function' ? done(result) : done);
    return result ?? true;
  } catch (e) {
    status(`${what}: ${e?.words ?? e?.message ?? e}`, 'error');
    return undefined;
  }
}

function render(r) {
  const s = r.settings;
  $('reading-on').checked = s.choice === 'yes';
  $('reading-pause').hidden = s.choice !== 'yes';
  $('reading-pause').textContent = s.paused ? 'Resume' : 'Pause';
  $('reading-paused').textContent = s.choice === 'yes' && s.paused ? 'Paused: nothing new is remembered until you resume.' : '';
  $('reading-stats').textContent = r.articles
    ? `${count(r.articles, 'article')} remembered, ${size(r.bytes)} (in ${count(r.segments, 'segment')}).`
    : 'Nothing is remembered.';
  $('reading-cap').replaceChildren(...r.caps.map((n) => el('option', { value: n, text: n.toLocaleString('en'), selected: n === s.cap })));
  $('reading-export').disabled = !r.articles;
  $('reading-forget-all').disabled = !r.articles;
  $('reading-sites').replaceChildren(...r.sites.map((site) => {
    const li = el('li', {}, el('strong', { text: site.outlet || site.host }), ' ',
      el('span', { class: 'muted', text: `${site.host}: ${count(site.articles, 'article')}, last read ${day(site.last)}` }), ' ',
      button('Forget', () => act({ type: 'storyprint:reading:forget-site', host: site.host },
        (n) => `Forgot ${count(n, 'article')} from ${site.host}.`, `Could not forget ${site.host}`)), ' ',
      button('Never remember', () => act({ type: 'storyprint:reading:never', host: site.host },
        `Articles from ${site.host} are forgotten and will not be remembered.`, `Could not change ${site.host}`)));
    li.dataset.host = site.host;
    return li;
  }));
  $('never-sites').replaceChildren(...s.never.map((host) => {
    const li = el('li', {}, 'Never remembered: ', el('strong', { text: host }), ' ',
      button('Allow again', () => act({ type: 'storyprint:reading:never', host, on: false }, `Articles from ${host} may be remembered again.`, `Could not change ${host}`)));
    li.dataset.never = host;
    return li;
  }));
}

$('reading-on').addEventListener('change', () => act({ type: 'storyprint:reading:set', choice: $('reading-on').checked ? 'yes' : 'no' },
  $('reading-on').checked ? 'Storyprint will remember the articles you open.' : 'Storyprint will not remember the articles you open.',
  'Could not change the setting'));
$('reading-pause').addEventListener('click', () => {
  const paused = $('reading-pause').textContent === 'Pause';
  act({ type: 'storyprint:reading:set', paused }, paused ? 'Paused.' : 'Resumed.', 'Could not change the setting');
});
$('reading-cap').addEventListener('change', () => act({ type: 'storyprint:reading:set', cap: Number($('reading-cap').value) },
  `At most ${Number($('reading-cap').value).toLocaleString('en')} articles are kept.`, 'Could not change the setting'));
$('never-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const host = $('never-host').value;
  if (await act({ type: 'storyprint:reading:never', host }, `Articles from ${host.trim()} will not be remembered.`, `Could not add ${host}`) !== undefined) $('never-form').reset();
});

// Two clicks: forgetting everything cannot be undone.
let armed = false;
$('reading-forget-all').addEventListener('click', async () => {
  if (!armed) {
    armed = true;
    $('reading-forget-all').textContent = 'Click again to forget everything';
    return;
  }
  armed = false;
  $('reading-forget-all').textContent = 'Forget everything';
  await act({ type: 'storyprint:reading:forget-all' }, 'Everything you read is forgotten.', 'Could not forget');
});

$('reading-export').addEventListener('click', async () => {
  const r = await act({ type: 'storyprint:reading:export' }, null, 'Could not save the pack');
  if (!r) return;
  const bytes = await db.takeStaged(r.staged);
  const a = el('a', { href: URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' })), download: 'your-reading.pack' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  status(`Saved your reading as a pack file (${size(r.bytes)}): import it in Storyprint elsewhere, or check pages against it with storyprint check --pack.`);
});

await call({ type: 'storyprint:reading:get' }).catch((e) => status(`Your reading: ${e?.words ?? e}`, 'error'));
// What the worker remembers changes as pages are read: show it again when the page is looked at.
document.addEventListener('visibilitychange', () => { if (!document.hidden) call({ type: 'storyprint:reading:get' }).catch(() => {}); });

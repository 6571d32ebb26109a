// The first-run page: asks once whether to remember the articles the reader opens. The answer is
// the reader's own reading setting, changeable in the options.
const $ = (id) => document.getElementById(id);

const SAID = {
  yes: 'Storyprint will remember the articles you open, in this browser only. ',
  no: 'Storyprint will not remember the articles you open. ',
};

async function choose(choice) {
  const res = await chrome.runtime.sendMessage({ type: 'storyprint:reading:set', choice });
  if (!res || res.error) {
    $('status').textContent = `Your answer was not saved: ${res?.error?.words ?? 'Storyprint did not answer'}. Try again.`;
    return;
  }
  show(choice);
}

function show(choice) {
  for (const b of ['yes', 'no']) $(b).setAttribute('aria-pressed', String(b === choice));
  $('status').replaceChildren(SAID[choice], Object.assign(document.createElement('a'),
    { href: 'options.html', textContent: 'Change this in the options.' }));
}

$('yes').addEventListener('click', () => choose('yes'));
$('no').addEventListener('click', () => choose('no'));
const { reading } = await chrome.storage.local.get('reading');
if (reading?.choice) show(reading.choice);

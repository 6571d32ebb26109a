// The article form: its metadata fields, its buttons while the engine works, the sample chosen.
import { setMessage, ui } from './elements.mjs';
import { state } from './state.mjs';

export function currentMeta() {
  return {
    title: ui.title.value.trim(), outlet: ui.outlet.value.trim(),
    published: ui.published.value.trim(), url: ui.url.value.trim(),
  };
}

export function setMeta(m = {}) {
  ui.title.value = m.title ?? '';
  ui.outlet.value = m.outlet ?? '';
  ui.published.value = /^\d{4}-\d{2}-\d{2}$/.test(m.published ?? '') ? m.published : '';
  ui.url.value = m.url ?? '';
}

// Buttons stay enabled while the worker is busy (a disabled button would drop keyboard focus);
// the worker runs requests in order and only the latest check is shown.
export function setBusy(on) {
  ui.check.disabled = ui.addKnown.disabled = !state.ready;
  ui.form.setAttribute('aria-busy', String(on));
}

export function selectSample(id) {
  for (const b of ui.samples.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.id === id));
}

/** The engine is gone: say so, and turn off what needs it. */
export function fail(message) {
  setMessage(ui.status, message, 'error');
  ui.check.disabled = ui.addKnown.disabled = ui.packFile.disabled = true;
}

// The demo page: reads the article (pasted, dropped, opened or a seed sample), asks the engine in
// worker.mjs for a report and renders it. The engine never runs on this thread; HTML extraction
// does (DOMParser exists only here). All text from pages and packs is inserted as text nodes.
// One module per job: rpc (the worker), elements and form (the page), check and render-* (the
// report), input (samples, files, drops), packs (packs and the visitor's own versions).
import { setMessage, ui } from './elements.mjs';
import { fail, setBusy } from './form.mjs';
import { loadSamples, wireInput } from './input.mjs';
import { renderPacks, wirePacks } from './packs.mjs';
import { call, onEngineStop } from './rpc.mjs';
import { state } from './state.mjs';

onEngineStop(fail);
wireInput();
wirePacks();

(async () => {
  try {
    const { packs, demoError } = await call('init');
    state.ready = true;
    setBusy(false);
    ui.packFile.disabled = false;
    renderPacks(packs);
    if (demoError) setMessage(ui.packMessage, `The demo pack could not be loaded: ${demoError.message}`, 'error');
    document.documentElement.dataset.ready = 'true';
  } catch (e) {
    fail(`The engine could not start: ${e.message}`);
    return;
  }
  await loadSamples();
  document.documentElement.dataset.samples = 'true';
})();

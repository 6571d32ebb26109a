// Checking the text in the form: one request to the engine, the report rendered by each part.
import { summaryLine } from './runtime/report-view.mjs';
import { setMessage, ui } from './elements.mjs';
import { currentMeta, setBusy } from './form.mjs';
import { renderCompare } from './render-compare.mjs';
import { renderQuotes } from './render-quotes.mjs';
import { renderScores } from './render-scores.mjs';
import { renderTimeline } from './render-timeline.mjs';
import { renderVerdict } from './render-verdict.mjs';
import { call } from './rpc.mjs';
import { state } from './state.mjs';

let checkSeq = 0;
let checksDone = 0;

export async function runCheck({ id = '' } = {}) {
  const text = ui.text.value;
  if (!text.trim()) {
    setMessage(ui.inputMessage, 'Paste or open an article first.', 'error');
    ui.text.focus();
    return;
  }
  if (!state.ready) return;
  const seq = ++checkSeq;
  setBusy(true);
  setMessage(ui.inputMessage, 'Checking…');
  const meta = { id, ...currentMeta() };
  try {
    const { report, counterpart } = await call('check', { text, meta });
    if (seq !== checkSeq) return; // a newer check is on its way
    state.lastCheck = { text, meta };
    renderResult(text, meta, report, counterpart);
    setMessage(ui.inputMessage, `Checked ${report.page.tokens} words: ${summaryLine(report)} The result is below.`);
    // Bring the result into view without moving keyboard focus (the visitor may pick another sample).
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    ui.result.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
  } catch (e) {
    if (seq === checkSeq) setMessage(ui.inputMessage, `Could not check this text: ${e.message}`, 'error');
  } finally {
    if (seq === checkSeq) setBusy(false);
    // Finished checks, for tests and tools that drive the page.
    document.documentElement.dataset.checks = String(++checksDone);
  }
}

function renderResult(text, meta, report, counterpart) {
  renderVerdict(report, state.packCount, text);
  renderScores(report);
  renderTimeline(report, meta);
  renderCompare(text, meta, report, counterpart);
  renderQuotes(text, report);
  ui.result.hidden = false;
  ui.result.dataset.pack = report.pack ?? '';
}

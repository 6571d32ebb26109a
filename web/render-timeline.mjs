// The story's known versions by date, with the checked page placed among them.
import { el as h, formatDate, timelineOf } from './runtime/report-view.mjs';
import { ui } from './elements.mjs';
import { describeVersion } from './render-version.mjs';

export function renderTimeline(report, meta) {
  ui.timeline.replaceChildren();
  const items = timelineOf(report, meta);
  if (!items.length) {
    ui.timeline.append(h('p', { class: 'hint', text: 'No known story matches this page.' }));
    return;
  }
  ui.timeline.append(h('ol', { class: 'timeline' }, items.map(({ version: v, page, tags }) => {
    const hit = !page && tags.length > 0;
    return h('li', { class: page ? 'tl-page' : hit ? 'tl-hit' : null },
      h('span', { class: 'tl-date', text: formatDate(v.published) || 'date unknown' }),
      page ? h('span', { class: 'tl-body' }, h('strong', { text: 'The checked page' }), v.outlet ? ` — ${v.outlet}` : '')
        : h('span', { class: 'tl-body' }, describeVersion(v, { date: false }), tags.length ? ' ' : '',
          tags.map((t) => h('span', { class: t === 'this page' ? 'badge badge-known' : 'badge badge-source', text: t }))));
  })));
}

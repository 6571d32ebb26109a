// "Outlet — “Title” (23 Nov 2024)", linked when the version has an address: how the verdict,
// timeline, side-by-side view and the visitor's versions name a known version.
import { el as h, formatDate, outletName, safeHref } from './runtime/report-view.mjs';

export function describeVersion(v, { link = true, date = true } = {}) {
  const parts = [];
  parts.push(h('span', { class: 'outlet', text: outletName(v) }));
  if (v.title) {
    const href = link ? safeHref(v.url) : null;
    const t = `“${v.title}”`;
    parts.push(' — ', href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank', text: t }) : h('cite', { text: t }));
  }
  if (date) parts.push(' ', h('span', { class: 'date', text: v.published ? `(${formatDate(v.published)})` : '(date unknown)' }));
  return h('span', { class: 'version', 'data-id': v.id }, ...parts);
}

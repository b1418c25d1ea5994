// Runs side by side: every recorded field and param; "only differences" hides the rows that agree.
import { get } from './api.js';
import { el, fmt, table } from './dom.js';

const SKIP = new Set(['per_class', 'confusion_matrix', 'params', 'read_options', 'feature_types']); // shown per run, or as param.*

export async function compareView(match, query) {
  const runs = (query.get('runs') || '').split(',').filter(Boolean);
  const doc = await get('/api/compare?runs=' + encodeURIComponent(runs.join(',')));
  const toggle = el('input', { type: 'checkbox', id: 'only-diff' });
  const rows = Object.entries(doc.fields).filter(([k]) => !SKIP.has(k)).map(([k, f]) =>
    el('tr', { class: f.differs ? 'differs' : 'same', 'data-field': k },
      el('td', { text: (f.differs ? '* ' : '') + k }), f.values.map((v) => el('td', { class: 'wrap', text: fmt.value(v) }))));
  toggle.addEventListener('change', () => {
    for (const tr of rows) tr.hidden = toggle.checked && tr.classList.contains('same');
  });
  const head = [el('th', { text: 'field' })].concat(doc.runs.map((id) => el('th', {}, el('a', { href: '#/runs/' + id, text: 'run ' + id }))));
  const node = el('section', {},
    el('h1', {}, 'Compare runs ', doc.runs.join(', ')),
    el('label', {}, toggle, ' Only differences'),
    el('p', { class: 'muted', text: '* marks a field that differs between the runs.' }),
    table(head, rows, { id: 'compare-table' }));
  return { node };
}

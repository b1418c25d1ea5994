// The runs table: the admin view of the original TrainingRun, sortable, filterable, paged, newest first.
import { get } from './api.js';
import { el, fmt, badge, table } from './dom.js';

const COLUMNS = [
  ['ID', 'id', (r) => r.run_id, 'num'],
  ['Version', 'model-version', (r) => r.model_version],
  ['Model', null, (r) => r.model_name, 'hide-narrow'],
  ['Status', null, (r) => badge(r.status)],
  ['Trainer', null, (r) => r.trainer, 'hide-narrow'],
  ['Started (UTC)', 'started-at', (r) => fmt.time(r.run_date), 'hide-narrow'],
  ['Accuracy', 'accuracy', (r) => fmt.metric(r.accuracy), 'num'],
  ['F1', 'f1', (r) => fmt.metric(r.f1_score), 'num'],
  ['Fit (s)', 'training-seconds', (r) => fmt.seconds(r.training_duration_seconds), 'num hide-narrow'],
];
const PAGE = 25;

export async function runsView(match, query) {
  const q = new URLSearchParams(query);
  const sort = q.get('sort') || 'started-at';
  const asc = q.get('asc') === 'true';
  const offset = Number(q.get('offset') || 0);
  const api = new URLSearchParams({ sort, asc, limit: PAGE, offset });
  for (const k of ['status', 'trainer', 'model', 'dataset_sha256']) if (q.get(k)) api.set(k, q.get(k));

  const [page, trainers, models, queue] = await Promise.all([
    get('/api/runs?' + api), get('/api/trainers'), get('/api/models'), get('/api/queue')]);

  const go = (changes) => {
    const next = new URLSearchParams(q);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '' || v === null || v === undefined) next.delete(k); else next.set(k, v);
    }
    location.hash = '#/runs?' + next;
  };
  const select = (name, options, label) => el('label', {}, label,
    el('select', { name, onchange: (e) => go({ [name]: e.target.value, offset: 0 }) },
      el('option', { value: '', text: 'any' }),
      options.map((o) => el('option', { value: o, text: o, selected: q.get(name) === o }))));

  const filters = el('form', { class: 'filters', id: 'filters', onsubmit: (e) => {
      e.preventDefault();
      go({ dataset_sha256: e.target.elements.dataset_sha256.value.trim(), offset: 0 });
    } },
    select('status', ['RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED'], 'Status'),
    select('trainer', trainers.map((t) => t.name), 'Trainer'),
    select('model', models.map((m) => m.name), 'Model'),
    el('label', {}, 'Dataset SHA-256', el('input', { name: 'dataset_sha256', value: q.get('dataset_sha256') || '', size: 20 })),
    el('button', { type: 'submit', text: 'Filter' }),
    el('button', { type: 'button', class: 'secondary', text: 'Clear', onclick: () => { location.hash = '#/runs'; } }));

  const selected = new Set();
  const compare = el('button', { id: 'compare-selected', disabled: true, text: 'Compare selected',
    onclick: () => { location.hash = '#/compare?runs=' + [...selected].join(','); } });

  const head = [el('th', {}, '')].concat(COLUMNS.map(([label, key, , cls]) => {
    const sorted = key === sort;
    return el('th', {
      class: [cls || '', key ? 'sortable' : '', sorted ? (asc ? 'sorted-asc' : 'sorted-desc') : ''].join(' ').trim(),
      onclick: key ? () => go({ sort: key, asc: sorted ? !asc : false, offset: 0 }) : null,
    }, label);
  }));
  const rows = page.runs.map((r) => el('tr', { class: 'clickable', 'data-run': r.run_id,
      onclick: (e) => { if (e.target.type !== 'checkbox') location.hash = '#/runs/' + r.run_id; } },
    el('td', {}, el('input', { type: 'checkbox', 'aria-label': 'compare run ' + r.run_id, onchange: (e) => {
      if (e.target.checked) selected.add(r.run_id); else selected.delete(r.run_id);
      compare.disabled = selected.size < 2;
    } })),
    COLUMNS.map(([, , value, cls]) => el('td', { class: cls }, value(r)))));

  const pager = el('div', { class: 'pager' },
    el('button', { class: 'secondary', id: 'prev', disabled: offset === 0, text: '← Newer',
      onclick: () => go({ offset: Math.max(0, offset - PAGE) }) }),
    el('span', { class: 'muted', text: page.runs.length ? `runs ${offset + 1}–${offset + page.runs.length}` : 'no runs match' }),
    el('button', { class: 'secondary', id: 'next', disabled: !page.more, text: 'Older →',
      onclick: () => go({ offset: offset + PAGE }) }));

  const waiting = queue.jobs.filter((j) => j.status === 'QUEUED');
  const node = el('section', {},
    el('h1', {}, 'Runs'),
    waiting.length ? el('p', { class: 'notice' }, `${waiting.length} training(s) waiting: `,
      waiting.map((j) => el('a', { href: '#/runs/' + encodeURIComponent(j.model_version), text: j.model_version + ' ' }))) : null,
    filters,
    table(head, rows, { id: 'runs-table' }),
    el('div', { class: 'actions' }, compare),
    pager);
  return { node };
}

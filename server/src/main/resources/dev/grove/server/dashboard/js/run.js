// One run: metrics, the confusion matrix as a heat map, per-class metrics, params, every recorded
// field; a training still queued or running shows its live progress and a cancel button.
import { get, post } from './api.js';
import { el, fmt, badge, table, clear } from './dom.js';
import { liveProgress } from './progress.js';
import { showError } from './app.js';

export async function runView(ref) {
  const run = await get('/api/runs/' + encodeURIComponent(ref));
  const node = el('section', {});
  let live = null;
  const draw = (r) => {
    clear(node);
    node.append(header(r));
    if (['QUEUED', 'RUNNING'].includes(r.status)) {
      live = liveProgress(r.model_version, async () => {
        const again = await get('/api/runs/' + encodeURIComponent(r.model_version));
        if (live) live.stop();
        live = null;
        draw(again);
      });
      node.append(live.node, cancelButton(r));
    }
    if (r.run_uuid) node.append(details(r)); // a queued job has no record yet
    else node.append(fields(r));
  };
  draw(run);
  return { node, stop: () => live && live.stop() };
}

function header(r) {
  return el('div', {},
    el('h1', {}, 'Run ', r.run_id === null ? '' : String(r.run_id) + ' · ', r.model_version, ' ', badge(r.status)),
    el('p', { class: 'muted' }, 'model ', el('a', { href: '#/models/' + encodeURIComponent(r.model_name), text: r.model_name }),
      r.trainer ? ' · ' + r.trainer + (r.trainer_version ? ' ' + r.trainer_version : '') : '',
      r.run_date ? ' · started ' + fmt.time(r.run_date) : '',
      r.error ? el('div', { class: 'error', id: 'run-error', text: r.error }) : null));
}

function cancelButton(r) {
  return el('div', { class: 'actions' }, el('button', { class: 'danger', id: 'cancel', text: 'Cancel training',
    onclick: async () => {
      try {
        await post('/api/runs/' + encodeURIComponent(r.model_version) + '/cancel', {});
      } catch (e) { showError(e.message); }
    } }));
}

function details(r) {
  const cards = el('div', { class: 'cards' },
    ['accuracy', 'precision', 'recall', 'f1_score'].map((k) => el('div', { class: 'card metric', 'data-metric': k },
      el('div', { class: 'value', text: fmt.metric(r[k]) }), el('div', { class: 'label', text: k + (k === 'accuracy' ? '' : ' (weighted)') }))),
    el('div', { class: 'card metric' }, el('div', { class: 'value', text: fmt.seconds(r.training_duration_seconds) }),
      el('div', { class: 'label', text: 'fit seconds' })));
  return el('div', {},
    cards,
    el('div', { class: 'grid2' },
      el('div', {}, el('h2', {}, 'Confusion matrix'), heatMap(r.confusion_matrix)),
      el('div', {}, el('h2', {}, 'Per class'), perClass(r.per_class))),
    el('h2', {}, 'Parameters'), keyValues(r.params || {}, 'params-table'),
    fields(r));
}

// Rows are the true classes, columns the predicted ones; colour grows with the count.
function heatMap(cm) {
  if (!cm) return el('p', { class: 'muted', text: 'No matrix: the run has no evaluation.' });
  const max = Math.max(1, ...cm.matrix.flat());
  const head = [el('th', { class: 'corner', text: 'true ↓ / predicted →' })].concat(cm.labels.map((l) => el('th', { text: l })));
  const rows = cm.matrix.map((row, i) => el('tr', {}, el('th', { text: cm.labels[i] }), row.map((v, j) => {
    const td = el('td', { 'data-row': cm.labels[i], 'data-col': cm.labels[j], 'data-value': v, text: v,
      title: `${v} rows of ${cm.labels[i]} predicted ${cm.labels[j]}` });
    const a = v / max;
    td.style.setProperty('background-color', (i === j ? 'rgba(21,128,61,' : 'rgba(185,28,28,') + (0.08 + 0.8 * a).toFixed(3) + ')');
    if (a > 0.55) td.style.setProperty('color', '#fff');
    return td;
  })));
  return table(head, rows, { id: 'confusion', class: 'heat' });
}

function perClass(pc) {
  if (!pc) return el('p', { class: 'muted', text: '–' });
  const head = ['Class', 'Precision', 'Recall', 'F1', 'Support'].map((h, i) => el('th', { class: i ? 'num' : '', text: h }));
  const rows = Object.entries(pc).map(([label, m]) => el('tr', {}, el('td', { text: label }),
    el('td', { class: 'num', text: fmt.metric(m.precision) }), el('td', { class: 'num', text: fmt.metric(m.recall) }),
    el('td', { class: 'num', text: fmt.metric(m.f1) }), el('td', { class: 'num', text: m.support })));
  return table(head, rows, { id: 'per-class' });
}

function keyValues(obj, id) {
  const rows = Object.entries(obj).map(([k, v]) => el('tr', {}, el('th', { text: k }), el('td', { class: 'wrap', text: fmt.value(v) })));
  return table([el('th', { text: 'field' }), el('th', { text: 'value' })], rows, { id });
}

function fields(r) {
  return el('div', {}, el('h2', {}, 'Every recorded field'), keyValues(r, 'fields-table'));
}

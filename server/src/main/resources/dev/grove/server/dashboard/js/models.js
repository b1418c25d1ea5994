// The registry: every model, and one model's page: the chosen metric over time with alias moves
// marked, its aliases (rollback), its versions (promote through the gate), its alias history and
// its retraining (trigger) history.
import { get, post } from './api.js';
import { el, fmt, badge, table, clear } from './dom.js';
import { metricChart } from './chart.js';
import { showError } from './app.js';

export async function modelsView() {
  const models = await get('/api/models');
  const head = ['Model', 'Versions', 'Succeeded', 'Latest', 'Aliases'].map((h) => el('th', { text: h }));
  const rows = models.map((m) => el('tr', { class: 'clickable', 'data-model': m.name,
      onclick: () => { location.hash = '#/models/' + encodeURIComponent(m.name); } },
    el('td', {}, el('a', { href: '#/models/' + encodeURIComponent(m.name), text: m.name })),
    el('td', { class: 'num', text: m.versions.length }), el('td', { class: 'num', text: m.succeeded }),
    el('td', { text: m.latest || '–' }),
    el('td', { text: m.aliases.map((a) => a.alias + '=' + a.model_version).join(', ') || '–' })));
  return { node: el('section', {}, el('h1', {}, 'Models'),
    models.length ? table(head, rows, { id: 'models-table' }) : el('p', { class: 'muted', text: 'No models yet: train one.' })) };
}

export async function modelView(name) {
  const node = el('section', {});
  const draw = async (metric) => {
    const [m, evaluations] = await Promise.all([get('/api/models/' + encodeURIComponent(name)),
      get('/api/models/' + encodeURIComponent(name) + '/retraining')]);
    clear(node);
    const select = el('select', { id: 'metric', onchange: (e) => draw(e.target.value) },
      ['f1_score', 'accuracy', 'precision', 'recall'].map((k) => el('option', { value: k, text: k, selected: k === metric })));
    const canvas = el('canvas', { id: 'metric-chart', 'aria-label': metric + ' of ' + name + ' over time' });
    node.append(
      el('h1', {}, 'Model ', m.name),
      el('div', { class: 'filters' }, el('label', {}, 'Metric', select)),
      el('div', { class: 'chart-box' }, canvas),
      el('p', { class: 'muted', text: 'Each point is a SUCCEEDED version; dashed lines are alias moves.' }),
      el('h2', {}, 'Aliases'), aliases(m, () => draw(metric)),
      el('h2', {}, 'Versions'), versions(m, () => draw(metric)),
      el('h2', {}, 'Alias history'), history(m),
      el('h2', {}, 'Retraining'), retraining(m, evaluations));
    if (window.Chart) metricChart(canvas, m.versions, m.history, metric);
    else showError('the chart library did not load (/vendor/chart.umd.js)');
  };
  await draw('f1_score');
  return { node };
}

function aliases(m, redraw) {
  if (!m.aliases.length) return el('p', { class: 'muted', text: 'No aliases yet: promote a version.' });
  const head = ['Alias', 'Version', 'Since', 'By', ''].map((h) => el('th', { text: h }));
  const rows = m.aliases.map((a) => el('tr', { 'data-alias': a.alias },
    el('td', { text: a.alias }), el('td', { class: 'alias-version', text: a.model_version }), el('td', { text: fmt.time(a.since) }),
    el('td', { text: a.set_by }),
    el('td', {}, el('button', { class: 'secondary', 'data-rollback': a.alias, text: 'Roll back', onclick: async () => {
      try {
        await post(`/api/models/${encodeURIComponent(m.name)}/aliases/${encodeURIComponent(a.alias)}/rollback`, { reason: 'from the dashboard' });
        await redraw();
      } catch (e) { showError(e.message); }
    } }))));
  return table(head, rows, { id: 'aliases-table' });
}

function versions(m, redraw) {
  const alias = el('input', { id: 'promote-alias', value: (m.aliases[0] && m.aliases[0].alias) || 'production', size: 12 });
  const held = new Map(m.aliases.map((a) => [a.model_version, a.alias]));
  const head = ['ID', 'Version', 'Status', 'Started', 'Accuracy', 'F1', ''].map((h) => el('th', { text: h }));
  const rows = m.versions.map((r) => el('tr', { 'data-version': r.model_version },
    el('td', {}, el('a', { href: '#/runs/' + r.run_id, text: r.run_id })), el('td', { text: r.model_version + (held.has(r.model_version) ? ' (' + held.get(r.model_version) + ')' : '') }),
    el('td', {}, badge(r.status)), el('td', { text: fmt.time(r.run_date) }),
    el('td', { class: 'num', text: fmt.metric(r.accuracy) }), el('td', { class: 'num', text: fmt.metric(r.f1_score) }),
    el('td', {}, r.status === 'SUCCEEDED' ? el('button', { 'data-promote': r.model_version, text: 'Promote', onclick: async () => {
      try {
        const out = await post(`/api/models/${encodeURIComponent(m.name)}/promote`, { version: r.model_version, alias: alias.value.trim(), reason: 'from the dashboard' });
        await redraw();
        document.getElementById('view').prepend(el('p', { class: 'notice', id: 'promote-result', text: out.summary }));
      } catch (e) { showError(e.message); }
    } }) : null)));
  return el('div', {}, el('div', { class: 'filters' }, el('label', {}, 'Promote to alias', alias),
    el('span', { class: 'muted', text: 'through the gate: the version must score at least as well as the alias holder on its held-out rows' })),
    table(head, rows, { id: 'versions-table' }));
}

function history(m) {
  if (!m.history.length) return el('p', { class: 'muted', text: 'No alias changes yet.' });
  const head = ['When', 'Action', 'Alias', 'From', 'To', 'By', 'Gate', 'Reason'].map((h) => el('th', { text: h }));
  const rows = m.history.slice().reverse().map((c) => el('tr', {},
    el('td', { text: fmt.time(c.at) }), el('td', { text: c.action }), el('td', { text: c.alias }), el('td', { text: c.from_version || '–' }),
    el('td', { text: c.to_version || '–' }), el('td', { text: c.actor }),
    el('td', { text: c.gate ? `${c.gate.metric} ${fmt.metric(c.gate.challenger)} vs ${fmt.metric(c.gate.champion)}` : '–' }),
    el('td', { class: 'wrap', text: c.reason })));
  return table(head, rows, { id: 'history-table' });
}

// The trigger history, newest first: each evaluation's outcome, the triggers that fired, one line per
// reason, the challenger it trained (its run page), whether the gate promoted it, who, and any error.
function retraining(m, evaluations) {
  if (!evaluations.length) {
    return el('p', { class: 'muted', id: 'retraining-empty' }, 'No retraining evaluations yet. Run ',
      el('code', { text: 'grove retrain --name ' + m.name }), ' to check its triggers once, or ',
      el('code', { text: 'grove serve --retrain ' + m.name }), ' to check them on a schedule',
      m.aliases.length ? '.' : ' (the holder of its production alias is compared: set one first).');
  }
  const versionOf = new Map(m.versions.map((r) => [r.run_id, r.model_version]));
  const head = ['When', 'Outcome', 'Fired', 'Reasons', 'Challenger', 'Promoted', 'By', 'Error'].map((h) => el('th', { text: h }));
  const rows = evaluations.slice().reverse().map((e) => el('tr', { 'data-evaluation': e.id, 'data-outcome': e.outcome },
    el('td', { text: fmt.time(e.at) }), el('td', { class: 'outcome' }, badge(e.outcome)),
    el('td', { class: 'fired', text: e.fired.length ? e.fired.join(', ') : '–' }),
    el('td', { class: 'wrap reasons' }, e.reasons.map((r) => el('div', { class: 'reason', text: r }))),
    el('td', { class: 'challenger' }, e.challenger_run_id === null ? '–'
      : el('a', { href: '#/runs/' + e.challenger_run_id,
        text: versionOf.has(e.challenger_run_id) ? versionOf.get(e.challenger_run_id) : 'run ' + e.challenger_run_id })),
    el('td', { class: 'promoted', text: e.promoted === null ? '–' : e.promoted ? 'yes' : 'no' }),
    el('td', { class: 'actor', text: e.actor || '–' }),
    el('td', { class: 'wrap error-text', text: e.error || '–' })));
  return table(head, rows, { id: 'retraining-table' });
}

// Starts a training: a dataset from the data folder and grove train's main options.
import { get, post } from './api.js';
import { el } from './dom.js';
import { showError } from './app.js';

export async function trainView() {
  const [datasets, trainers] = await Promise.all([get('/api/datasets'), get('/api/trainers')]);
  const field = (label, input) => el('label', {}, label, input);
  const form = el('form', { class: 'train', id: 'train-form' },
    field('Dataset (in the data folder)', el('select', { name: 'dataset', required: true },
      datasets.datasets.map((d) => el('option', { value: d.path, text: d.path })))),
    field('Model name', el('input', { name: 'name', placeholder: 'default: the file name' })),
    field('Model version', el('input', { name: 'model_version', placeholder: 'default: a timestamp' })),
    field('Trainer', el('select', { name: 'trainer' }, trainers.map((t) => el('option', { value: t.name, text: t.name, selected: t.default })))),
    field('Trees (n_estimators)', el('input', { name: 'n_estimators', type: 'number', min: 1, value: 200 })),
    field('Seed (random_state)', el('input', { name: 'random_state', type: 'number', value: 42 })),
    field('Test split', el('input', { name: 'test_split', type: 'number', min: 0.01, max: 0.99, step: 0.01, value: 0.2 })),
    field('Max depth', el('input', { name: 'max_depth', type: 'number', min: 1, placeholder: 'unlimited' })),
    field('Notes', el('input', { name: 'notes' })),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'train-submit', text: 'Start training' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = form.elements;
    const body = { dataset: f.dataset.value, trainer: f.trainer.value, n_estimators: Number(f.n_estimators.value),
      random_state: Number(f.random_state.value), test_split: Number(f.test_split.value) };
    for (const k of ['name', 'model_version', 'notes']) if (f[k].value.trim()) body[k] = f[k].value.trim();
    if (f.max_depth.value) body.max_depth = Number(f.max_depth.value);
    try {
      const job = await post('/api/runs', body);
      location.hash = '#/runs/' + encodeURIComponent(job.model_version);
    } catch (err) { showError(err.message); }
  });
  return { node: el('section', {}, el('h1', {}, 'Train a model'),
    datasets.datasets.length ? form : el('p', { class: 'muted', text: 'No CSV files in the server\'s data folder.' })) };
}

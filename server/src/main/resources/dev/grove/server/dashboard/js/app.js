// The dashboard's router: #/runs, #/runs/ID, #/compare?runs=A,B, #/models, #/models/NAME, #/train.
import { get } from './api.js';
import { clear } from './dom.js';
import { runsView } from './runs.js';
import { runView } from './run.js';
import { compareView } from './compare.js';
import { modelsView, modelView } from './models.js';
import { trainView } from './train.js';

const routes = [
  [/^#\/runs\/([^/?]+)$/, (m) => runView(decodeURIComponent(m[1]))],
  [/^#\/runs(\?.*)?$/, (m, q) => runsView(m, q)],
  [/^#\/compare(\?.*)?$/, (m, q) => compareView(m, q)],
  [/^#\/models\/([^/?]+)$/, (m) => modelView(decodeURIComponent(m[1]))],
  [/^#\/models$/, () => modelsView()],
  [/^#\/train$/, () => trainView()],
];

let current = null; // the view shown, so it can stop its streams when another replaces it

export function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message;
  box.hidden = !message;
}

async function render() {
  const hash = location.hash || '#/runs';
  const query = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  const main = document.getElementById('view');
  if (current && current.stop) current.stop();
  current = null;
  showError('');
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.classList.toggle('active', hash.startsWith('#/' + a.dataset.nav));
  }
  for (const [pattern, view] of routes) {
    const m = hash.match(pattern);
    if (m) {
      clear(main);
      try {
        current = await view(m, query, main);
        if (current && current.node) main.append(current.node);
      } catch (e) {
        showError(e.message);
      }
      return;
    }
  }
  location.hash = '#/runs';
}

async function queueStatus() {
  try {
    const h = await get('/health');
    const q = h.queue;
    document.getElementById('queue-status').textContent =
      `${q.running} training, ${q.waiting} waiting · store ${h.store.reachable ? 'ok' : 'unreachable'}`;
  } catch (e) {
    document.getElementById('queue-status').textContent = 'server unreachable';
  }
}

window.addEventListener('hashchange', render);
window.addEventListener('unhandledrejection', (e) => showError(e.reason && e.reason.message ? e.reason.message : String(e.reason)));
render();
queueStatus();
setInterval(queueStatus, 5000);

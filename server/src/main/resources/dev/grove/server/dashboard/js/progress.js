// Live progress of a training: its server-sent events (stages, elapsed time, done). Where the
// server needs a token for reads (EventSource cannot send one), it polls the run instead.
import { get } from './api.js';
import { el, clear, badge } from './dom.js';

const STAGES = ['validate', 'read', 'profile', 'split', 'record-start', 'fit', 'evaluate', 'write-artifact',
  'verify-artifact', 'record-finish'];

export function liveProgress(ref, onDone) {
  const bar = el('div');
  const status = el('span', { id: 'live-status' }, badge('QUEUED'));
  const elapsed = el('span', { class: 'muted', id: 'live-elapsed' });
  const message = el('div', { class: 'muted', id: 'live-message' });
  const items = STAGES.map((s) => el('li', { 'data-stage': s, text: s }));
  const node = el('section', { class: 'card', id: 'live' },
    el('h2', {}, 'Live progress ', status, ' ', elapsed),
    el('div', { class: 'progress' }, bar), message, el('ol', { class: 'stages' }, items));

  const setStatus = (s) => { clear(status).append(badge(s)); };
  let finished = false;
  const finish = (data) => {
    if (finished) return;
    finished = true;
    setStatus(data.status);
    if (data.status === 'SUCCEEDED') bar.style.setProperty('width', '100%');
    if (data.error) message.textContent = data.error;
    stop();
    onDone(data);
  };
  const stage = (d) => {
    setStatus('RUNNING');
    const i = STAGES.indexOf(d.stage);
    const within = d.done ? 1 : (d.fraction || 0);
    bar.style.setProperty('width', Math.round(100 * (i + within) / STAGES.length) + '%');
    elapsed.textContent = d.elapsed_seconds.toFixed(1) + ' s';
    message.textContent = d.stage + ': ' + d.message;
    items.forEach((li, j) => {
      li.classList.toggle('done', j < i || (j === i && d.done));
      li.classList.toggle('current', j === i && !d.done);
    });
  };

  let source = null;
  let poller = null;
  const poll = () => {
    poller = setInterval(async () => {
      try {
        const r = await get('/api/runs/' + encodeURIComponent(ref));
        if (!['QUEUED', 'RUNNING'].includes(r.status)) finish({ status: r.status, error: r.error, run: r });
        else setStatus(r.status);
      } catch (e) { message.textContent = e.message; }
    }, 1000);
  };
  const stop = () => {
    if (source) source.close();
    if (poller) clearInterval(poller);
  };
  let heard = false;
  source = new EventSource('/api/runs/' + encodeURIComponent(ref) + '/events');
  source.addEventListener('queued', (e) => { heard = true; setStatus('QUEUED'); message.textContent = 'waiting in the queue, position ' + JSON.parse(e.data).position; });
  source.addEventListener('started', () => { heard = true; setStatus('RUNNING'); });
  source.addEventListener('recorded', (e) => { heard = true; message.textContent = 'run ' + JSON.parse(e.data).run_id + ' recorded'; });
  source.addEventListener('stage', (e) => { heard = true; stage(JSON.parse(e.data)); });
  source.addEventListener('done', (e) => { heard = true; finish(JSON.parse(e.data)); });
  source.onerror = () => {
    if (finished) return;
    source.close();
    source = null;
    if (!heard || !poller) poll(); // a stream refused (token needed) or cut: follow the run by polling
  };
  return { node, stop };
}

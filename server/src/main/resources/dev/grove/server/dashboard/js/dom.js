// Builds DOM nodes. Text from the server always goes in as text, never as HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export const fmt = {
  metric: (v) => (v === null || v === undefined ? '–' : Number(v).toFixed(4)),
  seconds: (v) => (v === null || v === undefined ? '–' : Number(v).toFixed(2)),
  time: (iso) => (iso ? iso.replace('T', ' ').slice(0, 19) : '–'),
  value: (v) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v)),
};

export function badge(status) {
  return el('span', { class: 'badge ' + status, text: status });
}

export function table(head, rows, opts = {}) {
  return el('div', { class: 'table-wrap' },
    el('table', { id: opts.id, class: opts.class },
      el('thead', {}, el('tr', {}, head)),
      el('tbody', {}, rows)));
}

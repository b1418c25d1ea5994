// Talks to the Grove API. Writes carry the bearer token, asked for once and kept for this tab
// (sessionStorage); a read answered 401 (a server bound beyond this machine) asks for it too.
const KEY = 'grove-token';

export class ApiError extends Error {
  constructor(status, detail, problem) {
    super(detail);
    this.status = status;
    this.problem = problem;
  }
}

export function token() {
  return sessionStorage.getItem(KEY);
}

function askToken() {
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  input.value = '';
  return new Promise((resolve) => {
    const form = document.getElementById('token-form');
    const cancel = document.getElementById('token-cancel');
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.close();
      resolve(value);
    };
    const onSubmit = (e) => { e.preventDefault(); done(input.value.trim() || null); };
    const onCancel = () => done(null);
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.showModal();
    input.focus();
  });
}

async function send(method, path, body, withToken) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const t = token();
  if (withToken && t) headers['Authorization'] = 'Bearer ' + t;
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

// One API call: JSON in, JSON out; a problem answer becomes an ApiError carrying its one-line detail.
export async function call(method, path, body) {
  const write = method !== 'GET';
  if (write && !token()) {
    const t = await askToken();
    if (!t) throw new ApiError(401, 'no token given; nothing was changed');
    sessionStorage.setItem(KEY, t);
  }
  let res = await send(method, path, body, true);
  if (res.status === 401) {
    sessionStorage.removeItem(KEY);
    const t = await askToken();
    if (!t) throw new ApiError(401, 'no token given; nothing was changed');
    sessionStorage.setItem(KEY, t);
    res = await send(method, path, body, true);
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw new ApiError(res.status, (data && data.detail) || res.statusText, data);
  }
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path, body) => call('DELETE', path, body);

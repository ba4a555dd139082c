// The inspector's page: reads the JSON API (the token travels in an HttpOnly cookie), draws the
// panels with DOM nodes (never innerHTML: URLs, headers and bodies come from the inspected sites),
// and stays current through the event stream plus a slow poll.
'use strict';

const state = { locked: false, origin: null, cache: null, entry: null, fetches: [] };
const MAX_FETCH_ROWS = 200;

class Locked extends Error {}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  if (response.status === 401) {
    throw new Locked();
  }
  if (response.status === 204) {
    return null;
  }
  const json = await response.json();
  if (!response.ok) {
    throw new Error(json.message || response.statusText);
  }
  return json;
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function replace(id, ...children) {
  document.getElementById(id).replaceChildren(...children.flat());
}

function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}

function bytes(n) {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
  if (n < 1024 * 1024 * 1024) return (n / 1024 / 1024).toFixed(1) + ' MiB';
  return (n / 1024 / 1024 / 1024).toFixed(1) + ' GiB';
}

async function act(path, body, done) {
  try {
    const result = await api(path, body);
    if (done) done(result);
  } catch (e) {
    if (e instanceof Locked) lock(); else toast(e.message);
  }
  await refresh();
}

// ---------------------------------------------------------------- service workers

function workerLine(label, worker, registration) {
  if (!worker) return null;
  return el('div', { class: 'worker', 'data-role': label },
    el('b', {}, label + ': '), '#' + worker.id + ' ', el('span', { class: 'state ' + worker.state }, worker.state), ' ',
    el('span', { class: worker.running ? 'running' : 'stopped' }, worker.running ? 'running' : 'stopped'), ' ',
    el('span', { class: 'muted' }, worker.scriptUrl),
    worker.routerRules ? el('span', { class: 'muted' }, ' · ' + worker.routerRules + ' router rule(s)') : null, ' ',
    worker.running ? el('button', { onclick: () => act('/api/workers/stop', { id: worker.id }) }, 'Stop') : null,
    label === 'waiting'
      ? el('button', { onclick: () => act('/api/registrations/skip-waiting', { scope: registration.scope }) }, 'Skip waiting')
      : null);
}

function drawRegistrations(data) {
  if (data.registrations.length === 0) {
    replace('registrations', el('p', { class: 'muted' }, 'No registrations.'));
    return;
  }
  replace('registrations', data.registrations.map(r => el('div', { class: 'registration', 'data-scope': r.scope },
    el('div', { class: 'scope' }, r.scope),
    el('div', { class: 'muted' }, 'origin ' + r.storageKey + ' · updateViaCache ' + r.updateViaCache
      + ' · navigation preload ' + (r.navigationPreload.enabled ? 'on' : 'off')
      + (r.lastUpdateCheck ? ' · last update check ' + r.lastUpdateCheck : '')),
    workerLine('installing', r.installing, r),
    workerLine('waiting', r.waiting, r),
    workerLine('active', r.active, r),
    el('div', { class: 'diagnosis' }, r.diagnosis.reasons.join('\n')),
    el('div', {},
      el('button', { onclick: () => act('/api/registrations/update', { scope: r.scope }) }, 'Update'),
      el('button', { class: 'danger', onclick: () => act('/api/registrations/unregister', { scope: r.scope }) }, 'Unregister')))));
}

// ---------------------------------------------------------------- clients

function drawClients(data) {
  replace('client-rows', data.clients.map(c => el('tr', {},
    el('td', {}, c.id), el('td', {}, c.url), el('td', {}, c.type), el('td', {}, c.visibilityState),
    el('td', {}, c.focused ? 'yes' : 'no'), el('td', {}, c.controller || '—'))));
}

// ---------------------------------------------------------------- storage

function drawStorage(data) {
  if (data.origins.length === 0) {
    replace('storage-rows', el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No site data.')));
    return;
  }
  replace('storage-rows', data.origins.map(o => el('tr', { 'data-origin': o.origin },
    el('td', {}, o.origin), el('td', {}, o.registrations), el('td', {}, o.caches),
    el('td', {}, bytes(o.usage)), el('td', {}, bytes(o.quota)),
    el('td', {}, el('button', {
      class: 'danger', 'data-action': 'clear-site-data',
      onclick: () => act('/api/storage/clear', { origin: o.origin }, r => {
        if (state.origin === o.origin) { state.cache = null; state.entry = null; }
        toast('Cleared ' + r.origin + ': ' + r.registrationsCleared.length + ' registration(s), '
          + r.cachesDeleted + ' cache(s)');
      }),
    }, 'Clear site data')))));
}

// ---------------------------------------------------------------- cache storage

async function drawCaches(storage) {
  const groups = [];
  for (const o of storage.origins) {
    if (o.caches === 0) continue;
    const data = await api('/api/caches?origin=' + encodeURIComponent(o.origin));
    groups.push(el('div', { class: 'origin-name' }, o.origin));
    for (const c of data.caches) {
      const selected = state.origin === o.origin && state.cache === c.name;
      groups.push(el('div', {
        class: 'cache-item' + (selected ? ' selected' : ''), 'data-cache': c.name,
        onclick: () => { state.origin = o.origin; state.cache = c.name; state.entry = null; refresh(); },
      }, c.name + ' ', el('span', { class: 'muted' }, '(' + c.entries + ')')));
    }
  }
  replace('cache-list', groups.length ? groups : el('p', { class: 'muted' }, 'No caches.'));
  if (!state.cache) {
    replace('cache-detail', el('p', { class: 'muted' }, 'Choose a cache.'));
    replace('entry-detail');
    return;
  }
  let entries;
  try {
    entries = await api('/api/caches/entries?origin=' + encodeURIComponent(state.origin)
      + '&cache=' + encodeURIComponent(state.cache));
  } catch (e) {
    if (e instanceof Locked) throw e;
    state.cache = null; state.entry = null;
    replace('cache-detail', el('p', { class: 'muted' }, 'Choose a cache.'));
    replace('entry-detail');
    return;
  }
  replace('cache-detail',
    el('h3', {}, state.cache, ' ',
      el('button', { class: 'danger', onclick: () => act('/api/caches/delete', { origin: state.origin, cache: state.cache },
        () => { state.cache = null; state.entry = null; }) }, 'Delete cache')),
    el('table', { id: 'entries' },
      el('thead', {}, el('tr', {}, ['URL', 'method', 'status', 'type', 'content type', 'size'].map(h => el('th', {}, h)))),
      el('tbody', {}, entries.entries.map(e => el('tr', {
        class: 'selectable' + (state.entry && state.entry.id === e.id ? ' selected' : ''), 'data-url': e.url,
        onclick: () => { state.entry = { url: e.url, id: e.id }; refresh(); },
      }, el('td', {}, e.url), el('td', {}, e.method), el('td', {}, e.status), el('td', {}, e.type),
        el('td', {}, e.contentType || ''), el('td', {}, bytes(e.size)))))));
  if (!state.entry) {
    replace('entry-detail');
    return;
  }
  let entry;
  try {
    entry = await api('/api/caches/entry?origin=' + encodeURIComponent(state.origin) + '&cache='
      + encodeURIComponent(state.cache) + '&url=' + encodeURIComponent(state.entry.url) + '&id=' + state.entry.id);
  } catch (e) {
    if (e instanceof Locked) throw e;
    state.entry = null;
    replace('entry-detail');
    return;
  }
  const body = entry.body;
  replace('entry-detail', el('div', { id: 'entry' },
    el('h3', {}, entry.method + ' ' + entry.url, ' ',
      el('button', { class: 'danger', onclick: () => act('/api/caches/entry/delete',
        { origin: state.origin, cache: state.cache, url: entry.url, id: entry.id }, () => { state.entry = null; }) },
      'Delete entry')),
    el('div', {}, 'status ' + entry.status + ' ' + entry.statusText + ' · type ' + entry.type + ' · ' + bytes(body.length)),
    el('h3', {}, 'Response headers'),
    el('table', {}, el('tbody', {}, entry.headers.map(([n, v]) => el('tr', {}, el('td', {}, n), el('td', {}, v))))),
    el('h3', {}, 'Body' + (body.encoding === 'base64' ? ' (base64)' : '') + (body.truncated ? ' — first 4 KiB' : '')),
    el('pre', { class: 'preview', id: 'preview' }, body.preview)));
}

// ---------------------------------------------------------------- fetches

function fetchRow(f) {
  return el('tr', {},
    el('td', { title: f.at }, f.at.slice(11, 23)), el('td', {}, f.method), el('td', {}, f.url),
    el('td', { class: 'served-' + f.servedBy }, f.servedBy + (f.error ? ': ' + f.error : '')),
    el('td', {}, f.status || ''), el('td', {}, f.ms.toFixed(1)), el('td', { class: 'muted' }, f.clientId));
}

function drawFetches() {
  replace('fetch-rows', state.fetches.slice().reverse().map(fetchRow));
}

// ---------------------------------------------------------------- network

function drawNetwork(network) {
  document.getElementById('offline').checked = network.offline;
}

// ---------------------------------------------------------------- the loop

function lock() {
  state.locked = true;
  document.getElementById('locked').hidden = false;
  document.getElementById('app').hidden = true;
  document.getElementById('status').textContent = 'no token';
}

let refreshing = null;
let again = false;

async function refresh() {
  if (refreshing) { again = true; return refreshing; }
  refreshing = (async () => {
    do {
      again = false;
      try {
        const [registrations, clients, storage, network] = await Promise.all([
          api('/api/registrations'), api('/api/clients'), api('/api/storage'), api('/api/network')]);
        state.locked = false;
        document.getElementById('locked').hidden = true;
        document.getElementById('app').hidden = false;
        drawRegistrations(registrations);
        drawClients(clients);
        drawStorage(storage);
        drawNetwork(network);
        await drawCaches(storage);
        document.getElementById('status').textContent = 'updated ' + new Date().toLocaleTimeString();
        document.body.dataset.ready = 'true';
      } catch (e) {
        if (e instanceof Locked) lock();
        else document.getElementById('status').textContent = 'error: ' + e.message;
      }
    } while (again);
  })();
  try { await refreshing; } finally { refreshing = null; }
}

function listen() {
  const source = new EventSource('/api/events');
  source.addEventListener('fetch', event => {
    state.fetches.push(JSON.parse(event.data));
    if (state.fetches.length > MAX_FETCH_ROWS) state.fetches.shift();
    drawFetches();
  });
  source.addEventListener('lifecycle', () => refresh());
  source.onerror = () => {
    source.close();
    if (!state.locked) setTimeout(listen, 3000);
  };
}

async function start() {
  document.getElementById('offline').addEventListener('change', event =>
    act('/api/network', { online: !event.target.checked }));
  await refresh();
  if (state.locked) return;
  try {
    state.fetches = (await api('/api/fetches')).fetches;
    drawFetches();
  } catch (e) { /* the stream brings the next ones */ }
  listen();
  setInterval(() => { if (!state.locked) refresh(); }, 3000);
}

start();

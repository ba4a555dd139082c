// A cache-and-update worker: answer from the cache at once, then refresh the cache from the
// network in the background, so the next visit (or an offline one) gets the latest copy.
const CACHE = 'cat-cache-v1';
const PRECACHE = ['./', './main.js', './img'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

// Caches of older versions of this worker go; the page is taken over at once.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return; // the network handles it as if there were no worker
  }
  event.respondWith(fromCache(request));
  event.waitUntil(update(request));
});

// The cached copy, marked as such for the page; the network when nothing is cached yet.
function fromCache(request) {
  return caches.open(CACHE)
    .then((cache) => cache.match(request))
    .then((cached) => cached ? marked(cached, 'cache') : fetch(request).then((response) => marked(response, 'network')));
}

// Stores the network's answer for next time; an offline origin leaves the cache as it was.
function update(request) {
  return caches.open(CACHE)
    .then((cache) => fetch(request).then((response) => response.ok ? cache.put(request, response) : undefined))
    .catch(() => undefined);
}

// A copy of the response with a header telling the page where it came from.
function marked(response, from) {
  const headers = new Headers(response.headers);
  headers.set('X-Cat-Source', from);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

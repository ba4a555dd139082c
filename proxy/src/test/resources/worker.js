// A cache-and-update worker for the proxy's tests: the network first (its answers cached), the
// cache when the network fails; a few paths show the other outcomes of Handle Fetch.
const CACHE = 'pages-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.pathname.startsWith('/pass')) {
    return; // fallback: the proxy fetches it
  }
  if (url.pathname === '/broken') {
    event.respondWith(Response.error());
    return;
  }
  if (url.pathname === '/who') {
    event.respondWith(new Response('<!doctype html>' + event.resultingClientId,
        { headers: { 'content-type': 'text/html' } }));
    return;
  }
  if (url.pathname === '/whoami') {
    event.respondWith(new Response(event.clientId));
    return;
  }
  if (url.pathname.startsWith('/stream/')) {
    event.respondWith(fetch(event.request)); // the worker's own fetch, streamed back
    return;
  }
  if (url.pathname === '/hang') {
    event.respondWith(new Promise(() => {})); // never answers
    return;
  }
  if (url.pathname === '/generated') {
    event.respondWith(new Response('from the worker', { headers: { 'content-type': 'text/plain' } }));
    return;
  }
  if (event.request.method !== 'GET') {
    return;
  }
  event.respondWith(networkThenCache(event.request));
});

async function networkThenCache(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request.url, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request.url);
    if (cached) {
      return cached;
    }
    throw error;
  }
}

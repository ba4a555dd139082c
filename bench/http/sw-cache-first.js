// bench/http.sh row (a): a cache-first worker. The install step stores the 10 KiB file, tagged
// with X-Bench-Cached so the script can tell a cached answer from the origin's; a miss is fetched
// and stored the same way.
const CACHE = 'http-bench';

async function store(cache, request) {
  const response = await fetch(request);
  if (!response.ok) return response;
  const headers = new Headers(response.headers);
  headers.set('X-Bench-Cached', 'sw4j');
  const tagged = new Response(await response.arrayBuffer(), { status: response.status, headers });
  await cache.put(request, tagged.clone());
  return tagged;
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => store(cache, new Request('/10k.bin'))));
});

self.addEventListener('fetch', (event) => {
  if (event.request.mode === 'navigate') return;
  event.respondWith((async () => {
    const cached = await caches.match(event.request);
    return cached || store(await caches.open(CACHE), event.request);
  })());
});

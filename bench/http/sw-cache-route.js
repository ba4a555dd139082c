// bench/http.sh row (b): the same cached file served by a `cache` static route, so no script runs
// per request. No fetch listener: anything the route does not match goes to the network.
const CACHE = 'http-bench';

self.addEventListener('install', (event) => {
  event.addRoutes({ condition: { urlPattern: '/10k.bin' }, source: 'cache' });
  event.waitUntil((async () => {
    const response = await fetch('/10k.bin');
    const headers = new Headers(response.headers);
    headers.set('X-Bench-Cached', 'sw4j');
    const cache = await caches.open(CACHE);
    await cache.put('/10k.bin', new Response(await response.arrayBuffer(), { status: response.status, headers }));
  })());
});

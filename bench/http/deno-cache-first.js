// bench/http.sh row (e): Deno.serve doing cache-first with Deno's `caches` (Cache Storage on disk,
// under DENO_DIR). Usage: deno run --allow-net deno-cache-first.js PORT ORIGIN
const [port, origin] = [Number(Deno.args[0]), Deno.args[1]];
const cache = await caches.open('http-bench');

async function store(key) {
  const response = await fetch(key);
  if (!response.ok) return response;
  const headers = new Headers(response.headers);
  headers.set('X-Bench-Cached', 'deno');
  const tagged = new Response(await response.arrayBuffer(), { status: response.status, headers });
  await cache.put(key, tagged.clone());
  return tagged;
}

Deno.serve({ hostname: '127.0.0.1', port, onListen: () => console.log(`LISTENING ${port}`) }, async (request) => {
  const key = origin + new URL(request.url).pathname;
  return (await cache.match(key)) || store(key);
});

// One Cache Storage benchmark for every runtime: sw4j (as a worker script via `sw4j exec --data`)
// and Deno (its built-in, SQLite-backed `caches`). run-cache-bench.sh prepends
// `globalThis.BENCH = {...}`, then runs this file unchanged in each runtime.
// Prints `RESULT <name> <value> <unit>` lines, then DONE.
'use strict';
(async () => {
  const { base, warmupSeconds, sets } = globalThis.BENCH;
  const now = () => performance.now();

  /** put, then match + arrayBuffer, then delete, `count` entries of `size` bytes, sequential awaits. */
  async function round(count, size, tag) {
    const cache = await caches.open(`bench-${size}-${tag}`);
    const body = new Uint8Array(size).fill(7);
    const urls = [];
    for (let i = 0; i < count; i++) urls.push(`${base}${size}/${tag}/${i}`);
    let start = now();
    for (const url of urls) {
      await cache.put(url, new Response(body, { headers: { 'Content-Type': 'application/octet-stream' } }));
    }
    const put = count / ((now() - start) / 1000);
    start = now();
    for (const url of urls) {
      const response = await cache.match(url);
      const bytes = await response.arrayBuffer();
      if (bytes.byteLength !== size) throw new Error(`match ${url}: ${bytes.byteLength} bytes`);
    }
    const match = count / ((now() - start) / 1000);
    start = now();
    for (const url of urls) {
      if (!(await cache.delete(url))) throw new Error(`delete ${url} found nothing`);
    }
    const del = count / ((now() - start) / 1000);
    await caches.delete(`bench-${size}-${tag}`);
    return { put, match, del };
  }

  // Warm-up: every set, repeatedly, until the time is up (GraalJS compiles for tens of seconds).
  const warmEnd = now() + warmupSeconds * 1000;
  for (let w = 0; now() < warmEnd; w++) {
    for (const [count, size] of sets) await round(Math.min(count, 500), size, `warm${w}`);
  }
  for (const [count, size] of sets) {
    const label = `${count}x${size >= 1024 ? size / 1024 + 'KiB' : size + 'B'}`;
    const { put, match, del } = await round(count, size, 'timed');
    console.log(`RESULT put_${label} ${put.toFixed(0)} ops/s`);
    console.log(`RESULT match_${label} ${match.toFixed(0)} ops/s`);
    console.log(`RESULT delete_${label} ${del.toFixed(0)} ops/s`);
  }
  console.log('DONE');
})().catch((e) => console.log(`FAILED ${e && e.stack || e}`));

// One fetch benchmark for every runtime: sw4j (as a service worker script, via `sw4j exec`),
// Node 20 and Deno. run-fetch-bench.sh prepends `globalThis.BENCH = {...}` with the loopback URL
// and the time budget, then runs this file unchanged in each runtime.
// Prints one line per measure: `RESULT <name> <value> <unit>`.
'use strict';
(async () => {
  const { url, seconds, concurrency, warmupSeconds, only } = globalThis.BENCH;
  const now = () => performance.now();

  /** Runs `op` (async) repeatedly for `budget` s, `width` at a time; returns completed ops per second. */
  async function rate(op, budget, width) {
    let done = 0;
    const end = now() + budget * 1000;
    const lane = async () => {
      while (now() < end) {
        await op();
        done++;
      }
    };
    const start = now();
    await Promise.all(Array.from({ length: width }, lane));
    return done / ((now() - start) / 1000);
  }

  /** Runs synchronous `op` in batches for `budget` s; returns ops per second. */
  function syncRate(op, budget) {
    let done = 0;
    const start = now();
    const end = start + budget * 1000;
    while (now() < end) {
      for (let i = 0; i < 1000; i++) op(i);
      done += 1000;
    }
    return done / ((now() - start) / 1000);
  }

  let expected = -1;
  const fetchOnce = async () => {
    const response = await fetch(url);
    const body = await response.arrayBuffer();
    if (response.status !== 200 || (expected >= 0 && body.byteLength !== expected)) {
      throw new Error(`unexpected response ${response.status}, ${body.byteLength} bytes`);
    }
    expected = body.byteLength;
  };

  const bytes = new Uint8Array(10 * 1024).fill(7);
  const responseOnce = async () => {
    const buffer = await new Response(bytes).arrayBuffer();
    if (buffer.byteLength !== bytes.length) throw new Error('bad body');
  };

  let sink = 0;
  const headersOnce = (i) => {
    const headers = new Headers({ 'content-type': 'text/html', 'cache-control': 'no-cache', 'x-request-id': 'r' + i });
    sink += headers.get('content-type').length;
  };

  const allMeasures = [
    ['fetch_sequential', 'req/s', (budget) => rate(fetchOnce, budget, 1)],
    [`fetch_concurrent_${concurrency}`, 'req/s', (budget) => rate(fetchOnce, budget, concurrency)],
    ['response_arrayBuffer', 'ops/s', (budget) => rate(responseOnce, budget, 1)],
    ['headers_construct', 'ops/s', async (budget) => syncRate(headersOnce, budget)],
  ];
  // `only` (a list of measure names) narrows a run to some measures, for profiling one of them.
  const measures = only ? allMeasures.filter(([name]) => only.includes(name)) : allMeasures;
  // Every measure warms up first, then every measure is timed: a runtime whose JIT warms slowly
  // (GraalJS on few CPUs) gets its whole warm-up before any figure is taken.
  for (const [, , run] of measures) {
    await run(warmupSeconds);
  }
  for (const [name, unit, run] of measures) {
    console.log(`RESULT ${name} ${(await run(seconds)).toFixed(0)} ${unit}`);
  }
  if (sink < 0) console.log(sink);
  console.log('DONE');
})().catch((e) => {
  console.log(`FAILED ${e && e.stack || e}`);
});

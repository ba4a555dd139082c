// Match latency in one large cache: `samples` random matches (+ arrayBuffer) of the entries
// `${base}big/<i>` (i < entries) of cache `name`, each timed; prints mean, p50 and p99 in µs.
'use strict';
(async () => {
  const { base, name, entries, samples, warmup } = globalThis.BENCH;
  const cache = await caches.open(name);
  const pick = () => `${base}big/${Math.floor(Math.random() * entries)}`;
  for (let i = 0; i < warmup; i++) await (await cache.match(pick())).arrayBuffer();
  const times = [];
  for (let i = 0; i < samples; i++) {
    const url = pick();
    const start = performance.now();
    const response = await cache.match(url);
    await response.arrayBuffer();
    times.push((performance.now() - start) * 1000);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`RESULT match_latency_${entries}_mean ${mean.toFixed(0)} us`);
  console.log(`RESULT match_latency_${entries}_p50 ${times[Math.floor(times.length / 2)].toFixed(0)} us`);
  console.log(`RESULT match_latency_${entries}_p99 ${times[Math.floor(times.length * 0.99)].toFixed(0)} us`);
  console.log('DONE');
})().catch((e) => console.log(`FAILED ${e && e.stack || e}`));

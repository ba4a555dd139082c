// The bench page's helpers (bench/sw/chromium.mjs calls them through page.evaluate). Times are
// taken in the page with performance.now(), so they hold no driver round trip.
globalThis.swBench = {
  // Registers `script` with scope '/' and waits, at most `timeoutMs`, until a worker controls this
  // page (the workers claim their clients on activate). Returns whether one does.
  async control(script, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    await navigator.serviceWorker.register(script, { scope: '/' });
    await Promise.race([navigator.serviceWorker.ready, sleep(timeoutMs)]);
    while (!navigator.serviceWorker.controller && performance.now() < deadline) {
      await sleep(20);
    }
    return navigator.serviceWorker.controller?.scriptURL ?? null;
  },

  controller() {
    return navigator.serviceWorker.controller?.scriptURL ?? null;
  },

  // One fetch of /data, body read: microseconds.
  async fetchOnce() {
    const start = performance.now();
    const body = await (await fetch('/data')).arrayBuffer();
    const took = performance.now() - start;
    if (body.byteLength !== 10240) throw new Error(`/data gave ${body.byteLength} bytes`);
    return took * 1000;
  },

  // `warmup` fetches (at most a quarter of `seconds`), then up to `iterations` timed ones (at most
  // `seconds`). Returns the timed samples in microseconds, in order.
  async loop({ warmup, iterations, seconds }) {
    let end = performance.now() + seconds * 250;
    for (let i = 0; i < warmup && performance.now() < end; i++) await this.fetchOnce();
    const samples = [];
    end = performance.now() + seconds * 1000;
    for (let i = 0; i < iterations && performance.now() < end; i++) samples.push(await this.fetchOnce());
    return { samples, isolated: globalThis.crossOriginIsolated === true };
  },
};

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

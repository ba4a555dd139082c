// The Chromium half of run-sw-bench.sh: Debian's headless Chromium fetching /data from the origin
// (bench/sw/origin.mjs) with no worker, with the cache worker (sw-cache.js) and with the
// pass-through worker (sw-pass.js) controlling the page, each in a fresh browser context; then the
// cache worker's start after a stop.
//
// Two drivers, the same page code (bench/sw/page.js) and the same measures:
//   cdp         (default) Chromium started here with --remote-debugging-pipe, driven over the
//               DevTools protocol with Target, Page, Runtime and ServiceWorker only: nothing
//               watches the page's network.
//   playwright  playwright-core's chromium.launch: it enables the Network domain on every page
//               and attaches to every service worker (waiting for it before the worker runs), which
//               adds milliseconds to each fetch on a small machine: its figures are for comparison.
//
// Prints `RESULT <prefix>.<config>.<stat> <value> us` lines (config: none, cache, pass, start), then
// DONE. Every loop is bounded by a count and by time; --time-limit bounds the whole run.
//
// Usage: node chromium.mjs --origin http://127.0.0.1:PORT [--driver cdp|playwright] [--peers DIR]
//          [--prefix chromium] [--chromium /usr/bin/chromium] [--warmup 300] [--iterations 3000]
//          [--seconds 20] [--starts 30] [--idle-ms 200] [--time-limit 300]
// --peers: where playwright-core is installed (DIR/node_modules/playwright-core), for playwright.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const options = {
  origin: '', driver: 'cdp', peers: '', prefix: 'chromium', chromium: '/usr/bin/chromium',
  warmup: 300, iterations: 3000, seconds: 20, starts: 30, 'idle-ms': 200, 'time-limit': 300,
};
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options) || process.argv[i + 1] === undefined) fail(`unknown or incomplete option ${process.argv[i]}`);
  options[key] = typeof options[key] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}
if (!options.origin) fail('needs --origin');

// The flags the issue fixes (each driver adds a fresh temporary --user-data-dir).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WORKERS = { none: null, cache: '/sw-cache.js', pass: '/sw-pass.js' };

let browser;
const watchdog = setTimeout(async () => {
  console.error(`chromium.mjs: over the time limit of ${options['time-limit']} s`);
  await browser?.close().catch(() => {});
  process.exit(1);
}, options['time-limit'] * 1000);

try {
  browser = options.driver === 'playwright' ? await launchPlaywright()
    : options.driver === 'cdp' ? await launchCdp() : fail(`unknown driver ${options.driver}`);
  console.log(`INFO ${options.driver} driver, Chromium ${browser.version}`);
  const p50 = {};
  for (const [config, script] of Object.entries(WORKERS)) {
    const page = await browser.newPage();
    try {
      await control(page, script);
      const { samples, isolated } = await page.evaluate(`swBench.loop(${JSON.stringify({
        warmup: options.warmup, iterations: options.iterations, seconds: options.seconds })})`);
      if (!isolated) console.log('INFO the page is not cross-origin isolated: performance.now() is coarse (100 us)');
      const s = stats(samples);
      p50[config] = s.p50;
      console.log(`INFO ${config}: ${samples.length} fetches timed after up to ${options.warmup} warm-up fetches`);
      result(`${config}.p50`, s.p50);
      result(`${config}.p99`, s.p99);
      result(`${config}.mean`, s.mean);
      if (config === 'cache') await workerStart(page, p50.cache);
    } finally {
      await page.close();
    }
  }
  console.log('DONE');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  clearTimeout(watchdog);
}

// Opens the bench page and has `script` control it (none when null), reloading once if needed.
async function control(page, script) {
  await page.open(`${options.origin}/`);
  if (!script) {
    if (await page.evaluate('swBench.controller()')) fail('a fresh context has a controller');
    return;
  }
  let controller = await page.evaluate(`swBench.control(${JSON.stringify(script)}, 10000)`);
  if (!controller) {
    await page.reload();
    controller = await page.evaluate('swBench.controller()');
  }
  if (!controller?.endsWith(script)) fail(`${script} does not control the page (controller: ${controller})`);
}

// Worker start after idle stop: with the cache worker controlling the page and warm, stop it
// (CDP ServiceWorker.stopAllWorkers), wait until Chromium reports it stopped, leave it idle for
// --idle-ms, then time one fetch of /data in the page (it starts the worker again; checked). The
// start cost is that fetch's time minus the warm fetch's p50. Up to --starts times, at most
// --seconds.
async function workerStart(page, warmP50) {
  const versions = new Map();
  await page.onCdp('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const v of updated) versions.set(v.versionId, v);
  });
  await page.cdp('ServiceWorker.enable');
  const ours = () => [...versions.values()].filter((v) => v.status === 'activated' && v.scriptURL.endsWith('/sw-cache.js'));
  const all = (status) => ours().length > 0 && ours().every((v) => v.runningStatus === status);
  if (!(await until(() => all('running'), 5000))) fail(`the cache worker is not reported running: ${JSON.stringify(ours())}`);

  const samples = [];
  const end = Date.now() + options.seconds * 1000;
  while (samples.length < options.starts && Date.now() < end) {
    await page.cdp('ServiceWorker.stopAllWorkers');
    if (!(await until(() => all('stopped'), 5000))) fail(`the cache worker did not stop: ${JSON.stringify(ours())}`);
    await sleep(options['idle-ms']);
    if (!all('stopped')) fail('the cache worker started again on its own');
    const us = await page.evaluate('swBench.fetchOnce()');
    if (!(await until(() => all('running'), 5000))) fail('the fetch after the stop did not start the cache worker');
    samples.push(us);
  }
  await page.cdp('ServiceWorker.disable');
  const s = stats(samples);
  console.log(`INFO start: ${samples.length} stops; first fetch after a stop: p50 ${s.p50.toFixed(0)} us, max ${s.max.toFixed(0)} us`);
  result('start.fetch_p50', s.p50);
  result('start.fetch_max', s.max);
  result('start.p50', s.p50 - warmP50);
}

// ---------------------------------------------------------------------------------- drivers
// A browser: { version, newPage(), close() }; a page, in a browser context of its own:
// { open(url), reload(), evaluate(expression) (awaited, by value), cdp(method, params),
//   onCdp(event, handler), close() }.

async function launchPlaywright() {
  if (!options.peers) fail('the playwright driver needs --peers');
  const { chromium } = createRequire(path.join(path.resolve(options.peers), 'package.json'))('playwright-core');
  const pw = await chromium.launch({ executablePath: options.chromium, headless: true, args: FLAGS });
  return {
    version: pw.version(),
    async newPage() {
      const context = await pw.newContext();
      const page = await context.newPage();
      let session; // one CDP session for the page, made on first use
      const cdpSession = () => (session ??= context.newCDPSession(page));
      return {
        open: (url) => page.goto(url),
        reload: () => page.reload(),
        evaluate: (expression) => page.evaluate(expression),
        cdp: async (method, params) => (await cdpSession()).send(method, params),
        onCdp: (event, handler) => cdpSession().then((s) => s.on(event, handler)),
        close: () => context.close(),
      };
    },
    close: () => pw.close(),
  };
}

async function launchCdp() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-chromium-'));
  const proc = spawn(options.chromium, [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  // --remote-debugging-pipe: Chromium reads commands from fd 3 and writes to fd 4, each message
  // JSON ended by a NUL byte.
  const pending = new Map();
  const listeners = [];
  let nextId = 1;
  let buffered = '';
  proc.stdio[4].setEncoding('utf8');
  proc.stdio[4].on('data', (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined) {
        const { resolve, reject, method } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      } else {
        for (const l of listeners) if (l.method === message.method && l.sessionId === message.sessionId) l.handler(message.params);
      }
    }
  });
  proc.stdio[3].on('error', () => {});
  exited.then((code) => {
    for (const p of pending.values()) p.reject(new Error(`Chromium exited (${code}): ${stderr}`));
  });
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, method });
    proc.stdio[3].write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
  });
  const version = (await send('Browser.getVersion')).product;

  return {
    version,
    async newPage() {
      const { browserContextId } = await send('Target.createBrowserContext', { disposeOnDetach: true });
      const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      const evaluate = async (expression) => {
        const { result, exceptionDetails } = await send('Runtime.evaluate',
          { expression, awaitPromise: true, returnByValue: true }, sessionId);
        if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
        return result.value;
      };
      // Until the new document has run page.js (bounded).
      const loaded = async (url) => {
        const ok = await until(async () => {
          try {
            return await evaluate(`location.href === ${JSON.stringify(url)} && document.readyState === 'complete' && typeof swBench === 'object'`);
          } catch {
            return false; // the old document went away mid-call
          }
        }, 10_000);
        if (!ok) fail(`${url} did not load`);
      };
      let url;
      return {
        async open(u) {
          url = u;
          await send('Page.navigate', { url }, sessionId);
          await loaded(url);
        },
        async reload() {
          await send('Page.reload', {}, sessionId);
          await sleep(100);
          await loaded(url);
        },
        evaluate,
        cdp: (method, params) => send(method, params, sessionId),
        onCdp: (method, handler) => listeners.push({ method, sessionId, handler }),
        async close() {
          await send('Target.closeTarget', { targetId });
          await send('Target.disposeBrowserContext', { browserContextId });
        },
      };
    },
    async close() {
      await send('Browser.close').catch(() => {});
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------- helpers

function stats(samples) {
  if (samples.length === 0) fail('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  return {
    p50: rank(0.5), p99: rank(0.99), max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

function result(name, us) {
  console.log(`RESULT ${options.prefix}.${name} ${us.toFixed(0)} us`);
}

async function until(test, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) return false;
    await sleep(10);
  }
  return true;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function fail(message) {
  throw new Error(`chromium.mjs: ${message}`);
}

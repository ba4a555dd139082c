// The loopback origin of run-sw-bench.sh, on Node's http server:
//   GET /             the bench page (bench/sw/page.html), which loads /page.js
//   GET /page.js      the page's helpers: register a worker, time fetches of /data
//   GET /data         a fixed 10 KiB body, application/octet-stream, Cache-Control: no-store
//   GET /sw-*.js      the worker scripts of this directory (sw-cache.js, sw-pass.js)
// The page is cross-origin isolated (COOP + COEP), so Chromium's performance.now() has its finer
// resolution (5 us instead of 100 us); every response is same-origin and says so (CORP).
// Usage: node origin.mjs [port]   (0 or none: any free port). Prints "LISTENING <port>" when ready.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const data = Buffer.alloc(10 * 1024, 65);
const common = {
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};
const files = {
  '/': ['page.html', 'text/html; charset=utf-8'],
  '/page.js': ['page.js', 'text/javascript'],
  '/sw-cache.js': ['sw-cache.js', 'text/javascript'],
  '/sw-pass.js': ['sw-pass.js', 'text/javascript'],
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, common).end();
  } else if (url.pathname === '/data') {
    res.writeHead(200, {
      ...common,
      'content-type': 'application/octet-stream',
      'content-length': data.length,
      'cache-control': 'no-store',
    });
    res.end(data);
  } else if (files[url.pathname]) {
    const [file, type] = files[url.pathname];
    // Read on every request: an edited worker script is a new worker version on the next update.
    fs.readFile(path.join(dir, file), (error, body) => {
      if (error) {
        res.writeHead(500, common).end(String(error));
      } else {
        res.writeHead(200, { ...common, 'content-type': type, 'cache-control': 'no-cache' }).end(body);
      }
    });
  } else {
    res.writeHead(404, common).end();
  }
});
server.keepAliveTimeout = 600_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`LISTENING ${server.address().port}`);
});

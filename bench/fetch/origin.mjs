// The loopback origin every runtime fetches from in run-fetch-bench.sh (one server for all, so the
// peers compare clients, not servers). GET /10k: 10 KiB; GET /stream?bytes=N: N bytes, streamed in
// 64 KiB writes honouring backpressure; GET /script/<name>: a file of the directory given as the
// second argument, as JavaScript (sw4j runs the benchmark scripts from here, so that its fetches
// are same-origin, as the peers' are: they have no origin). Prints "LISTENING <port>" once ready.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const scripts = process.argv[3];

const tenK = Buffer.alloc(10 * 1024, 65);
const chunk = Buffer.alloc(64 * 1024, 66);

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/10k') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tenK.length });
    res.end(tenK);
  } else if (url.pathname === '/stream') {
    let left = Number(url.searchParams.get('bytes') ?? 0);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': left });
    const write = () => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!res.write(piece)) {
          res.once('drain', write);
          return;
        }
      }
      res.end();
    };
    write();
  } else if (url.pathname.startsWith('/script/') && scripts) {
    const file = path.join(scripts, path.basename(url.pathname));
    fs.readFile(file, (error, data) => {
      if (error) {
        res.writeHead(404).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(data);
      }
    });
  } else {
    res.writeHead(404).end();
  }
});
// Idle connections stay open through the other measures (undici reuses them and fails on ones the
// server closed meanwhile).
server.keepAliveTimeout = 600_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`LISTENING ${server.address().port}`);
});

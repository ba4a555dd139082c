// The cache worker of run-sw-bench.sh: answers GET /data from Cache Storage. The same file is the
// worker in Chromium and in sw4j.
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open('bench').then((c) => c.add('/data')).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(self.clients.claim());
});
self.addEventListener('fetch', (e) => {
  if (new URL(e.request.url).pathname === '/data') {
    e.respondWith(caches.match(e.request));
  }
});

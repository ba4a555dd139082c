// The pass-through worker of run-sw-bench.sh: answers every fetch by fetching it again from the
// worker. The same file is the worker in Chromium and in sw4j.
self.addEventListener('install', (e) => {
  e.waitUntil(self.skipWaiting());
});
self.addEventListener('activate', (e) => {
  e.waitUntil(self.clients.claim());
});
self.addEventListener('fetch', (e) => {
  e.respondWith(fetch(e.request));
});

// A first service worker: it precomputes something while installing, takes over when
// activated, and logs what its global scope offers. Run it with:
//   bin/sw4j exec examples/hello/service-worker.js
const VERSION = 'hello-v1';

self.addEventListener('install', (event) => {
  console.log('[%s] installing at %s', VERSION, location.href);
  // The install waits for this promise: a worker is installed only when its setup succeeded.
  event.waitUntil(new Promise((resolve) => setTimeout(resolve, 50)).then(() => {
    const id = crypto.randomUUID();
    console.log('[%s] install work done, instance %s', VERSION, id.length === 36 ? 'ok' : id);
  }));
});

self.addEventListener('activate', (event) => {
  console.log('[%s] activated; navigator.onLine=%s, %d cores', VERSION, navigator.onLine,
    navigator.hardwareConcurrency);
  event.waitUntil(Promise.resolve().then(() => console.log('[%s] ready', VERSION)));
});

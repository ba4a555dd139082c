// The page's script: registers the worker, then fetches the picture every few seconds and says
// whether the worker answered it from its cache or the network did.
const REFRESH_MS = 3000;
const picture = document.getElementById('cat');
const source = document.getElementById('source');
const worker = document.getElementById('worker');

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('./service-worker.js', { scope: './' })
    .then(() => navigator.serviceWorker.ready)
    .then(() => { worker.textContent = 'Service worker: active.'; })
    .catch((error) => { worker.textContent = 'Service worker: not registered (' + error + ').'; });
} else {
  worker.textContent = 'Service worker: not supported by this browser.';
}

let shown = null;

async function refresh() {
  try {
    const response = await fetch('./img', { cache: 'no-store' });
    if (!response.ok) {
      throw new Error('status ' + response.status);
    }
    // Set by our worker; without a controlling worker the answer came straight from the network.
    const from = response.headers.get('X-Cat-Source') || 'network';
    const number = response.headers.get('X-Cat-Picture');
    const url = URL.createObjectURL(await response.blob());
    picture.src = url;
    if (shown) {
      URL.revokeObjectURL(shown);
    }
    shown = url;
    source.textContent = (number ? 'Cat ' + number : 'This picture') + ' came from the ' + from + '.';
  } catch (error) {
    source.textContent = 'No picture: ' + error.message + (navigator.onLine ? '' : ' (offline)');
  }
}

setInterval(refresh, REFRESH_MS);

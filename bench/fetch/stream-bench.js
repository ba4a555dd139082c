// Streams a large response through fetch() and a TransformStream, counting bytes as they pass.
// run-fetch-bench.sh prepends `globalThis.BENCH = { url, bytes }` and reads the JVM's GC log to
// report the peak heap in use after collections while this ran.
'use strict';
(async () => {
  const { url, bytes } = globalThis.BENCH;
  const start = performance.now();
  const response = await fetch(url);
  let seen = 0;
  const counter = new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const reader = response.body.pipeThrough(counter).getReader();
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
  }
  const seconds = (performance.now() - start) / 1000;
  if (read !== bytes || seen !== bytes) {
    throw new Error(`expected ${bytes} bytes, transformed ${seen}, read ${read}`);
  }
  console.log(`RESULT stream_bytes ${read} bytes`);
  console.log(`RESULT stream_throughput ${(read / seconds / 1048576).toFixed(0)} MiB/s`);
  console.log('DONE');
})().catch((e) => {
  console.log(`FAILED ${e && e.stack || e}`);
});

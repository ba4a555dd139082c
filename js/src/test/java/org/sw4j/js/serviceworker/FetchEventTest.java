package org.sw4j.js.serviceworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.ExtendableEventResult;
import org.sw4j.core.spi.FetchEventDispatch;
import org.sw4j.core.spi.FetchEventInit;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.core.spi.WorkerTerminatedException;
import org.sw4j.js.WorkerFixture;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.HeaderList;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;

/** Service Workers' FetchEvent: respondWith(), handled, and Handle Fetch's answer to the host. */
class FetchEventTest {
    @TempDir
    Path dir;

    private static FetchEventInit request(String url) {
        return new FetchEventInit(new FetchRequest(Url.parse(url)), "", "", "");
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
    }

    private static FetchEventResult answer(RunningWorker worker, FetchEventInit init) {
        FetchEventDispatch dispatch = worker.dispatchFetchEvent(init);
        FetchEventResult result = await(dispatch.response());
        await(dispatch.finished());
        return result;
    }

    private static byte[] bytes(FetchResponse response) throws Exception {
        Body body = response.body();
        assertThat(body).isNotNull();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (BodySource source = body.stream()) {
            for (ByteBuffer chunk = source.read(); chunk != null; chunk = source.read()) {
                byte[] part = new byte[chunk.remaining()];
                chunk.get(part);
                all.write(part);
            }
        }
        return all.toByteArray();
    }

    private static String text(FetchResponse response) throws Exception {
        return new String(bytes(response), StandardCharsets.UTF_8);
    }

    private static FetchResponse responded(FetchEventResult result) {
        assertThat(result).isInstanceOf(FetchEventResult.Responded.class);
        return ((FetchEventResult.Responded) result).response();
    }

    private static String networkError(FetchEventResult result) {
        assertThat(result).isInstanceOf(FetchEventResult.NetworkError.class);
        return ((FetchEventResult.NetworkError) result).reason();
    }

    @Test
    void respondWithAResponseAnswersWithItAndResolvesHandled() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    self.addEventListener('fetch', (event) => {
                      console.log(event instanceof FetchEvent, event instanceof ExtendableEvent, event.isTrusted,
                        event.cancelable, event.handled instanceof Promise);
                      event.handled.then((v) => console.log('handled', v));
                      event.preloadResponse.then((v) => console.log('preload', v));
                      event.respondWith(new Response('hello', { status: 201, statusText: 'Made', headers: { 'x-a': 'b' } }));
                    });
                    """);
            FetchResponse response = responded(answer(worker, request("http://localhost/page")));
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.statusMessage()).isEqualTo("Made");
            assertThat(response.headerList().get("x-a")).isEqualTo("b");
            assertThat(response.headerList().get("content-type")).isEqualTo("text/plain;charset=UTF-8");
            assertThat(text(response)).isEqualTo("hello");
            WorkerFixture.awaitIdle(worker);
            w.assertOutput("true true true true true", "preload undefined", "handled undefined");
        }
    }

    @Test
    void respondWithAPromiseWaitsForIt() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      event.respondWith(new Promise((resolve) => setTimeout(() => resolve(new Response('later')), 20)));
                    };
                    """);
            assertThat(text(responded(answer(worker, request("http://localhost/a"))))).isEqualTo("later");
        }
    }

    @Test
    void theHostsResponseIsACopyIndependentOfTheScriptsObject() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    let kept;
                    onfetch = (event) => {
                      kept = new Response('x', { headers: { 'x-a': '1' } });
                      event.respondWith(kept);
                      event.waitUntil(event.handled.then(() => console.log(kept.bodyUsed)));
                    };
                    """);
            FetchResponse response = responded(answer(worker, request("http://localhost/a")));
            assertThat(text(response)).isEqualTo("x");
            // The script's own Response: its body was handed over (used), its headers untouched.
            w.assertOutput("true");
            response.headerList().set("x-a", "2");
            assertThat(response.headerList().get("x-a")).isEqualTo("2");
        }
    }

    @Test
    void aRejectedPromiseIsANetworkErrorAndRejectsHandled() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      event.handled.catch((e) => console.log('handled rejected', e instanceof DOMException, e.name));
                      event.respondWith(Promise.reject(new TypeError('no cache entry')));
                    };
                    """);
            FetchEventDispatch dispatch = worker.dispatchFetchEvent(request("http://localhost/a"));
            assertThat(networkError(await(dispatch.response())))
                    .isEqualTo("the promise passed to respondWith() rejected: TypeError: no cache entry");
            // respondWith's promise is a lifetime promise: its rejection is the event's too.
            ExtendableEventResult finished = await(dispatch.finished());
            assertThat(finished.rejection().orElseThrow().describe()).isEqualTo("TypeError: no cache entry");
            WorkerFixture.awaitIdle(worker);
            assertThat(w.output()).contains("handled rejected true NetworkError");
        }
    }

    @Test
    void responseErrorIsHandedOverAsTheNetworkErrorResponseItIs() {
        // Handle Fetch: a Response is a response, even a network error's; only the respond-with
        // error flag rejects handled.
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      event.handled.then(() => console.log('handled'), () => console.log('rejected'));
                      event.respondWith(Response.error());
                    };
                    """);
            FetchResponse response = responded(answer(worker, request("http://localhost/a")));
            assertThat(response.isNetworkError()).isTrue();
            assertThat(response.body()).isNull();
            WorkerFixture.awaitIdle(worker);
            w.assertOutput("handled");
        }
    }

    @Test
    void somethingNotAResponseIsANetworkError() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("onfetch = (event) => event.respondWith({ status: 200, body: 'fake' });");
            assertThat(networkError(answer(worker, request("http://localhost/a"))))
                    .startsWith("respondWith() was given an object that is not a Response");
        }
    }

    @Test
    void aResponseWhoseBodyWasReadIsANetworkError() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      const response = new Response('read already');
                      event.respondWith(response.text().then(() => response));
                    };
                    """);
            assertThat(networkError(answer(worker, request("http://localhost/a")))).contains("disturbed or locked");
        }
    }

    @Test
    void respondWithTwiceThrowsInvalidStateErrorAndTheFirstAnswerStands() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      event.respondWith(new Response('first'));
                      try {
                        event.respondWith(new Response('second'));
                      } catch (e) {
                        console.log(e.name, e.message);
                      }
                    };
                    """);
            assertThat(text(responded(answer(worker, request("http://localhost/a"))))).isEqualTo("first");
            w.assertOutput("InvalidStateError Failed to execute 'respondWith' on 'FetchEvent': The event has already been responded to.");
        }
    }

    @Test
    void respondWithStopsPropagationToLaterListeners() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    addEventListener('fetch', (event) => event.respondWith(new Response('one')));
                    addEventListener('fetch', () => console.log('second listener ran'));
                    """);
            assertThat(text(responded(answer(worker, request("http://localhost/a"))))).isEqualTo("one");
            assertThat(w.output()).isEmpty();
        }
    }

    @Test
    void respondWithAfterDispatchThrowsInvalidStateErrorAndTheRequestFallsBack() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      event.waitUntil(new Promise((resolve) => setTimeout(() => {
                        try {
                          event.respondWith(new Response('too late'));
                        } catch (e) {
                          console.log(e.name, e.message);
                        }
                        resolve();
                      }, 5)));
                    };
                    """);
            assertThat(answer(worker, request("http://localhost/a"))).isInstanceOf(FetchEventResult.Fallback.class);
            w.assertOutput("InvalidStateError Failed to execute 'respondWith' on 'FetchEvent': The event handler is already finished.");
        }
    }

    @Test
    void withoutRespondWithTheRequestFallsBackAndHandledResolves() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("onfetch = (event) => { event.handled.then(() => console.log('handled')); };");
            assertThat(answer(worker, request("http://localhost/a"))).isEqualTo(new FetchEventResult.Fallback());
            WorkerFixture.awaitIdle(worker);
            w.assertOutput("handled");
        }
    }

    @Test
    void aCanceledEventWithoutRespondWithIsANetworkError() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      event.handled.catch((e) => console.log('handled rejected', e.name));
                      event.preventDefault();
                    };
                    """);
            assertThat(networkError(answer(worker, request("http://localhost/a")))).isEqualTo("the fetch event was canceled");
            WorkerFixture.awaitIdle(worker);
            assertThat(w.output()).contains("handled rejected NetworkError");
        }
    }

    @Test
    void aThrowingListenerIsReportedAndDoesNotChangeTheAnswer() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      event.respondWith(new Response('still'));
                      throw new Error('listener failed');
                    };
                    """);
            assertThat(text(responded(answer(worker, request("http://localhost/a"))))).isEqualTo("still");
            assertThat(w.uncaught()).singleElement().extracting(f -> f.message()).isEqualTo("listener failed");
        }
    }

    @Test
    void aStreamedBodyReachesJavaByteForByteWhileTheScriptStillWritesIt() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    let finish;
                    const finishing = new Promise((resolve) => { finish = resolve; });
                    onactivate = () => finish();
                    onfetch = (event) => {
                      let step = 0;
                      const stream = new ReadableStream({
                        pull(controller) {
                          if (step === 5) {
                            // The end waits for the test: the host reads the body while it is written.
                            return finishing.then(() => controller.close());
                          }
                          return new Promise((resolve) => setTimeout(() => {
                            if (step === 0) {
                              const all = new Uint8Array(256);
                              for (let i = 0; i < 256; i++) all[i] = i;
                              controller.enqueue(all);
                            } else {
                              controller.enqueue(new Uint8Array(100000).fill(step));
                            }
                            step++;
                            resolve();
                          }, 2));
                        },
                      });
                      event.respondWith(new Response(stream, { headers: { 'content-type': 'application/octet-stream' } }));
                    };
                    """);
            FetchEventDispatch dispatch = worker.dispatchFetchEvent(request("http://localhost/big"));
            FetchResponse response = responded(await(dispatch.response()));
            assertThat(response.headerList().get("content-type")).isEqualTo("application/octet-stream");
            byte[] expected = new byte[256 + 4 * 100000];
            for (int i = 0; i < 256; i++) {
                expected[i] = (byte) i;
            }
            for (int step = 1; step < 5; step++) {
                java.util.Arrays.fill(expected, 256 + (step - 1) * 100000, 256 + step * 100000, (byte) step);
            }
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            BodySource source = response.body().stream();
            while (read.size() < expected.length) {
                ByteBuffer chunk = source.read();
                assertThat(chunk).isNotNull();
                byte[] part = new byte[chunk.remaining()];
                chunk.get(part);
                read.write(part);
            }
            assertThat(read.toByteArray()).isEqualTo(expected);
            WorkerFixture.dispatch(worker, "activate");
            assertThat(source.read()).isNull();
            source.close();
        }
    }

    @Test
    void aBodyStillStreamingWhenTheWorkerStopsFailsItsReader() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      const stream = new ReadableStream({
                        start(controller) { controller.enqueue(new TextEncoder().encode('part')); },
                      });
                      event.respondWith(new Response(stream));
                    };
                    """);
            FetchResponse response = responded(await(worker.dispatchFetchEvent(request("http://localhost/a")).response()));
            BodySource source = response.body().stream();
            ByteBuffer first = source.read();
            assertThat(StandardCharsets.UTF_8.decode(first).toString()).isEqualTo("part");
            worker.terminate();
            await(worker.terminated());
            assertThatThrownBy(source::read).isInstanceOf(java.io.IOException.class).hasMessageContaining("stopped");
        }
    }

    @Test
    void theResponseDoesNotWaitForWaitUntilButFinishedDoes() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    let release;
                    onfetch = (event) => {
                      event.respondWith(new Response('now'));
                      event.waitUntil(new Promise((resolve) => { release = resolve; }));
                    };
                    onactivate = () => { console.log('releasing'); release(); };
                    """);
            FetchEventDispatch dispatch = worker.dispatchFetchEvent(request("http://localhost/a"));
            assertThat(text(responded(await(dispatch.response())))).isEqualTo("now");
            Thread.sleep(50);
            assertThat(dispatch.finished()).isNotDone();
            WorkerFixture.dispatch(worker, "activate");
            assertThat(await(dispatch.finished()).succeeded()).isTrue();
        }
    }

    @Test
    void theScriptSeesTheRequestAndTheClientIds() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("""
                    onfetch = (event) => {
                      const r = event.request;
                      console.log(r.method, r.url, r.headers.get('x-test'), r.mode, r.destination);
                      console.log(event.clientId, event.resultingClientId, event.replacesClientId);
                      try { r.headers.set('x-test', 'changed'); } catch (e) { console.log(e.name); }
                      console.log(r.signal instanceof AbortSignal, r.signal.aborted);
                      event.respondWith(r.text().then((text) => {
                        console.log('body', text);
                        return new Response(text.toUpperCase());
                      }));
                    };
                    """);
            FetchRequest request = new FetchRequest(Url.parse("http://localhost/form?x=1"));
            request.setMethod("POST");
            request.setHeaderList(HeaderList.of("x-test", "yes", "content-type", "text/plain"));
            request.setMode(RequestMode.SAME_ORIGIN);
            request.setDestination(RequestDestination.DOCUMENT);
            request.setBody(Body.of("a=1&b=2".getBytes(StandardCharsets.UTF_8)));
            FetchEventResult result = answer(worker, new FetchEventInit(request, "client-1", "client-2", "client-0"));
            assertThat(result).isInstanceOf(FetchEventResult.Responded.class);
            w.assertOutput("POST http://localhost/form?x=1 yes same-origin document", "client-1 client-2 client-0",
                    "TypeError", "true false", "body a=1&b=2");
        }
    }

    @Test
    void aScriptMadeFetchEventIsUntrustedAndItsRequestIsRequired() {
        try (var w = new WorkerFixture(dir)) {
            w.run("""
                    const request = new Request('https://example.test/x');
                    const event = new FetchEvent('fetch', { request, clientId: 'c', handled: Promise.resolve(7) });
                    console.log(event.isTrusted, event.request === request, event.clientId, event.resultingClientId === '',
                      event.replacesClientId === '', event.cancelable, event.handled instanceof Promise);
                    event.handled.then((v) => console.log('handled', v));
                    try { event.respondWith(new Response('x')); } catch (e) { console.log('outside dispatch', e.name); }
                    addEventListener('custom', (e) => {
                      e.respondWith(new Response('y'));
                      console.log('responded in dispatchEvent');
                    });
                    const custom = new FetchEvent('custom', { request });
                    dispatchEvent(custom);
                    try { custom.waitUntil(Promise.resolve()); } catch (e) { console.log('waitUntil', e.name); }
                    try { new FetchEvent('fetch', {}); } catch (e) { console.log(e.name, e.message); }
                    try { new FetchEvent('fetch', { request: 'https://example.test/' }); } catch (e) { console.log(e.name); }
                    try { new FetchEvent('fetch'); } catch (e) { console.log(e.name); }
                    try { FetchEvent.prototype.respondWith.call({}, null); } catch (e) { console.log(e.name); }
                    """);
            w.assertOutput("false true c true true false true", "outside dispatch InvalidStateError",
                    "responded in dispatchEvent", "waitUntil InvalidStateError",
                    "TypeError Failed to construct 'FetchEvent': Failed to read the 'request' property from 'FetchEventInit': Required member is undefined.",
                    "TypeError", "TypeError", "TypeError", "handled 7");
        }
    }

    @Test
    void aWorkerStoppedBeforeAnsweringFailsBothFutures() {
        try (var w = new WorkerFixture(dir)) {
            var worker = w.run("onfetch = (event) => event.respondWith(new Promise(() => {}));");
            FetchEventDispatch dispatch = worker.dispatchFetchEvent(request("http://localhost/a"));
            await(worker.pendingExtensions().thenApply(list -> {
                assertThat(list).singleElement().satisfies(p -> {
                    assertThat(p.eventType()).isEqualTo("fetch");
                    assertThat(p.method()).isEqualTo("respondWith");
                    assertThat(p.createdAt()).startsWith("http://localhost/sw.js:1:");
                });
                return list;
            }));
            worker.terminate();
            assertThatThrownBy(() -> dispatch.response().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WorkerTerminatedException.class);
            assertThatThrownBy(() -> dispatch.finished().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WorkerTerminatedException.class);
            FetchEventDispatch late = worker.dispatchFetchEvent(request("http://localhost/b"));
            assertThat(late.response()).isCompletedExceptionally();
            assertThat(await(worker.pendingExtensions())).isEmpty();
        }
    }
}

package org.sw4j.js.serviceworker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.FetchEventDispatch;
import org.sw4j.core.spi.FetchEventInit;
import org.sw4j.core.spi.FetchEventResult;
import org.sw4j.core.spi.RunningWorker;
import org.sw4j.js.WorkerFixture;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;

/**
 * The JavaScript side of navigation preload and window clients: NavigationPreloadManager over a
 * standalone worker's services, and FetchEvent.preloadResponse over the host's preload.
 */
class NavigationPreloadGlobalsTest {
    @TempDir
    Path dir;

    @Test
    void theNavigationPreloadManager() {
        try (var w = new WorkerFixture(dir)) {
            RunningWorker worker = w.run("""
                    (async () => {
                      const m = self.registration.navigationPreload;
                      console.log(m instanceof NavigationPreloadManager, m === self.registration.navigationPreload, String(m));
                      console.log(JSON.stringify(await m.getState()));
                      console.log(await m.enable(), await m.setHeaderValue('v2'), JSON.stringify(await m.getState()));
                      for (const bad of ['a\\nb', ' padded', '\\u20ac']) {
                        try { await m.setHeaderValue(bad); } catch (e) { console.log(e.name); }
                      }
                      await m.disable();
                      console.log(JSON.stringify(await m.getState()));
                      try { await m.getState.call({}); } catch (e) { console.log(e.name); }
                      try { await m.setHeaderValue(); } catch (e) { console.log(e.name); }
                      try { new NavigationPreloadManager(); } catch (e) { console.log(e.name); }
                      console.log(Object.keys(NavigationPreloadManager.prototype).join(), 'navigationPreload' in ServiceWorkerRegistration.prototype);
                      console.log(typeof WindowClient.prototype.focus, typeof WindowClient.prototype.navigate, typeof clients.openWindow);
                      try { await clients.openWindow('/x'); } catch (e) { console.log(e.name); }
                      try { await clients.openWindow('about:blank'); } catch (e) { console.log(e.name); }
                    })();
                    """);
            WorkerFixture.awaitIdle(worker);
            w.assertOutput(
                    "true true [object NavigationPreloadManager]",
                    "{\"enabled\":false,\"headerValue\":\"true\"}",
                    "undefined undefined {\"enabled\":true,\"headerValue\":\"v2\"}",
                    "TypeError",
                    "TypeError",
                    "TypeError",
                    "{\"enabled\":false,\"headerValue\":\"v2\"}",
                    "TypeError",
                    "TypeError",
                    "TypeError",
                    "enable,disable,setHeaderValue,getState true",
                    "function function function",
                    "InvalidAccessError",
                    "InvalidAccessError");
        }
    }

    private static FetchEventInit navigation(CompletableFuture<FetchResponse> preload) {
        FetchRequest request = new FetchRequest(Url.parse("http://localhost/page"));
        request.setMode(RequestMode.NAVIGATE);
        return new FetchEventInit(request, "", "new-client", "", preload);
    }

    private static FetchEventResult answer(RunningWorker worker, FetchEventInit init) throws Exception {
        FetchEventDispatch dispatch = worker.dispatchFetchEvent(init);
        FetchEventResult result = dispatch.response().get(20, TimeUnit.SECONDS);
        dispatch.finished().get(20, TimeUnit.SECONDS);
        return result;
    }

    @Test
    void preloadResponseIsAResponseOverThePreloadOrATypeErrorOrUndefined() throws Exception {
        try (var w = new WorkerFixture(dir)) {
            RunningWorker worker = w.run("""
                    self.addEventListener('fetch', (e) => {
                      e.respondWith(e.preloadResponse.then(async (r) => {
                        if (r === undefined) return new Response('undefined');
                        console.log(r instanceof Response, r.status, r.headers.get('x-preload'));
                        return r;
                      }, (err) => new Response(err.name + ': ' + err.message)));
                    });
                    """);
            FetchResponse preloaded = new FetchResponse();
            preloaded.setStatus(200);
            preloaded.setHeaderList(org.sw4j.webapi.fetch.HeaderList.of("x-preload", "yes"));
            preloaded.setBody(Body.of("preloaded".getBytes(StandardCharsets.UTF_8)));

            FetchEventResult used = answer(worker, navigation(CompletableFuture.completedFuture(preloaded)));
            FetchEventResult failed = answer(worker, navigation(
                    CompletableFuture.failedFuture(WebError.typeError("The navigation preload request failed"))));
            FetchEventResult none = answer(worker, navigation(null));

            assertThat(text(used)).isEqualTo("preloaded");
            assertThat(text(failed)).isEqualTo("TypeError: The navigation preload request failed");
            assertThat(text(none)).isEqualTo("undefined");
            w.assertOutput("true 200 yes");
        }
    }

    private static String text(FetchEventResult result) throws Exception {
        assertThat(result).isInstanceOf(FetchEventResult.Responded.class);
        Body body = ((FetchEventResult.Responded) result).response().body();
        return new String(body.stream().readAllBytes(), StandardCharsets.UTF_8);
    }
}

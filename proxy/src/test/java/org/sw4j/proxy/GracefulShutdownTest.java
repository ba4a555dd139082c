package org.sw4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;

/** close() under load: in-flight requests finish, new connections are refused, the stores close. */
class GracefulShutdownTest {
    @TempDir
    Path temp;

    @Test
    void inFlightRequestsFinishWhenTheProxyCloses() throws Exception {
        int requests = 24;
        AtomicInteger arrived = new AtomicInteger();
        try (TestOrigin origin = new TestOrigin();
                HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            origin.route("/pass/slow", (request, response) -> {
                arrived.incrementAndGet();
                Thread.sleep(800);
                Content.Sink.write(response, true, "done", org.eclipse.jetty.util.Callback.NOOP);
            });
            Path worker = Files.writeString(temp.resolve("sw.js"), "self.addEventListener('fetch', () => {});");
            ServiceWorkerProxy proxy = ServiceWorkerProxy.builder(origin.origin()).worker(worker)
                    .listen("127.0.0.1", 0).dataDirectory(temp.resolve("data")).shutdownGrace(Duration.ofSeconds(20))
                    .start();
            int port = proxy.port();
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                inFlight.add(browser.sendAsync(HttpRequest.newBuilder(URI.create(proxy.publicOrigin() + "/pass/slow?" + i))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (arrived.get() < requests && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(arrived.get()).isEqualTo(requests);

            long start = System.nanoTime();
            proxy.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                HttpResponse<String> done = response.get(30, TimeUnit.SECONDS);
                assertThat(done.statusCode()).isEqualTo(200);
                assertThat(done.body()).isEqualTo("done");
            }
            assertThat(took).isLessThan(Duration.ofSeconds(20));
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            // The stores are closed: another proxy can open the same data directory at once.
            try (ServiceWorkerProxy again = ServiceWorkerProxy.builder(origin.origin()).worker(worker)
                    .listen("127.0.0.1", 0).dataDirectory(temp.resolve("data")).start()) {
                assertThat(again.agent().registrations()).hasSize(1);
            }
        }
    }
}

package org.sw4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;

/**
 * The proxy listens before its worker is ready: while a first registration installs, requests go
 * to the origin (a browser's first visit before the worker activates); with a stored active
 * worker, requests during start-up are answered by that worker.
 */
class StartupTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String WORKER = """
            self.addEventListener('install', (e) => e.waitUntil(fetch('/slow')));
            self.addEventListener('fetch', (e) => e.respondWith(new Response('from the worker')));
            """;

    @TempDir
    Path temp;
    final TestOrigin origin = new TestOrigin();
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    final CountDownLatch slowMayAnswer = new CountDownLatch(1);
    CompletableFuture<ServiceWorkerProxy> starting;

    @AfterEach
    void close() throws Exception {
        slowMayAnswer.countDown();
        if (starting != null) {
            try {
                starting.get(WAIT.toSeconds(), TimeUnit.SECONDS).close();
            } catch (Exception e) {
                // A start that failed has nothing to close.
            }
        }
        origin.close();
        browser.close();
    }

    @Test
    void whileAFirstRegistrationInstallsRequestsGoToTheOrigin() throws Exception {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "from the origin");
        origin.route("/slow", (request, response) -> {
            // The install event waits for this answer: the test decides when it installs.
            slowMayAnswer.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            Content.Sink.write(response, true, "ok", Callback.NOOP);
        });
        Path worker = temp.resolve("sw.js");
        Files.writeString(worker, WORKER);
        int port = freePort();
        starting = startInBackground(ServiceWorkerProxy.builder(origin.origin()).worker(worker).listen("127.0.0.1", port));

        awaitRequestTo("/slow");
        answeredWhileStartingThenByTheWorker(port, "from the origin");
    }

    @Test
    void withAStoredActiveWorkerRequestsDuringStartUpAreAnsweredByIt() throws Exception {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "from the origin");
        origin.serve("/slow", 200, Map.of(), "ok");
        AtomicBoolean holdScript = new AtomicBoolean();
        origin.route("/sw.js", (request, response) -> {
            if (holdScript.get()) {
                // The update check at start waits for the script: start-up is not over.
                slowMayAnswer.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            response.getHeaders().put("Content-Type", "text/javascript");
            Content.Sink.write(response, true, WORKER, Callback.NOOP);
        });
        Path data = temp.resolve("data");
        ServiceWorkerProxy first = ServiceWorkerProxy.builder(origin.origin()).workerUrl("/sw.js")
                .listen("127.0.0.1", 0).dataDirectory(data).start();
        try {
            assertThat(navigate(first.port()).body()).isEqualTo("from the worker");
        } finally {
            first.close();
        }

        holdScript.set(true);
        int port = freePort();
        starting = startInBackground(ServiceWorkerProxy.builder(origin.origin()).workerUrl("/sw.js")
                .listen("127.0.0.1", port).dataDirectory(data));
        answeredWhileStartingThenByTheWorker(port, "from the worker");
    }

    /**
     * A navigation while {@link #starting} is not done gets 200 with {@code body}; then start-up
     * is let finish ({@link #slowMayAnswer}), after which the worker answers.
     */
    private void answeredWhileStartingThenByTheWorker(int port, String body) throws Exception {
        HttpResponse<String> page = navigateWhenListening(port);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(body);
        assertThat(starting).isNotDone();

        slowMayAnswer.countDown();
        starting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(navigate(port).body()).isEqualTo("from the worker");
    }

    static CompletableFuture<ServiceWorkerProxy> startInBackground(ServiceWorkerProxy.Builder builder) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return builder.start();
            } catch (ServiceWorkerProxy.StartException e) {
                throw new CompletionException(e);
            }
        }, runnable -> Thread.ofPlatform().name("proxy-start").daemon().start(runnable));
    }

    /** A port nothing listens on now (the proxy binds it a moment later). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    void awaitRequestTo(String path) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (origin.received().stream().noneMatch(r -> r.path().equals(path))) {
            assertThat(System.nanoTime()).as("the origin saw no request to " + path).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    HttpResponse<String> navigate(int port) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(WAIT)
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The first navigation that connects, tried every 20 ms until the proxy listens. */
    HttpResponse<String> navigateWhenListening(int port) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return navigate(port);
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline || starting.isDone()) {
                    throw new AssertionError("the proxy did not listen while starting", e);
                }
                Thread.sleep(20);
            }
        }
    }
}

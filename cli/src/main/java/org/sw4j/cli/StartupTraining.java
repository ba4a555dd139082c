package org.sw4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The training run of {@code bin/sw4j}'s AOT cache (the JDK's {@code -XX:AOTCacheOutput}): runs
 * {@code sw4j serve} in this process as a user starts it — with a fetch-handler worker once on a
 * fresh data directory (the worker installs) and once again on that directory (the stored worker
 * serves at once), then with a static-route worker and its stores in memory (the default) —
 * against a throwaway origin on loopback, with a few navigations and subresource requests each
 * time, so that the classes, linkage and profiles of start-up and of the first requests are
 * recorded. Not a user command: the launcher runs it after building the application.
 */
public final class StartupTraining {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String WORKER = """
            self.addEventListener('install', (event) => {
              event.waitUntil(caches.open('training').then((cache) => cache.add('/asset')));
            });
            self.addEventListener('fetch', (event) => {
              if (event.request.mode === 'navigate') return;
              event.respondWith(caches.match(event.request).then((cached) => cached || fetch(event.request)));
            });
            """;
    private static final String ROUTE_WORKER = """
            self.addEventListener('install', (event) => {
              event.waitUntil(caches.open('training').then((cache) => cache.add('/asset')));
              event.addRoutes({ condition: { urlPattern: '/asset' }, source: 'cache' });
            });
            """;

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("sw4j-aot-training");
        Server origin = startOrigin();
        int status = 0;
        try {
            String originUrl = "http://127.0.0.1:" + ((ServerConnector) origin.getConnectors()[0]).getLocalPort();
            Path worker = Files.writeString(dir.resolve("sw.js"), WORKER);
            Path data = dir.resolve("data");
            serveOnce(originUrl, worker, data);
            serveOnce(originUrl, worker, data);
            serveOnce(originUrl, Files.writeString(dir.resolve("route-sw.js"), ROUTE_WORKER), null);
        } catch (Exception | AssertionError e) {
            System.err.println("sw4j training: " + e);
            status = 1;
        } finally {
            origin.stop();
            deleteTree(dir);
        }
        // The AOT cache is written as the JVM exits.
        System.exit(status);
    }

    /**
     * Starts {@code sw4j serve} on a free port (its stores in {@code data}, or in memory when
     * null), browses through it, then stops it as Ctrl-C would.
     */
    private static void serveOnce(String origin, Path worker, Path data) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StringWriter out = new StringWriter();
        PrintWriter err = new PrintWriter(System.err, true);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("serve", "--origin", origin,
                "--worker", worker.toString(), "--listen", "127.0.0.1:" + port));
        if (data != null) {
            args.addAll(java.util.List.of("--data", data.toString()));
        }
        Thread serve = Thread.ofPlatform().name("sw4j-training-serve").start(() -> Main.run(
                args.toArray(String[]::new), new PrintWriter(out, true), err));
        String proxy = "http://127.0.0.1:" + port;
        try (HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(WAIT).build()) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            navigateWhenListening(browser, proxy, serve, deadline);
            while (!out.toString().contains("sw4j serve:")) {
                check(serve.isAlive() && System.nanoTime() < deadline, "sw4j serve did not start: " + out);
                Thread.sleep(20);
            }
            for (int page = 0; page < 3; page++) {
                check(navigate(browser, proxy).statusCode() == 200, "a navigation failed");
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> asset = browser.send(HttpRequest.newBuilder(URI.create(proxy + "/asset"))
                            .timeout(WAIT).header("Sec-Fetch-Mode", "no-cors").header("Sec-Fetch-Dest", "image")
                            .build(), HttpResponse.BodyHandlers.ofString());
                    check(asset.statusCode() == 200, "a subresource failed: " + asset.statusCode());
                }
            }
        } finally {
            serve.interrupt();
            serve.join(WAIT);
        }
        check(!serve.isAlive(), "sw4j serve did not stop");
    }

    private static void navigateWhenListening(HttpClient browser, String proxy, Thread serve, long deadline)
            throws Exception {
        while (true) {
            try {
                navigate(browser, proxy);
                return;
            } catch (java.net.ConnectException e) {
                check(serve.isAlive() && System.nanoTime() < deadline, "sw4j serve did not listen");
                Thread.sleep(10);
            }
        }
    }

    private static HttpResponse<String> navigate(HttpClient browser, String proxy) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(proxy + "/")).timeout(WAIT)
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }

    /** The origin: a page at {@code /}, a small image-like file at {@code /asset}, 404 elsewhere. */
    private static Server startOrigin() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        byte[] page = "<!doctype html><title>training</title><img src=/asset>".getBytes(StandardCharsets.UTF_8);
        byte[] asset = new byte[4096];
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                byte[] body = path.equals("/") ? page : path.equals("/asset") ? asset : null;
                response.setStatus(body == null ? 404 : 200);
                response.getHeaders().put("Content-Type", path.equals("/") ? "text/html" : "application/octet-stream");
                response.write(true, ByteBuffer.wrap(body == null ? new byte[0] : body), callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

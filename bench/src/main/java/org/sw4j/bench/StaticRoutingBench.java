package org.sw4j.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.sw4j.agent.LifecycleEvent;
import org.sw4j.agent.Registration;
import org.sw4j.agent.RegistrationOptions;
import org.sw4j.agent.Response;
import org.sw4j.agent.UserAgent;
import org.sw4j.agent.Window;
import org.sw4j.core.engine.ServiceWorkerVersion;

/**
 * The Java half of bench/run-routing-bench.sh: what a request answered by a static route costs,
 * from a Java client of the embedding API ({@link Window#fetch}), against the same decision made
 * in a fetch handler.
 *
 * <p>A loopback origin (the JDK's HTTP server, in this JVM) serves the page, two worker scripts and
 * {@code /cached/data} and {@code /net/data} (1 KiB each). Three configurations, each timed after
 * a warm-up of at least {@code --warmup} fetches and {@code --warmup-seconds} (at most twice that):
 * <ol>
 *   <li>{@code cache}: {@code /sw-route.js} put {@code /cached/data} in a cache at install and
 *       added routes {@code /cached/*} → {@code cache}, {@code /net/*} → {@code network}; its
 *       worker is stopped before the warm-up, and each fetch of {@code /cached/data} must be served
 *       by the cache route ({@link Response.ServedBy#CACHE_ROUTE});</li>
 *   <li>{@code network}: the same agent and stopped worker, fetches of {@code /net/data}, served by
 *       the network;</li>
 *   <li>{@code handler}: {@code /sw-handler.js}, the same cache, no routes, a fetch handler
 *       answering {@code caches.match(event.request)} for {@code /cached/*} (worker running).</li>
 * </ol>
 * Worker starts during 1 and 2 are counted from {@link UserAgent#onLifecycleEvent}.
 *
 * <p>Prints {@code RESULT <name> <value>} lines ({@code cache.p50} ... in µs, {@code starts}),
 * {@code INFO} lines, and {@code DONE}.
 */
public final class StaticRoutingBench {
    private static final int BODY_BYTES = 1024;
    private static final String ROUTE_WORKER = """
            self.addEventListener('install', (event) => {
              event.waitUntil(caches.open('bench').then((cache) => cache.add('/cached/data')));
              event.addRoutes([
                { condition: { urlPattern: '/cached/*' }, source: 'cache' },
                { condition: { urlPattern: '/net/*' }, source: 'network' },
              ]);
            });
            self.addEventListener('fetch', (event) => event.respondWith(new Response('worker')));
            """;
    private static final String HANDLER_WORKER = """
            self.addEventListener('install', (event) => {
              event.waitUntil(caches.open('bench').then((cache) => cache.add('/cached/data')));
            });
            self.addEventListener('fetch', (event) => {
              if (new URL(event.request.url).pathname.startsWith('/cached/')) {
                event.respondWith(caches.match(event.request).then((r) => r || fetch(event.request)));
              }
            });
            """;

    private StaticRoutingBench() {
    }

    public static void main(String[] args) {
        BenchSupport.runAndExit(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int warmup = 500;
        int iterations = 5000;
        double seconds = 15;
        double warmupSeconds = 20;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        Server server = origin();
        String origin = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        BenchSupport.info("origin " + origin);
        Timing timing = new Timing(warmup, iterations, seconds, warmupSeconds);
        try {
            AtomicInteger starts = new AtomicInteger();
            try (UserAgent agent = newAgent(starts)) {
                Window window = controlledWindow(agent, origin, "/sw-route.js");
                ServiceWorkerVersion version = agent.context().registrations().get(0).active();
                BenchSupport.check(version.routerRules().size() == 2, "the route worker has no routes");
                agent.context().stopWorker(version);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (version.isRunning()) {
                    BenchSupport.check(System.nanoTime() < deadline, "the worker did not stop");
                    Thread.sleep(1);
                }
                Thread.sleep(200); // running-state events are delivered asynchronously
                starts.set(0);
                timing.measure("cache", window, origin + "/cached/data", Response.ServedBy.CACHE_ROUTE);
                timing.measure("network", window, origin + "/net/data", Response.ServedBy.NETWORK);
                Thread.sleep(200);
                BenchSupport.info("worker running after the cache and network runs: " + version.isRunning());
                result("starts", starts.get());
            }
            try (UserAgent agent = newAgent(new AtomicInteger())) {
                Window window = controlledWindow(agent, origin, "/sw-handler.js");
                timing.measure("handler", window, origin + "/cached/data", Response.ServedBy.SERVICE_WORKER);
            }
        } finally {
            server.stop();
        }
    }

    private static UserAgent newAgent(AtomicInteger starts) throws Exception {
        // The persistent stores users run with (SQLite), in a fresh directory.
        Path data = Files.createTempDirectory("sw4j-routing-bench");
        UserAgent agent = UserAgent.builder().dataDirectory(data).idleTimeout(Duration.ofMinutes(30)).build();
        String runtime = agent.runtimeName();
        if ("Interpreted".equals(runtime)) {
            agent.close();
            throw new IllegalStateException("GraalJS runs interpreted, not with its JIT: run with bench_jvm_opts");
        }
        agent.onLifecycleEvent(event -> {
            if (event instanceof LifecycleEvent.RunningChanged running && running.running()) {
                starts.incrementAndGet();
            }
        });
        return agent;
    }

    /** Registers {@code script} (scope /), waits for activation, and opens a window it controls. */
    private static Window controlledWindow(UserAgent agent, String origin, String script) throws Exception {
        Window first = agent.openWindow(origin + "/");
        Registration registration = first.serviceWorker().register(origin + script,
                RegistrationOptions.scope(origin + "/"));
        registration.awaitActivated(Duration.ofSeconds(30));
        Window window = agent.openWindow(origin + "/");
        BenchSupport.check(window.controller().isPresent(), script + " does not control the window");
        return window;
    }

    private record Timing(int warmup, int iterations, double seconds, double warmupSeconds) {
        void measure(String name, Window window, String url, Response.ServedBy expected) throws Exception {
            long start = System.nanoTime();
            long min = (long) (warmupSeconds * 1e9);
            int warm = 0;
            while (System.nanoTime() - start < 2 * min && (warm < warmup || System.nanoTime() - start < min)) {
                BenchSupport.fetchOnce(window, url, expected, BODY_BYTES);
                warm++;
            }
            long[] samples = new long[iterations];
            int n = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (n < iterations && System.nanoTime() < end) {
                samples[n++] = BenchSupport.fetchOnce(window, url, expected, BODY_BYTES);
            }
            BenchSupport.Stats stats = BenchSupport.Stats.of(Arrays.copyOf(samples, n));
            BenchSupport.info(String.format(Locale.ROOT, "%s: %d warm-up fetches in %.1f s, %d timed", name, warm,
                    (System.nanoTime() - start) / 1e9, n));
            result(name + ".p50", stats.p50());
            result(name + ".p99", stats.p99());
            result(name + ".mean", stats.mean());
        }
    }

    private static Server origin() throws Exception {
        byte[] data = new byte[BODY_BYTES];
        Arrays.fill(data, (byte) 'x');
        Map<String, byte[]> bodies = Map.of(
                "/", "<!doctype html><title>routing bench</title>".getBytes(StandardCharsets.UTF_8),
                "/sw-route.js", ROUTE_WORKER.getBytes(StandardCharsets.UTF_8),
                "/sw-handler.js", HANDLER_WORKER.getBytes(StandardCharsets.UTF_8),
                "/cached/data", data,
                "/net/data", data);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                byte[] body = bodies.get(Request.getPathInContext(request));
                if (body == null) {
                    org.eclipse.jetty.server.Response.writeError(request, response, callback, 404);
                    return true;
                }
                String path = Request.getPathInContext(request);
                String type = path.endsWith(".js") ? "text/javascript" : path.equals("/") ? "text/html" : "text/plain";
                response.getHeaders().put("Content-Type", type);
                response.getHeaders().put("Content-Length", body.length);
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    private static void result(String name, double value) {
        System.out.println("RESULT " + name + " " + Math.round(value));
        System.out.flush();
    }
}

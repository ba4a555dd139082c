package org.sw4j.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sw4j.agent.Registration;
import org.sw4j.agent.RegistrationOptions;
import org.sw4j.agent.Response;
import org.sw4j.agent.UserAgent;
import org.sw4j.agent.Window;
import org.sw4j.core.engine.ServiceWorkerRegistration;
import org.sw4j.core.engine.ServiceWorkerVersion;

/**
 * The sw4j half of bench/run-sw-bench.sh: the same measures as bench/sw/chromium.mjs, on sw4j's
 * embedding API ({@link UserAgent}), against the origin bench/sw/origin.mjs.
 *
 * <p>For each configuration (no worker; {@code /sw-cache.js}; {@code /sw-pass.js}), in a fresh
 * in-memory agent: a window at the origin registers the worker (scope {@code /}) and waits until it
 * is activated; a NEW window at the origin (controlled, checked) then fetches {@code /data} (body
 * read whole, 10 KiB, checked), first as warm-up, then timed with {@link System#nanoTime()}. With
 * the cache worker, then: stop the worker as an idle worker is stopped
 * ({@code ServiceWorkerContext.stopWorker}), wait until it is not running, leave it idle for
 * {@code --idle-ms}, time one fetch (it must start the worker again, checked).
 *
 * <p>Prints {@code RESULT sw4j.<name> <us> us} lines as chromium.mjs does (same names, same
 * percentile rule), {@code INFO} lines, and {@code DONE} at the end.
 *
 * <p>Options: {@code --origin URL --warmup N --iterations N --seconds S --starts N --idle-ms MS}
 * as in chromium.mjs, plus {@code --warmup-seconds S} (default 30): GraalJS's JIT needs far longer
 * to warm up than V8, so the warm-up runs at least {@code --warmup} fetches and at least
 * {@code --warmup-seconds}, and at most twice {@code --warmup-seconds}.
 */
public final class ServiceWorkerFetchBench {
    private static final int BODY_BYTES = 10 * 1024;

    private ServiceWorkerFetchBench() {
    }

    public static void main(String[] args) {
        BenchSupport.runAndExit(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        String origin = null;
        int warmup = 300;
        int iterations = 3000;
        double seconds = 20;
        int starts = 30;
        long idleMs = 200;
        double warmupSeconds = 30;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--origin" -> origin = value;
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--starts" -> starts = Integer.parseInt(value);
                case "--idle-ms" -> idleMs = Long.parseLong(value);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (origin == null) {
            throw new IllegalArgumentException("--origin is required");
        }
        origin = origin.replaceAll("/+$", "");

        double cacheP50 = Double.NaN;
        for (String config : List.of("none", "cache", "pass")) {
            String script = switch (config) {
                case "cache" -> "/sw-cache.js";
                case "pass" -> "/sw-pass.js";
                default -> null;
            };
            // A long idle timeout: the worker is stopped only where the benchmark stops it.
            try (UserAgent agent = UserAgent.builder().inMemory().idleTimeout(Duration.ofMinutes(30)).build()) {
                String runtime = agent.runtimeName();
                BenchSupport.info(config + ": JavaScript runtime " + runtime);
                if ("Interpreted".equals(runtime)) {
                    throw new IllegalStateException("GraalJS runs interpreted, not with its JIT: the figures would "
                            + "measure the interpreter. Run with JVMCI and the Graal compiler on the upgrade module path.");
                }
                ServiceWorkerVersion version = null;
                if (script != null) {
                    Window first = agent.openWindow(origin + "/");
                    Registration registration = first.serviceWorker()
                            .register(origin + script, RegistrationOptions.scope(origin + "/"));
                    registration.awaitActivated(Duration.ofSeconds(30));
                    version = activeVersion(agent, origin + script);
                }
                Window window = agent.openWindow(origin + "/");
                if (script == null) {
                    BenchSupport.check(window.controller().isEmpty(), "a fresh agent's window has a controller");
                } else {
                    BenchSupport.check(window.controller().isPresent()
                            && window.controller().get().scriptUrl().endsWith(script),
                            script + " does not control the window (controller: " + window.controller() + ")");
                }
                Response.ServedBy expected = script == null ? Response.ServedBy.NETWORK
                        : Response.ServedBy.SERVICE_WORKER;
                String url = origin + "/data";

                // Warm-up: at least `warmup` fetches and `warmupSeconds`, at most twice `warmupSeconds`.
                long start = System.nanoTime();
                long min = (long) (warmupSeconds * 1e9);
                int warm = 0;
                while (System.nanoTime() - start < 2 * min && (warm < warmup || System.nanoTime() - start < min)) {
                    BenchSupport.fetchOnce(window, url, expected, BODY_BYTES);
                    warm++;
                }
                BenchSupport.info(String.format(Locale.ROOT, "%s: %d warm-up fetches in %.1f s", config, warm,
                        (System.nanoTime() - start) / 1e9));

                long[] samples = new long[iterations];
                int n = 0;
                long end = System.nanoTime() + (long) (seconds * 1e9);
                while (n < iterations && System.nanoTime() < end) {
                    samples[n++] = BenchSupport.fetchOnce(window, url, expected, BODY_BYTES);
                }
                samples = Arrays.copyOf(samples, n);
                BenchSupport.Stats s = BenchSupport.Stats.of(samples);
                BenchSupport.info(config + ": " + n + " fetches timed");
                result(config + ".p50", s.p50());
                result(config + ".p99", s.p99());
                result(config + ".mean", s.mean());
                if (config.equals("cache")) {
                    cacheP50 = s.p50();
                    workerStart(agent, version, window, url, cacheP50, starts, seconds, idleMs);
                }
            }
        }
    }

    /** Worker start after idle stop, as chromium.mjs's workerStart. */
    private static void workerStart(UserAgent agent, ServiceWorkerVersion version, Window window, String url,
            double warmP50, int starts, double seconds, long idleMs) throws Exception {
        BenchSupport.check(version.isRunning(), "the warm cache worker is not running");
        List<Long> samples = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (samples.size() < starts && System.nanoTime() < end) {
            agent.context().stopWorker(version);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (version.isRunning()) {
                BenchSupport.check(System.nanoTime() < deadline, "the cache worker did not stop");
                Thread.sleep(1);
            }
            Thread.sleep(idleMs);
            BenchSupport.check(!version.isRunning(), "the cache worker started again on its own");
            samples.add(BenchSupport.fetchOnce(window, url, Response.ServedBy.SERVICE_WORKER, BODY_BYTES));
            BenchSupport.check(version.isRunning(), "the fetch after the stop did not start the cache worker");
        }
        BenchSupport.Stats s = BenchSupport.Stats.of(samples.stream().mapToLong(Long::longValue).toArray());
        BenchSupport.info(String.format(Locale.ROOT, "start: %d stops; first fetch after a stop: p50 %.0f us, max %.0f us",
                samples.size(), s.p50(), s.max()));
        result("start.fetch_p50", s.p50());
        result("start.fetch_max", s.max());
        result("start.p50", s.p50() - warmP50);
    }

    private static ServiceWorkerVersion activeVersion(UserAgent agent, String scriptUrl) {
        for (ServiceWorkerRegistration registration : agent.context().registrations()) {
            ServiceWorkerVersion active = registration.active();
            if (active != null && active.scriptUrl().href().equals(scriptUrl)) {
                return active;
            }
        }
        throw new IllegalStateException("no active worker for " + scriptUrl);
    }

    private static void result(String name, double us) {
        System.out.println("RESULT sw4j." + name + " " + Math.round(us) + " us");
        System.out.flush();
    }
}

package org.sw4j.bench;

import java.util.Arrays;
import org.sw4j.agent.Response;
import org.sw4j.agent.Window;

/** What the Java halves of the bench scripts share: their exit protocol, output lines and samples. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** A benchmark's body. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body}, prints {@code DONE} when it succeeded, and exits (0, or 1 after a stack
     * trace): threads of the agents (worker hosts, the HTTP client) must not hold the JVM.
     */
    static void runAndExit(Body body) {
        int status = 0;
        try {
            body.run();
            System.out.println("DONE");
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    static void info(String message) {
        System.out.println("INFO " + message);
        System.out.flush();
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * One {@code window.fetch(url)}, its nanoseconds; fails unless it is a 200 of {@code bodyBytes}
     * bytes served by {@code expected}.
     */
    static long fetchOnce(Window window, String url, Response.ServedBy expected, int bodyBytes) throws Exception {
        long t0 = System.nanoTime();
        Response response = window.fetch(url);
        long took = System.nanoTime() - t0;
        if (response.status() != 200 || response.body().length != bodyBytes || response.servedBy() != expected) {
            throw new IllegalStateException(url + " gave status " + response.status() + ", " + response.body().length
                    + " bytes, served by " + response.servedBy() + " (expected " + expected + ")");
        }
        return took;
    }

    /** Percentiles as chromium.mjs's stats(): the sample at rank ceil(q * n); all in microseconds. */
    record Stats(double p50, double p99, double max, double mean) {
        static Stats of(long[] nanos) {
            check(nanos.length > 0, "no samples");
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            double sum = 0;
            for (long v : sorted) {
                sum += v;
            }
            return new Stats(rank(sorted, 0.5), rank(sorted, 0.99), sorted[sorted.length - 1] / 1e3,
                    sum / sorted.length / 1e3);
        }

        private static double rank(long[] sorted, double q) {
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
        }
    }
}

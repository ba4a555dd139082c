package org.sw4j.cli;

import java.util.concurrent.CountDownLatch;

/** How a serving command runs: until SIGTERM or Ctrl-C, or (in process) until its thread is interrupted. */
final class Serving {
    private Serving() {
    }

    /**
     * Blocks until the JVM shuts down or the calling thread is interrupted, then closes
     * {@code resources} in order (nulls skipped): the front ones first, the stores last.
     */
    static void untilStopped(AutoCloseable... resources) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            closeAll(resources);
            stopped.countDown();
        }, "sw4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // In process: interrupting the command's thread stops it as SIGTERM does.
            Runtime.getRuntime().removeShutdownHook(hook);
            closeAll(resources);
        }
    }

    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("sw4j: closing " + resource + " failed: " + e);
            }
        }
    }
}

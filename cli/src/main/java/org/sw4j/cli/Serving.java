package org.sw4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.proxy.ServiceWorkerProxy;

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

    /**
     * Starts the proxy {@code builder} describes; null (after saying why on {@code err}) when it
     * could not start — the command then exits with {@link ExitCode#SCRIPT_FAILED}. A store that
     * could not be opened is thrown, for its own exit code.
     */
    static ServiceWorkerProxy startProxy(ServiceWorkerProxy.Builder builder, PrintWriter err)
            throws StorageException {
        try {
            return builder.start();
        } catch (ServiceWorkerProxy.StartException e) {
            if (e.getCause() instanceof StorageException storage) {
                throw storage;
            }
            err.println("sw4j: " + e.getMessage());
            err.flush();
            return null;
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

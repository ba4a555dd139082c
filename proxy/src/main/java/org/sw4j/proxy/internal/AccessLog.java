package org.sw4j.proxy.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log ({@code sw4j.access}): one line per request, written by a thread of its own so
 * that a request's thread never waits for the log's output (a virtual thread blocked in a write
 * makes the scheduler add a carrier). Lines are queued without waking the writer, which drains the
 * queue every few milliseconds; they appear in the order requests finished. When the writer falls
 * far behind, requests write their own lines: the log slows the proxy rather than losing lines or
 * growing without bound. A bean of the proxy's handler: it starts and stops with it, and stopping
 * writes what is queued.
 */
final class AccessLog extends AbstractLifeCycle {
    private static final Logger ACCESS = LoggerFactory.getLogger("sw4j.access");
    /** How long the writer sleeps when it found nothing to write. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Lines queued at most; beyond, a request logs its own line. */
    private static final int MAX_QUEUED = 100_000;

    private record Line(String format, Object[] arguments) {
    }

    private final ConcurrentLinkedQueue<Line> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private Thread writer;
    private volatile boolean closed = true;

    @Override
    protected void doStart() {
        closed = false;
        writer = Thread.ofPlatform().daemon().name("sw4j-access-log").start(this::write);
    }

    /** Logs a line at INFO as {@link Logger#info(String, Object...)} would. */
    void info(String format, Object... arguments) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        if (closed || queued.get() >= MAX_QUEUED) {
            ACCESS.info(format, arguments);
            return;
        }
        queued.incrementAndGet();
        queue.add(new Line(format, arguments));
    }

    private void write() {
        while (true) {
            boolean wrote = drain();
            if (closed) {
                drain();
                return;
            }
            if (!wrote) {
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
    }

    private boolean drain() {
        boolean wrote = false;
        for (Line line = queue.poll(); line != null; line = queue.poll()) {
            queued.decrementAndGet();
            ACCESS.info(line.format(), line.arguments());
            wrote = true;
        }
        return wrote;
    }

    /** Writes what is queued, then stops the writer; later lines are written by their requests. */
    @Override
    protected void doStop() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

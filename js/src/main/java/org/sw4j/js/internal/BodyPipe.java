package org.sw4j.js.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.sw4j.webapi.fetch.BodySource;

/**
 * A body written chunk by chunk by JavaScript (a {@code ReadableStream} being read into Java:
 * a request body going to the network, a response given to {@code respondWith}) and read by Java
 * as a {@link BodySource}.
 *
 * <p>Backpressure: the pipe holds at most {@link #CAPACITY} bytes; {@link #write} answers false
 * once that is reached, and the writer waits for {@link #onDrain} before writing again. So a
 * stream is pulled from JavaScript no faster than Java consumes it.
 */
final class BodyPipe implements BodySource {
    static final int CAPACITY = 256 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private final long length;
    private long buffered;
    private boolean ended;
    private boolean cancelled;
    private String error;
    private Runnable drainListener;

    /** @param length the body's length when known, else -1 */
    BodyPipe(long length) {
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    /**
     * Adds a chunk; returns whether the writer may go on writing (false: wait for
     * {@link #onDrain}). Chunks written after a cancel are dropped.
     */
    boolean write(byte[] chunk) {
        lock.lock();
        try {
            if (ended || error != null) {
                throw new IllegalStateException("the body pipe has already ended");
            }
            if (cancelled || chunk.length == 0) {
                return !cancelled;
            }
            chunks.add(ByteBuffer.wrap(chunk));
            buffered += chunk.length;
            readable.signalAll();
            return buffered < CAPACITY;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code listener} (once, on the reader's thread) when there is room again, or at once. */
    void onDrain(Runnable listener) {
        boolean now;
        lock.lock();
        try {
            now = buffered < CAPACITY || cancelled;
            if (!now) {
                drainListener = listener;
            }
        } finally {
            lock.unlock();
        }
        if (now) {
            listener.run();
        }
    }

    /** The writer's end of the body: the reader sees the end after the chunks written so far. */
    void end() {
        lock.lock();
        try {
            ended = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The writer failed: the reader's next read fails with {@code message}. */
    void fail(String message) {
        lock.lock();
        try {
            error = message;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer is gone (its worker stopped) without ending the body: unless the body ended or
     * failed already, the reader gets what was written and then fails with {@code message}.
     */
    void writerGone(String message) {
        lock.lock();
        try {
            if (!ended && error == null) {
                error = message;
                readable.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the reader cancelled (the writer should cancel its stream). */
    boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ByteBuffer read() throws IOException {
        Runnable drained = null;
        ByteBuffer chunk;
        lock.lock();
        try {
            while (chunks.isEmpty() && !ended && error == null && !cancelled) {
                try {
                    readable.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading a body", e);
                }
            }
            if (cancelled) {
                throw new IOException("body cancelled");
            }
            if (error != null && chunks.isEmpty()) {
                throw new IOException(error);
            }
            chunk = chunks.poll();
            if (chunk != null) {
                buffered -= chunk.remaining();
                if (buffered < CAPACITY && drainListener != null) {
                    drained = drainListener;
                    drainListener = null;
                }
            }
        } finally {
            lock.unlock();
        }
        if (drained != null) {
            drained.run();
        }
        return chunk;
    }

    /** The reader's cancel: drops what is buffered and tells the writer (see {@link #isCancelled}). */
    @Override
    public void close() {
        Runnable drained;
        lock.lock();
        try {
            cancelled = true;
            chunks.clear();
            buffered = 0;
            drained = drainListener;
            drainListener = null;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        if (drained != null) {
            drained.run();
        }
    }
}

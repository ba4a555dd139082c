package org.sw4j.network.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;
import org.sw4j.network.NetworkRequest;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.url.Url;

/**
 * A response body read straight from Jetty's {@link Content.Source}: each {@link #read()} takes
 * the chunk the connection has parsed (what one network read brought, up to the 16 KiB response
 * buffer), copies it once, and releases Jetty's buffer; when no chunk is there, it demands one and
 * waits. The socket is read only when this body asks, so a slow reader slows the server.
 *
 * <p>{@link #hasArrived()} reads ahead, without waiting, what the connection has already received
 * (up to {@link #READ_AHEAD_LIMIT} bytes), so that a small response whose body came with its head
 * can be handed over whole.
 *
 * <p>Closing before the end aborts the exchange, which closes the connection rather than return it
 * to the pool half-read.
 */
final class StreamingBody implements BodySource {
    private final Content.Source source;
    private final Request exchange;
    private final long length;
    private final NetworkRequest request;
    private final Url url;
    /** Serializes readers; {@link #close()} does not take it, so it can interrupt a waiting read. */
    private final ReentrantLock readLock = new ReentrantLock();
    /** The most {@link #hasArrived()} reads ahead. */
    static final int READ_AHEAD_LIMIT = 64 * 1024;
    /** Chunks read ahead by {@link #hasArrived()}, served first by {@link #read()}; under readLock. */
    private final ArrayDeque<ByteBuffer> readAhead = new ArrayDeque<>();
    private int readAheadBytes;
    /** The source's last chunk has been taken (into {@link #readAhead} or by a reader); under readLock. */
    private boolean sourceEnded;
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition signalled = signalLock.newCondition();
    private boolean demanded;
    private long received;
    private volatile boolean closed;
    private volatile boolean ended;

    StreamingBody(Content.Source source, Request exchange, long length, NetworkRequest request, Url url) {
        this.source = source;
        this.exchange = exchange;
        this.length = length;
        this.request = request;
        this.url = url;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public ByteBuffer read() throws IOException {
        readLock.lock();
        try {
            if (closed) {
                throw new IOException("body closed: " + request);
            }
            ByteBuffer ahead = readAhead.poll();
            if (ahead != null) {
                readAheadBytes -= ahead.remaining();
                return ahead;
            }
            while (true) {
                if (closed) {
                    throw new IOException("body closed: " + request);
                }
                if (sourceEnded) {
                    return null;
                }
                ByteBuffer chunk = take(true);
                if (chunk != null) {
                    return chunk;
                }
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public boolean hasArrived() {
        if (!readLock.tryLock()) {
            return false;
        }
        try {
            while (!sourceEnded) {
                if (closed || readAheadBytes >= READ_AHEAD_LIMIT) {
                    return false;
                }
                ByteBuffer chunk = take(false);
                if (chunk == null) {
                    if (!sourceEnded) {
                        return false;
                    }
                } else {
                    readAhead.add(chunk);
                    readAheadBytes += chunk.remaining();
                }
            }
            return !closed;
        } catch (IOException e) {
            // The failure is the source's state: read() meets it again (the chunk stays failed).
            return false;
        } finally {
            readLock.unlock();
        }
    }

    /**
     * One chunk from the source, copied; null at the end ({@link #sourceEnded} set), or, when
     * {@code wait} is false, when nothing has arrived, or for an empty chunk. Under readLock.
     */
    private ByteBuffer take(boolean wait) throws IOException {
        Content.Chunk chunk = source.read();
        if (chunk == null) {
            if (wait) {
                awaitContent();
            }
            return null;
        }
        try {
            if (Content.Chunk.isFailure(chunk)) {
                if (closed) {
                    throw new IOException("body closed: " + request, chunk.getFailure());
                }
                throw NetworkErrors.midBody(chunk.getFailure(), request, url, received);
            }
            if (chunk.isLast()) {
                sourceEnded = true;
                ended = true;
            }
            ByteBuffer data = chunk.getByteBuffer();
            int n = data.remaining();
            if (n == 0) {
                return null;
            }
            received += n;
            return ByteBuffer.allocate(n).put(data).flip();
        } finally {
            chunk.release();
        }
    }

    private void awaitContent() throws IOException {
        signalLock.lock();
        try {
            demanded = true;
        } finally {
            signalLock.unlock();
        }
        source.demand(this::signal);
        signalLock.lock();
        try {
            while (demanded && !closed) {
                signalled.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the body of " + request);
        } finally {
            signalLock.unlock();
        }
    }

    private void signal() {
        signalLock.lock();
        try {
            demanded = false;
            signalled.signalAll();
        } finally {
            signalLock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ended) {
            exchange.abort(new IOException("body closed: " + request));
        }
        signal();
    }
}

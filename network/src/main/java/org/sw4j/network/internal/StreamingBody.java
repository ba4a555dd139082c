package org.sw4j.network.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
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
            while (true) {
                if (closed) {
                    throw new IOException("body closed: " + request);
                }
                if (ended) {
                    return null;
                }
                Content.Chunk chunk = source.read();
                if (chunk == null) {
                    awaitContent();
                    continue;
                }
                try {
                    if (Content.Chunk.isFailure(chunk)) {
                        if (closed) {
                            throw new IOException("body closed: " + request, chunk.getFailure());
                        }
                        throw NetworkErrors.midBody(chunk.getFailure(), request, url, received);
                    }
                    if (chunk.isLast()) {
                        ended = true;
                    }
                    ByteBuffer data = chunk.getByteBuffer();
                    int n = data.remaining();
                    if (n == 0) {
                        continue;
                    }
                    received += n;
                    return ByteBuffer.allocate(n).put(data).flip();
                } finally {
                    chunk.release();
                }
            }
        } finally {
            readLock.unlock();
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

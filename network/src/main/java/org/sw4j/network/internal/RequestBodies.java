package org.sw4j.network.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;
import org.sw4j.webapi.fetch.BodySource;

/**
 * Request bodies for Jetty: a {@link BodySource} is pulled chunk by chunk, only as far as the
 * connection has asked for, so an upload streams. A known length is sent as
 * {@code Content-Length}; an unknown one with chunked transfer coding on HTTP/1.1 (DATA frames on
 * HTTP/2).
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /** The content to send, or null for none (no body, or an empty one). */
    static Request.Content content(BodySource body) {
        if (body == null) {
            return null;
        }
        if (body.length() == 0) {
            body.close();
            return null;
        }
        return new SourceContent(body);
    }

    /**
     * A {@link Content.Source} over a {@link BodySource}. Jetty reads it from its own threads,
     * which must not block; the source's blocking {@code read()} therefore runs on a virtual thread,
     * started when Jetty finds nothing to read, and the chunk it returns is handed over at Jetty's
     * next {@link #read()}. At most one chunk is read ahead.
     */
    private static final class SourceContent implements Request.Content {
        private final BodySource body;
        private Content.Chunk ready;
        private Runnable demand;
        private boolean reading;
        private Throwable failure;
        private boolean consumed;

        SourceContent(BodySource body) {
            this.body = body;
        }

        @Override
        public long getLength() {
            return body.length();
        }

        /** None: Jetty would otherwise add {@code Content-Type: application/octet-stream}. */
        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public Content.Chunk read() {
            synchronized (this) {
                if (failure != null) {
                    return Content.Chunk.from(failure, true);
                }
                if (ready != null) {
                    Content.Chunk chunk = ready;
                    ready = null;
                    return chunk;
                }
                if (consumed) {
                    return Content.Chunk.EOF;
                }
                pull();
                return null;
            }
        }

        @Override
        public void demand(Runnable onContent) {
            synchronized (this) {
                if (ready == null && failure == null) {
                    demand = onContent;
                    pull();
                    return;
                }
            }
            onContent.run();
        }

        /** Starts a read of the source unless one is under way; called holding the lock. */
        private void pull() {
            if (reading || consumed) {
                return;
            }
            reading = true;
            Thread.ofVirtual().name("sw4j-request-body").start(this::readSource);
        }

        private void readSource() {
            Content.Chunk chunk;
            try {
                ByteBuffer data = body.read();
                chunk = data == null ? Content.Chunk.EOF : Content.Chunk.from(data, false);
            } catch (Throwable t) {
                body.close();
                chunk = Content.Chunk.from(t instanceof IOException ? t : new IOException(
                        "cannot read the request body: " + t, t), true);
            }
            Runnable toRun;
            synchronized (this) {
                reading = false;
                if (failure != null) {
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failure = chunk.getFailure();
                } else {
                    if (chunk.isLast()) {
                        consumed = true;
                    }
                    ready = chunk;
                }
                toRun = demand;
                demand = null;
            }
            if (toRun != null) {
                toRun.run();
            }
        }

        @Override
        public void fail(Throwable cause) {
            synchronized (this) {
                if (failure != null) {
                    return;
                }
                failure = cause;
                ready = null;
                demand = null;
            }
            body.close();
        }

        @Override
        public boolean rewind() {
            return false;
        }
    }
}

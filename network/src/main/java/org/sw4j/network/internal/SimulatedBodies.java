package org.sw4j.network.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sw4j.network.Call;
import org.sw4j.network.NetworkException;
import org.sw4j.webapi.fetch.BodySource;

/** Response bodies as {@link org.sw4j.network.NetworkConditions} degrades them. */
public final class SimulatedBodies {
    private SimulatedBodies() {
    }

    /** Fails as CONNECTION_RESET once {@code limit} bytes have been delivered (and the body goes on). */
    public static BodySource resetAfter(BodySource body, long limit, String address) {
        return new BodySource() {
            private long delivered;
            private boolean cut;

            @Override
            public long length() {
                return body.length();
            }

            @Override
            public synchronized ByteBuffer read() throws IOException {
                if (delivered >= limit) {
                    // A body that ends exactly at the limit ends normally.
                    ByteBuffer more = cut ? null : body.read();
                    body.close();
                    if (more == null && !cut) {
                        return null;
                    }
                    throw NetworkException.simulated(NetworkException.Kind.CONNECTION_RESET,
                            "connection closed after " + delivered + " body bytes: " + address);
                }
                ByteBuffer chunk = body.read();
                if (chunk == null) {
                    return null;
                }
                long allowed = limit - delivered;
                if (chunk.remaining() > allowed) {
                    chunk = chunk.slice(chunk.position(), (int) allowed);
                    cut = true;
                }
                delivered += chunk.remaining();
                return chunk;
            }

            @Override
            public void close() {
                body.close();
            }
        };
    }

    /**
     * Delivers at most {@code bytesPerSecond}, in slices of a tenth of a second's worth, waiting
     * (abortably) between them.
     */
    public static BodySource throttled(BodySource body, long bytesPerSecond, Call call) {
        int slice = (int) Math.max(1, Math.min(64 * 1024, bytesPerSecond / 10));
        return new BodySource() {
            private final long start = System.nanoTime();
            private long delivered;
            private ByteBuffer pending;

            @Override
            public long length() {
                return body.length();
            }

            @Override
            public synchronized ByteBuffer read() throws IOException {
                if (pending == null || !pending.hasRemaining()) {
                    pending = body.read();
                    if (pending == null) {
                        return null;
                    }
                }
                int n = Math.min(slice, pending.remaining());
                ByteBuffer chunk = pending.slice(pending.position(), n);
                pending.position(pending.position() + n);
                long due = start + (long) ((delivered + n) * 1e9 / bytesPerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    CountDownLatch aborted = new CountDownLatch(1);
                    try (Call.Registration ignored = call.onAbort(aborted::countDown)) {
                        if (aborted.await(wait, TimeUnit.NANOSECONDS)) {
                            throw new NetworkException(NetworkException.Kind.ABORTED, "aborted: " + call.request());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new NetworkException(NetworkException.Kind.ABORTED, "interrupted: " + call.request(), e);
                    }
                }
                delivered += n;
                return chunk;
            }

            @Override
            public void close() {
                body.close();
            }
        };
    }
}

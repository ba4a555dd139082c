package org.sw4j.network.internal;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.sw4j.webapi.fetch.BodySource;

/**
 * Request bodies for {@code java.net.http}: a {@link BodySource} is pulled chunk by chunk, only as
 * far as the connection has asked for, so an upload streams. A known length is sent as
 * {@code Content-Length}; an unknown one with chunked transfer coding on HTTP/1.1 (DATA frames on
 * HTTP/2).
 *
 * <p>The source's blocking {@code read()} runs on a virtual thread of its own: {@code java.net.http}
 * pulls its publishers on its write loop, where a blocking read would stall the chunk before it
 * (which is what {@code BodyPublishers.ofInputStream} does with a source that waits).
 */
final class RequestBodies {
    private RequestBodies() {
    }

    static BodyPublisher publisher(BodySource body) {
        if (body == null) {
            return BodyPublishers.noBody();
        }
        long length = body.length();
        if (length == 0) {
            body.close();
            return BodyPublishers.noBody();
        }
        SourcePublisher publisher = new SourcePublisher(body);
        return length > 0 ? BodyPublishers.fromPublisher(publisher, length) : BodyPublishers.fromPublisher(publisher);
    }

    /** Publishes a source's chunks with the subscriber's demand; one subscriber, once. */
    private static final class SourcePublisher implements Flow.Publisher<ByteBuffer> {
        private final BodySource source;
        private boolean subscribed;

        SourcePublisher(BodySource source) {
            this.source = source;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            synchronized (this) {
                if (subscribed) {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                        }

                        @Override
                        public void cancel() {
                        }
                    });
                    subscriber.onError(new IllegalStateException("a request body can be sent once"));
                    return;
                }
                subscribed = true;
            }
            subscriber.onSubscribe(new Pump(source, subscriber));
        }
    }

    private static final class Pump implements Flow.Subscription {
        private final BodySource source;
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private long demand;
        private boolean cancelled;
        private Thread thread;

        Pump(BodySource source, Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.source = source;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                if (n <= 0) {
                    cancelled = true;
                    source.close();
                    subscriber.onError(new IllegalArgumentException("non-positive demand: " + n));
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                notifyAll();
                if (thread == null) {
                    thread = Thread.ofVirtual().name("sw4j-request-body").start(this::run);
                }
            }
        }

        @Override
        public void cancel() {
            synchronized (this) {
                cancelled = true;
                notifyAll();
            }
            source.close();
        }

        private void run() {
            try {
                while (true) {
                    synchronized (this) {
                        while (demand == 0 && !cancelled) {
                            wait();
                        }
                        if (cancelled) {
                            return;
                        }
                        demand--;
                    }
                    ByteBuffer chunk = source.read();
                    synchronized (this) {
                        if (cancelled) {
                            return;
                        }
                    }
                    if (chunk == null) {
                        subscriber.onComplete();
                        return;
                    }
                    subscriber.onNext(chunk);
                }
            } catch (Throwable t) {
                boolean report;
                synchronized (this) {
                    report = !cancelled;
                    cancelled = true;
                }
                source.close();
                if (report) {
                    subscriber.onError(t);
                }
            }
        }
    }
}

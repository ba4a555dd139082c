package org.sw4j.network.internal.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sw4j.network.Call;
import org.sw4j.network.NetworkException;
import org.sw4j.webapi.fetch.BodySource;

/**
 * A fetch controller (https://fetch.spec.whatwg.org/#fetch-controller) reduced to what aborting
 * needs: the flag, the network call in flight (aborted with the fetch), and the bodies handed out
 * (failed with it). Thread-safe.
 */
public final class FetchController {
    private volatile boolean aborted;
    private volatile Call call;
    private final List<BodySource> bodies = new CopyOnWriteArrayList<>();

    /** Implements abort (https://fetch.spec.whatwg.org/#fetch-controller-abort). */
    public void abort() {
        aborted = true;
        Call current = call;
        if (current != null) {
            current.abort();
        }
        for (BodySource body : bodies) {
            body.close();
        }
    }

    public boolean isAborted() {
        return aborted;
    }

    /** Throws an aborted network error when the fetch was aborted: checked between steps. */
    public void throwIfAborted() throws FetchFailure {
        if (aborted) {
            throw FetchFailure.aborted();
        }
    }

    /** Makes {@code next} the call an abort aborts; aborts it at once when the fetch already is. */
    public void setCall(Call next) {
        call = next;
        if (aborted) {
            next.abort();
        }
    }

    /**
     * {@code body} made to fail with "the fetch was aborted" once the fetch is: the body handed to
     * the fetch's caller.
     */
    public BodySource abortable(BodySource body) {
        BodySource wrapped = new AbortableBody(body);
        bodies.add(wrapped);
        if (aborted) {
            wrapped.close();
        }
        return wrapped;
    }

    private final class AbortableBody implements BodySource {
        private final BodySource delegate;

        AbortableBody(BodySource delegate) {
            this.delegate = delegate;
        }

        @Override
        public long length() {
            return delegate.length();
        }

        @Override
        public boolean hasArrived() {
            return delegate.hasArrived();
        }

        @Override
        public ByteBuffer read() throws IOException {
            if (aborted) {
                throw new NetworkException(NetworkException.Kind.ABORTED, "the fetch was aborted");
            }
            try {
                ByteBuffer chunk = delegate.read();
                if (chunk == null) {
                    bodies.remove(this);
                }
                return chunk;
            } catch (IOException e) {
                if (aborted) {
                    throw new NetworkException(NetworkException.Kind.ABORTED, "the fetch was aborted", e);
                }
                throw e;
            }
        }

        @Override
        public void close() {
            bodies.remove(this);
            delegate.close();
        }
    }
}

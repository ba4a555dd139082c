package org.sw4j.network.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sw4j.network.Call;
import org.sw4j.network.Interceptor;
import org.sw4j.network.NetworkException;
import org.sw4j.network.NetworkRequest;
import org.sw4j.network.NetworkResponse;
import org.sw4j.webapi.fetch.BodySource;

/**
 * A {@link Call}: runs the interceptors in order ({@link RealChain}), the transport last, and owns
 * the abort signal that every step may listen to.
 */
public final class RealCall implements Call {
    private final NetworkRequest request;
    private final List<Interceptor> interceptors;
    private final int applicationInterceptorCount;
    private final HttpTransport transport;
    private final Clock clock;
    private final Executor executor;
    private final AtomicBoolean executed = new AtomicBoolean();
    private final List<Runnable> abortActions = new ArrayList<>();
    private volatile boolean aborted;

    public RealCall(NetworkRequest request, List<Interceptor> interceptors, int applicationInterceptorCount,
            HttpTransport transport, Clock clock, Executor executor) {
        this.request = request;
        this.interceptors = interceptors;
        this.applicationInterceptorCount = applicationInterceptorCount;
        this.transport = transport;
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public NetworkRequest request() {
        return request;
    }

    @Override
    public NetworkResponse execute() throws NetworkException {
        if (!executed.compareAndSet(false, true)) {
            throw new IllegalStateException("call already executed: " + request);
        }
        checkNotAborted();
        NetworkResponse response;
        try {
            response = proceed(0, request);
        } catch (NetworkException e) {
            if (aborted && e.kind() != NetworkException.Kind.ABORTED) {
                throw abortedException(e);
            }
            throw e;
        } catch (IOException e) {
            if (aborted) {
                throw abortedException(e);
            }
            throw new NetworkException(NetworkException.Kind.OTHER,
                    "network failure for " + request + ": " + NetworkErrors.describe(e), e);
        }
        NetworkResponse answered = response.toBuilder().body(new CallBody(response.body())).build();
        if (aborted) {
            answered.close();
            throw abortedException(null);
        }
        return answered;
    }

    @Override
    public CompletableFuture<NetworkResponse> executeAsync() {
        CompletableFuture<NetworkResponse> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                abort();
                return super.cancel(mayInterruptIfRunning);
            }
        };
        try {
            executor.execute(() -> {
                try {
                    NetworkResponse response = execute();
                    if (!future.complete(response)) {
                        response.close();
                    }
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new NetworkException(NetworkException.Kind.ABORTED,
                    "client closed: " + request, e));
        }
        return future;
    }

    @Override
    public void abort() {
        List<Runnable> actions;
        synchronized (abortActions) {
            if (aborted) {
                return;
            }
            aborted = true;
            actions = List.copyOf(abortActions);
            abortActions.clear();
        }
        for (Runnable action : actions) {
            action.run();
        }
    }

    @Override
    public boolean isAborted() {
        return aborted;
    }

    @Override
    public Registration onAbort(Runnable action) {
        synchronized (abortActions) {
            if (!aborted) {
                abortActions.add(action);
                return () -> {
                    synchronized (abortActions) {
                        abortActions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> { };
    }

    void checkNotAborted() throws NetworkException {
        if (aborted) {
            throw abortedException(null);
        }
    }

    NetworkException abortedException(Throwable cause) {
        return new NetworkException(NetworkException.Kind.ABORTED, "aborted: " + request, cause);
    }

    /** Runs interceptor {@code index} (or the transport, past the last) on {@code request}. */
    NetworkResponse proceed(int index, NetworkRequest request) throws IOException {
        checkNotAborted();
        if (index == interceptors.size()) {
            return transport.send(request, this);
        }
        Interceptor interceptor = interceptors.get(index);
        boolean network = index >= applicationInterceptorCount;
        RealChain chain = new RealChain(this, index, request, interceptor, clock);
        NetworkResponse response;
        try {
            response = interceptor.intercept(chain);
        } finally {
            chain.finish();
        }
        if (response == null) {
            throw new IllegalStateException("interceptor " + RealChain.name(interceptor) + " returned null");
        }
        if (network && chain.proceedCount() != 1) {
            response.close();
            throw new IllegalStateException("network interceptor " + RealChain.name(interceptor)
                    + " must call proceed() exactly once, but returned a response without calling it");
        }
        return response;
    }

    /** The response body as the caller sees it: aborting the call closes it, and reads then fail. */
    private final class CallBody implements BodySource {
        private final BodySource delegate;
        private final Registration registration;
        private volatile boolean finished;

        CallBody(BodySource delegate) {
            this.delegate = delegate;
            this.registration = onAbort(delegate::close);
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
            if (aborted && !finished) {
                throw abortedException(null);
            }
            ByteBuffer chunk;
            try {
                chunk = delegate.read();
            } catch (IOException e) {
                registration.close();
                if (aborted) {
                    throw abortedException(e);
                }
                throw e instanceof NetworkException ne ? ne : new NetworkException(NetworkException.Kind.OTHER,
                        "cannot read the body of " + request + ": " + NetworkErrors.describe(e), e);
            }
            if (chunk == null) {
                if (aborted && !finished) {
                    throw abortedException(null);
                }
                finished = true;
                registration.close();
            }
            return chunk;
        }

        @Override
        public void close() {
            registration.close();
            delegate.close();
        }
    }
}

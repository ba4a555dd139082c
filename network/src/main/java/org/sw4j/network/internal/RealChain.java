package org.sw4j.network.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.sw4j.network.Call;
import org.sw4j.network.Interceptor;
import org.sw4j.network.NetworkRequest;
import org.sw4j.network.NetworkResponse;

/** The chain as one interceptor sees it; it counts the interceptor's calls to {@link #proceed}. */
final class RealChain implements Interceptor.Chain {
    private final RealCall call;
    private final int index;
    private final NetworkRequest request;
    private final Interceptor owner;
    private final Clock clock;
    private int proceedCount;
    private boolean finished;

    RealChain(RealCall call, int index, NetworkRequest request, Interceptor owner, Clock clock) {
        this.call = call;
        this.index = index;
        this.request = request;
        this.owner = owner;
        this.clock = clock;
    }

    @Override
    public NetworkRequest request() {
        return request;
    }

    @Override
    public NetworkResponse proceed(NetworkRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        synchronized (this) {
            if (finished) {
                throw new IllegalStateException("interceptor " + name(owner)
                        + " called proceed() after its intercept() returned");
            }
            if (++proceedCount > 1) {
                throw new IllegalStateException("interceptor " + name(owner)
                        + " called proceed() more than once; an interceptor calls it at most once");
            }
        }
        return call.proceed(index + 1, request);
    }

    @Override
    public Call call() {
        return call;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    synchronized int proceedCount() {
        return proceedCount;
    }

    synchronized void finish() {
        finished = true;
    }

    static String name(Interceptor interceptor) {
        String name = interceptor.toString();
        return name.contains("$$Lambda") || name.contains("@") ? interceptor.getClass().getName() : name;
    }
}

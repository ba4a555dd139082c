package org.sw4j.network;

import java.io.IOException;
import java.time.Clock;

/**
 * One step of a {@link NetworkClient}'s pipeline, in OkHttp's style: it sees the request, may
 * change it, passes it on with {@link Chain#proceed}, and may change the response on its way back.
 * The last step is the transport, which talks to the network.
 *
 * <p>The chain enforces the contract and throws {@link IllegalStateException} when it is broken:
 * <ul>
 *   <li>an interceptor calls {@link Chain#proceed} at most once;
 *   <li>a <em>network</em> interceptor ({@link NetworkClient.Builder#addNetworkInterceptor}) calls
 *       it exactly once; an application interceptor ({@link NetworkClient.Builder#addInterceptor})
 *       may instead answer by itself (a mock, a cache) or throw;
 *   <li>{@link Chain#proceed} is called only while {@link #intercept} runs;
 *   <li>{@link #intercept} never returns null.
 * </ul>
 * Throwing is always allowed; an interceptor that fails the call should throw a
 * {@link NetworkException}.
 */
@FunctionalInterface
public interface Interceptor {
    NetworkResponse intercept(Chain chain) throws IOException;

    /** What an interceptor sees of the pipeline. */
    interface Chain {
        /** The request as the previous step passed it on. */
        NetworkRequest request();

        /** Passes {@code request} to the next step and returns its response. */
        NetworkResponse proceed(NetworkRequest request) throws IOException;

        /** The call this chain serves; an interceptor that waits should wake when it is aborted. */
        Call call();

        /** The client's clock. */
        Clock clock();
    }
}

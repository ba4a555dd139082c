package org.sw4j.core.spi;

import org.sw4j.webapi.fetch.FetchRequest;

/**
 * Fetch's "fetch" (https://fetch.spec.whatwg.org/#concept-fetch) as the JavaScript {@code fetch()}
 * binding needs it, and the online state behind {@code navigator.onLine} and the {@code online} /
 * {@code offline} events. The implementation lives in the {@code network} module
 * ({@code org.sw4j.network.HttpFetcher}); the binding depends only on this interface.
 *
 * <p>Implementations are thread-safe.
 */
public interface Fetcher {
    /**
     * A fetcher with no network at all: every fetch is a network error saying so, and the network
     * is offline. What a worker host uses when it is given none.
     */
    Fetcher NONE = new NoNetwork();


    /**
     * Starts fetching {@code request} for {@code environment} and returns at once; the fetch runs in
     * parallel, as the standard's does. The request becomes the fetch's own: fetching changes it (its
     * URL list, redirect count, response tainting, referrer and headers), so pass a request no one
     * else uses, as {@code fetch()} does with the request its {@code Request} constructor made.
     *
     * @return the handle to wait for the response head with, or to abort the fetch
     */
    FetchCall fetch(FetchRequest request, FetchEnvironment environment);

    /** Whether the network is online, for {@code navigator.onLine}. */
    boolean isOnline();

    /**
     * Calls {@code listener} whenever the network goes online or offline (for the {@code online} and
     * {@code offline} events), on the thread that changed the state; a listener should hand the
     * event to its worker's event loop. Closing the returned subscription removes the listener.
     */
    Subscription addOnlineListener(OnlineListener listener);

    /** Hears the network go online or offline. */
    @FunctionalInterface
    interface OnlineListener {
        void onlineChanged(boolean online);
    }

    /** A listener's registration; closing it (more than once is fine) removes the listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

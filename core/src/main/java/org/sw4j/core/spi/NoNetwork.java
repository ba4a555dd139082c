package org.sw4j.core.spi;

import org.sw4j.webapi.fetch.FetchRequest;

/** {@link Fetcher#NONE}: no network; every fetch fails at once. */
final class NoNetwork implements Fetcher {
    private static final String REASON = "no network: this worker host was built without a Fetcher";

    @Override
    public FetchCall fetch(FetchRequest request, FetchEnvironment environment) {
        return new FetchCall() {
            private volatile boolean aborted;

            @Override
            public FetchOutcome awaitResponse() {
                return aborted ? FetchOutcome.aborted() : FetchOutcome.networkError(REASON);
            }

            @Override
            public void abort() {
                aborted = true;
            }

            @Override
            public boolean isAborted() {
                return aborted;
            }
        };
    }

    @Override
    public boolean isOnline() {
        return false;
    }

    @Override
    public Subscription addOnlineListener(OnlineListener listener) {
        return () -> { };
    }
}

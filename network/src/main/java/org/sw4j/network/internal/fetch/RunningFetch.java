package org.sw4j.network.internal.fetch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.webapi.fetch.Body;

/**
 * A {@link FetchCall}: the outcome arrives from the fetching thread, or from {@link #abort()}, whichever
 * comes first; a response that arrives after an abort has its body closed.
 */
public final class RunningFetch implements FetchCall {
    private final FetchController controller = new FetchController();
    private final CompletableFuture<FetchOutcome> outcome = new CompletableFuture<>();

    public FetchController controller() {
        return controller;
    }

    /** Hands the fetch's outcome over; discards it when the fetch was aborted first. */
    public void complete(FetchOutcome result) {
        if (!outcome.complete(result) && !result.isNetworkError()) {
            Body body = result.response().unfiltered().body();
            if (body != null) {
                body.stream().close();
            }
        }
    }

    @Override
    public FetchOutcome awaitResponse() throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            // Never completed exceptionally; answer something a script can read all the same.
            return FetchOutcome.networkError("unexpected failure: " + e.getCause());
        }
    }

    @Override
    public void whenResponse(Consumer<FetchOutcome> callback) {
        outcome.thenAccept(callback);
    }

    @Override
    public void abort() {
        controller.abort();
        outcome.complete(FetchOutcome.aborted());
    }

    @Override
    public boolean isAborted() {
        return controller.isAborted();
    }
}

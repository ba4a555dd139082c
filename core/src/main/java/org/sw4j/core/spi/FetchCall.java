package org.sw4j.core.spi;

import java.util.function.Consumer;

/**
 * One running fetch started by {@link Fetcher#fetch}: wait for its response head, or abort it.
 * Thread-safe: the waiting thread and the aborting thread are usually different.
 */
public interface FetchCall {

    /**
     * Blocks until the response head is available (call it from a virtual thread) and returns the
     * outcome: the response, already filtered as the request's response tainting says (basic, cors,
     * opaque, or opaqueredirect for a manual redirect), whose body streams from the network; or a
     * network error with its reason. Can be called any number of times; every call answers the
     * same outcome.
     *
     * <p>Reading the body may still fail later (the connection breaks, the fetch is aborted): its
     * {@link org.sw4j.webapi.fetch.BodySource#read()} then throws an {@link java.io.IOException}
     * whose message is the reason.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the fetch goes on (abort
     *     it if it is no longer wanted)
     */
    FetchOutcome awaitResponse() throws InterruptedException;

    /**
     * Hands the outcome {@link #awaitResponse()} answers to {@code callback}, once, without a thread
     * waiting for it: on the thread that produced the outcome, or at once on the caller's when it is
     * already there. The callback must not block. The default waits on a virtual thread of its own;
     * fetchers that complete asynchronously should override it.
     */
    default void whenResponse(Consumer<FetchOutcome> callback) {
        Thread.ofVirtual().name("sw4j-fetch-wait").start(() -> {
            FetchOutcome outcome;
            try {
                outcome = awaitResponse();
            } catch (InterruptedException e) {
                outcome = FetchOutcome.networkError("interrupted while waiting for the response");
            }
            callback.accept(outcome);
        });
    }

    /**
     * Aborts the fetch (https://fetch.spec.whatwg.org/#fetch-controller-abort), from any thread at
     * any time: before the response head, {@link #awaitResponse()} answers an aborted network error
     * ({@link FetchOutcome#isAborted()}); after it, the response body fails, its next read throwing
     * an {@link java.io.IOException}. Idempotent; harmless once the body has been read to its end.
     */
    void abort();

    /** Whether {@link #abort()} was called. */
    boolean isAborted();
}

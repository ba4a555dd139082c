package org.sw4j.network;

import java.util.concurrent.CompletableFuture;

/**
 * One request on its way through a {@link NetworkClient}: executed once, abortable from any
 * thread at any time.
 */
public interface Call {
    NetworkRequest request();

    /**
     * Runs the request through the interceptors and the transport, blocking until the response head
     * arrives (call it from a virtual thread). Can be called once.
     *
     * @throws NetworkException when no response could be had; kind {@link NetworkException.Kind#ABORTED}
     *     when {@link #abort()} was called
     * @throws IllegalStateException when already executed
     */
    NetworkResponse execute() throws NetworkException;

    /**
     * {@link #execute()} on the client's executor. Cancelling the future aborts the call.
     */
    CompletableFuture<NetworkResponse> executeAsync();

    /**
     * Aborts the call: a pending {@link #execute()} fails with an ABORTED {@link NetworkException},
     * as does a later read of the response body; the connection is released. Idempotent; does
     * nothing once the body has been read to its end.
     */
    void abort();

    boolean isAborted();

    /**
     * Runs {@code action} once when the call is aborted, at once if it already is. For interceptors
     * that wait. Closing the returned handle unregisters the action.
     */
    Registration onAbort(Runnable action);

    /** Undoes a registration. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}

package org.sw4j.core.spi;

import java.util.concurrent.CompletableFuture;
import org.sw4j.webapi.url.Url;

/**
 * The embedder's windows, as service workers act on them ({@code WindowClient.focus()},
 * {@code WindowClient.navigate()}, {@code Clients.openWindow()}). Clients are named by their id;
 * the engine checks what the spec asks first (window interaction, URLs, control) and asks the
 * embedder only to act. Futures may complete on any thread; a failure rejects the worker's promise
 * (a {@link org.sw4j.webapi.error.WebError} as the exception it names, anything else as a
 * TypeError).
 */
public interface WindowHost {
    /** No windows: focusing does nothing, navigating and opening fail. */
    WindowHost NONE = new WindowHost() {
        @Override
        public CompletableFuture<Void> focus(String clientId) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<String> navigate(String clientId, Url url) {
            return CompletableFuture.failedFuture(new IllegalStateException("this engine has no windows to navigate"));
        }

        @Override
        public CompletableFuture<String> openWindow(Url url) {
            return CompletableFuture.failedFuture(new IllegalStateException("this engine cannot open windows"));
        }
    };

    /** Runs the focusing steps for the window of client {@code clientId}: it takes focus and is shown. */
    CompletableFuture<Void> focus(String clientId);

    /**
     * Navigates the window of client {@code clientId} to {@code url} (a navigation that goes through
     * Handle Fetch and replaces the client): completes with the id of the window's new client, or
     * fails when the navigation failed.
     */
    CompletableFuture<String> navigate(String clientId, Url url);

    /**
     * Opens a new top-level window and navigates it to {@code url}: completes with its client's id,
     * or fails when it could not be opened or the navigation failed.
     */
    CompletableFuture<String> openWindow(Url url);
}

package org.sw4j.agent;

/**
 * How the user agent opens a window when a service worker calls {@code clients.openWindow(url)}
 * (the engine has checked the URL and that window interaction is allowed). Runs on a virtual thread
 * of its own; the window's navigation may go through the very worker that asked.
 */
@FunctionalInterface
public interface WindowOpener {
    /** The headless agent's way: a new {@link Window} at the URL ({@link UserAgent#openWindow}). */
    WindowOpener HEADLESS = UserAgent::openWindow;

    /**
     * Opens a top-level window at {@code url} and returns it, or null to refuse (the worker's promise
     * then rejects with a TypeError).
     *
     * @throws NetworkErrorException when the window's navigation failed (a TypeError for the worker)
     */
    Window open(UserAgent agent, String url) throws NetworkErrorException;
}

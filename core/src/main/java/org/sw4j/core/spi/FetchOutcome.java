package org.sw4j.core.spi;

import java.util.Objects;
import org.sw4j.webapi.fetch.FetchResponse;

/**
 * What a fetch ends with once its response head is available: a response, or a network error
 * (https://fetch.spec.whatwg.org/#concept-network-error) and why.
 *
 * <p>The standard's network errors carry no reason; script sees only a {@code TypeError}. The
 * reason here is for that error's message and for developers: "CORS check failed: …", "redirect
 * mode is 'error'", "connection refused: …", "offline (simulated)", "integrity mismatch: …".
 *
 * @param response the response (filtered, as fetching hands it over) or the network error; never
 *     null
 * @param failureReason why the fetch failed, a sentence for a {@code TypeError} message; null
 *     exactly when {@code response} is not a network error
 */
public record FetchOutcome(FetchResponse response, String failureReason) {

    public FetchOutcome {
        Objects.requireNonNull(response, "response");
        if (response.isNetworkError() != (failureReason != null)) {
            throw new IllegalArgumentException(response.isNetworkError()
                    ? "a network error needs a failure reason" : "a response is no failure: " + failureReason);
        }
    }

    /** A successful outcome: {@code response}, which is not a network error. */
    public static FetchOutcome of(FetchResponse response) {
        return new FetchOutcome(response, null);
    }

    /** A network error for {@code reason}. */
    public static FetchOutcome networkError(String reason) {
        return new FetchOutcome(FetchResponse.networkError(), reason);
    }

    /**
     * An aborted network error (https://fetch.spec.whatwg.org/#concept-aborted-network-error), which
     * {@code fetch()} turns into the abort signal's reason (an {@code AbortError}) instead of a
     * {@code TypeError}.
     */
    public static FetchOutcome aborted() {
        return new FetchOutcome(FetchResponse.abortedNetworkError(), "the fetch was aborted");
    }

    /** Whether the fetch failed: the response is a network error. */
    public boolean isNetworkError() {
        return response.isNetworkError();
    }

    /** Whether the fetch failed because it was aborted. */
    public boolean isAborted() {
        return response.isNetworkError() && response.aborted();
    }
}

package org.sw4j.network.internal.fetch;

/**
 * A network error (https://fetch.spec.whatwg.org/#concept-network-error) on its way out of the
 * fetch algorithms, with the reason the standard's network errors lack. Thrown where the standard
 * says "return a network error", caught once, where the fetch hands its response over.
 */
public final class FetchFailure extends Exception {
    private final boolean aborted;

    private FetchFailure(String reason, boolean aborted) {
        super(reason, null, false, false);
        this.aborted = aborted;
    }

    /** A network error for {@code reason}, a sentence for a {@code TypeError} message. */
    public static FetchFailure of(String reason) {
        return new FetchFailure(reason, false);
    }

    /** An aborted network error (https://fetch.spec.whatwg.org/#concept-aborted-network-error). */
    public static FetchFailure aborted() {
        return new FetchFailure("the fetch was aborted", true);
    }

    public String reason() {
        return getMessage();
    }

    public boolean isAborted() {
        return aborted;
    }
}

package org.sw4j.webapi.fetch;

import java.util.Objects;

/** The {@code input} of {@code new Request(input, init)} and {@code fetch(input, init)}: a URL string or a request. */
public sealed interface RequestInput {

    /** A URL string (a USVString), parsed against the API base URL. */
    record UrlString(String url) implements RequestInput {
        public UrlString {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * An existing {@code Request} object: its request and whether its body is unusable
     * (https://fetch.spec.whatwg.org/#body-unusable) because the body's stream is disturbed or
     * locked. The request is not changed; a new one is made from it.
     */
    record FromRequest(FetchRequest request, boolean bodyUnusable) implements RequestInput {
        public FromRequest {
            Objects.requireNonNull(request, "request");
        }
    }
}

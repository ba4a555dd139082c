package org.sw4j.network.internal.fetch;

import java.util.List;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/** The pure parts of HTTP-redirect fetch (https://fetch.spec.whatwg.org/#http-redirect-fetch). */
public final class Redirects {
    /** The most redirects one fetch follows (https://fetch.spec.whatwg.org/#http-redirect-fetch, step 7). */
    public static final int MAX_REDIRECTS = 20;

    /** The request-body-header names (https://fetch.spec.whatwg.org/#request-body-header-name). */
    public static final List<String> REQUEST_BODY_HEADER_NAMES =
            List.of("Content-Encoding", "Content-Language", "Content-Location", "Content-Type");

    private Redirects() {
    }

    /** A response's location URL: absent, unparsable, or a URL. */
    public sealed interface Location {
        /** No {@code Location} header: the redirect response is the response. */
        record Absent() implements Location {
        }

        /** A {@code Location} that is not a URL: a network error. */
        record Invalid(String value) implements Location {
        }

        /** Where to go next. */
        record Target(Url url) implements Location {
        }
    }

    /**
     * Implements a response's location URL (https://fetch.spec.whatwg.org/#concept-response-location-url):
     * the {@code Location} header parsed against the response's URL, taking the request's fragment
     * when it has none. When the header repeats, the first value counts, as browsers do.
     */
    public static Location locationUrl(FetchResponse response, Url requestUrl) {
        List<String> values = response.headerList().getAll("Location");
        if (values.isEmpty() || response.status() < 300 || response.status() > 399) {
            return new Location.Absent();
        }
        String value = values.getFirst();
        Url base = response.url() != null ? response.url() : requestUrl;
        Url location;
        try {
            location = Url.parse(value, base);
        } catch (UrlParseException e) {
            return new Location.Invalid(value);
        }
        int requestHash = requestUrl.href().indexOf('#');
        if (location.href().indexOf('#') < 0 && requestHash >= 0) {
            location = Url.parse(location.href() + requestUrl.href().substring(requestHash));
        }
        return new Location.Target(location);
    }

    /**
     * Whether following a redirect with {@code status} turns a {@code method} request into a GET
     * without body (https://fetch.spec.whatwg.org/#http-redirect-fetch, step 12): 301 and 302 for
     * POST, 303 for anything but GET and HEAD.
     */
    public static boolean changesMethodToGet(int status, String method) {
        return ((status == 301 || status == 302) && method.equals("POST"))
                || (status == 303 && !method.equals("GET") && !method.equals("HEAD"));
    }
}

package org.sw4j.webapi.fetch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CORS protocol's decisions (https://fetch.spec.whatwg.org/#http-cors-protocol) as pure
 * functions: whether a request needs a preflight, what the preflight request is, whether a
 * preflight response allows the request, whether a response passes the CORS check, and which
 * response headers are exposed. Sending requests and caching preflights are the network layer's.
 *
 * <p>Requests given here must have their origin resolved (not "client"), as main fetch does first.
 */
public final class Cors {
    private Cors() {
    }

    /**
     * Implements the CORS check (https://fetch.spec.whatwg.org/#concept-cors-check):
     * {@code Access-Control-Allow-Origin} must be "*" (only without credentials) or exactly the
     * request's serialized origin, and with credentials {@code Access-Control-Allow-Credentials}
     * must be exactly "true".
     */
    public static boolean check(FetchRequest request, HeaderList responseHeaders) {
        String origin = responseHeaders.get("Access-Control-Allow-Origin");
        if (origin == null) {
            return false;
        }
        boolean include = request.credentials() == RequestCredentials.INCLUDE;
        if (!include && origin.equals("*")) {
            return true;
        }
        if (!request.serializeOrigin().equals(origin)) {
            return false;
        }
        if (!include) {
            return true;
        }
        return "true".equals(responseHeaders.get("Access-Control-Allow-Credentials"));
    }

    /**
     * Whether main fetch must make a CORS-preflight request before sending {@code request}
     * (https://fetch.spec.whatwg.org/#main-fetch, the CORS-preflight branch): the use-CORS-preflight
     * flag is set, or script made the request (unsafe-request flag) and its method is not
     * CORS-safelisted or it carries CORS-unsafe request headers. A preflight cache hit can still
     * make the preflight unnecessary; that lookup is the caller's.
     */
    public static boolean needsPreflight(FetchRequest request) {
        return request.useCorsPreflight() || (request.unsafeRequest()
                && (!Methods.isCorsSafelisted(request.method())
                        || !HeaderNames.corsUnsafeRequestHeaderNames(request.headerList()).isEmpty()));
    }

    /**
     * The preflight request of a CORS-preflight fetch (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0):
     * {@code OPTIONS} to the current URL with {@code Accept: *}{@code /*},
     * {@code Access-Control-Request-Method} and, when there are CORS-unsafe request headers,
     * {@code Access-Control-Request-Headers} listing their names; mode cors and tainting cors
     * (so credentials are never sent), service-workers mode none.
     */
    public static FetchRequest preflightRequest(FetchRequest request) {
        FetchRequest preflight = new FetchRequest(request.url());
        preflight.setUrlList(request.urlList());
        preflight.setMethod("OPTIONS");
        preflight.setInitiatorType(request.initiatorType());
        preflight.setDestination(request.destination());
        preflight.setClientOrigin(request.clientOrigin());
        preflight.setOrigin(request.origin());
        preflight.setReferrer(request.referrer());
        preflight.setReferrerPolicy(request.referrerPolicy());
        preflight.setMode(RequestMode.CORS);
        // Preflights go straight to the network: no service worker ever sees one.
        preflight.setServiceWorkersMode(FetchRequest.ServiceWorkersMode.NONE);
        preflight.setResponseTainting(FetchRequest.ResponseTainting.CORS);
        preflight.headerList().append("Accept", "*/*");
        preflight.headerList().append("Access-Control-Request-Method", request.method());
        List<String> headers = HeaderNames.corsUnsafeRequestHeaderNames(request.headerList());
        if (!headers.isEmpty()) {
            preflight.headerList().append("Access-Control-Request-Headers", String.join(",", headers));
        }
        return preflight;
    }

    /**
     * What a successful preflight allows, for the preflight cache.
     *
     * @param methods the allowed methods, as listed (may contain "*")
     * @param headerNames the allowed header names, as listed (may contain "*")
     * @param maxAgeSeconds {@code Access-Control-Max-Age}, or 5 when absent or unparsable
     */
    public record PreflightResult(List<String> methods, List<String> headerNames, long maxAgeSeconds) {
    }

    /**
     * Implements the checks a CORS-preflight fetch makes of its response
     * (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0, step 7): the CORS check, an ok
     * status, then {@code Access-Control-Allow-Methods} and {@code Access-Control-Allow-Headers},
     * where "*" stands for any method or header name (but not {@code Authorization}) only when the
     * request is without credentials.
     *
     * @return what the preflight allows, or null when the request is not allowed (a network error)
     */
    public static PreflightResult checkPreflightResponse(FetchRequest request, FetchResponse response) {
        if (!check(request, response.headerList()) || !FetchResponse.isOkStatus(response.status())) {
            return null;
        }
        List<String> methods = HeaderValues.extractTokenListValues("Access-Control-Allow-Methods",
                response.headerList());
        List<String> headerNames = HeaderValues.extractTokenListValues("Access-Control-Allow-Headers",
                response.headerList());
        if (methods == HeaderValues.FAILURE || headerNames == HeaderValues.FAILURE) {
            return null;
        }
        if (methods == null) {
            // A preflight forced by the use-CORS-preflight flag still caches the method it allowed.
            methods = request.useCorsPreflight() ? List.of(request.method()) : List.of();
        }
        if (headerNames == null) {
            headerNames = List.of();
        }
        boolean include = request.credentials() == RequestCredentials.INCLUDE;
        if (!methods.contains(request.method()) && !Methods.isCorsSafelisted(request.method())
                && (include || !methods.contains("*"))) {
            return null;
        }
        for (Header header : request.headerList()) {
            if (HeaderNames.isCorsNonWildcardRequestHeaderName(header.name())
                    && !containsIgnoringCase(headerNames, header.name())) {
                return null;
            }
        }
        for (String unsafeName : HeaderNames.corsUnsafeRequestHeaderNames(request.headerList())) {
            if (!containsIgnoringCase(headerNames, unsafeName) && (include || !headerNames.contains("*"))) {
                return null;
            }
        }
        return new PreflightResult(methods, headerNames, maxAge(response.headerList()));
    }

    private static long maxAge(HeaderList headers) {
        String value = headers.get("Access-Control-Max-Age");
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            return 5;
        }
        return Long.parseLong(value);
    }

    /**
     * The CORS-exposed header-name list a response gets from {@code Access-Control-Expose-Headers}
     * (https://fetch.spec.whatwg.org/#http-fetch, the step for response tainting cors): the listed
     * names, or, for a request without credentials listing "*", every header name of the response.
     * An absent or unparsable header exposes nothing extra.
     */
    public static List<String> exposedHeaderNames(HeaderList responseHeaders, RequestCredentials credentials) {
        List<String> headerNames = HeaderValues.extractTokenListValues("Access-Control-Expose-Headers",
                responseHeaders);
        if (headerNames == null || headerNames == HeaderValues.FAILURE) {
            return List.of();
        }
        if (credentials != RequestCredentials.INCLUDE && headerNames.contains("*")) {
            Set<String> unique = new LinkedHashSet<>();
            for (Header header : responseHeaders) {
                unique.add(HttpSyntax.asciiLowercase(header.name()));
            }
            return new ArrayList<>(unique);
        }
        return headerNames;
    }

    private static boolean containsIgnoringCase(List<String> names, String name) {
        for (String candidate : names) {
            if (HttpSyntax.equalsIgnoreAsciiCase(candidate, name)) {
                return true;
            }
        }
        return false;
    }
}

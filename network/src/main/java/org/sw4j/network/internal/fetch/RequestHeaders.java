package org.sw4j.network.internal.fetch;

import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.HeaderList;
import org.sw4j.webapi.fetch.RequestCache;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Origin;
import org.sw4j.webapi.url.Url;

/**
 * The request headers the user agent adds as HTTP-network-or-cache fetch
 * (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch) says: {@code Origin}, the Fetch
 * Metadata headers and the cache-mode headers. Decisions only: each method changes the header list
 * it is given and touches nothing else.
 */
public final class RequestHeaders {
    private RequestHeaders() {
    }

    /**
     * Implements append a request Origin header (https://fetch.spec.whatwg.org/#append-a-request-origin-header):
     * always for CORS and WebSocket requests; for other requests only when the method is neither
     * GET nor HEAD, and then "null" where the referrer policy hides the origin.
     */
    public static void appendRequestOriginHeader(FetchRequest request) {
        String serializedOrigin = request.serializeOrigin();
        if (request.responseTainting() == FetchRequest.ResponseTainting.CORS || request.mode() == RequestMode.WEBSOCKET) {
            request.headerList().append("Origin", serializedOrigin);
            return;
        }
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
            return;
        }
        if (request.mode() != RequestMode.CORS) {
            Origin origin = request.origin();
            Url current = request.currentUrl();
            switch (request.referrerPolicy()) {
                case NO_REFERRER -> serializedOrigin = "null";
                case NO_REFERRER_WHEN_DOWNGRADE, STRICT_ORIGIN, STRICT_ORIGIN_WHEN_CROSS_ORIGIN, EMPTY -> {
                    if (origin instanceof Origin.Tuple tuple && tuple.scheme().equals("https")
                            && !current.scheme().equals("https")) {
                        serializedOrigin = "null";
                    }
                }
                case SAME_ORIGIN -> {
                    if (!origin.isSameOrigin(current.originValue())) {
                        serializedOrigin = "null";
                    }
                }
                default -> {
                }
            }
        }
        request.headerList().append("Origin", serializedOrigin);
    }

    /**
     * Implements append the Fetch metadata headers for a request
     * (https://w3c.github.io/webappsec-fetch-metadata/#abstract-opdef-append-the-fetch-metadata-headers-for-a-request):
     * {@code Sec-Fetch-Dest}, {@code Sec-Fetch-Mode} and {@code Sec-Fetch-Site}, only to potentially
     * trustworthy URLs. {@code Sec-Fetch-User} is for navigations a user activated, which a worker
     * never makes, so it is never sent.
     */
    public static void appendFetchMetadataHeaders(FetchRequest request, Sites sites) {
        if (!Sites.isPotentiallyTrustworthy(request.currentUrl())) {
            return;
        }
        RequestDestination destination = request.destination();
        HeaderList headers = request.headerList();
        headers.set("Sec-Fetch-Dest", destination == RequestDestination.EMPTY ? "empty" : destination.jsName());
        headers.set("Sec-Fetch-Mode", request.mode().jsName());
        headers.set("Sec-Fetch-Site", secFetchSite(request, sites));
    }

    /**
     * The {@code Sec-Fetch-Site} value
     * (https://w3c.github.io/webappsec-fetch-metadata/#abstract-opdef-set-site): "same-origin" when
     * every URL of the URL list is same origin with the request's origin, "cross-site" when one is
     * not even same site, else "same-site".
     */
    static String secFetchSite(FetchRequest request, Sites sites) {
        Origin origin = request.origin();
        String value = "same-origin";
        for (Url url : request.urlList()) {
            Origin urlOrigin = url.originValue();
            if (urlOrigin.isSameOrigin(origin)) {
                continue;
            }
            value = "same-site";
            if (!sites.isSameSite(urlOrigin, origin)) {
                return "cross-site";
            }
        }
        return value;
    }

    /**
     * The cache-mode headers of HTTP-network-or-cache fetch (steps 5.15 to 5.17): a conditional
     * request in mode "default" becomes "no-store"; "no-cache" adds {@code Cache-Control: max-age=0};
     * "no-store" and "reload" add {@code Pragma: no-cache} and {@code Cache-Control: no-cache}; each
     * only when the header is absent.
     */
    public static void appendCacheModeHeaders(FetchRequest request) {
        HeaderList headers = request.headerList();
        if (request.cache() == RequestCache.DEFAULT && (headers.contains("If-Modified-Since")
                || headers.contains("If-None-Match") || headers.contains("If-Unmodified-Since")
                || headers.contains("If-Match") || headers.contains("If-Range"))) {
            request.setCache(RequestCache.NO_STORE);
        }
        if (request.cache() == RequestCache.NO_CACHE && !headers.contains("Cache-Control")) {
            headers.append("Cache-Control", "max-age=0");
        }
        if (request.cache() == RequestCache.NO_STORE || request.cache() == RequestCache.RELOAD) {
            if (!headers.contains("Pragma")) {
                headers.append("Pragma", "no-cache");
            }
            if (!headers.contains("Cache-Control")) {
                headers.append("Cache-Control", "no-cache");
            }
        }
    }
}

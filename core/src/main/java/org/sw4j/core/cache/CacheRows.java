package org.sw4j.core.cache;

import java.util.ArrayList;
import java.util.List;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.Header;
import org.sw4j.webapi.fetch.HeaderList;
import org.sw4j.webapi.fetch.Referrer;
import org.sw4j.webapi.fetch.ReferrerPolicy;
import org.sw4j.webapi.fetch.RequestCache;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.fetch.RequestRedirect;
import org.sw4j.webapi.fetch.ResponseType;
import org.sw4j.webapi.url.Url;

/**
 * Between the Fetch model's requests and responses and a store's rows. A response is stored as
 * its internal response plus the type of the view that was put, so a match rebuilds the same
 * filtered view (an opaque response stays opaque, its body kept but hidden).
 */
public final class CacheRows {
    private CacheRows() {}

    /** What the Cache API keeps of a request: never its body. */
    public static CachedRequest toRow(FetchRequest request) {
        return new CachedRequest(
                request.url().withoutFragment().href(),
                request.method(),
                headerRows(request.headerList()),
                request.mode().jsName(),
                request.credentials().jsName(),
                request.cache().jsName(),
                request.redirect().jsName(),
                request.referrer().jsValue(),
                request.referrerPolicy().jsName(),
                request.integrity(),
                request.destination().jsName());
    }

    /** A response's row, with no body yet (the store fills it in). */
    public static CachedResponse toRow(FetchResponse response) {
        FetchResponse internal = response.unfiltered();
        List<String> urls = new ArrayList<>();
        for (Url url : internal.urlList()) {
            urls.add(url.href());
        }
        return new CachedResponse(
                response.type().jsName(),
                internal.status(),
                internal.statusMessage(),
                urls,
                headerRows(internal.headerList()),
                internal.corsExposedHeaderNames(),
                internal.rangeRequested(),
                internal.requestIncludesCredentials(),
                -1,
                0);
    }

    /** The request a cached row stands for (Cache.keys()). */
    public static FetchRequest toRequest(CachedRequest row) {
        FetchRequest request = new FetchRequest(Url.parse(row.url()));
        request.setMethod(row.method());
        request.setHeaderList(headerList(row.headers()));
        request.setMode(RequestMode.fromJs(row.mode()));
        request.setCredentials(RequestCredentials.fromJs(row.credentials()));
        request.setCache(RequestCache.fromJs(row.cache()));
        request.setRedirect(RequestRedirect.fromJs(row.redirect()));
        request.setReferrer(switch (row.referrer()) {
            case "" -> Referrer.NO_REFERRER;
            case "about:client" -> Referrer.CLIENT;
            default -> Referrer.of(Url.parse(row.referrer()));
        });
        request.setReferrerPolicy(ReferrerPolicy.fromJs(row.referrerPolicy()));
        request.setIntegrity(row.integrity());
        request.setDestination(RequestDestination.fromJs(row.destination()));
        return request;
    }

    /**
     * The response a stored entry stands for: its internal response with {@code body} (null for a
     * null body), filtered as it was when put.
     */
    public static FetchResponse toResponse(CacheEntry entry, BodySource body) {
        CachedResponse row = entry.response();
        FetchResponse internal = new FetchResponse();
        List<Url> urls = new ArrayList<>();
        for (String url : row.urlList()) {
            urls.add(Url.parse(url));
        }
        internal.setUrlList(urls);
        internal.setStatus(row.status());
        internal.setStatusMessage(row.statusText());
        internal.setHeaderList(headerList(row.headers()));
        internal.setCorsExposedHeaderNames(row.corsExposedHeaderNames());
        internal.setRangeRequested(row.rangeRequested());
        internal.setRequestIncludesCredentials(row.requestIncludesCredentials());
        if (body != null) {
            internal.setBody(new Body(body, row.bodySize(), false));
        }
        return switch (ResponseType.fromJs(row.type())) {
            case BASIC -> internal.basic();
            case CORS -> internal.cors();
            case OPAQUE -> internal.opaque();
            case OPAQUEREDIRECT -> internal.opaqueRedirect();
            case DEFAULT -> internal;
            // The spec's put does not refuse Response.error(); it comes back as the network error it was.
            case ERROR -> FetchResponse.networkError();
        };
    }

    static List<HeaderRow> headerRows(HeaderList headers) {
        List<HeaderRow> rows = new ArrayList<>(headers.size());
        for (Header header : headers) {
            rows.add(new HeaderRow(header.name(), header.value()));
        }
        return rows;
    }

    static HeaderList headerList(List<HeaderRow> rows) {
        HeaderList headers = new HeaderList();
        for (HeaderRow row : rows) {
            headers.append(row.name(), row.value());
        }
        return headers;
    }
}

package org.sw4j.webapi.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sw4j.webapi.url.Url;

/**
 * A response (https://fetch.spec.whatwg.org/#concept-response): the Fetch Standard's response
 * concept, the state behind a JavaScript {@code Response} object and the result of fetching.
 *
 * <p>An unfiltered response is mutable through its setters. A filtered response
 * (https://fetch.spec.whatwg.org/#concept-filtered-response), made by {@link #basic()},
 * {@link #cors()}, {@link #opaque()} or {@link #opaqueRedirect()}, is a read-only view of its
 * {@link #internalResponse()}: the fields its filter hides read as empty, the others read through,
 * and its setters throw {@link IllegalStateException} (change the internal response instead).
 * Not thread-safe.
 */
public final class FetchResponse {
    private final ResponseType type;
    private final FetchResponse internal;

    private boolean aborted;
    private List<Url> urlList = new ArrayList<>();
    private int status = 200;
    private String statusMessage = "";
    private HeaderList headerList = new HeaderList();
    private Body body;
    private List<String> corsExposedHeaderNames = List.of();
    private boolean rangeRequested;
    private boolean requestIncludesCredentials = true;
    private boolean timingAllowPassed;

    /** A new response (https://fetch.spec.whatwg.org/#concept-response): type default, status 200, no headers, null body. */
    public FetchResponse() {
        this(ResponseType.DEFAULT, null);
    }

    private FetchResponse(ResponseType type, FetchResponse internal) {
        this.type = type;
        this.internal = internal;
    }

    /**
     * A network error (https://fetch.spec.whatwg.org/#concept-network-error): type error, status 0,
     * empty status message, no headers, null body.
     */
    public static FetchResponse networkError() {
        FetchResponse error = new FetchResponse(ResponseType.ERROR, null);
        error.status = 0;
        return error;
    }

    /** An aborted network error (https://fetch.spec.whatwg.org/#concept-aborted-network-error): a network error with the aborted flag set. */
    public static FetchResponse abortedNetworkError() {
        FetchResponse error = networkError();
        error.aborted = true;
        return error;
    }

    /** A null body status (https://fetch.spec.whatwg.org/#null-body-status): 101, 103, 204, 205 or 304. */
    public static boolean isNullBodyStatus(int status) {
        return status == 101 || status == 103 || status == 204 || status == 205 || status == 304;
    }

    /** An ok status (https://fetch.spec.whatwg.org/#ok-status): 200 to 299. */
    public static boolean isOkStatus(int status) {
        return status >= 200 && status <= 299;
    }

    /** A redirect status (https://fetch.spec.whatwg.org/#redirect-status): 301, 302, 303, 307 or 308. */
    public static boolean isRedirectStatus(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    // ---------------------------------------------------------------------------------------------
    // Filters

    /**
     * A basic filtered response (https://fetch.spec.whatwg.org/#concept-filtered-response-basic):
     * type basic, without the forbidden response headers ({@code Set-Cookie}, {@code Set-Cookie2}).
     */
    public FetchResponse basic() {
        FetchResponse filtered = filter(ResponseType.BASIC);
        for (Header header : headerList) {
            if (!HeaderNames.isForbiddenResponseHeaderName(header.name())) {
                filtered.headerList.append(header.name(), header.value());
            }
        }
        return filtered;
    }

    /**
     * A CORS filtered response (https://fetch.spec.whatwg.org/#concept-filtered-response-cors):
     * type cors, with only the CORS-safelisted response headers given this response's CORS-exposed
     * header-name list.
     */
    public FetchResponse cors() {
        FetchResponse filtered = filter(ResponseType.CORS);
        for (Header header : headerList) {
            if (HeaderNames.isCorsSafelistedResponseHeaderName(header.name(), corsExposedHeaderNames)) {
                filtered.headerList.append(header.name(), header.value());
            }
        }
        return filtered;
    }

    /**
     * An opaque filtered response (https://fetch.spec.whatwg.org/#concept-filtered-response-opaque):
     * type opaque, empty URL list, status 0, empty status message, no headers, null body.
     */
    public FetchResponse opaque() {
        return filter(ResponseType.OPAQUE);
    }

    /**
     * An opaque-redirect filtered response
     * (https://fetch.spec.whatwg.org/#concept-filtered-response-opaque-redirect): type opaqueredirect,
     * status 0, empty status message, no headers, null body. Unlike {@link #opaque()} it keeps the
     * URL list, which is harmless because no redirect was followed.
     */
    public FetchResponse opaqueRedirect() {
        return filter(ResponseType.OPAQUEREDIRECT);
    }

    private FetchResponse filter(ResponseType filteredType) {
        if (internal != null) {
            throw new IllegalStateException("a filtered response cannot be filtered again");
        }
        if (type == ResponseType.ERROR) {
            throw new IllegalStateException("a network error cannot be filtered");
        }
        return new FetchResponse(filteredType, this);
    }

    /** Whether this is a filtered response. */
    public boolean isFiltered() {
        return internal != null;
    }

    /** The internal response of a filtered response, or null for an unfiltered one. */
    public FetchResponse internalResponse() {
        return internal;
    }

    /** The internal response of a filtered response, else this response: where changes go. */
    public FetchResponse unfiltered() {
        return internal != null ? internal : this;
    }

    private boolean hidesContent() {
        return type == ResponseType.OPAQUE || type == ResponseType.OPAQUEREDIRECT;
    }

    // ---------------------------------------------------------------------------------------------
    // Fields

    public ResponseType type() {
        return type;
    }

    /** Whether this is a network error (https://fetch.spec.whatwg.org/#concept-network-error): type error. */
    public boolean isNetworkError() {
        return type == ResponseType.ERROR;
    }

    /** The aborted flag (https://fetch.spec.whatwg.org/#concept-response-aborted). */
    public boolean aborted() {
        return internal != null ? internal.aborted : aborted;
    }

    /** The URL list (https://fetch.spec.whatwg.org/#concept-response-url-list); a snapshot. */
    public List<Url> urlList() {
        if (type == ResponseType.OPAQUE && internal != null) {
            return List.of();
        }
        return List.copyOf(internal != null ? internal.urlList : urlList);
    }

    /** The response's URL (https://fetch.spec.whatwg.org/#concept-response-url): the last of the URL list, or null. */
    public Url url() {
        List<Url> urls = urlList();
        return urls.isEmpty() ? null : urls.getLast();
    }

    /**
     * The {@code Response.url} getter's value (https://fetch.spec.whatwg.org/#dom-response-url): the
     * URL serialized without its fragment, or "" when there is none.
     */
    public String jsUrl() {
        Url url = url();
        return url == null ? "" : url.withoutFragment().href();
    }

    /** Whether the response was redirected: its URL list holds more than one URL ({@code Response.redirected}). */
    public boolean redirected() {
        return urlList().size() > 1;
    }

    public int status() {
        if (hidesContent() && internal != null) {
            return 0;
        }
        return internal != null ? internal.status : status;
    }

    /** The status message (https://fetch.spec.whatwg.org/#concept-response-status-message), a byte string. */
    public String statusMessage() {
        if (hidesContent() && internal != null) {
            return "";
        }
        return internal != null ? internal.statusMessage : statusMessage;
    }

    /**
     * Whether the status is an ok status, as {@code Response.ok} reports.
     */
    public boolean ok() {
        return isOkStatus(status());
    }

    /**
     * The header list: live for an unfiltered response; for a filtered one, the filter's own list,
     * fixed when the filter was applied.
     */
    public HeaderList headerList() {
        return headerList;
    }

    /** The body, or null. */
    public Body body() {
        if (hidesContent() && internal != null) {
            return null;
        }
        return internal != null ? internal.body : body;
    }

    /** The CORS-exposed header-name list (https://fetch.spec.whatwg.org/#concept-response-cors-exposed-header-name-list). */
    public List<String> corsExposedHeaderNames() {
        return internal != null ? internal.corsExposedHeaderNames : corsExposedHeaderNames;
    }

    /** The range-requested flag (https://fetch.spec.whatwg.org/#concept-response-range-requested-flag). */
    public boolean rangeRequested() {
        return internal != null ? internal.rangeRequested : rangeRequested;
    }

    /** The request-includes-credentials flag (https://fetch.spec.whatwg.org/#response-request-includes-credentials), initially true. */
    public boolean requestIncludesCredentials() {
        return internal != null ? internal.requestIncludesCredentials : requestIncludesCredentials;
    }

    /** The timing allow passed flag (https://fetch.spec.whatwg.org/#concept-response-timing-allow-passed). */
    public boolean timingAllowPassed() {
        return internal != null ? internal.timingAllowPassed : timingAllowPassed;
    }

    public void setAborted(boolean aborted) {
        requireUnfiltered().aborted = aborted;
    }

    public void setUrlList(List<Url> urls) {
        requireUnfiltered().urlList = new ArrayList<>(urls);
    }

    public void setStatus(int status) {
        requireUnfiltered().status = status;
    }

    public void setStatusMessage(String statusMessage) {
        requireUnfiltered().statusMessage = Objects.requireNonNull(statusMessage, "statusMessage");
    }

    public void setHeaderList(HeaderList headerList) {
        requireUnfiltered().headerList = Objects.requireNonNull(headerList, "headerList");
    }

    public void setBody(Body body) {
        requireUnfiltered().body = body;
    }

    public void setCorsExposedHeaderNames(List<String> names) {
        requireUnfiltered().corsExposedHeaderNames = List.copyOf(names);
    }

    public void setRangeRequested(boolean rangeRequested) {
        requireUnfiltered().rangeRequested = rangeRequested;
    }

    public void setRequestIncludesCredentials(boolean requestIncludesCredentials) {
        requireUnfiltered().requestIncludesCredentials = requestIncludesCredentials;
    }

    public void setTimingAllowPassed(boolean timingAllowPassed) {
        requireUnfiltered().timingAllowPassed = timingAllowPassed;
    }

    private FetchResponse requireUnfiltered() {
        if (internal != null) {
            throw new IllegalStateException("a filtered response is a read-only view; change its internal response");
        }
        return this;
    }

    /**
     * Implements clone a response (https://fetch.spec.whatwg.org/#concept-response-clone) except for
     * the body: a filtered response is cloned as the same filter over a clone of its internal
     * response. The copy's body is null; the caller tees the stream and sets one branch on
     * {@code copy.unfiltered()} with {@link Body#withStream}.
     */
    @Override
    public FetchResponse clone() {
        if (internal != null) {
            FetchResponse internalCopy = internal.clone();
            FetchResponse copy = new FetchResponse(type, internalCopy);
            copy.headerList = headerList.copy();
            return copy;
        }
        FetchResponse copy = new FetchResponse(type, null);
        copy.aborted = aborted;
        copy.urlList = new ArrayList<>(urlList);
        copy.status = status;
        copy.statusMessage = statusMessage;
        copy.headerList = headerList.copy();
        copy.corsExposedHeaderNames = corsExposedHeaderNames;
        copy.rangeRequested = rangeRequested;
        copy.requestIncludesCredentials = requestIncludesCredentials;
        copy.timingAllowPassed = timingAllowPassed;
        return copy;
    }

    @Override
    public String toString() {
        return "FetchResponse[" + type.jsName() + " " + status() + " " + jsUrl() + "]";
    }
}

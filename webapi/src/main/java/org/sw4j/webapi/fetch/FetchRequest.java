package org.sw4j.webapi.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sw4j.webapi.url.Origin;
import org.sw4j.webapi.url.Url;

/**
 * A request (https://fetch.spec.whatwg.org/#concept-request): the Fetch Standard's request
 * concept, the state behind a JavaScript {@code Request} object and the input of fetching.
 *
 * <p>Mutable, as the concept is: fetching changes the URL list, the redirect count and the
 * response tainting as it goes. Fields start at the standard's defaults. The request's client (an
 * environment settings object) is represented by the one thing this model needs from it, its
 * origin ({@link #clientOrigin()}). Not thread-safe.
 */
public final class FetchRequest {

    /** A request's service-workers mode (https://fetch.spec.whatwg.org/#request-service-workers-mode). */
    public enum ServiceWorkersMode {
        /** Service workers get a fetch event for this fetch. */
        ALL,
        /** No service worker sees this fetch. */
        NONE
    }

    /** A request's response tainting (https://fetch.spec.whatwg.org/#concept-request-response-tainting). */
    public enum ResponseTainting {
        BASIC, CORS, OPAQUE
    }

    private String method = "GET";
    private final List<Url> urlList = new ArrayList<>();
    private HeaderList headerList = new HeaderList();
    private boolean unsafeRequest;
    private Body body;
    private Origin clientOrigin;
    private Origin origin;
    private Referrer referrer = Referrer.CLIENT;
    private ReferrerPolicy referrerPolicy = ReferrerPolicy.EMPTY;
    private RequestMode mode = RequestMode.NO_CORS;
    private RequestCredentials credentials = RequestCredentials.SAME_ORIGIN;
    private RequestCache cache = RequestCache.DEFAULT;
    private RequestRedirect redirect = RequestRedirect.FOLLOW;
    private String integrity = "";
    private boolean keepalive;
    private RequestDestination destination = RequestDestination.EMPTY;
    private String initiatorType;
    private RequestPriority priority = RequestPriority.AUTO;
    private RequestDuplex duplex;
    private ServiceWorkersMode serviceWorkersMode = ServiceWorkersMode.ALL;
    private boolean reloadNavigation;
    private boolean historyNavigation;
    private boolean useCorsPreflight;
    private int redirectCount;
    private ResponseTainting responseTainting = ResponseTainting.BASIC;

    /** A new request for {@code url} with every other field at its default. */
    public FetchRequest(Url url) {
        urlList.add(Objects.requireNonNull(url, "url"));
    }

    /** The request's URL (https://fetch.spec.whatwg.org/#concept-request-url): the first of the URL list. */
    public Url url() {
        return urlList.getFirst();
    }

    /** The request's current URL (https://fetch.spec.whatwg.org/#concept-request-current-url): the last of the URL list. */
    public Url currentUrl() {
        return urlList.getLast();
    }

    /** The URL list (https://fetch.spec.whatwg.org/#concept-request-url-list), never empty; a snapshot. */
    public List<Url> urlList() {
        return List.copyOf(urlList);
    }

    /** Replaces the URL list; {@code urls} must not be empty. */
    public void setUrlList(List<Url> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a request's URL list cannot be empty");
        }
        urlList.clear();
        urlList.addAll(urls);
    }

    /** Appends {@code url} to the URL list, as following a redirect does. */
    public void addUrl(Url url) {
        urlList.add(Objects.requireNonNull(url, "url"));
    }

    public String method() {
        return method;
    }

    public void setMethod(String method) {
        this.method = Objects.requireNonNull(method, "method");
    }

    /** The header list, live: a {@link Headers} over it shares it. */
    public HeaderList headerList() {
        return headerList;
    }

    public void setHeaderList(HeaderList headerList) {
        this.headerList = Objects.requireNonNull(headerList, "headerList");
    }

    /**
     * The unsafe-request flag (https://fetch.spec.whatwg.org/#unsafe-request-flag): set for requests
     * script made, so CORS checks apply.
     */
    public boolean unsafeRequest() {
        return unsafeRequest;
    }

    public void setUnsafeRequest(boolean unsafeRequest) {
        this.unsafeRequest = unsafeRequest;
    }

    /** The body, or null. */
    public Body body() {
        return body;
    }

    public void setBody(Body body) {
        this.body = body;
    }

    /** The origin of the request's client, the environment that made it; null when there is no client. */
    public Origin clientOrigin() {
        return clientOrigin;
    }

    public void setClientOrigin(Origin clientOrigin) {
        this.clientOrigin = clientOrigin;
    }

    /**
     * The request's origin (https://fetch.spec.whatwg.org/#concept-request-origin); null stands for
     * "client", resolved to {@link #clientOrigin()} when fetching.
     */
    public Origin origin() {
        return origin;
    }

    public void setOrigin(Origin origin) {
        this.origin = origin;
    }

    public Referrer referrer() {
        return referrer;
    }

    public void setReferrer(Referrer referrer) {
        this.referrer = Objects.requireNonNull(referrer, "referrer");
    }

    public ReferrerPolicy referrerPolicy() {
        return referrerPolicy;
    }

    public void setReferrerPolicy(ReferrerPolicy referrerPolicy) {
        this.referrerPolicy = Objects.requireNonNull(referrerPolicy, "referrerPolicy");
    }

    public RequestMode mode() {
        return mode;
    }

    public void setMode(RequestMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** The credentials mode (https://fetch.spec.whatwg.org/#concept-request-credentials-mode). */
    public RequestCredentials credentials() {
        return credentials;
    }

    public void setCredentials(RequestCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** The cache mode (https://fetch.spec.whatwg.org/#concept-request-cache-mode). */
    public RequestCache cache() {
        return cache;
    }

    public void setCache(RequestCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The redirect mode (https://fetch.spec.whatwg.org/#concept-request-redirect-mode). */
    public RequestRedirect redirect() {
        return redirect;
    }

    public void setRedirect(RequestRedirect redirect) {
        this.redirect = Objects.requireNonNull(redirect, "redirect");
    }

    /** The integrity metadata (https://fetch.spec.whatwg.org/#concept-request-integrity-metadata), a string; see {@link IntegrityMetadata}. */
    public String integrity() {
        return integrity;
    }

    public void setIntegrity(String integrity) {
        this.integrity = Objects.requireNonNull(integrity, "integrity");
    }

    public boolean keepalive() {
        return keepalive;
    }

    public void setKeepalive(boolean keepalive) {
        this.keepalive = keepalive;
    }

    public RequestDestination destination() {
        return destination;
    }

    public void setDestination(RequestDestination destination) {
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    /** The initiator type (https://fetch.spec.whatwg.org/#request-initiator-type), such as "fetch", or null. */
    public String initiatorType() {
        return initiatorType;
    }

    public void setInitiatorType(String initiatorType) {
        this.initiatorType = initiatorType;
    }

    public RequestPriority priority() {
        return priority;
    }

    public void setPriority(RequestPriority priority) {
        this.priority = Objects.requireNonNull(priority, "priority");
    }

    /** The duplex given at construction, or null; {@code Request.duplex} always answers "half". */
    public RequestDuplex duplex() {
        return duplex;
    }

    public void setDuplex(RequestDuplex duplex) {
        this.duplex = duplex;
    }

    public ServiceWorkersMode serviceWorkersMode() {
        return serviceWorkersMode;
    }

    public void setServiceWorkersMode(ServiceWorkersMode serviceWorkersMode) {
        this.serviceWorkersMode = Objects.requireNonNull(serviceWorkersMode, "serviceWorkersMode");
    }

    /** The reload-navigation flag (https://fetch.spec.whatwg.org/#concept-request-reload-navigation-flag). */
    public boolean reloadNavigation() {
        return reloadNavigation;
    }

    public void setReloadNavigation(boolean reloadNavigation) {
        this.reloadNavigation = reloadNavigation;
    }

    /** The history-navigation flag (https://fetch.spec.whatwg.org/#concept-request-history-navigation-flag). */
    public boolean historyNavigation() {
        return historyNavigation;
    }

    public void setHistoryNavigation(boolean historyNavigation) {
        this.historyNavigation = historyNavigation;
    }

    /** The use-CORS-preflight flag (https://fetch.spec.whatwg.org/#use-cors-preflight-flag). */
    public boolean useCorsPreflight() {
        return useCorsPreflight;
    }

    public void setUseCorsPreflight(boolean useCorsPreflight) {
        this.useCorsPreflight = useCorsPreflight;
    }

    public int redirectCount() {
        return redirectCount;
    }

    public void setRedirectCount(int redirectCount) {
        this.redirectCount = redirectCount;
    }

    public ResponseTainting responseTainting() {
        return responseTainting;
    }

    public void setResponseTainting(ResponseTainting responseTainting) {
        this.responseTainting = Objects.requireNonNull(responseTainting, "responseTainting");
    }

    /**
     * Whether the request is a navigation request (https://fetch.spec.whatwg.org/#navigation-request):
     * its destination is document, embed, frame, iframe, object or report.
     */
    public boolean isNavigationRequest() {
        return switch (destination) {
            case DOCUMENT, EMBED, FRAME, IFRAME, OBJECT, REPORT -> true;
            default -> false;
        };
    }

    /**
     * Whether the request's redirect-taint (https://fetch.spec.whatwg.org/#concept-request-tainted-origin)
     * is "same-origin": no redirect in the URL list went from one origin to another while the
     * request's origin differed from the origin redirected from. (The "same-site" and "cross-site"
     * taints differ only where site information matters, which nothing here needs.)
     *
     * @throws IllegalStateException when the origin is still "client"
     */
    public boolean hasSameOriginRedirectTaint() {
        Origin requestOrigin = requireOrigin();
        Origin last = null;
        for (Url url : urlList) {
            // Compute each origin once: a URL with an opaque origin gets a fresh one per call.
            Origin current = url.originValue();
            if (last != null && !current.isSameOrigin(last) && !requestOrigin.isSameOrigin(last)) {
                return false;
            }
            last = current;
        }
        return true;
    }

    /**
     * Implements serializing a request origin (https://fetch.spec.whatwg.org/#serializing-a-request-origin):
     * "null" once a redirect has tainted it, else the origin serialized. This is the {@code Origin}
     * header's value and what {@code Access-Control-Allow-Origin} is checked against.
     *
     * @throws IllegalStateException when the origin is still "client"
     */
    public String serializeOrigin() {
        Origin requestOrigin = requireOrigin();
        return hasSameOriginRedirectTaint() ? requestOrigin.serialize() : "null";
    }

    private Origin requireOrigin() {
        if (origin == null) {
            throw new IllegalStateException("the request's origin is still \"client\"");
        }
        return origin;
    }

    /**
     * Implements clone a request (https://fetch.spec.whatwg.org/#concept-request-clone) except for
     * the body: the copy has its own URL list and header list and a null body. The caller, who owns
     * the body's stream, tees it and gives the copy one branch with {@link Body#withStream}.
     */
    @Override
    public FetchRequest clone() {
        FetchRequest copy = new FetchRequest(url());
        copy.urlList.clear();
        copy.urlList.addAll(urlList);
        copy.method = method;
        copy.headerList = headerList.copy();
        copy.unsafeRequest = unsafeRequest;
        copy.clientOrigin = clientOrigin;
        copy.origin = origin;
        copy.referrer = referrer;
        copy.referrerPolicy = referrerPolicy;
        copy.mode = mode;
        copy.credentials = credentials;
        copy.cache = cache;
        copy.redirect = redirect;
        copy.integrity = integrity;
        copy.keepalive = keepalive;
        copy.destination = destination;
        copy.initiatorType = initiatorType;
        copy.priority = priority;
        copy.duplex = duplex;
        copy.serviceWorkersMode = serviceWorkersMode;
        copy.reloadNavigation = reloadNavigation;
        copy.historyNavigation = historyNavigation;
        copy.useCorsPreflight = useCorsPreflight;
        copy.redirectCount = redirectCount;
        copy.responseTainting = responseTainting;
        return copy;
    }

    @Override
    public String toString() {
        return "FetchRequest[" + method + " " + currentUrl() + ", mode=" + mode.jsName() + "]";
    }
}

package org.sw4j.network.internal.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.network.Call;
import org.sw4j.network.Cookie;
import org.sw4j.network.CookieJar;
import org.sw4j.network.HeaderFields;
import org.sw4j.network.NetworkClient;
import org.sw4j.network.NetworkException;
import org.sw4j.network.NetworkRequest;
import org.sw4j.network.NetworkResponse;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.Cors;
import org.sw4j.webapi.fetch.DataUrl;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchRequest.ResponseTainting;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.Header;
import org.sw4j.webapi.fetch.HeaderList;
import org.sw4j.webapi.fetch.HeaderNames;
import org.sw4j.webapi.fetch.IntegrityMetadata;
import org.sw4j.webapi.fetch.Methods;
import org.sw4j.webapi.fetch.Referrer;
import org.sw4j.webapi.fetch.ReferrerPolicy;
import org.sw4j.webapi.fetch.RequestCache;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.fetch.RequestRedirect;
import org.sw4j.webapi.fetch.ResponseType;
import org.sw4j.webapi.url.Origin;
import org.sw4j.webapi.url.Url;

/**
 * One fetch, from "fetch" to the response handed over: the Fetch Standard's fetching algorithms
 * (https://fetch.spec.whatwg.org/#fetching), one method each, named after them. Decisions are
 * delegated to the pure classes around ({@link Cors}, {@link Redirects}, {@link Referrers},
 * {@link RequestHeaders}, {@link BadPorts}); this class does the effects: network calls, cookies,
 * the preflight cache.
 *
 * <p>Where the standard returns a network error, these methods throw {@link FetchFailure} with the
 * reason; {@link #run} turns it into the outcome. Runs on one (virtual) thread; only the
 * {@link FetchController} is shared with the aborting thread.
 */
public final class Fetching {
    private static final Logger LOG = LoggerFactory.getLogger(Fetching.class);
    private static final int MAX_URL_IN_MESSAGE = 200;

    /** What every fetch of one fetcher shares. */
    public record Services(NetworkClient client, CookieJar cookies, CorsPreflightCache preflightCache, Sites sites,
            KeepaliveQuota keepalive) {
    }

    private final Services services;
    private final FetchEnvironment environment;
    private final FetchController controller;
    /** The request body's source (https://fetch.spec.whatwg.org/#concept-body-source), null for none or a stream. */
    private byte[] bodySource;
    private long keepaliveReserved;

    public Fetching(Services services, FetchEnvironment environment, FetchController controller) {
        this.services = services;
        this.environment = environment;
        this.controller = controller;
    }

    /** Fetches {@code request} and hands the response over, or the network error with its reason. */
    public FetchOutcome run(FetchRequest request) {
        try {
            FetchResponse response = fetch(request);
            FetchResponse internal = response.unfiltered();
            Body body = internal.body();
            if (body != null) {
                internal.setBody(body.withStream(controller.abortable(body.stream())));
            }
            if (controller.isAborted()) {
                closeBody(response);
                return FetchOutcome.aborted();
            }
            return FetchOutcome.of(response);
        } catch (FetchFailure failure) {
            return failure.isAborted() || controller.isAborted() ? FetchOutcome.aborted()
                    : FetchOutcome.networkError(failure.reason());
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure fetching {}", request.currentUrl(), e);
            return FetchOutcome.networkError("unexpected failure fetching " + describe(request.currentUrl()) + ": " + e);
        } finally {
            if (keepaliveReserved > 0) {
                services.keepalive().release(environment.partitionKey(), keepaliveReserved);
            }
        }
    }

    /**
     * Implements fetch (https://fetch.spec.whatwg.org/#concept-fetch), the steps before main fetch:
     * the "client" origin resolved, {@code Accept} and {@code Accept-Language} defaults, and a body
     * that is not a stream read into memory, its source, so a 307 or 308 redirect can send it again.
     */
    FetchResponse fetch(FetchRequest request) throws FetchFailure {
        if (request.clientOrigin() == null) {
            request.setClientOrigin(environment.origin());
        }
        if (request.origin() == null) {
            request.setOrigin(request.clientOrigin());
        }
        if (!request.headerList().contains("Accept")) {
            // Destination-specific values are for the user agent's own subresource fetches; fetch()'s destination is "".
            request.headerList().append("Accept", "*/*");
        }
        String acceptLanguage = environment.acceptLanguage();
        if (acceptLanguage != null && !acceptLanguage.isEmpty() && !request.headerList().contains("Accept-Language")) {
            request.headerList().append("Accept-Language", acceptLanguage);
        }
        Body body = request.body();
        if (body != null && !body.fromReadableStream()) {
            try {
                bodySource = readAll(body.stream());
            } catch (IOException e) {
                throw FetchFailure.of("cannot read the request body: " + e.getMessage());
            }
            request.setBody(new Body(BodySource.of(bodySource), bodySource.length, false));
        }
        return mainFetch(request, false);
    }

    /** Implements main fetch (https://fetch.spec.whatwg.org/#concept-main-fetch). */
    FetchResponse mainFetch(FetchRequest request, boolean recursive) throws FetchFailure {
        controller.throwIfAborted();
        Url url = request.currentUrl();
        int badPort = BadPorts.blockingPort(url);
        if (badPort >= 0) {
            throw FetchFailure.of("fetching " + describe(url) + " is blocked: port " + badPort
                    + " is a bad port (https://fetch.spec.whatwg.org/#bad-port)");
        }
        if (request.referrerPolicy() == ReferrerPolicy.EMPTY) {
            ReferrerPolicy clientPolicy = environment.referrerPolicy();
            request.setReferrerPolicy(clientPolicy != ReferrerPolicy.EMPTY ? clientPolicy : Referrers.DEFAULT_POLICY);
        }
        if (!(request.referrer() instanceof Referrer.NoReferrer)) {
            Url referrer = Referrers.determineReferrer(request, environment.baseUrl());
            request.setReferrer(referrer == null ? Referrer.NO_REFERRER : Referrer.of(referrer));
        }

        FetchResponse response = fetchByModeAndScheme(request);
        if (recursive) {
            return response;
        }
        if (!response.isFiltered()) {
            response = switch (request.responseTainting()) {
                case BASIC -> response.basic();
                case CORS -> {
                    response.setCorsExposedHeaderNames(Cors.exposedHeaderNames(response.headerList(),
                            request.credentials()));
                    yield response.cors();
                }
                case OPAQUE -> response.opaque();
            };
        }
        FetchResponse internal = response.unfiltered();
        if (internal.urlList().isEmpty()) {
            internal.setUrlList(request.urlList());
        }
        if (response.type() == ResponseType.OPAQUE && internal.status() == 206 && internal.rangeRequested()
                && !request.headerList().contains("Range")) {
            closeBody(internal);
            throw FetchFailure.of("an opaque partial (206) response from " + describe(url)
                    + " answers a request the user agent made with Range; script cannot see it");
        }
        if (request.method().equals("HEAD") || request.method().equals("CONNECT")
                || FetchResponse.isNullBodyStatus(internal.status())) {
            closeBody(internal);
            internal.setBody(null);
        }
        if (!request.integrity().isEmpty()) {
            checkIntegrity(request, response);
        }
        return response;
    }

    /** Main fetch's step 11: which fetch the request's mode and URL call for, and its response tainting. */
    private FetchResponse fetchByModeAndScheme(FetchRequest request) throws FetchFailure {
        Url url = request.currentUrl();
        Origin origin = request.origin();
        boolean sameOrigin = url.originValue().isSameOrigin(origin);
        if ((sameOrigin && request.responseTainting() == ResponseTainting.BASIC) || url.scheme().equals("data")
                || request.mode() == RequestMode.NAVIGATE || request.mode() == RequestMode.WEBSOCKET) {
            request.setResponseTainting(ResponseTainting.BASIC);
            return schemeFetch(request);
        }
        if (request.mode() == RequestMode.SAME_ORIGIN) {
            throw FetchFailure.of("request mode is 'same-origin' but " + describe(url)
                    + " is not same origin with " + origin.serialize());
        }
        if (request.mode() == RequestMode.NO_CORS) {
            if (request.redirect() != RequestRedirect.FOLLOW) {
                throw FetchFailure.of("a 'no-cors' request for cross-origin " + describe(url)
                        + " must have redirect mode 'follow', not '" + request.redirect().jsName() + "'");
            }
            request.setResponseTainting(ResponseTainting.OPAQUE);
            return schemeFetch(request);
        }
        if (!isHttpScheme(url)) {
            throw FetchFailure.of("cannot fetch " + describe(url) + " in '" + request.mode().jsName()
                    + "' mode: it is cross-origin and only http(s) URLs take part in CORS");
        }
        request.setResponseTainting(ResponseTainting.CORS);
        if (Cors.needsPreflight(request)) {
            try {
                return httpFetch(request, true);
            } catch (FetchFailure failure) {
                services.preflightCache().clear(preflightKey(request));
                throw failure;
            }
        }
        return httpFetch(request, false);
    }

    /** Implements scheme fetch (https://fetch.spec.whatwg.org/#scheme-fetch). */
    FetchResponse schemeFetch(FetchRequest request) throws FetchFailure {
        controller.throwIfAborted();
        Url url = request.currentUrl();
        switch (url.scheme()) {
            case "about" -> {
                if (!url.pathname().equals("blank")) {
                    throw FetchFailure.of("cannot fetch " + describe(url) + ": of about: URLs, only about:blank can be"
                            + " fetched");
                }
                return localResponse("text/html;charset=utf-8", new byte[0]);
            }
            case "data" -> {
                DataUrl data = DataUrl.process(url);
                if (data == null) {
                    throw FetchFailure.of("invalid data: URL " + describe(url)
                            + ": it has no comma, or its base64 body does not decode");
                }
                return localResponse(data.mimeType().serialize(), data.body());
            }
            case "http", "https" -> {
                return httpFetch(request, false);
            }
            case "blob" -> throw FetchFailure.of("cannot fetch " + describe(url)
                    + ": blob: URLs are not supported (sw4j has no blob URL store)");
            case "file" -> throw FetchFailure.of("cannot fetch " + describe(url)
                    + ": file: URLs are not supported (the Fetch Standard leaves them to the implementation)");
            default -> throw FetchFailure.of("cannot fetch " + describe(url) + ": the URL scheme '" + url.scheme()
                    + "' is not supported");
        }
    }

    private static FetchResponse localResponse(String contentType, byte[] body) {
        FetchResponse response = new FetchResponse();
        response.setStatusMessage("OK");
        response.headerList().append("Content-Type", contentType);
        response.setBody(Body.of(body));
        return response;
    }

    /** Implements HTTP fetch (https://fetch.spec.whatwg.org/#concept-http-fetch); service workers never see these fetches. */
    FetchResponse httpFetch(FetchRequest request, boolean makeCorsPreflight) throws FetchFailure {
        controller.throwIfAborted();
        if (makeCorsPreflight && preflightNeeded(request)) {
            corsPreflightFetch(request);
        }
        if (request.redirect() == RequestRedirect.FOLLOW) {
            request.setServiceWorkersMode(FetchRequest.ServiceWorkersMode.NONE);
        }
        FetchResponse response = httpNetworkOrCacheFetch(request);
        String url = describe(request.currentUrl());
        if (request.responseTainting() == ResponseTainting.CORS && !Cors.check(request, response.headerList())) {
            closeBody(response);
            throw FetchFailure.of(CorsDiagnosis.checkFailure(request, response.headerList(), url));
        }
        if (request.responseTainting() == ResponseTainting.OPAQUE && crossOriginResourcePolicyBlocks(request, response)) {
            closeBody(response);
            throw FetchFailure.of("the response from " + url + " is blocked by its Cross-Origin-Resource-Policy '"
                    + response.headerList().get("Cross-Origin-Resource-Policy") + "'");
        }
        if (FetchResponse.isRedirectStatus(response.status())) {
            switch (request.redirect()) {
                case ERROR -> {
                    closeBody(response);
                    String location = response.headerList().get("Location");
                    throw FetchFailure.of("redirect mode is 'error' and " + url + " redirected (" + response.status()
                            + (location == null ? "" : " to " + location) + ")");
                }
                case MANUAL -> {
                    // No one can read an opaque redirect's body; release the connection now.
                    closeBody(response);
                    response.setBody(null);
                    return response.opaqueRedirect();
                }
                case FOLLOW -> {
                    return httpRedirectFetch(request, response);
                }
            }
        }
        return response;
    }

    /**
     * Implements cross-origin resource policy internal check
     * (https://fetch.spec.whatwg.org/#cross-origin-resource-policy-internal-check), without the
     * embedder policy, which workers here do not have.
     */
    private boolean crossOriginResourcePolicyBlocks(FetchRequest request, FetchResponse response) {
        String policy = response.headerList().get("Cross-Origin-Resource-Policy");
        Origin responseOrigin = request.currentUrl().originValue();
        if ("same-origin".equals(policy)) {
            return !request.origin().isSameOrigin(responseOrigin);
        }
        if ("same-site".equals(policy)) {
            boolean sameSite = schemelesslySameSite(request.origin(), responseOrigin);
            boolean downgrade = request.origin() instanceof Origin.Tuple tuple && tuple.scheme().equals("https")
                    && !request.currentUrl().scheme().equals("https");
            return !sameSite || downgrade;
        }
        return false;
    }

    private boolean schemelesslySameSite(Origin a, Origin b) {
        if (a instanceof Origin.Tuple ta && b instanceof Origin.Tuple tb) {
            return services.sites().isSameSite(new Origin.Tuple("https", ta.host(), -1),
                    new Origin.Tuple("https", tb.host(), -1));
        }
        return false;
    }

    /** Implements HTTP-redirect fetch (https://fetch.spec.whatwg.org/#http-redirect-fetch). */
    FetchResponse httpRedirectFetch(FetchRequest request, FetchResponse response) throws FetchFailure {
        FetchResponse internal = response.unfiltered();
        Url current = request.currentUrl();
        Url location;
        switch (Redirects.locationUrl(internal, current)) {
            case Redirects.Location.Absent absent -> {
                return response;
            }
            case Redirects.Location.Invalid invalid -> {
                closeBody(internal);
                throw FetchFailure.of("the redirect from " + describe(current) + " has an invalid Location '"
                        + invalid.value() + "'");
            }
            case Redirects.Location.Target target -> location = target.url();
        }
        // The redirect's own body is never read.
        closeBody(internal);
        int status = internal.status();
        if (!isHttpScheme(location)) {
            throw FetchFailure.of("the redirect from " + describe(current) + " to " + describe(location)
                    + " is not followed: only http(s) URLs can be redirected to");
        }
        if (request.redirectCount() == Redirects.MAX_REDIRECTS) {
            throw FetchFailure.of("too many redirects (" + Redirects.MAX_REDIRECTS + "), the last from "
                    + describe(current));
        }
        request.setRedirectCount(request.redirectCount() + 1);
        if (location.includesCredentials() && ((request.mode() == RequestMode.CORS
                && !request.origin().isSameOrigin(location.originValue()))
                || request.responseTainting() == ResponseTainting.CORS)) {
            throw FetchFailure.of("a CORS request cannot follow the redirect from " + describe(current)
                    + " to a URL with credentials (" + describe(location) + ")");
        }
        if (status != 303 && request.body() != null && request.body().fromReadableStream()) {
            throw FetchFailure.of("cannot follow the " + status + " redirect from " + describe(current)
                    + ": the request body came from a ReadableStream, which cannot be sent again");
        }
        if (Redirects.changesMethodToGet(status, request.method())) {
            request.setMethod("GET");
            request.setBody(null);
            for (String name : Redirects.REQUEST_BODY_HEADER_NAMES) {
                request.headerList().delete(name);
            }
        }
        if (!current.originValue().isSameOrigin(location.originValue())) {
            request.headerList().delete("Authorization");
        }
        if (request.body() != null) {
            // Safely extracting the body's source gives a fresh body over the same bytes.
            request.setBody(new Body(BodySource.of(bodySource), bodySource.length, false));
        }
        request.addUrl(location);
        ReferrerPolicy policy = Referrers.parseReferrerPolicyHeader(internal.headerList());
        if (policy != ReferrerPolicy.EMPTY) {
            request.setReferrerPolicy(policy);
        }
        return mainFetch(request, request.redirect() != RequestRedirect.MANUAL);
    }

    /** The CORS-preflight cache lookups of HTTP fetch (https://fetch.spec.whatwg.org/#http-fetch, step 3.1). */
    private boolean preflightNeeded(FetchRequest request) {
        CorsPreflightCache cache = services.preflightCache();
        CorsPreflightCache.Key key = preflightKey(request);
        String method = request.method();
        if (!cache.matchesMethod(key, method) && (!Methods.isCorsSafelisted(method) || request.useCorsPreflight())) {
            return true;
        }
        for (String name : HeaderNames.corsUnsafeRequestHeaderNames(request.headerList())) {
            if (!cache.matchesHeaderName(key, name)) {
                return true;
            }
        }
        return false;
    }

    private CorsPreflightCache.Key preflightKey(FetchRequest request) {
        return new CorsPreflightCache.Key(environment.partitionKey(), request.serializeOrigin(),
                request.currentUrl().withoutFragment().href(), request.credentials() == RequestCredentials.INCLUDE);
    }

    /** Implements CORS-preflight fetch (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0), with the cache. */
    void corsPreflightFetch(FetchRequest request) throws FetchFailure {
        FetchRequest preflight = Cors.preflightRequest(request);
        FetchResponse response = httpNetworkOrCacheFetch(preflight);
        closeBody(response);
        Cors.PreflightResult result = Cors.checkPreflightResponse(request, response);
        if (result == null) {
            throw FetchFailure.of(CorsDiagnosis.preflightFailure(request, response, describe(request.currentUrl())));
        }
        services.preflightCache().store(preflightKey(request), result.methods(), result.headerNames(),
                result.maxAgeSeconds());
    }

    /**
     * Implements HTTP-network-or-cache fetch (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch)
     * with no HTTP cache: the request headers a browser adds, cookies, then the network.
     */
    FetchResponse httpNetworkOrCacheFetch(FetchRequest request) throws FetchFailure {
        controller.throwIfAborted();
        FetchRequest httpRequest = request.clone();
        // The clone shares the body: it is sent once, and a redirect makes a new one from the source.
        httpRequest.setBody(request.body());
        HeaderList headers = httpRequest.headerList();
        boolean includeCredentials = request.credentials() == RequestCredentials.INCLUDE
                || (request.credentials() == RequestCredentials.SAME_ORIGIN
                        && request.responseTainting() == ResponseTainting.BASIC);
        Body body = httpRequest.body();
        Long contentLength = body != null && body.length() >= 0 ? body.length() : null;
        String contentLengthValue = null;
        if (body == null && (httpRequest.method().equals("POST") || httpRequest.method().equals("PUT"))) {
            contentLengthValue = "0";
        }
        if (contentLength != null) {
            contentLengthValue = contentLength.toString();
        }
        if (contentLengthValue != null) {
            // Informational: the transport frames the body by its length itself.
            headers.append("Content-Length", contentLengthValue);
        }
        if (contentLength != null && httpRequest.keepalive()) {
            if (!services.keepalive().reserve(environment.partitionKey(), contentLength)) {
                throw FetchFailure.of("keepalive requests may carry at most " + KeepaliveQuota.LIMIT
                        + " bytes of body in flight together; this one has " + contentLength);
            }
            keepaliveReserved += contentLength;
        }
        if (httpRequest.referrer() instanceof Referrer.UrlReferrer referrer) {
            headers.append("Referer", referrer.url().href());
        }
        RequestHeaders.appendRequestOriginHeader(httpRequest);
        RequestHeaders.appendFetchMetadataHeaders(httpRequest, services.sites());
        if (!headers.contains("User-Agent")) {
            headers.append("User-Agent", environment.userAgent());
        }
        RequestHeaders.appendCacheModeHeaders(httpRequest);
        if (headers.contains("Range") && !headers.contains("Accept-Encoding")) {
            headers.append("Accept-Encoding", "identity");
        }
        if (!headers.contains("Accept-Encoding")) {
            headers.append("Accept-Encoding", ContentDecoding.ACCEPT_ENCODING);
        }
        if (includeCredentials) {
            appendCookies(httpRequest);
        }
        if (httpRequest.cache() == RequestCache.ONLY_IF_CACHED) {
            throw FetchFailure.of("cache mode 'only-if-cached' cannot be satisfied: sw4j has no HTTP cache ("
                    + describe(httpRequest.currentUrl()) + ")");
        }
        FetchResponse response = httpNetworkFetch(httpRequest, includeCredentials);
        response.setUrlList(httpRequest.urlList());
        if (headers.contains("Range")) {
            response.setRangeRequested(true);
        }
        response.setRequestIncludesCredentials(includeCredentials);
        if (response.status() == 407) {
            closeBody(response);
            throw FetchFailure.of("proxy authentication required (407) for " + describe(httpRequest.currentUrl())
                    + "; a worker cannot prompt for it");
        }
        return response;
    }

    /**
     * The cookie step of HTTP-network-or-cache fetch (step 5.20.1): the jar's cookie-string for the
     * URL in the environment's partition. To a URL that is not same site with the environment's
     * origin only SameSite=None cookies go, as browsers treat a missing SameSite as Lax.
     */
    private void appendCookies(FetchRequest httpRequest) {
        Url url = httpRequest.currentUrl();
        List<Cookie> cookies = services.cookies().cookiesFor(environment.partitionKey(), url.href());
        if (!services.sites().isSameSite(environment.origin(), url.originValue())) {
            List<Cookie> crossSite = new ArrayList<>();
            for (Cookie cookie : cookies) {
                if (cookie.sameSite() == Cookie.SameSite.NONE) {
                    crossSite.add(cookie);
                }
            }
            cookies = crossSite;
        }
        if (!cookies.isEmpty()) {
            httpRequest.headerList().append("Cookie", CookieJar.cookieHeader(cookies));
        }
    }

    /**
     * Implements HTTP-network fetch (https://fetch.spec.whatwg.org/#concept-http-network-fetch): one
     * exchange through the network client; {@code Set-Cookie} stored when credentials are included;
     * content codings decoded as the body streams.
     */
    FetchResponse httpNetworkFetch(FetchRequest httpRequest, boolean includeCredentials) throws FetchFailure {
        controller.throwIfAborted();
        Url url = httpRequest.currentUrl();
        NetworkRequest networkRequest;
        try {
            List<HeaderFields.Field> fields = new ArrayList<>(httpRequest.headerList().size());
            for (Header header : httpRequest.headerList()) {
                fields.add(new HeaderFields.Field(header.name(), header.value()));
            }
            Body body = httpRequest.body();
            networkRequest = new NetworkRequest(httpRequest.method(), url.withoutFragment().href(),
                    HeaderFields.of(fields), body == null ? null : body.stream(), null);
        } catch (IllegalArgumentException e) {
            throw FetchFailure.of("cannot send the request for " + describe(url) + ": " + e.getMessage());
        }
        Call call = services.client().newCall(networkRequest);
        controller.setCall(call);
        NetworkResponse networkResponse;
        try {
            networkResponse = call.execute();
        } catch (NetworkException e) {
            if (controller.isAborted() || e.kind() == NetworkException.Kind.ABORTED) {
                throw FetchFailure.aborted();
            }
            throw FetchFailure.of(e.getMessage());
        }
        if (controller.isAborted()) {
            networkResponse.close();
            throw FetchFailure.aborted();
        }
        FetchResponse response = new FetchResponse();
        response.setStatus(networkResponse.status());
        // The reason phrase, as browsers expose it; it must match the reason-phrase production to
        // be a Response's statusText.
        String reason = networkResponse.reason();
        response.setStatusMessage(reason.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7F && c <= 0xFF)
                ? reason : "");
        HeaderList headers = new HeaderList();
        for (HeaderFields.Field field : networkResponse.headers().asList()) {
            headers.append(field.name(), field.value());
        }
        response.setHeaderList(headers);
        if (includeCredentials) {
            for (String setCookie : headers.getAll("Set-Cookie")) {
                services.cookies().store(environment.partitionKey(), url.href(), setCookie);
            }
        }
        BodySource source = networkResponse.body();
        if (httpRequest.method().equals("HEAD") || FetchResponse.isNullBodyStatus(networkResponse.status())) {
            source.close();
        } else {
            List<String> codings = ContentDecoding.codingsToDecode(headers);
            long length = codings.isEmpty() ? source.length() : -1;
            response.setBody(new Body(ContentDecoding.decode(source, codings), length, false));
        }
        return response;
    }

    /**
     * Main fetch's integrity step (https://fetch.spec.whatwg.org/#concept-main-fetch, step 21) with
     * SRI's do bytes match metadataList
     * (https://w3c.github.io/webappsec-subresource-integrity/#does-response-match-metadatalist): the
     * whole body is read, checked, and handed over from memory.
     */
    private void checkIntegrity(FetchRequest request, FetchResponse response) throws FetchFailure {
        String url = describe(request.currentUrl());
        FetchResponse internal = response.unfiltered();
        if (!new IntegrityMetadata.Checker(request.integrity()).hasMetadata()) {
            return;
        }
        if (response.type() == ResponseType.OPAQUE || response.type() == ResponseType.OPAQUEREDIRECT) {
            closeBody(internal);
            throw FetchFailure.of("integrity mismatch: the response from " + url
                    + " is opaque, so its integrity cannot be checked");
        }
        if (internal.body() == null) {
            throw FetchFailure.of("integrity mismatch: the response from " + url + " has no body");
        }
        byte[] bytes;
        try {
            bytes = readAll(internal.body().stream());
        } catch (IOException e) {
            controller.throwIfAborted();
            throw FetchFailure.of("cannot read the response body from " + url + " to check its integrity: "
                    + e.getMessage());
        }
        if (!IntegrityMetadata.bytesMatch(bytes, request.integrity())) {
            throw FetchFailure.of("integrity mismatch: the body of " + url + " matches none of the integrity"
                    + " metadata '" + request.integrity() + "'");
        }
        internal.setBody(Body.of(bytes));
    }

    private byte[] readAll(BodySource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (source) {
            for (ByteBuffer chunk = source.read(); chunk != null; chunk = source.read()) {
                if (controller.isAborted()) {
                    throw new NetworkException(NetworkException.Kind.ABORTED, "the fetch was aborted");
                }
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.write(bytes);
            }
        }
        return out.toByteArray();
    }

    private static void closeBody(FetchResponse response) {
        Body body = response.unfiltered().body();
        if (body != null) {
            body.stream().close();
        }
    }

    private static boolean isHttpScheme(Url url) {
        return url.scheme().equals("http") || url.scheme().equals("https");
    }

    /** A URL for a message: serialized, without credentials, shortened when long (data: URLs). */
    static String describe(Url url) {
        String href = url.includesCredentials() ? url.withUsername("").withPassword("").href() : url.href();
        return href.length() > MAX_URL_IN_MESSAGE ? href.substring(0, MAX_URL_IN_MESSAGE) + "…" : href;
    }
}

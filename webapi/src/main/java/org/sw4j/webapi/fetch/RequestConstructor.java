package org.sw4j.webapi.fetch;

import java.util.List;
import java.util.Objects;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Origin;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/**
 * The {@code new Request(input, init)} constructor steps (https://fetch.spec.whatwg.org/#dom-request)
 * without JavaScript: the binding converts the arguments, calls {@link #construct}, and wraps the
 * result in a {@code Request} object; it keeps the signal, which this model does not represent.
 */
public final class RequestConstructor {
    private static final String PREFIX = "Failed to construct 'Request': ";

    private RequestConstructor() {
    }

    /**
     * What the constructor made.
     *
     * @param request the new request
     * @param headers the new {@code Request}'s headers: over the request's header list, guard
     *     {@code request} or {@code request-no-cors}
     * @param inputBodyTaken true when the new request took the input request's body (its body is
     *     the input's body object): the binding must make the input's body disturbed, as the
     *     standard's proxy does, by moving the stream to the new request
     */
    public record Result(FetchRequest request, Headers headers, boolean inputBodyTaken) {
    }

    /**
     * Implements the {@code Request(input, init)} constructor steps (https://fetch.spec.whatwg.org/#dom-request).
     *
     * @param input the URL string or existing request
     * @param init the converted init dictionary ({@link RequestInit#EMPTY} when absent)
     * @param baseUrl the API base URL of the current settings object
     * @param origin the origin of the current settings object, which becomes the new request's
     *     client origin
     * @throws WebError a TypeError for every failure the standard names: an unparsable or
     *     credentialed URL, a non-null window, an unparsable referrer, navigate mode, only-if-cached
     *     outside same-origin mode, an invalid or forbidden method, a non-safelisted method in
     *     no-cors mode, a body on GET or HEAD, a stream body without duplex or outside cors and
     *     same-origin mode, a stream body with keepalive, an unusable body; also the TypeErrors of
     *     {@link Headers} for invalid headers
     */
    public static Result construct(RequestInput input, RequestInit init, Url baseUrl, Origin origin) {
        Objects.requireNonNull(init, "init");
        FetchRequest request;
        RequestMode fallbackMode = null;
        FetchRequest inputRequest = null;
        switch (input) {
            case RequestInput.UrlString string -> {
                Url parsedUrl;
                try {
                    parsedUrl = Url.parse(string.url(), baseUrl);
                } catch (UrlParseException e) {
                    throw WebError.typeError(PREFIX + "Failed to parse URL from " + string.url());
                }
                if (parsedUrl.includesCredentials()) {
                    throw WebError.typeError(PREFIX + "Request cannot be constructed from a URL that includes "
                            + "credentials: " + string.url());
                }
                request = new FetchRequest(parsedUrl);
                fallbackMode = RequestMode.CORS;
            }
            case RequestInput.FromRequest existing -> {
                inputRequest = existing.request();
                request = inputRequest;
            }
        }

        if (init.window() == RequestInit.Window.NON_NULL) {
            throw WebError.typeError(PREFIX + "The 'window' member of RequestInit can only be set to null.");
        }

        request = copyForConstructor(request, origin);

        if (!init.isEmpty()) {
            if (request.mode() == RequestMode.NAVIGATE) {
                request.setMode(RequestMode.SAME_ORIGIN);
            }
            request.setReloadNavigation(false);
            request.setHistoryNavigation(false);
            request.setOrigin(null);
            request.setReferrer(Referrer.CLIENT);
            request.setReferrerPolicy(ReferrerPolicy.EMPTY);
            // A service worker "redirecting" a request with changes must not look like the original
            // requester: the new request starts at the current URL, from the client.
            request.setUrlList(List.of(request.currentUrl()));
        }

        if (init.referrer() != null) {
            request.setReferrer(parseReferrer(init.referrer(), baseUrl, origin));
        }
        if (init.referrerPolicy() != null) {
            request.setReferrerPolicy(init.referrerPolicy());
        }

        RequestMode mode = init.mode() != null ? init.mode() : fallbackMode;
        if (mode == RequestMode.NAVIGATE) {
            throw WebError.typeError(PREFIX + "Cannot construct a Request with a RequestInit whose mode member is "
                    + "set as 'navigate'.");
        }
        if (mode != null) {
            request.setMode(mode);
        }
        if (init.credentials() != null) {
            request.setCredentials(init.credentials());
        }
        if (init.cache() != null) {
            request.setCache(init.cache());
        }
        if (request.cache() == RequestCache.ONLY_IF_CACHED && request.mode() != RequestMode.SAME_ORIGIN) {
            throw WebError.typeError(PREFIX + "'only-if-cached' can be set only with 'same-origin' mode");
        }
        if (init.redirect() != null) {
            request.setRedirect(init.redirect());
        }
        if (init.integrity() != null) {
            request.setIntegrity(init.integrity());
        }
        if (init.keepalive() != null) {
            request.setKeepalive(init.keepalive());
        }
        if (init.method() != null) {
            String method = init.method();
            if (!Methods.isValid(method)) {
                throw WebError.typeError(PREFIX + "'" + method + "' is not a valid HTTP method.");
            }
            if (Methods.isForbidden(method)) {
                throw WebError.typeError(PREFIX + "'" + method + "' HTTP method is unsupported.");
            }
            request.setMethod(Methods.normalize(method));
        }
        if (init.priority() != null) {
            request.setPriority(init.priority());
        }
        if (init.duplex() != null) {
            request.setDuplex(init.duplex());
        }

        Headers headers = new Headers(request.headerList(), Headers.Guard.REQUEST);
        if (request.mode() == RequestMode.NO_CORS) {
            if (!Methods.isCorsSafelisted(request.method())) {
                throw WebError.typeError(PREFIX + "'" + request.method() + "' is unsupported in no-cors mode.");
            }
            headers.setGuard(Headers.Guard.REQUEST_NO_CORS);
        }

        if (!init.isEmpty()) {
            // Re-adding the input's headers through the guard drops those the new mode does not allow.
            List<Header> headerInit = init.headers() != null ? init.headers() : request.headerList().toList();
            request.headerList().clear();
            headers.fill(headerInit);
        }

        Body inputBody = inputRequest == null ? null : inputRequest.body();
        boolean hasInitBody = init.body() != null;
        if ((hasInitBody || inputBody != null)
                && (request.method().equals("GET") || request.method().equals("HEAD"))) {
            throw WebError.typeError(PREFIX + "Request with GET/HEAD method cannot have body.");
        }

        Body initBody = null;
        if (hasInitBody) {
            BodyWithType bodyWithType = init.body().extract(request.keepalive());
            initBody = bodyWithType.body();
            if (bodyWithType.type() != null && !headers.headerList().contains("Content-Type")) {
                headers.append("Content-Type", bodyWithType.type());
            }
        }

        Body inputOrInitBody = initBody != null ? initBody : inputBody;
        if (inputOrInitBody != null && inputOrInitBody.fromReadableStream()) {
            if (initBody != null && init.duplex() == null) {
                throw WebError.typeError(PREFIX + "The duplex member must be specified for a request with a "
                        + "streaming body");
            }
            if (request.mode() != RequestMode.SAME_ORIGIN && request.mode() != RequestMode.CORS) {
                throw WebError.typeError(PREFIX + "A request with a streaming body must have mode 'cors' or "
                        + "'same-origin'.");
            }
            request.setUseCorsPreflight(true);
        }

        Body finalBody = inputOrInitBody;
        boolean inputBodyTaken = false;
        if (initBody == null && inputBody != null) {
            if (((RequestInput.FromRequest) input).bodyUnusable()) {
                throw WebError.typeError(PREFIX + "Cannot construct a Request with a Request object that has "
                        + "already been used.");
            }
            inputBodyTaken = true;
        }
        request.setBody(finalBody);
        return new Result(request, headers, inputBodyTaken);
    }

    /**
     * Step 12: a new request copying the fields the standard lists from {@code request}; the body,
     * use-CORS-preflight flag and fetch-time state start afresh.
     */
    private static FetchRequest copyForConstructor(FetchRequest request, Origin clientOrigin) {
        FetchRequest copy = new FetchRequest(request.url());
        copy.setUrlList(request.urlList());
        copy.setMethod(request.method());
        copy.setHeaderList(request.headerList().copy());
        copy.setUnsafeRequest(true);
        copy.setClientOrigin(clientOrigin);
        copy.setOrigin(request.origin());
        copy.setReferrer(request.referrer());
        copy.setReferrerPolicy(request.referrerPolicy());
        copy.setMode(request.mode());
        copy.setCredentials(request.credentials());
        copy.setCache(request.cache());
        copy.setRedirect(request.redirect());
        copy.setIntegrity(request.integrity());
        copy.setKeepalive(request.keepalive());
        copy.setReloadNavigation(request.reloadNavigation());
        copy.setHistoryNavigation(request.historyNavigation());
        copy.setInitiatorType("fetch");
        return copy;
    }

    /** Step 14: the init's referrer as a request referrer. */
    private static Referrer parseReferrer(String referrer, Url baseUrl, Origin origin) {
        if (referrer.isEmpty()) {
            return Referrer.NO_REFERRER;
        }
        Url parsedReferrer;
        try {
            parsedReferrer = Url.parse(referrer, baseUrl);
        } catch (UrlParseException e) {
            throw WebError.typeError(PREFIX + "Referrer '" + referrer + "' is not a valid URL.");
        }
        boolean aboutClient = parsedReferrer.scheme().equals("about") && parsedReferrer.pathname().equals("client");
        if (aboutClient || !parsedReferrer.originValue().isSameOrigin(origin)) {
            // A cross-origin referrer is not an error; it is replaced by the client's own.
            return Referrer.CLIENT;
        }
        return Referrer.of(parsedReferrer);
    }
}

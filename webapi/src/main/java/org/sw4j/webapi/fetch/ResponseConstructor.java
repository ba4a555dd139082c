package org.sw4j.webapi.fetch;

import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/**
 * The {@code Response} class's constructor and static methods (https://fetch.spec.whatwg.org/#response-class)
 * without JavaScript: each returns the response and the {@link Headers} the binding wraps.
 */
public final class ResponseConstructor {
    private ResponseConstructor() {
    }

    /** A new response and its {@code Headers}, sharing its header list. */
    public record Result(FetchResponse response, Headers headers) {
    }

    /**
     * Implements {@code new Response(body, init)} (https://fetch.spec.whatwg.org/#dom-response):
     * headers guard response, the body extracted, then initialize a response.
     *
     * @param body the body, or null
     * @throws WebError see {@link #initialize}
     */
    public static Result construct(BodyInit body, ResponseInit init) {
        FetchResponse response = new FetchResponse();
        Headers headers = new Headers(response.headerList(), Headers.Guard.RESPONSE);
        BodyWithType bodyWithType = body == null ? null : body.extract(false);
        initialize(response, headers, init, bodyWithType, "Failed to construct 'Response': ");
        return new Result(response, headers);
    }

    /**
     * Implements {@code Response.error()} (https://fetch.spec.whatwg.org/#dom-response-error): a
     * network error with immutable headers.
     */
    public static Result error() {
        FetchResponse response = FetchResponse.networkError();
        return new Result(response, new Headers(response.headerList(), Headers.Guard.IMMUTABLE));
    }

    /**
     * Implements {@code Response.redirect(url, status)} (https://fetch.spec.whatwg.org/#dom-response-redirect).
     *
     * @param baseUrl the current settings object's API base URL
     * @throws WebError a TypeError when {@code url} does not parse, a RangeError when {@code status}
     *     is not a redirect status
     */
    public static Result redirect(String url, int status, Url baseUrl) {
        Url parsedUrl;
        try {
            parsedUrl = Url.parse(url, baseUrl);
        } catch (UrlParseException e) {
            throw WebError.typeError("Failed to execute 'redirect' on 'Response': Failed to parse URL from " + url);
        }
        if (!FetchResponse.isRedirectStatus(status)) {
            throw WebError.rangeError("Failed to execute 'redirect' on 'Response': Invalid status code " + status);
        }
        FetchResponse response = new FetchResponse();
        Headers headers = new Headers(response.headerList(), Headers.Guard.IMMUTABLE);
        response.setStatus(status);
        // The serialization is ASCII, so isomorphic encoding leaves it as it is.
        response.headerList().append("Location", parsedUrl.href());
        return new Result(response, headers);
    }

    /**
     * Implements {@code Response.json(data, init)} (https://fetch.spec.whatwg.org/#dom-response-json)
     * once the binding has serialized {@code data} to JSON bytes (which throws there when it cannot).
     *
     * @throws WebError see {@link #initialize}
     */
    public static Result json(byte[] jsonBytes, ResponseInit init) {
        FetchResponse response = new FetchResponse();
        Headers headers = new Headers(response.headerList(), Headers.Guard.RESPONSE);
        BodyWithType body = new BodyWithType(Body.of(jsonBytes), "application/json");
        initialize(response, headers, init, body, "Failed to execute 'json' on 'Response': ");
        return new Result(response, headers);
    }

    /**
     * Implements initialize a response (https://fetch.spec.whatwg.org/#initialize-a-response).
     *
     * @param body the body with type, or null
     * @throws WebError a RangeError for a status outside 200 to 599; a TypeError for a status text
     *     that is not a reason-phrase, for a body with a null body status, or for invalid headers
     */
    static void initialize(FetchResponse response, Headers headers, ResponseInit init, BodyWithType body,
            String prefix) {
        if (init.status() < 200 || init.status() > 599) {
            throw WebError.rangeError(prefix + "The status provided (" + init.status()
                    + ") is outside the range [200, 599].");
        }
        if (!isReasonPhrase(init.statusText())) {
            throw WebError.typeError(prefix + "Invalid statusText");
        }
        response.setStatus(init.status());
        response.setStatusMessage(init.statusText());
        if (init.headers() != null) {
            headers.fill(init.headers());
        }
        if (body != null) {
            if (FetchResponse.isNullBodyStatus(response.status())) {
                throw WebError.typeError(prefix + "Response with null body status cannot have body");
            }
            response.setBody(body.body());
            if (body.type() != null && !response.headerList().contains("Content-Type")) {
                response.headerList().append("Content-Type", body.type());
            }
        }
    }

    /** Whether {@code text} matches {@code reason-phrase = *( HTAB / SP / VCHAR / obs-text )} (RFC 9112). */
    private static boolean isReasonPhrase(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c == '\t' || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF))) {
                return false;
            }
        }
        return true;
    }
}

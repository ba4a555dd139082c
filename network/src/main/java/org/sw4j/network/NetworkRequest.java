package org.sw4j.network;

import java.time.Duration;
import java.util.Objects;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/**
 * The head of one HTTP request as the transport sends it, plus its optional body.
 *
 * <p>A value: interceptors change a request by building a new one ({@link #toBuilder()}). The body
 * is not part of the value's identity: it is a {@link BodySource} read once, when the request is
 * sent; its {@link BodySource#length() length} decides the framing (a known length is sent with
 * {@code Content-Length}, an unknown one streamed with chunked transfer coding on HTTP/1.1).
 *
 * @param method the method, an HTTP token, sent as given (Fetch normalizes case before)
 * @param url an absolute URL, parsed by the WHATWG URL parser; its fragment is never sent
 * @param headers the header fields in order
 * @param body the body, or null for none
 * @param timeout how long to wait for the response head, or null for no limit
 */
public record NetworkRequest(String method, String url, HeaderFields headers, BodySource body, Duration timeout) {
    public NetworkRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        HeaderFields.checkName(method);
        try {
            Url.parse(url);
        } catch (UrlParseException e) {
            throw new IllegalArgumentException("invalid URL: " + url, e);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** A GET request for {@code url} with no headers. */
    public static NetworkRequest get(String url) {
        return builder(url).build();
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** The URL, parsed. */
    public Url parsedUrl() {
        return Url.parse(url);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(url);
        builder.method = method;
        builder.headers = headers;
        builder.body = body;
        builder.timeout = timeout;
        return builder;
    }

    @Override
    public String toString() {
        return method + " " + url;
    }

    /** Builds a {@link NetworkRequest}; the method defaults to GET. */
    public static final class Builder {
        private String url;
        private String method = "GET";
        private HeaderFields headers = HeaderFields.empty();
        private BodySource body;
        private Duration timeout;

        private Builder(String url) {
            this.url = url;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** Appends a header field; earlier fields of the same name stay. */
        public Builder header(String name, String value) {
            headers = headers.plus(name, value);
            return this;
        }

        /** Replaces every field named {@code name} by one. */
        public Builder setHeader(String name, String value) {
            headers = headers.with(name, value);
            return this;
        }

        public Builder removeHeader(String name) {
            headers = headers.minus(name);
            return this;
        }

        public Builder headers(HeaderFields headers) {
            this.headers = headers;
            return this;
        }

        /** The body; null for none. */
        public Builder body(BodySource body) {
            this.body = body;
            return this;
        }

        /** The time limit for the response head; null for none. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public NetworkRequest build() {
            return new NetworkRequest(method, url, headers, body, timeout);
        }
    }
}

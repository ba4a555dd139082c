package org.sw4j.network;

import java.time.Instant;
import java.util.Objects;
import org.sw4j.webapi.fetch.BodySource;

/**
 * A response whose head has arrived and whose body streams: {@link #body()} hands out chunks as
 * the network delivers them, with backpressure (the transport reads from the socket only as fast as
 * the body is read). The body must be read to its end or {@link #close() closed}, or the connection
 * stays busy.
 *
 * <p>Interceptors may build responses of their own ({@link #builder}) or change one with
 * {@link #toBuilder()}.
 */
public final class NetworkResponse implements AutoCloseable {
    private final NetworkRequest request;
    private final int status;
    private final String reason;
    private final HeaderFields headers;
    private final HttpVersion version;
    private final String url;
    private final BodySource body;
    private final Instant sentAt;
    private final Instant receivedAt;

    private NetworkResponse(Builder builder) {
        this.request = Objects.requireNonNull(builder.request, "request");
        this.status = builder.status;
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        this.reason = builder.reason;
        this.headers = Objects.requireNonNull(builder.headers, "headers");
        this.version = Objects.requireNonNull(builder.version, "version");
        this.url = builder.url != null ? builder.url : request.url();
        this.body = builder.body != null ? builder.body : BodySource.of(new byte[0]);
        this.sentAt = builder.sentAt;
        this.receivedAt = builder.receivedAt;
    }

    public static Builder builder(NetworkRequest request) {
        return new Builder(request);
    }

    /** The request this answers, as the last interceptor before the transport sent it. */
    public NetworkRequest request() {
        return request;
    }

    public int status() {
        return status;
    }

    /** The status line's reason phrase (HTTP/1.1 only; "" for HTTP/2 or when the server sent none). */
    public String reason() {
        return reason;
    }

    /** The header fields, in wire order, names in lower case. */
    public HeaderFields headers() {
        return headers;
    }

    public HttpVersion version() {
        return version;
    }

    /** The URL this response is for (the request's URL: the transport never follows redirects). */
    public String url() {
        return url;
    }

    /**
     * The body, read once. Its length is the {@code Content-Length} when the server sent one, 0 for
     * responses that have no body (HEAD, 204, 304), else -1. A network failure mid-body makes
     * {@link BodySource#read()} throw a {@link NetworkException}.
     */
    public BodySource body() {
        return body;
    }

    /** When the request was handed to the transport, by the client's clock; null if not sent. */
    public Instant sentAt() {
        return sentAt;
    }

    /** When the response head arrived, by the client's clock; null if not from the network. */
    public Instant receivedAt() {
        return receivedAt;
    }

    public Builder toBuilder() {
        Builder builder = new Builder(request);
        builder.status = status;
        builder.reason = reason;
        builder.headers = headers;
        builder.version = version;
        builder.url = url;
        builder.body = body;
        builder.sentAt = sentAt;
        builder.receivedAt = receivedAt;
        return builder;
    }

    /** Closes the body, releasing the connection if it was not read to its end. */
    @Override
    public void close() {
        body.close();
    }

    @Override
    public String toString() {
        return version + " " + status + " for " + request.method() + " " + url;
    }

    /** Builds a {@link NetworkResponse}; status 200, HTTP/1.1, no headers, empty body by default. */
    public static final class Builder {
        private NetworkRequest request;
        private int status = 200;
        private String reason = "";
        private HeaderFields headers = HeaderFields.empty();
        private HttpVersion version = HttpVersion.HTTP_1_1;
        private String url;
        private BodySource body;
        private Instant sentAt;
        private Instant receivedAt;

        private Builder(NetworkRequest request) {
            this.request = request;
        }

        public Builder request(NetworkRequest request) {
            this.request = request;
            return this;
        }

        public Builder status(int status) {
            this.status = status;
            return this;
        }

        /** The reason phrase; null counts as "". */
        public Builder reason(String reason) {
            this.reason = reason == null ? "" : reason;
            return this;
        }

        public Builder header(String name, String value) {
            headers = headers.plus(name, value);
            return this;
        }

        public Builder headers(HeaderFields headers) {
            this.headers = headers;
            return this;
        }

        public Builder version(HttpVersion version) {
            this.version = version;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder body(BodySource body) {
            this.body = body;
            return this;
        }

        public Builder sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        public Builder receivedAt(Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public NetworkResponse build() {
            return new NetworkResponse(this);
        }
    }
}

package org.sw4j.network.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.http.HttpException;
import org.sw4j.network.NetworkException;
import org.sw4j.network.NetworkException.Kind;
import org.sw4j.network.NetworkRequest;
import org.sw4j.webapi.url.Url;

/** The one place that turns Jetty and socket failures into {@link NetworkException}s. */
public final class NetworkErrors {
    private NetworkErrors() {
    }

    /** Why an exchange was aborted when its client closed. */
    static final class ClientClosedException extends IOException {
        ClientClosedException() {
            super("client closed");
        }
    }

    static NetworkException clientClosed(NetworkRequest request) {
        return new NetworkException(Kind.ABORTED, "client closed: " + request);
    }

    /** No response head within the request's timeout. */
    static NetworkException headTimeout(NetworkRequest request) {
        return new NetworkException(Kind.TIMEOUT, "no response within " + describe(request.timeout()) + ": " + request);
    }

    /** A failure before the response head arrived. */
    static NetworkException beforeHead(Throwable failure, NetworkRequest request, Url url) {
        if (failure instanceof NetworkException e) {
            return e;
        }
        String address = address(url);
        if (has(failure, ClientClosedException.class)) {
            return new NetworkException(Kind.ABORTED, "client closed: " + request, failure);
        }
        if (has(failure, SocketTimeoutException.class)) {
            // Jetty's connect timeout; reads have no time limit.
            return new NetworkException(Kind.TIMEOUT, "connect timed out: " + address, failure);
        }
        if (has(failure, TimeoutException.class)) {
            return new NetworkException(Kind.TIMEOUT, "timed out: " + request + ": " + rootMessage(failure), failure);
        }
        if (has(failure, UnresolvedAddressException.class) || has(failure, UnknownHostException.class)) {
            return new NetworkException(Kind.DNS, "cannot resolve host: " + url.hostname(), failure);
        }
        if (has(failure, SSLException.class)) {
            return new NetworkException(Kind.TLS, "TLS failure with " + address + ": " + rootMessage(failure), failure);
        }
        if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)) {
            return new NetworkException(Kind.CONNECTION_REFUSED, "connection refused: " + address, failure);
        }
        if (isProtocolError(failure)) {
            return new NetworkException(Kind.PROTOCOL, "protocol error from " + address + ": " + rootMessage(failure),
                    failure);
        }
        if (isConnectionLoss(failure)) {
            return new NetworkException(Kind.CONNECTION_RESET,
                    "connection closed before the response head: " + address, failure);
        }
        return new NetworkException(Kind.OTHER, "network failure for " + request + ": " + rootMessage(failure),
                failure);
    }

    /** A failure while reading the body, after {@code received} bytes of it. */
    static NetworkException midBody(Throwable failure, NetworkRequest request, Url url, long received) {
        if (failure instanceof NetworkException e) {
            return e;
        }
        String address = address(url);
        if (has(failure, ClientClosedException.class)) {
            return new NetworkException(Kind.ABORTED, "client closed after " + received + " body bytes: " + request,
                    failure);
        }
        if (has(failure, SSLException.class)) {
            return new NetworkException(Kind.TLS, "TLS failure with " + address + " after " + received
                    + " body bytes: " + rootMessage(failure), failure);
        }
        if (isProtocolError(failure)) {
            return new NetworkException(Kind.PROTOCOL, "protocol error from " + address + " after " + received
                    + " body bytes: " + rootMessage(failure), failure);
        }
        // Mid-body, a lost connection comes in many words (EOFException, "Connection reset", a closed
        // channel); all mean the body ended early.
        return new NetworkException(Kind.CONNECTION_RESET, "connection closed after " + received
                + " body bytes: " + address, failure);
    }

    /** The host and port a URL connects to: "127.0.0.1:8080". */
    public static String address(Url url) {
        String port = url.port();
        if (port.isEmpty()) {
            port = url.scheme().equals("https") ? "443" : "80";
        }
        return url.hostname() + ":" + port;
    }

    static String describe(Throwable e) {
        return rootMessage(e);
    }

    private static String describe(java.time.Duration duration) {
        if (duration == null) {
            return "the time limit";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * A response Jetty could not parse ({@link HttpResponseException} wraps the parser's
     * {@link HttpException}), or a {@link ProtocolException}.
     */
    private static boolean isProtocolError(Throwable failure) {
        return has(failure, HttpResponseException.class) || has(failure, HttpException.class)
                || has(failure, ProtocolException.class);
    }

    private static boolean isConnectionLoss(Throwable failure) {
        if (has(failure, EOFException.class) || has(failure, ClosedChannelException.class)
                || has(failure, SocketException.class)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("closed") || message.contains("reset") || message.contains("eof")
                    || message.contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable failure, Class<?> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        String message = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (message == null) {
                message = t.getClass().getSimpleName();
            }
        }
        return message == null ? "unknown failure" : message;
    }
}

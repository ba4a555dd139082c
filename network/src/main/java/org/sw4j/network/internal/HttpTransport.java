package org.sw4j.network.internal;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.sw4j.network.Call;
import org.sw4j.network.HeaderFields;
import org.sw4j.network.HttpVersion;
import org.sw4j.network.NetworkException;
import org.sw4j.network.NetworkRequest;
import org.sw4j.network.NetworkResponse;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.url.Url;

/** The last step of every chain: one exchange over {@code java.net.http}. */
public final class HttpTransport implements AutoCloseable {
    /**
     * Fields {@code java.net.http} sets itself or refuses (see {@code jdk.internal.net.http.common.Utils}
     * and the HTTP/2 connection-specific fields); dropped from requests.
     */
    static final Set<String> MANAGED_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        MANAGED_HEADERS.addAll(List.of("host", "content-length", "transfer-encoding", "connection", "keep-alive",
                "upgrade", "expect", "te", "trailer", "proxy-connection", "http2-settings"));
    }

    private final HttpClient client;
    private final Clock clock;

    public HttpTransport(HttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    NetworkResponse send(NetworkRequest request, RealCall call) throws NetworkException {
        Url url = request.parsedUrl();
        String scheme = url.scheme();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new NetworkException(NetworkException.Kind.INVALID_REQUEST,
                    "cannot send " + request + ": the transport speaks http and https, not " + scheme);
        }
        HttpRequest httpRequest = toHttpRequest(request, url);
        Instant sentAt = clock.instant();
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try (Call.Registration ignored = call.onAbort(() -> {
            pending.cancel(true);
            if (request.body() != null) {
                request.body().close();
            }
        })) {
            response = pending.get();
        } catch (CancellationException e) {
            throw call.abortedException(e);
        } catch (ExecutionException e) {
            throw call.isAborted() ? call.abortedException(e.getCause())
                    : NetworkErrors.beforeHead(e.getCause(), request, url);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new NetworkException(NetworkException.Kind.ABORTED, "interrupted: " + request, e);
        }
        Instant receivedAt = clock.instant();
        List<HeaderFields.Field> fields = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : response.headers().map().entrySet()) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(":")) {
                continue;
            }
            for (String value : entry.getValue()) {
                fields.add(new HeaderFields.Field(name, value));
            }
        }
        HeaderFields headers = HeaderFields.of(fields);
        BodySource body = new StreamingBody(response.body(), bodyLength(request, response.statusCode(), headers),
                request, url);
        return NetworkResponse.builder(request)
                .status(response.statusCode())
                .headers(headers)
                .version(response.version() == HttpClient.Version.HTTP_2 ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                .url(request.url())
                .body(body)
                .sentAt(sentAt)
                .receivedAt(receivedAt)
                .build();
    }

    private static HttpRequest toHttpRequest(NetworkRequest request, Url url) throws NetworkException {
        URI uri = Uris.toUri(url, request);
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .method(request.method(), RequestBodies.publisher(request.body()));
            if (url.scheme().equals("http")) {
                // Browsers never upgrade cleartext connections to h2c.
                builder.version(HttpClient.Version.HTTP_1_1);
            }
            if (request.timeout() != null) {
                builder.timeout(request.timeout());
            }
            for (HeaderFields.Field field : request.headers().asList()) {
                if (!MANAGED_HEADERS.contains(field.name())) {
                    builder.header(field.name(), field.value());
                }
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new NetworkException(NetworkException.Kind.INVALID_REQUEST,
                    "cannot send " + request + ": " + e.getMessage(), e);
        }
    }

    /** Content-Length when it tells the body's length; 0 when there is no body; else -1. */
    private static long bodyLength(NetworkRequest request, int status, HeaderFields headers) {
        if (request.method().equals("HEAD") || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            return 0;
        }
        List<String> lengths = headers.values("content-length");
        if (lengths.size() != 1 || headers.contains("transfer-encoding")) {
            return -1;
        }
        try {
            long length = Long.parseLong(lengths.get(0).trim());
            return length >= 0 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}

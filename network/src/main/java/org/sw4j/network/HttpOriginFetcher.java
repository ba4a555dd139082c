package org.sw4j.network;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import org.sw4j.core.spi.OriginFetcher;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;

/** Fetches over HTTP(S) with {@code java.net.http}, following redirects as browsers do. */
public final class HttpOriginFetcher implements OriginFetcher {
    private final HttpClient client;
    private final Duration timeout;

    public HttpOriginFetcher(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
    }

    public HttpOriginFetcher() {
        this(Duration.ofSeconds(30));
    }

    @Override
    public ResourceResponse fetch(ResourceRequest request) throws IOException {
        URI uri;
        try {
            // The URL was serialized by the WHATWG URL parser, so it is valid URI syntax.
            uri = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot fetch " + request.url() + ": " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("cannot fetch " + request.url() + ": scheme '" + scheme + "' is not http(s)");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(request.method(), HttpRequest.BodyPublishers.noBody());
        request.headers().forEach(builder::header);
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            return new ResourceResponse(response.uri().toString(), response.statusCode(), headers, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + request.url(), e);
        } catch (IOException e) {
            throw new IOException("network error fetching " + request.url() + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

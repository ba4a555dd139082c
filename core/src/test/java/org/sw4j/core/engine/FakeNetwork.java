package org.sw4j.core.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sw4j.core.spi.OriginFetcher;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;

/** An origin for core tests: URL → response, switchable offline, every request logged. */
final class FakeNetwork implements OriginFetcher {
    private final Map<String, ResourceResponse> responses = new ConcurrentHashMap<>();
    final List<ResourceRequest> requests = Collections.synchronizedList(new ArrayList<>());
    volatile boolean offline;

    void script(String url, String text) {
        serve(url, 200, "text/javascript", text, Map.of());
    }

    void serve(String url, int status, String contentType, String text, Map<String, String> extraHeaders) {
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        if (contentType != null) {
            headers.put("content-type", List.of(contentType));
        }
        extraHeaders.forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value)));
        responses.put(url, new ResourceResponse(url, status, headers, text.getBytes(StandardCharsets.UTF_8)));
    }

    void redirect(String url, String to) {
        ResourceResponse target = responses.get(to);
        responses.put(url, new ResourceResponse(to, target.status(), target.headers(), target.body()));
    }

    long requestsFor(String url) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.url().equals(url)).count();
        }
    }

    @Override
    public ResourceResponse fetch(ResourceRequest request) throws IOException {
        requests.add(request);
        if (offline) {
            throw new IOException("offline");
        }
        ResourceResponse response = responses.get(request.url());
        if (response == null) {
            return new ResourceResponse(request.url(), 404, Map.of("content-type", List.of("text/plain")),
                    "not found".getBytes(StandardCharsets.UTF_8));
        }
        return response;
    }
}

package org.sw4j.agent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.core.spi.OriginFetcher;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.Header;
import org.sw4j.webapi.fetch.RequestCredentials;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;

/**
 * Worker scripts fetched through the agent's {@link Fetcher}, so that network conditions (offline,
 * faults) and cookies apply to them as to every other request: same-origin, credentials included,
 * destination {@code serviceworker}, never intercepted by a worker.
 */
public final class FetcherScripts implements OriginFetcher {
    private final Fetcher fetcher;
    private final String userAgent;
    private final Map<String, Path> localScripts;

    public FetcherScripts(Fetcher fetcher, String userAgent) {
        this(fetcher, userAgent, Map.of());
    }

    /**
     * @param localScripts script URLs answered from local files instead of the network (read again
     *     on every fetch, so that the update check's byte-for-byte comparison sees edits)
     */
    public FetcherScripts(Fetcher fetcher, String userAgent, Map<String, Path> localScripts) {
        this.fetcher = fetcher;
        this.userAgent = userAgent;
        this.localScripts = Map.copyOf(localScripts);
    }

    @Override
    public ResourceResponse fetch(ResourceRequest resource) throws IOException {
        Path local = localScripts.get(resource.url());
        if (local != null) {
            return localScript(resource.url(), local);
        }
        Url url;
        try {
            url = Url.parse(resource.url());
        } catch (UrlParseException e) {
            throw new IOException("invalid script URL " + resource.url());
        }
        FetchRequest request = new FetchRequest(url);
        request.setMethod(resource.method());
        request.setMode(RequestMode.SAME_ORIGIN);
        request.setCredentials(RequestCredentials.INCLUDE);
        // Fetch's "serviceworker" destination is not modelled yet; "script" sends the same Sec-Fetch-Dest class.
        request.setDestination(RequestDestination.SCRIPT);
        request.setServiceWorkersMode(FetchRequest.ServiceWorkersMode.NONE);
        request.setOrigin(url.originValue());
        request.setClientOrigin(url.originValue());
        resource.headers().forEach((name, value) -> request.headerList().append(name, value));
        FetchCall call = fetcher.fetch(request, FetchEnvironment.forScript(url, userAgent));
        FetchOutcome outcome;
        try {
            outcome = call.awaitResponse();
        } catch (InterruptedException e) {
            call.abort();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + resource.url());
        }
        if (outcome.isNetworkError()) {
            throw new IOException(outcome.failureReason());
        }
        FetchResponse response = outcome.response();
        Map<String, List<String>> headers = new TreeMap<>();
        for (Header header : response.headerList()) {
            headers.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.value());
        }
        byte[] body = new byte[0];
        if (response.body() != null) {
            try (var source = response.body().stream()) {
                body = source.readAllBytes();
            }
        }
        String finalUrl = response.url() == null ? resource.url() : response.url().href();
        return new ResourceResponse(finalUrl, response.status(), headers, body);
    }

    /** A script served from a file: 200 with a JavaScript type and no caching, or a failure naming the file. */
    private static ResourceResponse localScript(String url, Path file) throws IOException {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read the worker script " + file + ": " + e.getMessage(), e);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        headers.put("content-type", List.of("text/javascript; charset=utf-8"));
        headers.put("cache-control", List.of("no-cache"));
        return new ResourceResponse(url, 200, headers, body);
    }
}

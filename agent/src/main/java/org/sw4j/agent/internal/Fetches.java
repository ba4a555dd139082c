package org.sw4j.agent.internal;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sw4j.agent.NetworkErrorException;
import org.sw4j.agent.Response;
import org.sw4j.core.spi.FetchCall;
import org.sw4j.core.spi.FetchEnvironment;
import org.sw4j.core.spi.FetchOutcome;
import org.sw4j.core.spi.Fetcher;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.Header;
import org.sw4j.webapi.url.Url;

/** Reading responses whole for the embedding API, and fetching from the network for a client. */
public final class Fetches {
    private Fetches() {
    }

    /** Fetches {@code request} from the network for a client at {@code clientUrl}. */
    public static Response network(Fetcher fetcher, FetchRequest request, Url clientUrl, String userAgent)
            throws NetworkErrorException {
        return response(fetcher.fetch(request, FetchEnvironment.forScript(clientUrl, userAgent)), request.url());
    }

    /** The response of a fetch already started (a navigation preload the worker left to the navigation). */
    public static Response response(FetchCall call, Url url) throws NetworkErrorException {
        FetchOutcome outcome;
        try {
            outcome = call.awaitResponse();
        } catch (InterruptedException e) {
            call.abort();
            Thread.currentThread().interrupt();
            throw new NetworkErrorException("interrupted while fetching " + url.href());
        }
        if (outcome.isNetworkError()) {
            throw new NetworkErrorException(outcome.failureReason());
        }
        return read(outcome.response(), Response.ServedBy.NETWORK);
    }

    /** The response with its body read to the end. */
    public static Response read(FetchResponse response, Response.ServedBy servedBy) throws NetworkErrorException {
        if (response.isNetworkError()) {
            throw new NetworkErrorException("the response is a network error");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header header : response.headerList()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(header.name().toLowerCase(Locale.ROOT), header.value()));
        }
        byte[] body = new byte[0];
        Body responseBody = response.body();
        if (responseBody != null) {
            try (BodySource source = responseBody.stream()) {
                body = source.readAllBytes();
            } catch (IOException e) {
                throw new NetworkErrorException("the body of " + response.jsUrl() + " failed: " + e.getMessage());
            }
        }
        return new Response(response.jsUrl(), response.status(), response.statusMessage(), response.type().jsName(),
                headers, body, servedBy);
    }
}

package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;

class HttpOriginFetcherTest {
    private final TestOrigin origin = new TestOrigin();
    private final HttpOriginFetcher fetcher = new HttpOriginFetcher(Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        origin.close();
    }

    @Test
    void fetchesStatusHeadersAndBodyAndSendsRequestHeaders() throws IOException {
        origin.script("/sw.js", "self.x = 1;");
        ResourceResponse response = fetcher.fetch(ResourceRequest.get(origin.url("/sw.js"), Map.of("service-worker", "script")));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.ok()).isTrue();
        assertThat(response.header("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(response.bodyText()).isEqualTo("self.x = 1;");
        assertThat(origin.received()).singleElement().satisfies(r -> assertThat(r.headers()).containsEntry("service-worker", "script"));
    }

    @Test
    void errorStatusesAreResponses() throws IOException {
        ResourceResponse response = fetcher.fetch(ResourceRequest.get(origin.url("/missing.js"), Map.of()));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.ok()).isFalse();
    }

    @Test
    void redirectsAreFollowedAndTheFinalUrlReported() throws IOException {
        origin.serve("/old.js", 301, Map.of("location", "/new.js"), "");
        origin.script("/new.js", "// new");
        ResourceResponse response = fetcher.fetch(ResourceRequest.get(origin.url("/old.js"), Map.of()));
        assertThat(response.url()).isEqualTo(origin.url("/new.js"));
        assertThat(response.bodyText()).isEqualTo("// new");
    }

    @Test
    void aRefusedConnectionIsANetworkError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/sw.js";
        assertThatThrownBy(() -> fetcher.fetch(ResourceRequest.get(url, Map.of())))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("network error fetching " + url);
    }

    @Test
    void onlyHttpSchemesAreFetched() {
        assertThatThrownBy(() -> fetcher.fetch(ResourceRequest.get("file:///etc/passwd", Map.of())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("scheme 'file' is not http(s)");
    }
}

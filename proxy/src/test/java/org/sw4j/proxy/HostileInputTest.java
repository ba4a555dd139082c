package org.sw4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;

/**
 * What a hostile or broken client sends: oversized heads, slow heads (slowloris), smuggling
 * attempts, bad URLs. Each gets a proper 4xx or a closed connection, and the proxy keeps serving.
 */
class HostileInputTest {
    @TempDir
    Path temp;
    final TestOrigin origin = new TestOrigin();
    ServiceWorkerProxy proxy;

    @BeforeEach
    void start() throws Exception {
        origin.serve("/pass/ok", 200, Map.of("Content-Type", "text/plain"), "ok");
        Path worker = Files.writeString(temp.resolve("sw.js"), "self.addEventListener('fetch', () => {});");
        proxy = ServiceWorkerProxy.builder(origin.origin()).worker(worker).listen("127.0.0.1", 0)
                .idleTimeout(Duration.ofMillis(500)).maxRequestHeaderBytes(8 * 1024).start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        origin.close();
    }

    String host() {
        return "Host: 127.0.0.1:" + proxy.port() + "\r\n";
    }

    void stillServes() throws Exception {
        String response = RawHttp.exchange(proxy.port(), "GET /pass/ok HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("ok");
    }

    @Test
    void anOversizedHeadIs431() throws Exception {
        String response = RawHttp.exchange(proxy.port(), "GET /pass/ok HTTP/1.1\r\n" + host() + "X-Big: "
                + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 431");
        stillServes();
    }

    @Test
    void conflictingContentLengthAndTransferEncodingIs400() throws Exception {
        String response = RawHttp.exchange(proxy.port(), "POST /pass/ok HTTP/1.1\r\n" + host()
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /pass/smuggled HTTP/1.1\r\n"
                + host() + "\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(origin.received()).noneMatch(r -> r.path().contains("smuggled"));
        String twoLengths = RawHttp.exchange(proxy.port(), "POST /pass/ok HTTP/1.1\r\n" + host()
                + "Content-Length: 4\r\nContent-Length: 5\r\n\r\nabcde");
        assertThat(twoLengths).startsWith("HTTP/1.1 400");
        stillServes();
    }

    /** A path that looks like a scheme-relative URL never names another host: it is refused. */
    @Test
    void aPathStartingWithTwoSlashesIsRefused() throws Exception {
        for (String path : new String[] {"//evil.test/pass/x", "/\\evil.test/pass/x"}) {
            String response = RawHttp.exchange(proxy.port(), "GET " + path + " HTTP/1.1\r\n" + host()
                    + "Connection: close\r\n\r\n");
            // Jetty refuses both (an ambiguous empty segment, a suspicious character); the proxy's
            // own mapping would keep them paths on the origin too.
            assertThat(response).as(path).startsWith("HTTP/1.1 400");
        }
        assertThat(origin.received()).isEmpty();
        stillServes();
    }

    @Test
    void badUrlsAre400() throws Exception {
        String percent = RawHttp.exchange(proxy.port(), "GET /pass/%zz HTTP/1.1\r\n" + host() + "\r\n");
        assertThat(percent).startsWith("HTTP/1.1 400").contains("Content-Type: text/plain; charset=utf-8")
                .doesNotContain("<html");
        assertThat(RawHttp.exchange(proxy.port(), "GET /pass/../../etc/passwd HTTP/1.1\r\n" + host() + "\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(RawHttp.exchange(proxy.port(), "GET pass HTTP/1.1\r\n" + host() + "\r\n")).startsWith("HTTP/1.1 400");
        assertThat(RawHttp.exchange(proxy.port(), "GET / HTTP/1.1\r\nHost: bad host\r\n\r\n")).startsWith("HTTP/1.1 400");
        stillServes();
    }

    @Test
    void aSlowHeadIsCutOffByTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /pass/ok HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            // The server closes the connection (perhaps after a 408) once it was idle for 500 ms.
            byte[] rest = in.readAllBytes();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("200");
        }
        stillServes();
    }
}

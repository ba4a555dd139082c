package org.sw4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;

/**
 * The proxy as a command-line user meets it: {@code curl} (the Debian package) browsing through it,
 * over HTTP/1.1 and HTTP/2 with prior knowledge, with a cookie jar as a browser keeps one; with the
 * origin gone, the worker still answers.
 */
class CurlThroughProxyTest {
    private static final Path CURL = Paths.get("/usr/bin/curl");

    @TempDir
    Path temp;
    private final TestOrigin origin = new TestOrigin();
    private ServiceWorkerProxy proxy;

    @AfterEach
    void close() {
        if (proxy != null) {
            proxy.close();
        }
        origin.close();
    }

    private String url(String path) {
        return proxy.publicOrigin() + path;
    }

    /** Runs curl with {@code args} (bounded), its standard output. */
    private String curl(String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(CURL)) {
            throw new AssertionError("this test needs curl at " + CURL + ": apt-get install -y curl");
        }
        List<String> command = new ArrayList<>(List.of(CURL.toString(), "--silent", "--show-error", "--max-time",
                "20", "--cookie", temp.resolve("jar").toString(), "--cookie-jar", temp.resolve("jar").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("curl finished").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    void curlBrowsesThroughTheProxyAndTheWorkerAnswersWhenTheOriginIsGone() throws Exception {
        origin.serve("/", 200, Map.of("Content-Type", "text/html; charset=utf-8"), "<!doctype html><img src=/img>");
        origin.serve("/img", 200, Map.of("Content-Type", "image/jpeg"), "cat-1");
        Path worker = temp.resolve("sw.js");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/worker.js"))) {
            Files.write(worker, in.readAllBytes());
        }
        proxy = ServiceWorkerProxy.builder(origin.origin()).worker(worker).listen("127.0.0.1", 0).start();

        String page = curl("--include", "--header", "Accept: text/html", url("/"));
        assertThat(page).startsWith("HTTP/1.1 200").containsIgnoringCase("via: 1.1 sw4j")
                .containsIgnoringCase("set-cookie: sw4j-client=").endsWith("<!doctype html><img src=/img>");
        assertThat(curl("--referer", url("/"), url("/img"))).isEqualTo("cat-1");
        String h2 = curl("--http2-prior-knowledge", "--include", "--header", "Accept: text/html", url("/"));
        assertThat(h2).startsWith("HTTP/2 200").endsWith("<!doctype html><img src=/img>");

        origin.close();
        assertThat(curl("--include", "--header", "Accept: text/html", url("/"))).startsWith("HTTP/1.1 200")
                .endsWith("<!doctype html><img src=/img>");
        assertThat(curl("--referer", url("/"), url("/img"))).isEqualTo("cat-1");
        assertThat(curl("--write-out", "%{http_code}", "--output", "/dev/null", url("/never-cached")))
                .isEqualTo("502");
    }
}

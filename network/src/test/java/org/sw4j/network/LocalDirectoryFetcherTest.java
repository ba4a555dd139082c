package org.sw4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.ResourceRequest;
import org.sw4j.core.spi.ResourceResponse;

class LocalDirectoryFetcherTest {
    @TempDir
    Path dir;

    private LocalDirectoryFetcher fetcher(Path root) {
        return new LocalDirectoryFetcher("http://localhost", root, request -> {
            throw new IOException("fallback asked for " + request.url());
        });
    }

    private ResourceResponse get(LocalDirectoryFetcher fetcher, String url) throws IOException {
        return fetcher.fetch(ResourceRequest.get(url, Map.of()));
    }

    @Test
    void servesFilesWithContentTypesByExtension() throws IOException {
        Files.writeString(dir.resolve("sw.js"), "// js");
        Files.createDirectories(dir.resolve("a b"));
        Files.writeString(dir.resolve("a b/m.mjs"), "export {}");
        Files.writeString(dir.resolve("data.json"), "{}");
        var fetcher = fetcher(dir);
        assertThat(get(fetcher, "http://localhost/sw.js?v=2#frag").bodyText()).isEqualTo("// js");
        assertThat(get(fetcher, "http://localhost/sw.js").header("content-type")).hasValue("text/javascript;charset=utf-8");
        assertThat(get(fetcher, "http://localhost/a%20b/m.mjs").bodyText()).isEqualTo("export {}");
        assertThat(get(fetcher, "http://localhost/data.json").header("content-type")).hasValue("application/json");
        assertThat(get(fetcher, "http://localhost/nope.js").status()).isEqualTo(404);
        assertThat(get(fetcher, "http://localhost/a%20b").status()).isEqualTo(404);
    }

    @Test
    void nothingOutsideTheRootIsServed() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        var fetcher = fetcher(root);
        for (String url : new String[] {"http://localhost/../secret.txt", "http://localhost/%2e%2e/secret.txt",
            "http://localhost/..%2fsecret.txt", "http://localhost/%2F..%2Fsecret.txt"}) {
            assertThat(get(fetcher, url).status()).as(url).isEqualTo(404);
        }
    }

    @Test
    void otherOriginsGoToTheFallback() {
        var fetcher = fetcher(dir);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(fetcher, "https://example.com/x.js"))
                .hasMessage("fallback asked for https://example.com/x.js");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(fetcher, "http://localhost:8080/x.js"))
                .hasMessage("fallback asked for http://localhost:8080/x.js");
    }
}

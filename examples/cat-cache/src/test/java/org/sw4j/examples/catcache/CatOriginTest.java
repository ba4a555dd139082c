package org.sw4j.examples.catcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestClock;

/** The origin over real HTTP on 127.0.0.1, with a plain HTTP client. */
class CatOriginTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private CatOrigin origin;

    @TempDir
    Path temp;

    @AfterEach
    void stop() {
        if (origin != null) {
            origin.stop();
        }
        http.close();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(origin.url()).resolve(path)).timeout(TIMEOUT).GET().build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesOurPageScriptAndWorkerOnLoopback() throws Exception {
        origin = CatOrigin.builder().clock(clock).start();
        assertThat(origin.url()).matches("http://127\\.0\\.0\\.1:\\d+/");

        HttpResponse<byte[]> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(new String(page.body())).contains("<img", "./main.js");
        HttpResponse<byte[]> main = get("/main.js");
        assertThat(main.headers().firstValue("content-type")).contains("text/javascript; charset=utf-8");
        assertThat(new String(main.body())).contains("serviceWorker.register('./service-worker.js'");
        HttpResponse<byte[]> worker = get("/service-worker.js");
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("content-type")).contains("text/javascript; charset=utf-8");
        assertThat(worker.headers().firstValue("cache-control")).contains("no-cache");
        assertThat(new String(worker.body())).contains("addEventListener('fetch'");
    }

    @Test
    void thePictureChangesEveryTenSecondsOfTheClockAndWrapsAfterTen() throws Exception {
        origin = CatOrigin.builder().clock(clock).start();
        HttpResponse<byte[]> first = get("/img");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("content-type")).contains("image/png");
        assertThat(first.headers().firstValue("cache-control")).contains("no-store");
        assertThat(first.headers().firstValue(CatOrigin.PICTURE_HEADER)).contains("1");
        assertThat(first.body()).isEqualTo(CatPictures.png(1));

        clock.advance(Duration.ofMillis(9_999));
        assertThat(get("/img").body()).isEqualTo(CatPictures.png(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(origin.currentPicture()).isEqualTo(2);
        assertThat(get("/img").body()).isEqualTo(CatPictures.png(2));
        clock.advance(Duration.ofSeconds(80));
        assertThat(get("/img").headers().firstValue(CatOrigin.PICTURE_HEADER)).contains("10");
        clock.advance(Duration.ofSeconds(10));
        assertThat(get("/img").body()).isEqualTo(CatPictures.png(1));
    }

    @Test
    void pictureAtIsAFunctionOfTimeSinceStart() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(CatOrigin.pictureAt(start, start)).isEqualTo(1);
        assertThat(CatOrigin.pictureAt(start, start.plusSeconds(35))).isEqualTo(4);
        assertThat(CatOrigin.pictureAt(start, start.plusSeconds(105))).isEqualTo(1);
        assertThat(CatOrigin.pictureAt(start, start.minusSeconds(5))).isEqualTo(1);
    }

    @Test
    void aSiteDirectoryReplacesOurPageButNotThePicture() throws Exception {
        Path site = Files.createDirectories(temp.resolve("site/css")).getParent();
        Files.writeString(site.resolve("index.html"), "<p>their page</p>");
        Files.writeString(site.resolve("css/site.css"), "p {}");
        Files.writeString(temp.resolve("secret.txt"), "outside the site");
        origin = CatOrigin.builder().clock(clock).site(site).start();

        assertThat(new String(get("/").body())).isEqualTo("<p>their page</p>");
        assertThat(get("/css/site.css").headers().firstValue("content-type")).contains("text/css; charset=utf-8");
        assertThat(get("/main.js").statusCode()).isEqualTo(404);
        assertThat(get("/img").body()).isEqualTo(CatPictures.png(1));
        // Nothing outside the directory, however the path is spelt.
        assertThat(get("/../secret.txt").statusCode()).isIn(400, 404);
        assertThat(get("/%2e%2e/secret.txt").statusCode()).isIn(400, 404);
        assertThat(get("/css/..%2f..%2fsecret.txt").statusCode()).isIn(400, 404);
        assertThat(get("/index.html%00.js").statusCode()).isIn(400, 404);
    }

    @Test
    void badRequestsGetShortClearErrors() throws Exception {
        origin = CatOrigin.builder().clock(clock).start();
        HttpResponse<byte[]> missing = get("/nothing-here.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body())).isEqualTo("not found: /nothing-here.js\n");
        HttpResponse<byte[]> post = send(HttpRequest.newBuilder(URI.create(origin.url() + "img"))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).contains("GET, HEAD");
        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(origin.url() + "img"))
                .timeout(TIMEOUT).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void builderAndStartSayWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> CatOrigin.builder().site(temp.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the site is not a directory");
        assertThatThrownBy(() -> CatOrigin.builder().port(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 65535");
        origin = CatOrigin.builder().start();
        int taken = origin.port();
        assertThatThrownBy(() -> CatOrigin.builder().port(taken).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot listen on 127.0.0.1:" + taken);
    }

    @Test
    void aStoppedOriginRefusesConnections() throws Exception {
        origin = CatOrigin.builder().clock(clock).start();
        String url = origin.url();
        origin.stop();
        assertThatThrownBy(() -> send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build()))
                .isInstanceOf(ConnectException.class);
        origin.stop();
        origin = null;
    }
}

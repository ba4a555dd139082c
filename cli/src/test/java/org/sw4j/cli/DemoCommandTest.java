package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code sw4j demo} in process: the cat origin behind the proxy, its worker installed, the inspector beside. */
class DemoCommandTest {

    @Test
    void helpSaysWhatTheDemoDoes() {
        ServeCommandTest.Run run = ServeCommandTest.run("demo", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("cat").contains("--listen").contains("--origin-listen")
                .contains("--no-inspector").contains("Press Enter");
    }

    @Test
    void aBadListenAddressIsAUsageError() {
        ServeCommandTest.Run run = ServeCommandTest.run("demo", "--listen", "8080");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--listen is HOST:PORT");
    }

    @Test
    void theDemoServesThePageAndPicturesThroughTheWorkerWithTheInspectorBeside() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        // --no-console: the test JVM's standard input is the test runner's, not the demo's.
        Thread demo = Thread.ofVirtual().start(() -> exit.set(Main.run(new String[] {"demo", "--listen",
                "127.0.0.1:0", "--origin-listen", "127.0.0.1:0", "--no-console"}, new PrintWriter(out, true),
                new PrintWriter(err, true))));
        try (HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            Matcher started = await(Pattern.compile("served through sw4j at (http://127\\.0\\.0\\.1:\\d+)/"), out, err,
                    demo);
            String proxy = started.group(1);
            String inspector = await(Pattern.compile("sw4j inspector: (\\S+)"), out, err, demo).group(1);

            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(proxy + "/"))
                    .header("Sec-Fetch-Mode", "navigate").header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<!doctype html>");
            HttpResponse<byte[]> picture = browser.send(HttpRequest.newBuilder(URI.create(proxy + "/img"))
                    .header("Referer", proxy + "/").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(picture.statusCode()).isEqualTo(200);
            assertThat(picture.body()).startsWith(0x89, 'P', 'N', 'G');

            // The worker was registered at start: the inspector lists it, activated.
            String token = inspector.substring(inspector.indexOf("token=") + "token=".length());
            String base = inspector.substring(0, inspector.indexOf("/?"));
            HttpResponse<String> registrations = browser.send(HttpRequest.newBuilder(
                    URI.create(base + "/api/registrations")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registrations.statusCode()).isEqualTo(200);
            assertThat(registrations.body()).contains("/service-worker.js").contains("activated");
        } finally {
            demo.interrupt();
            demo.join(Duration.ofSeconds(30));
        }
        assertThat(demo.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    private static Matcher await(Pattern pattern, StringWriter out, StringWriter err, Thread command)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Matcher matcher = pattern.matcher(out.toString());
        while (!matcher.find() && System.nanoTime() < deadline && command.isAlive()) {
            Thread.sleep(20);
            matcher = pattern.matcher(out.toString());
        }
        assertThat(matcher.find(0)).as("out: %s%nerr: %s", out, err).isTrue();
        return matcher;
    }
}

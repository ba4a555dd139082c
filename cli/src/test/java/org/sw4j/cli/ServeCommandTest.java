package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;

/** {@code sw4j serve} in process: its help, its usage errors, and a proxy it starts and stops. */
class ServeCommandTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpDescribesTheOptionsAndExitCodes() {
        Run run = run("serve", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--origin=URL", "--worker=PATH|URL", "--scope=PATH", "--listen=HOST:PORT",
                "--data=DIR", "--offline-origin", "--tls-cert=FILE", "--tls-key=FILE", "--self-signed", "Exit status:", "502", "504",
                "--config=FILE", "sites:", "host: cats.localhost", "quota: 50MB");
        assertThat(run("--help").out()).contains("serve");
    }

    @Test
    void aBadOriginIsAUsageError() throws Exception {
        Path worker = Files.writeString(dir.resolve("sw.js"), "");
        Run run = run("serve", "--origin", "ftp://example.com", "--worker", worker.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("sw4j: the origin must be an http or https URL, not 'ftp://example.com'")
                .contains("Run 'sw4j serve --help' for usage.");
        Run noFile = run("serve", "--origin", "http://127.0.0.1:1", "--worker", dir.resolve("none.js").toString());
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("is not a file");
        assertThat(run("serve", "--worker", worker.toString()).exitCode()).isEqualTo(2);
        Run tls = run("serve", "--origin", "http://127.0.0.1:1", "--worker", worker.toString(), "--tls-cert",
                worker.toString());
        assertThat(tls.exitCode()).isEqualTo(2);
        assertThat(tls.err()).contains("--tls-cert and --tls-key go together");
    }

    @Test
    void aWorkerThatCannotBeFetchedEndsTheStartWithOne() {
        try (TestOrigin origin = new TestOrigin()) {
            Run run = run("serve", "--origin", origin.origin(), "--worker", origin.url("/missing.js"),
                    "--listen", "127.0.0.1:0");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("sw4j: cannot register the worker " + origin.url("/missing.js"));
        }
    }

    @Test
    void servesThroughTheWorkerUntilStopped() throws Exception {
        Path worker = Files.writeString(dir.resolve("sw.js"), """
                self.addEventListener('fetch', (event) => {
                  if (new URL(event.request.url).pathname === '/hello') {
                    event.respondWith(new Response('hello from the worker'));
                  }
                });
                """);
        try (TestOrigin origin = new TestOrigin(); HttpClient browser = HttpClient.newHttpClient()) {
            origin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html>page");
            StringWriter out = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            Thread serve = Thread.ofVirtual().start(() -> exit.set(Main.run(new String[] {"serve", "--origin",
                    origin.origin(), "--worker", worker.toString(), "--listen", "127.0.0.1:0", "--data",
                    dir.resolve("data").toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))));
            Pattern started = Pattern.compile("sw4j serve: (http://127\\.0\\.0\\.1:\\d+)/ -> ");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Matcher matcher = started.matcher(out.toString());
            while (!matcher.find() && System.nanoTime() < deadline && serve.isAlive()) {
                Thread.sleep(20);
                matcher = started.matcher(out.toString());
            }
            assertThat(matcher.find(0)).as(out.toString()).isTrue();
            String proxy = matcher.group(1);

            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(proxy + "/"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).isEqualTo("<!doctype html>page");
            HttpResponse<String> hello = browser.send(HttpRequest.newBuilder(URI.create(proxy + "/hello"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hello.body()).isEqualTo("hello from the worker");

            serve.interrupt();
            serve.join(Duration.ofSeconds(30));
            assertThat(serve.isAlive()).isFalse();
            assertThat(exit.get()).isZero();
        }
    }

    @Test
    void configIsExclusiveWithOriginWorkerAndScope() throws Exception {
        Path worker = Files.writeString(dir.resolve("sw.js"), "");
        Path config = Files.writeString(dir.resolve("sw4j.yaml"),
                "sites:\n  - host: a.localhost\n    origin: http://127.0.0.1:1\n    worker: sw.js\n");
        Run mixed = run("serve", "--config", config.toString(), "--origin", "http://127.0.0.1:1");
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("--config lists the sites: give it without --origin, --worker and --scope");
        Run neither = run("serve");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("give --origin and --worker (or --config FILE for several sites)");
        Files.writeString(config, "sites:\n  - host: a.localhost\n    origin: http://127.0.0.1:1\n    worker: none.js\n");
        Run bad = run("serve", "--config", config.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(config + ": sites[0] (a.localhost): worker: the file " + dir.resolve("none.js")
                + " does not exist");
        Files.writeString(config, "listen: 8080\nsites:\n  - host: a.localhost\n    origin: http://127.0.0.1:1\n"
                + "    worker: sw.js\n");
        Run badListen = run("serve", "--config", config.toString());
        assertThat(badListen.exitCode()).isEqualTo(2);
        assertThat(badListen.err()).contains(config + ": listen is HOST:PORT, not '8080'");
        assertThat(worker).exists();
    }

    @Test
    void servesTheSitesOfAConfigFileUntilStopped() throws Exception {
        for (String name : new String[] {"cats", "dogs"}) {
            Files.createDirectories(dir.resolve(name));
            Files.writeString(dir.resolve(name + "/sw.js"), """
                    self.addEventListener('fetch', (event) => {
                      event.respondWith(fetch(event.request).then(response => {
                        const headers = new Headers(response.headers);
                        headers.set('X-Worker', 'NAME');
                        return new Response(response.body, {status: response.status, headers});
                      }));
                    });
                    """.replace("NAME", name));
        }
        try (TestOrigin cats = new TestOrigin(); TestOrigin dogs = new TestOrigin();
                HttpClient browser = HttpClient.newHttpClient()) {
            cats.serve("/", 200, Map.of("Content-Type", "text/html"), "cats page");
            dogs.serve("/", 200, Map.of("Content-Type", "text/html"), "dogs page");
            Path config = Files.writeString(dir.resolve("sw4j.yaml"), """
                    listen: 127.0.0.1:0
                    data: state
                    sites:
                      - path: /cats/
                        origin: CATS
                        worker: cats/sw.js
                        quota: 10MB
                      - path: /dogs/
                        origin: DOGS
                        worker: dogs/sw.js
                    """.replace("CATS", cats.origin()).replace("DOGS", dogs.origin()));
            StringWriter out = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            Thread serve = Thread.ofVirtual().start(() -> exit.set(Main.run(new String[] {"serve", "--config",
                    config.toString(), "--no-inspector"}, new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true))));
            Pattern started = Pattern.compile("sw4j serve: (http://127\\.0\\.0\\.1:\\d+)/dogs/ -> ");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Matcher matcher = started.matcher(out.toString());
            while (!matcher.find() && System.nanoTime() < deadline && serve.isAlive()) {
                Thread.sleep(20);
                matcher = started.matcher(out.toString());
            }
            assertThat(matcher.find(0)).as(out.toString()).isTrue();
            String proxy = matcher.group(1);
            assertThat(out.toString()).contains("/cats/ -> " + cats.origin(), "quota 9.5 MiB (10000000 bytes)",
                    "2 sites from " + config, "data " + dir.resolve("state"));

            for (String name : new String[] {"cats", "dogs"}) {
                HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(proxy + "/" + name + "/"))
                        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.body()).isEqualTo(name + " page");
                assertThat(page.headers().firstValue("X-Worker")).hasValue(name);
            }
            assertThat(dir.resolve("state")).isDirectory();

            serve.interrupt();
            serve.join(Duration.ofSeconds(30));
            assertThat(serve.isAlive()).isFalse();
            assertThat(exit.get()).isZero();
        }
    }
}

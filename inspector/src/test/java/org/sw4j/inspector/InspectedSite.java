package org.sw4j.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.sw4j.agent.Registration;
import org.sw4j.agent.UserAgent;
import org.sw4j.agent.Window;
import org.sw4j.network.TestOrigin;

/**
 * What the inspector's tests look at: a real origin on 127.0.0.1 serving a page, data, a PNG and a
 * cache-first worker that precaches them; a real user agent that registered it and opened a
 * controlled window; an inspector on it; and an HTTP client for the API.
 */
final class InspectedSite implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String WORKER = """
            self.addEventListener('install', (e) => e.waitUntil(
                caches.open('v1').then((c) => c.addAll(['/data', '/cat.png']))));
            self.addEventListener('fetch', (e) => e.respondWith(
                caches.match(e.request).then((r) => r || fetch(e.request))));
            """;
    /** The first bytes of a PNG file and some that are not UTF-8. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe};

    final TestOrigin origin = new TestOrigin();
    final UserAgent agent;
    final Inspector inspector;
    final Registration registration;
    final Window window;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    InspectedSite() throws Exception {
        origin.serve("/", 200, Map.of("Content-Type", "text/html"), "<!doctype html><title>app</title>");
        origin.serve("/data", 200, Map.of("Content-Type", "text/plain"), "from the network");
        origin.serve("/fresh", 200, Map.of("Content-Type", "text/plain"), "not cached");
        origin.route("/cat.png", (request, response) -> {
            response.getHeaders().put("Content-Type", "image/png");
            response.write(true, java.nio.ByteBuffer.wrap(PNG), org.eclipse.jetty.util.Callback.NOOP);
        });
        origin.script("/sw.js", WORKER);
        agent = UserAgent.builder().idleTimeout(Duration.ofSeconds(30)).build();
        inspector = Inspector.builder(agent).build().start();
        Window first = agent.openWindow(origin.url("/"));
        registration = first.serviceWorker().register("/sw.js");
        registration.awaitActivated(WAIT);
        first.close();
        window = agent.openWindow(origin.url("/"));
        assertThat(window.controller()).isPresent();
    }

    String scope() {
        return origin.url("/");
    }

    String api(String path) {
        return "http://127.0.0.1:" + inspector.port() + path;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api(path))).timeout(WAIT)
                .header("Authorization", "Bearer " + inspector.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return json.readTree(response.body());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api(path))).timeout(WAIT)
                .header("Authorization", "Bearer " + inspector.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode postJson(String path, Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(path, json.writeValueAsString(body));
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isIn(200, 204);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    /** The registration's JSON as the API lists it, or null once it is gone. */
    JsonNode registrationJson() throws IOException, InterruptedException {
        for (JsonNode registration : getJson("/api/registrations").get("registrations")) {
            if (registration.get("scope").asText().equals(scope())) {
                return registration;
            }
        }
        return null;
    }

    /** Polls {@code path} (at most {@link #WAIT}) until its JSON satisfies {@code condition}. */
    JsonNode awaitJson(String path, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode node = getJson(path);
            if (condition.test(node)) {
                return node;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GET " + path + " did not reach the expected state in " + WAIT + ": " + node);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        inspector.close();
        agent.close();
        origin.close();
    }
}

package org.sw4j.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sw4j.inspector.InspectedSite.encode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sw4j.agent.NetworkErrorException;
import org.sw4j.agent.Response;

/** The JSON API over real sockets, against a real user agent running a real worker. */
class InspectorApiTest {
    private InspectedSite site;

    @BeforeEach
    void start() throws Exception {
        site = new InspectedSite();
    }

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    private String cachePath(String route, String cache) {
        return route + "?origin=" + encode(site.origin.origin()) + "&cache=" + encode(cache);
    }

    // ------------------------------------------------------------------------ access

    @Test
    void everyApiCallNeedsTheToken() throws Exception {
        HttpResponse<String> none = site.http.send(HttpRequest.newBuilder(URI.create(site.api("/api/registrations")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(site.json.readTree(none.body()).get("error").asText()).isEqualTo("unauthorized");

        HttpResponse<String> wrong = site.http.send(HttpRequest.newBuilder(URI.create(site.api("/api/storage")))
                .header("Authorization", "Bearer 0123456789abcdef0123456789abcdef").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);

        HttpResponse<String> action = site.http.send(HttpRequest.newBuilder(URI.create(site.api("/api/storage/clear")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"origin\":\"" + site.origin.origin() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(action.statusCode()).isEqualTo(401);
        assertThat(site.registrationJson()).as("nothing was cleared").isNotNull();

        assertThat(site.inspector.token()).matches("[0-9a-f]{32}");
        assertThat(site.inspector.url()).isEqualTo("http://127.0.0.1:" + site.inspector.port() + "/?token="
                + site.inspector.token());
    }

    @Test
    void thePageTradesTheTokenForACookieAndLoadsWithoutOne() throws Exception {
        HttpResponse<String> page = site.http.send(HttpRequest.newBuilder(URI.create(site.api("/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("sw4j inspector");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();

        HttpResponse<String> head = site.http.send(HttpRequest.newBuilder(URI.create(site.api("/inspector.js")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(site.http.send(HttpRequest.newBuilder(URI.create(site.api("/nothing.html"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        HttpResponse<String> opened = site.http.send(HttpRequest.newBuilder(URI.create(site.inspector.url())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(303);
        assertThat(opened.headers().firstValue("Location")).hasValue("/");
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");

        HttpResponse<String> withCookie = site.http.send(HttpRequest.newBuilder(URI.create(site.api("/api/clients")))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withCookie.statusCode()).isEqualTo(200);

        // A POST with the cookie alone (what a cross-site form would send) needs the page's Origin.
        HttpResponse<String> forged = site.http.send(HttpRequest.newBuilder(URI.create(site.api("/api/storage/clear")))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString("{\"origin\":\"" + site.origin.origin() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void aForeignHostOrOriginIsRefused() throws Exception {
        // A rebound DNS name reaches 127.0.0.1 with its own Host header.
        try (Socket socket = new Socket("127.0.0.1", site.inspector.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/registrations HTTP/1.1\r\nHost: attacker.example:" + site.inspector.port()
                    + "\r\nAuthorization: Bearer " + site.inspector.token() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 403");
        }
        HttpResponse<String> crossSite = site.http.send(HttpRequest.newBuilder(URI.create(site.api("/api/storage/clear")))
                .header("Authorization", "Bearer " + site.inspector.token())
                .header("Origin", "http://attacker.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"origin\":\"" + site.origin.origin() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(site.registrationJson()).isNotNull();
    }

    @Test
    void bindingToANonLoopbackAddressIsRefused() {
        Inspector.Builder builder = Inspector.builder(site.agent);
        assertThatThrownBy(() -> builder.host("0.0.0.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> builder.host("192.0.2.10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> builder.token("short")).isInstanceOf(IllegalArgumentException.class);
        try (Inspector ipv4 = Inspector.builder(site.agent).host("127.0.0.1").token("a-given-token-0123456789")
                .build().start()) {
            assertThat(ipv4.url()).endsWith("/?token=a-given-token-0123456789");
        }
    }

    // ------------------------------------------------------------------------ reads

    @Test
    void registrationsShowWorkersAndTheirDiagnosis() throws Exception {
        JsonNode registration = site.registrationJson();
        assertThat(registration.get("storageKey").asText()).isEqualTo(site.origin.origin());
        assertThat(registration.get("updateViaCache").asText()).isEqualTo("imports");
        assertThat(registration.get("navigationPreload").get("enabled").asBoolean()).isFalse();
        assertThat(registration.get("installing").isNull()).isTrue();
        assertThat(registration.get("waiting").isNull()).isTrue();
        JsonNode active = registration.get("active");
        assertThat(active.get("state").asText()).isEqualTo("activated");
        assertThat(active.get("scriptUrl").asText()).isEqualTo(site.origin.url("/sw.js"));
        assertThat(active.get("running").isBoolean()).isTrue();
        assertThat(active.get("routerRules").asInt()).isZero();
        assertThat(registration.get("diagnosis").get("reasons").get(0).asText()).contains("activated");
    }

    @Test
    void aWaitingWorkerIsExplainedByTheClientsHoldingTheOldOne() throws Exception {
        site.origin.script("/sw.js", InspectedSite.WORKER + "\n// v2\n");
        site.postJson("/api/registrations/update", Map.of("scope", site.scope()));
        JsonNode registration = site.awaitJson("/api/registrations",
                json -> !json.get("registrations").get(0).get("waiting").isNull()).get("registrations").get(0);
        JsonNode diagnosis = registration.get("diagnosis");
        assertThat(diagnosis.get("clients").get(0).get("id").asText()).isEqualTo(site.window.id());
        assertThat(diagnosis.get("reasons").toString()).contains("is waiting").contains("client(s) still use the active worker");
    }

    @Test
    void clientsListTheWindowAndItsController() throws Exception {
        JsonNode clients = site.getJson("/api/clients").get("clients");
        JsonNode window = Stream.of(site.json.treeToValue(clients, JsonNode[].class))
                .filter(c -> c.get("id").asText().equals(site.window.id())).findFirst().orElseThrow();
        assertThat(window.get("url").asText()).isEqualTo(site.origin.url("/"));
        assertThat(window.get("type").asText()).isEqualTo("window");
        assertThat(window.get("visibilityState").asText()).isIn("visible", "hidden");
        assertThat(window.get("focused").isBoolean()).isTrue();
        assertThat(window.get("controller").asText()).isEqualTo(site.registrationJson().get("active").get("id").asText());
    }

    @Test
    void storageAndCachesShowUsageEntriesAndPreviews() throws Exception {
        JsonNode origin = site.getJson("/api/storage").get("origins").get(0);
        assertThat(origin.get("origin").asText()).isEqualTo(site.origin.origin());
        assertThat(origin.get("registrations").asInt()).isEqualTo(1);
        assertThat(origin.get("caches").asInt()).isEqualTo(1);
        assertThat(origin.get("usage").asLong()).isPositive();
        assertThat(origin.get("quota").asLong()).isGreaterThan(origin.get("usage").asLong());

        JsonNode caches = site.getJson("/api/caches?origin=" + encode(site.origin.origin())).get("caches");
        assertThat(caches.get(0).get("name").asText()).isEqualTo("v1");
        assertThat(caches.get(0).get("entries").asInt()).isEqualTo(2);

        JsonNode entries = site.getJson(cachePath("/api/caches/entries", "v1")).get("entries");
        assertThat(entries.findValuesAsText("url")).containsExactly(site.origin.url("/data"), site.origin.url("/cat.png"));
        JsonNode data = entries.get(0);
        assertThat(data.get("method").asText()).isEqualTo("GET");
        assertThat(data.get("status").asInt()).isEqualTo(200);
        assertThat(data.get("type").asText()).isEqualTo("basic");
        assertThat(data.get("size").asLong()).isEqualTo("from the network".length());
        assertThat(data.get("headers").toString()).containsIgnoringCase("content-type");

        JsonNode text = site.getJson(cachePath("/api/caches/entry", "v1") + "&url=" + encode(site.origin.url("/data")));
        assertThat(text.get("body").get("encoding").asText()).isEqualTo("text");
        assertThat(text.get("body").get("preview").asText()).isEqualTo("from the network");
        assertThat(text.get("body").get("truncated").asBoolean()).isFalse();

        JsonNode image = site.getJson(cachePath("/api/caches/entry", "v1") + "&url=" + encode(site.origin.url("/cat.png")));
        assertThat(image.get("body").get("encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(image.get("body").get("preview").asText())).isEqualTo(InspectedSite.PNG);
        assertThat(image.get("body").get("length").asLong()).isEqualTo(InspectedSite.PNG.length);
    }

    @Test
    void fetchesAreRecordedWithWhoAnswered() throws Exception {
        site.window.fetch("/data");
        site.window.fetch("/fresh");
        JsonNode fetches = site.awaitJson("/api/fetches", json -> json.get("fetches").size() >= 2).get("fetches");
        assertThat(site.getJson("/api/fetches").get("capacity").asInt()).isEqualTo(200);
        JsonNode last = fetches.get(fetches.size() - 1);
        assertThat(last.get("url").asText()).isEqualTo(site.origin.url("/fresh"));
        assertThat(last.get("method").asText()).isEqualTo("GET");
        assertThat(last.get("servedBy").asText()).isEqualTo("worker");
        assertThat(last.get("status").asInt()).isEqualTo(200);
        assertThat(last.get("clientId").asText()).isEqualTo(site.window.id());
        assertThat(last.get("ms").asDouble()).isNotNegative();
    }

    @Test
    void theEventStreamCarriesFetchesLive() throws Exception {
        HttpResponse<java.util.stream.Stream<String>> stream = site.http.send(
                HttpRequest.newBuilder(URI.create(site.api("/api/events")))
                        .header("Authorization", "Bearer " + site.inspector.token()).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
                site.window.fetch("/data");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (Stream<String> lines = stream.body()) {
            String data = lines.dropWhile(line -> !line.equals("event: fetch")).skip(1).findFirst().orElseThrow();
            assertThat(data).startsWith("data: ").contains(site.origin.url("/data"));
        }
    }

    // ------------------------------------------------------------------------ actions

    @Test
    void stopWorkerStopsItsJavaScript() throws Exception {
        site.window.fetch("/data"); // the worker runs
        JsonNode active = site.awaitJson("/api/registrations",
                json -> json.get("registrations").get(0).get("active").get("running").asBoolean())
                .get("registrations").get(0).get("active");
        JsonNode stopped = site.postJson("/api/workers/stop", Map.of("id", active.get("id").asText()));
        assertThat(stopped.get("running").asBoolean()).isFalse();
        assertThat(site.registrationJson().get("active").get("running").asBoolean()).isFalse();
        assertThat(site.registrationJson().get("active").get("state").asText()).isEqualTo("activated");

        assertThat(site.post("/api/workers/stop", "{\"id\":\"" + active.get("id").asText() + "\"}").statusCode())
                .isEqualTo(409);
        assertThat(site.post("/api/workers/stop", "{\"id\":\"no-such-worker\"}").statusCode()).isEqualTo(404);
        // The next fetch starts it again.
        assertThat(site.window.fetch("/data").text()).isEqualTo("from the network");
    }

    @Test
    void skipWaitingActivatesTheWaitingWorker() throws Exception {
        assertThat(site.post("/api/registrations/skip-waiting", "{\"scope\":\"" + site.scope() + "\"}").statusCode())
                .as("nothing waits yet").isEqualTo(409);
        site.origin.script("/sw.js", InspectedSite.WORKER + "\n// v2\n");
        site.postJson("/api/registrations/update", Map.of("scope", site.scope()));
        JsonNode waiting = site.awaitJson("/api/registrations",
                json -> !json.get("registrations").get(0).get("waiting").isNull())
                .get("registrations").get(0).get("waiting");
        assertThat(waiting.get("state").asText()).isEqualTo("installed");

        site.postJson("/api/registrations/skip-waiting", Map.of("scope", site.scope()));
        site.awaitJson("/api/registrations", json -> {
            JsonNode registration = json.get("registrations").get(0);
            return registration.get("waiting").isNull()
                    && registration.get("active").get("id").asText().equals(waiting.get("id").asText())
                    && registration.get("active").get("state").asText().equals("activated");
        });
        assertThat(site.window.controller().orElseThrow().id()).isEqualTo(waiting.get("id").asText());
    }

    @Test
    void updateAndUnregister() throws Exception {
        JsonNode updated = site.postJson("/api/registrations/update", Map.of("scope", site.scope()));
        assertThat(updated.get("scope").asText()).isEqualTo(site.scope());
        JsonNode unregistered = site.postJson("/api/registrations/unregister", Map.of("scope", site.scope()));
        assertThat(unregistered.get("unregistered").asBoolean()).isTrue();
        assertThat(site.registrationJson()).as("an unregistered registration is no longer listed").isNull();
        assertThat(site.post("/api/registrations/update", "{\"scope\":\"" + site.scope() + "\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void deleteAnEntryThenTheCache() throws Exception {
        String url = site.origin.url("/data");
        assertThat(site.post("/api/caches/entry/delete", site.json.writeValueAsString(Map.of(
                "origin", site.origin.origin(), "cache", "v1", "url", url))).statusCode()).isEqualTo(204);
        assertThat(site.getJson(cachePath("/api/caches/entries", "v1")).get("entries").findValuesAsText("url"))
                .containsExactly(site.origin.url("/cat.png"));
        assertThat(site.get(cachePath("/api/caches/entry", "v1") + "&url=" + encode(url)).statusCode()).isEqualTo(404);
        assertThat(site.post("/api/caches/entry/delete", site.json.writeValueAsString(Map.of(
                "origin", site.origin.origin(), "cache", "v1", "url", url))).statusCode()).isEqualTo(404);

        assertThat(site.post("/api/caches/delete", site.json.writeValueAsString(Map.of(
                "origin", site.origin.origin(), "cache", "v1"))).statusCode()).isEqualTo(204);
        assertThat(site.getJson("/api/caches?origin=" + encode(site.origin.origin())).get("caches")).isEmpty();
        assertThat(site.get(cachePath("/api/caches/entries", "v1")).statusCode()).isEqualTo(404);
        assertThat(site.post("/api/caches/delete", site.json.writeValueAsString(Map.of(
                "origin", site.origin.origin(), "cache", "v1"))).statusCode()).isEqualTo(404);
    }

    @Test
    void clearSiteDataRemovesRegistrationsAndCaches() throws Exception {
        JsonNode cleared = site.postJson("/api/storage/clear", Map.of("origin", site.origin.origin()));
        assertThat(cleared.get("registrationsCleared").get(0).asText()).isEqualTo(site.scope());
        assertThat(cleared.get("cachesDeleted").asInt()).isEqualTo(1);

        assertThat(site.getJson("/api/registrations").get("registrations")).isEmpty();
        assertThat(site.getJson("/api/storage").get("origins")).isEmpty();
        assertThat(site.getJson("/api/caches?origin=" + encode(site.origin.origin())).get("caches")).isEmpty();
        // The controlled window lost its controller; the worker is redundant; fetches go to the network.
        assertThat(site.window.controller()).isEmpty();
        JsonNode client = site.getJson("/api/clients").get("clients").get(0);
        assertThat(client.get("controller").isNull()).isTrue();
        assertThat(site.window.fetch("/data").servedBy()).isEqualTo(Response.ServedBy.NETWORK);
    }

    @Test
    void offlineMakesTheNetworkFailAndTheWorkerServeFromCache() throws Exception {
        JsonNode network = site.postJson("/api/network", Map.of("online", false));
        assertThat(network.get("offline").asBoolean()).isTrue();
        Response cached = site.window.fetch("/data");
        assertThat(cached.text()).isEqualTo("from the network");
        assertThat(cached.servedBy()).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        assertThatThrownBy(() -> site.window.fetch("/fresh")).isInstanceOf(NetworkErrorException.class);

        site.postJson("/api/network", Map.of("online", true));
        assertThat(site.window.fetch("/fresh").text()).isEqualTo("not cached");

        String host = "127.0.0.1:" + URI.create(site.origin.origin()).getPort();
        JsonNode perHost = site.postJson("/api/network", Map.of("online", false, "host", host));
        assertThat(perHost.get("rules").get(0).get("host").asText()).isEqualTo(host);
        assertThatThrownBy(() -> site.window.fetch("/fresh")).isInstanceOf(NetworkErrorException.class);
        site.postJson("/api/network", Map.of("online", true, "host", host));
        assertThat(site.getJson("/api/network").get("rules")).isEmpty();
        assertThat(site.window.fetch("/fresh").text()).isEqualTo("not cached");
    }

    // ------------------------------------------------------------------------ errors

    @Test
    void badInputUnknownNamesAndImpossibleActionsAreClearErrors() throws Exception {
        assertError(site.post("/api/registrations/update", "{not json"), 400);
        assertError(site.post("/api/registrations/update", "[]"), 400);
        assertError(site.post("/api/registrations/update", "{}"), 400);
        assertError(site.post("/api/network", "{\"online\":\"no\"}"), 400);
        assertError(site.post("/api/network", "{\"online\":false,\"host\":\"bad host=\"}"), 400);
        assertError(site.get("/api/caches"), 400);
        assertError(site.get("/api/caches/entry?origin=x&cache=v1"), 400);
        assertError(site.get(cachePath("/api/caches/entry", "v1") + "&url=x&id=abc"), 400);
        assertError(site.post("/api/registrations/unregister", "{\"scope\":\"http://127.0.0.1:1/nope/\"}"), 404);
        assertError(site.get(cachePath("/api/caches/entries", "no-such-cache")), 404);
        assertError(site.get(cachePath("/api/caches/entry", "v1") + "&url=" + encode(site.origin.url("/nope"))), 404);
        assertError(site.get("/api/nothing-here"), 404);
        assertError(site.get("/api/storage/clear"), 405);
        assertError(site.post("/api/registrations/skip-waiting", "{\"scope\":\"" + site.scope() + "\"}"), 409);
        HttpResponse<String> big = site.post("/api/network", "{\"online\":true,\"pad\":\"" + "x".repeat(70_000) + "\"}");
        assertError(big, 413);
        HttpResponse<String> put = site.http.send(HttpRequest.newBuilder(URI.create(site.api("/api/storage")))
                .header("Authorization", "Bearer " + site.inspector.token())
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(put, 405);
    }

    private void assertError(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = site.json.readTree(response.body());
        assertThat(body.get("error").asText()).isNotEmpty();
        assertThat(body.get("message").asText()).isNotEmpty();
    }

    @Test
    void closingTheInspectorEndsItsListener() throws Exception {
        int port = site.inspector.port();
        site.inspector.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
    }
}

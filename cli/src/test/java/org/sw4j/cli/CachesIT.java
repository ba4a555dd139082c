package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;

/** {@code sw4j exec --data} and {@code sw4j caches} through the real launcher, on temporary data directories. */
class CachesIT {
    /** Two caches for http://localhost: "pages" (11 + 7 body bytes) then "assets" (2048). */
    private static final String FILL = """
            self.addEventListener('install', (e) => e.waitUntil((async () => {
              const pages = await caches.open('pages');
              await pages.put('/index.html', new Response('<h1>hi</h1>', { headers: { 'content-type': 'text/html', 'x-version': '1' } }));
              await pages.put(new Request('/data.json', { headers: { accept: 'application/json' } }),
                  new Response('{"a":1}', { status: 201, statusText: 'Created' }));
              const assets = await caches.open('assets');
              await assets.put('/logo.png', new Response(new Uint8Array(2048)));
            })()));
            """;

    @TempDir
    Path dir;

    private Path script(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Launcher.Run sw4j(String... args) throws Exception {
        return Launcher.run(args);
    }

    private static void assertOk(Launcher.Run run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
    }

    @Test
    void aWorkersCachesPersistInTheDataDirectoryWhereListAndShowSeeThem() throws Exception {
        Path data = dir.resolve("data");
        assertOk(sw4j("exec", "--data", data.toString(), script("fill.js", FILL).toString()));

        var list = sw4j("caches", "list", "--data", data.toString());
        assertOk(list);
        assertThat(list.stdout().lines()).containsExactly(
                "origin http://localhost: 2 caches",
                list.stdout().lines().toList().get(1),
                "  cache \"pages\": 2 entries, 18 bytes",
                "  cache \"assets\": 1 entry, 2.0 KiB (2048 bytes)");
        assertThat(list.stdout().lines().toList().get(1))
                .matches("  usage \\d\\.\\d KiB \\(\\d+ bytes\\) of 1\\.0 GiB \\(1073741824 bytes\\) quota, not persisted");

        var show = sw4j("caches", "show", "--data", data.toString(), "--origin", "http://localhost", "--cache", "pages");
        assertOk(show);
        assertThat(show.stdout()).startsWith("cache \"pages\" of http://localhost: 2 entries, 18 bytes\n").contains("""
                http://localhost/index.html
                  GET, status 200, type default, body 11 bytes
                  request headers: none
                  response headers:
                    content-type: text/html
                    x-version: 1
                """, """
                http://localhost/data.json
                  GET, status 201 Created, type default, body 7 bytes
                  request headers:
                    accept: application/json
                """);

        // The default data directory comes from $SW4J_DATA; --origin takes any URL of the origin.
        var json = Launcher.run(Map.of("SW4J_DATA", data.toString()),
                "caches", "show", "--origin", "http://localhost:80/app/", "--cache", "pages", "--url", "/data.json", "--json");
        assertOk(json);
        assertThat(json.stdout()).contains("\"url\": \"http://localhost/data.json\"", "\"status\": 201",
                "\"statusText\": \"Created\"", "\"bodySize\": 7").doesNotContain("index.html");
        assertThat(json.stdout().replaceAll("\\s+", "")).contains("\"requestHeaders\":[[\"accept\",\"application/json\"]]");
        var listJson = Launcher.run(Map.of("SW4J_DATA", data.toString()), "caches", "list", "--json");
        assertOk(listJson);
        assertThat(listJson.stdout().replaceAll("\\s+", "")).contains(
                "\"origin\":\"http://localhost\"",
                "\"persisted\":false",
                "\"caches\":[{\"name\":\"pages\",\"entries\":2,\"bodyBytes\":18},{\"name\":\"assets\",\"entries\":1,\"bodyBytes\":2048}]");

        // A second run sees what the first stored.
        var again = sw4j("exec", "--data", data.toString(), script("read.js", """
                (async () => {
                  console.log((await caches.keys()).join());
                  console.log(await (await caches.match('/index.html')).text());
                })();
                """).toString());
        assertOk(again);
        assertThat(again.stdout().lines()).containsExactly("pages,assets", "<h1>hi</h1>");
    }

    @Test
    void deleteRemovesAnEntryOrACacheAndClearEmptiesAnOriginOrEverything() throws Exception {
        Path data = dir.resolve("data");
        String d = data.toString();
        assertOk(sw4j("exec", "--data", d, script("fill.js", FILL).toString()));
        try (TestOrigin remote = new TestOrigin()) {
            remote.script("/sw.js", """
                    (async () => {
                      await (await caches.open('remote')).put('/r', new Response('r'));
                      await navigator.storage.persist();
                    })();
                    """);
            assertOk(sw4j("exec", "--data", d, remote.url("/sw.js")));
            String other = remote.origin();

            var deleteEntry = sw4j("caches", "delete", "--data", d, "--origin", "http://localhost", "--cache", "pages",
                    "--url", "/index.html");
            assertOk(deleteEntry);
            assertThat(deleteEntry.stdout()).isEqualTo(
                    "Deleted 1 entry for http://localhost/index.html from cache \"pages\" of http://localhost (11 bytes).\n");
            var show = sw4j("caches", "show", "--data", d, "--origin", "http://localhost", "--cache", "pages");
            assertThat(show.stdout()).contains("http://localhost/data.json").doesNotContain("index.html");
            var deleteAgain = sw4j("caches", "delete", "--data", d, "--origin", "http://localhost", "--cache", "pages",
                    "--url", "/index.html");
            assertThat(deleteAgain.exitCode()).isEqualTo(3);
            assertThat(deleteAgain.stderr()).contains("no entry for http://localhost/index.html in cache \"pages\"");

            var deleteCache = sw4j("caches", "delete", "--data", d, "--origin", "http://localhost", "--cache", "assets");
            assertOk(deleteCache);
            assertThat(deleteCache.stdout()).isEqualTo(
                    "Deleted cache \"assets\" of http://localhost (1 entry, 2.0 KiB (2048 bytes)).\n");
            var noCache = sw4j("caches", "delete", "--data", d, "--origin", "http://localhost", "--cache", "assets");
            assertThat(noCache.exitCode()).isEqualTo(3);
            assertThat(noCache.stderr()).contains("no cache \"assets\" for origin http://localhost (its caches: \"pages\")");

            var list = sw4j("caches", "list", "--data", d);
            assertThat(list.stdout()).contains("origin http://localhost: 1 cache\n", "  cache \"pages\": 1 entry, 7 bytes\n",
                    "origin " + other + ": 1 cache\n", "quota, persisted\n", "  cache \"remote\": 1 entry, 1 byte\n")
                    .doesNotContain("assets");

            var clearOne = sw4j("caches", "clear", "--data", d, "--origin", "http://localhost");
            assertOk(clearOne);
            assertThat(clearOne.stdout()).isEqualTo("Cleared origin http://localhost: 1 cache, 1 entry, 7 bytes of bodies.\n");
            var clearMissing = sw4j("caches", "clear", "--data", d, "--origin", "http://localhost");
            assertThat(clearMissing.exitCode()).isEqualTo(3);
            assertThat(sw4j("caches", "list", "--data", d).stdout())
                    .doesNotContain("http://localhost").contains("origin " + other + ": 1 cache\n");

            var clearAll = sw4j("caches", "clear", "--data", d, "--all");
            assertOk(clearAll);
            assertThat(clearAll.stdout()).isEqualTo("Cleared origin " + other + ": 1 cache, 1 entry, 1 byte of bodies.\n");
            assertThat(sw4j("caches", "list", "--data", d).stdout()).isEqualTo("No caches in " + d + ".\n");
        }
    }

    @Test
    void withoutDataCachesLiveInMemoryUnderTheQuotaGiven() throws Exception {
        var run = sw4j("exec", "--quota", "1K", script("quota.js", """
                (async () => {
                  const cache = await caches.open('c');
                  await cache.put('/small', new Response('fits'));
                  console.log('quota', (await navigator.storage.estimate()).quota);
                  await cache.put('/big', new Response(new Uint8Array(2048))).catch((e) => console.log(e.name));
                  console.log((await cache.keys()).map((r) => r.url).join());
                })();
                """).toString());
        assertOk(run);
        assertThat(run.stdout().lines()).containsExactly("quota 1024", "QuotaExceededError", "http://localhost/small");
    }

    @Test
    void badUsageExitsWithTwoAndAStoreThatCannotBeOpenedWithFour() throws Exception {
        var none = sw4j("caches");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).contains("Missing a subcommand: list, show, delete or clear");
        var unknown = sw4j("caches", "purge");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown command 'purge' for 'sw4j caches' (one of: list, show, delete, clear)");
        var clear = sw4j("caches", "clear", "--data", dir.toString());
        assertThat(clear.exitCode()).isEqualTo(2);
        assertThat(clear.stderr()).contains("say what to clear: --origin ORIGIN, or --all");
        Path missing = dir.resolve("missing");
        var list = sw4j("caches", "list", "--data", missing.toString());
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.stderr()).contains("the data directory '" + missing + "' does not exist");
        assertThat(missing).doesNotExist();
        var quota = sw4j("exec", "--quota", "lots", script("sw.js", "").toString());
        assertThat(quota.exitCode()).isEqualTo(2);
        assertThat(quota.stderr()).contains("--quota must be a byte count");

        Path broken = Files.createDirectories(dir.resolve("broken/caches.sqlite")).getParent();
        var unreadable = sw4j("caches", "list", "--data", broken.toString());
        assertThat(unreadable.exitCode()).isEqualTo(4);
        assertThat(unreadable.stderr()).contains("sw4j: opening the cache store in " + broken);
    }
}

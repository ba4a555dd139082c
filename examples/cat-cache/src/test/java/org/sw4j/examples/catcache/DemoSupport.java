package org.sw4j.examples.catcache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sw4j.agent.NetworkErrorException;
import org.sw4j.agent.Response;
import org.sw4j.agent.UserAgent;
import org.sw4j.agent.Window;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheStore;

/** What the demo tests share: finding the seed tutorial, reading the agent's caches, bounded waits. */
final class DemoSupport {
    static final Duration WAIT = Duration.ofSeconds(30);

    private DemoSupport() {
    }

    /** The tutorial's page files, unmodified, in ../shared/seeds above the working directory. */
    static Path tutorialSite() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/seeds/linode-example/public");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/seeds/linode-example/public not found above " + Path.of("").toAbsolutePath());
    }

    /** Every URL in every cache the agent keeps, as "cache name: URL". */
    static List<String> cachedUrls(UserAgent agent) throws Exception {
        CacheStore store = agent.cacheStore();
        List<String> urls = new ArrayList<>();
        for (String key : store.storageKeys()) {
            for (String name : store.cacheNames(key)) {
                CacheHandle cache = store.openCache(key, name, false).orElseThrow();
                for (CacheEntry entry : store.entries(cache)) {
                    urls.add(name + ": " + entry.request().url());
                }
            }
        }
        return urls;
    }

    /**
     * Fetches {@code ./img} in {@code window} until the answer is picture {@code number} (the worker's
     * background refresh of its cache has landed), and returns that answer.
     */
    static Response awaitPicture(Window window, int number) throws NetworkErrorException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        byte[] expected = CatPictures.png(number);
        while (true) {
            Response response = window.fetch("./img");
            if (Arrays.equals(response.body(), expected)) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("./img never answered cat " + number + "; last answer: "
                        + response.header(CatOrigin.PICTURE_HEADER) + " from " + response.servedBy());
            }
            Thread.sleep(20);
        }
    }
}

package org.sw4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageUsage;
import org.sw4j.core.spi.cache.UrlLookup;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.url.UrlParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sw4j caches}: looks into and clears the Cache Storage of a data directory, the one
 * {@code sw4j exec --data DIR} keeps workers' caches in. It works on the store's rows through the
 * SPI, below the Cache API's matching rules: {@code delete --url} removes every entry of a URL,
 * whatever its Vary variants.
 */
@Command(
        name = "caches",
        mixinStandardHelpOptions = true,
        description = {
            "Lists, shows, deletes and clears the caches (Cache Storage) kept in a data directory.",
            "Exit status: 0 success, 2 bad usage or no such data directory, 3 nothing matched (no such origin,"
                    + " cache or entry), 4 the store could not be opened, read or written."},
        subcommands = {
            CachesCommand.ListCaches.class,
            CachesCommand.ShowCache.class,
            CachesCommand.DeleteCache.class,
            CachesCommand.ClearCaches.class,
            CommandLine.HelpCommand.class})
final class CachesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing a subcommand: list, show, delete or clear (e.g. 'sw4j caches list').");
    }

    /** The options every subcommand has: where the store is. */
    static final class StoreOptions {
        @Option(names = "--data", paramLabel = "DIR",
                description = {"The data directory (as given to 'sw4j exec --data'); it must exist.",
                    DataDirectory.DEFAULT_HELP})
        Path data;

        Path directory() {
            return DataDirectory.resolve(data);
        }

        CacheStore open() throws StorageException {
            return DataDirectory.openExisting(directory());
        }
    }

    /** Which cache (and, with --url, which of its entries) a command is about. */
    static final class CacheSelection {
        @Option(names = "--origin", paramLabel = "ORIGIN", required = true, description = "The cache's origin.")
        String origin;

        @Option(names = "--cache", paramLabel = "NAME", required = true, description = "The cache's name.")
        String cache;

        @Option(names = "--url", paramLabel = "URL",
                description = "Only the entries whose request URL is URL (relative URLs resolve against the origin).")
        String url;
    }

    /** {@code sw4j caches list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every origin's caches in creation order, with entry counts and body sizes,"
                    + " and each origin's usage, quota and persistence.")
    static final class ListCaches implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--origin", paramLabel = "ORIGIN", description = "Only this origin, e.g. http://localhost.")
        String origin;

        @Option(names = "--json", description = "Print JSON for scripts.")
        boolean json;

        @Override
        public Integer call() throws StorageException {
            PrintWriter out = spec.commandLine().getOut();
            try (CacheStore caches = store.open()) {
                List<String> keys = caches.storageKeys();
                if (origin != null) {
                    String key = storageKey(origin);
                    keys = keys.contains(key) ? List.of(key) : List.of();
                }
                List<OriginSummary> origins = new ArrayList<>();
                for (String key : keys) {
                    origins.add(OriginSummary.of(caches, key));
                }
                if (json) {
                    List<Object> list = new ArrayList<>();
                    for (OriginSummary summary : origins) {
                        list.add(summary.toJson());
                    }
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("dataDirectory", store.directory().toString());
                    document.put("origins", list);
                    out.print(Json.write(document));
                } else if (origins.isEmpty()) {
                    out.println(origin == null
                            ? "No caches in " + store.directory() + "."
                            : "No caches for origin " + storageKey(origin) + " in " + store.directory() + ".");
                } else {
                    for (int i = 0; i < origins.size(); i++) {
                        if (i > 0) {
                            out.println();
                        }
                        origins.get(i).print(out);
                    }
                }
                out.flush();
                return ExitCode.OK.status();
            }
        }
    }

    /** {@code sw4j caches show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows a cache's entries in insertion order: URL, method, status, response type, body size,"
                    + " and the stored request and response headers.")
    static final class ShowCache implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Mixin
        CacheSelection selection;

        @Option(names = "--json", description = "Print JSON for scripts.")
        boolean json;

        @Override
        public Integer call() throws StorageException {
            PrintWriter out = spec.commandLine().getOut();
            String key = storageKey(selection.origin);
            String requestUrl = selection.url == null ? null : requestUrl(key, selection.url);
            try (CacheStore caches = store.open(); CacheHandle handle = existingCache(caches, key, selection.cache)) {
                List<CacheEntry> entries = requestUrl == null
                        ? caches.entries(handle)
                        : caches.entries(handle, UrlLookup.exact(requestUrl));
                if (requestUrl != null && entries.isEmpty()) {
                    throw new NotFoundException("no entry for " + requestUrl + " in " + describe(key, selection.cache));
                }
                if (json) {
                    List<Object> list = new ArrayList<>();
                    for (CacheEntry entry : entries) {
                        list.add(entryJson(entry));
                    }
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("origin", key);
                    document.put("cache", selection.cache);
                    document.put("entries", list);
                    out.print(Json.write(document));
                } else {
                    out.println(describe(key, selection.cache) + ": " + count(entries.size(), "entry", "entries")
                            + (requestUrl == null ? "" : " for " + requestUrl) + ", "
                            + ByteSize.withExact(bodyBytes(entries)));
                    for (CacheEntry entry : entries) {
                        out.println();
                        printEntry(entry, out);
                    }
                }
                out.flush();
                return ExitCode.OK.status();
            }
        }

        private static void printEntry(CacheEntry entry, PrintWriter out) {
            CachedResponse response = entry.response();
            out.println(entry.request().url());
            out.println("  " + entry.request().method()
                    + ", status " + response.status() + (response.statusText().isEmpty() ? "" : " " + response.statusText())
                    + ", type " + response.type()
                    + ", body " + (response.bodyId() < 0 ? "none" : ByteSize.withExact(response.bodySize())));
            printHeaders("request headers", entry.request().headers(), out);
            printHeaders("response headers", response.headers(), out);
        }

        private static void printHeaders(String what, List<HeaderRow> headers, PrintWriter out) {
            if (headers.isEmpty()) {
                out.println("  " + what + ": none");
                return;
            }
            out.println("  " + what + ":");
            for (HeaderRow header : headers) {
                out.println("    " + header.name() + ": " + header.value());
            }
        }

        private static Map<String, Object> entryJson(CacheEntry entry) {
            CachedResponse response = entry.response();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("url", entry.request().url());
            json.put("method", entry.request().method());
            json.put("status", response.status());
            json.put("statusText", response.statusText());
            json.put("type", response.type());
            json.put("bodySize", response.bodyId() < 0 ? null : response.bodySize());
            json.put("requestHeaders", headersJson(entry.request().headers()));
            json.put("responseHeaders", headersJson(response.headers()));
            return json;
        }

        /** Headers as [name, value] pairs: a header list keeps order and repeated names. */
        private static List<Object> headersJson(List<HeaderRow> headers) {
            List<Object> pairs = new ArrayList<>();
            for (HeaderRow header : headers) {
                pairs.add(List.of(header.name(), header.value()));
            }
            return pairs;
        }
    }

    /** {@code sw4j caches delete}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Deletes a cache (as caches.delete(NAME) does), or with --url every entry of the cache whose"
                    + " request URL is URL, whatever its Vary variants."})
    static final class DeleteCache implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Mixin
        CacheSelection selection;

        @Override
        public Integer call() throws StorageException {
            PrintWriter out = spec.commandLine().getOut();
            String key = storageKey(selection.origin);
            String requestUrl = selection.url == null ? null : requestUrl(key, selection.url);
            try (CacheStore caches = store.open()) {
                if (requestUrl == null) {
                    List<CacheEntry> entries;
                    try (CacheHandle handle = existingCache(caches, key, selection.cache)) {
                        entries = caches.entries(handle);
                    }
                    if (!caches.deleteCache(key, selection.cache)) {
                        throw new NotFoundException("no cache " + quoted(selection.cache) + " for origin " + key);
                    }
                    out.println("Deleted " + describe(key, selection.cache) + " (" + count(entries.size(), "entry", "entries")
                            + ", " + ByteSize.withExact(bodyBytes(entries)) + ").");
                } else {
                    try (CacheHandle handle = existingCache(caches, key, selection.cache)) {
                        List<CacheEntry> entries = caches.entries(handle, UrlLookup.exact(requestUrl));
                        if (entries.isEmpty()) {
                            throw new NotFoundException("no entry for " + requestUrl + " in " + describe(key, selection.cache));
                        }
                        List<CacheOperation> deletes = new ArrayList<>();
                        for (CacheEntry entry : entries) {
                            deletes.add(new CacheOperation.Delete(entry.id()));
                        }
                        caches.commit(handle, deletes);
                        out.println("Deleted " + count(entries.size(), "entry", "entries") + " for " + requestUrl
                                + " from " + describe(key, selection.cache) + " (" + ByteSize.withExact(bodyBytes(entries)) + ").");
                    }
                }
                out.flush();
                return ExitCode.OK.status();
            }
        }
    }

    /** {@code sw4j caches clear}. */
    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Deletes every cache of an origin, or of every origin, and the origins' persistence marks.")
    static final class ClearCaches implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--origin", paramLabel = "ORIGIN", description = "Clear this origin.")
        String origin;

        @Option(names = "--all", description = "Clear every origin.")
        boolean all;

        @Override
        public Integer call() throws StorageException {
            if (origin == null && !all) {
                throw new UsageException("say what to clear: --origin ORIGIN, or --all for every origin");
            }
            if (origin != null && all) {
                throw new UsageException("--origin and --all cannot be given together");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (CacheStore caches = store.open()) {
                List<String> keys;
                if (all) {
                    keys = caches.storageKeys();
                    if (keys.isEmpty()) {
                        out.println("Nothing to clear: no caches in " + store.directory() + ".");
                        out.flush();
                        return ExitCode.OK.status();
                    }
                } else {
                    String key = storageKey(origin);
                    if (!caches.storageKeys().contains(key) && !caches.isPersisted(key)) {
                        throw new NotFoundException("no caches for origin " + key + " in " + store.directory());
                    }
                    keys = List.of(key);
                }
                int cacheCount = 0;
                long entryCount = 0;
                long bytes = 0;
                for (String key : keys) {
                    OriginSummary summary = OriginSummary.of(caches, key);
                    caches.clear(key);
                    out.println("Cleared origin " + key + ": " + summary.totals() + ".");
                    cacheCount += summary.caches().size();
                    entryCount += summary.entryCount();
                    bytes += summary.bodyBytes();
                }
                if (keys.size() > 1) {
                    out.println("Cleared " + keys.size() + " origins: " + count(cacheCount, "cache", "caches") + ", "
                            + count(entryCount, "entry", "entries") + ", " + ByteSize.withExact(bytes) + " of bodies.");
                }
                out.flush();
                return ExitCode.OK.status();
            }
        }
    }

    /** One cache's figures. */
    record CacheSummary(String name, int entryCount, long bodyBytes) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("entries", entryCount);
            json.put("bodyBytes", bodyBytes);
            return json;
        }
    }

    /** One origin's caches, in creation order, with its usage and persistence. */
    record OriginSummary(String origin, List<CacheSummary> caches, StorageUsage usage, boolean persisted) {
        static OriginSummary of(CacheStore store, String key) throws StorageException {
            List<CacheSummary> caches = new ArrayList<>();
            for (String name : store.cacheNames(key)) {
                Optional<CacheHandle> opened = store.openCache(key, name, false);
                if (opened.isEmpty()) {
                    continue; // deleted meanwhile
                }
                try (CacheHandle handle = opened.get()) {
                    List<CacheEntry> entries = store.entries(handle);
                    caches.add(new CacheSummary(name, entries.size(), CachesCommand.bodyBytes(entries)));
                }
            }
            return new OriginSummary(key, caches, store.usage(key), store.isPersisted(key));
        }

        long entryCount() {
            return caches.stream().mapToLong(CacheSummary::entryCount).sum();
        }

        long bodyBytes() {
            return caches.stream().mapToLong(CacheSummary::bodyBytes).sum();
        }

        String totals() {
            return count(caches.size(), "cache", "caches") + ", " + count(entryCount(), "entry", "entries") + ", "
                    + ByteSize.withExact(bodyBytes()) + " of bodies";
        }

        void print(PrintWriter out) {
            out.println("origin " + origin + ": " + count(caches.size(), "cache", "caches"));
            out.println("  usage " + ByteSize.withExact(usage.usage()) + " of " + ByteSize.withExact(usage.quota())
                    + " quota, " + (persisted ? "persisted" : "not persisted"));
            for (CacheSummary cache : caches) {
                out.println("  cache " + quoted(cache.name()) + ": " + count(cache.entryCount(), "entry", "entries")
                        + ", " + ByteSize.withExact(cache.bodyBytes()));
            }
        }

        Map<String, Object> toJson() {
            List<Object> list = new ArrayList<>();
            for (CacheSummary cache : caches) {
                list.add(cache.toJson());
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("origin", origin);
            json.put("usage", usage.usage());
            json.put("quota", usage.quota());
            json.put("persisted", persisted);
            json.put("caches", list);
            return json;
        }
    }

    /**
     * The storage key an {@code --origin} names: an http(s) URL's origin (so {@code
     * http://localhost:80/app/} names {@code http://localhost}); anything else as given.
     */
    static String storageKey(String origin) {
        try {
            Url url = Url.parse(origin);
            if (url.scheme().equals("http") || url.scheme().equals("https")) {
                return url.origin();
            }
        } catch (UrlParseException e) {
            // Not a URL: a storage key of another kind, taken as given.
        }
        return origin;
    }

    /** A {@code --url} as stored: serialized, without fragment, relative ones resolved against the origin. */
    static String requestUrl(String storageKey, String url) {
        try {
            Url base = Url.tryParse(storageKey, null).orElse(null);
            Url parsed = base == null ? Url.parse(url) : Url.parse(url, base);
            return parsed.withoutFragment().href();
        } catch (UrlParseException e) {
            throw new UsageException("--url: '" + url + "' is not a valid URL");
        }
    }

    private static CacheHandle existingCache(CacheStore store, String key, String name) throws StorageException {
        Optional<CacheHandle> handle = store.openCache(key, name, false);
        if (handle.isPresent()) {
            return handle.get();
        }
        List<String> names = store.cacheNames(key);
        throw new NotFoundException("no cache " + quoted(name) + " for origin " + key
                + (names.isEmpty() ? " (it has no caches)" : " (its caches: " + String.join(", ", names.stream()
                        .map(CachesCommand::quoted).toList()) + ")"));
    }

    private static long bodyBytes(List<CacheEntry> entries) {
        long total = 0;
        for (CacheEntry entry : entries) {
            total += entry.response().bodySize();
        }
        return total;
    }

    private static String describe(String key, String cache) {
        return "cache " + quoted(cache) + " of " + key;
    }

    private static String quoted(String name) {
        StringBuilder out = new StringBuilder();
        Json.string(name, out);
        return out.toString();
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}

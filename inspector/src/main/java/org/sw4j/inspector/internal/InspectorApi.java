package org.sw4j.inspector.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sw4j.agent.FetchRecord;
import org.sw4j.agent.LifecycleEvent;
import org.sw4j.agent.UserAgent;
import org.sw4j.core.engine.LifecycleDiagnosis;
import org.sw4j.core.engine.ServiceWorkerClient;
import org.sw4j.core.engine.ServiceWorkerContext;
import org.sw4j.core.engine.ServiceWorkerRegistration;
import org.sw4j.core.engine.ServiceWorkerVersion;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.PendingExtension;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.HeaderRow;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageUsage;
import org.sw4j.network.NetworkConditions;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.BodySource;

/**
 * The inspector's reads and actions on a user agent, as JSON-ready maps and lists. Bad input,
 * unknown names and impossible actions are {@link ApiError}s; routing and HTTP live in
 * {@link InspectorServer}. The shapes are documented in the module's README.
 */
final class InspectorApi {
    /** How much of a body the entry preview shows. */
    static final int PREVIEW_BYTES = 4096;
    /** How long an action waits for the engine's job (update, unregister, clear). */
    private static final Duration JOB_WAIT = Duration.ofSeconds(30);
    /** How long a diagnosis may take before the registration is listed without it. */
    private static final Duration DIAGNOSIS_WAIT = Duration.ofSeconds(2);

    private final UserAgent agent;
    private final EventFeed feed;

    InspectorApi(UserAgent agent, EventFeed feed) {
        this.agent = agent;
        this.feed = feed;
    }

    private ServiceWorkerContext context() {
        return agent.context();
    }

    private CacheStore store() {
        return agent.cacheStore();
    }

    // ------------------------------------------------------------------------ reads

    Map<String, Object> registrations() {
        List<CompletableFuture<LifecycleDiagnosis>> diagnoses = new ArrayList<>();
        List<ServiceWorkerRegistration> registrations = context().registrations();
        for (ServiceWorkerRegistration registration : registrations) {
            diagnoses.add(context().diagnose(registration));
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < registrations.size(); i++) {
            list.add(registration(registrations.get(i), diagnoses.get(i)));
        }
        return object("registrations", list);
    }

    private Map<String, Object> registration(ServiceWorkerRegistration registration,
            CompletableFuture<LifecycleDiagnosis> diagnosis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("storageKey", registration.storageKey());
        json.put("scope", registration.scope().href());
        json.put("updateViaCache", registration.updateViaCache().jsName());
        json.put("navigationPreload", object("enabled", registration.navigationPreloadEnabled(),
                "headerValue", registration.navigationPreloadHeaderValue()));
        json.put("lastUpdateCheck", registration.lastUpdateCheck() == null ? null
                : registration.lastUpdateCheck().toString());
        json.put("installing", worker(registration.installing()));
        json.put("waiting", worker(registration.waiting()));
        json.put("active", worker(registration.active()));
        json.put("diagnosis", diagnosis(diagnosis));
        return json;
    }

    private static Map<String, Object> worker(ServiceWorkerVersion version) {
        if (version == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", version.id());
        json.put("scriptUrl", version.scriptUrl().href());
        json.put("state", version.state().jsName());
        json.put("running", version.isRunning());
        json.put("routerRules", version.routerRules().size());
        json.put("skipWaiting", version.skipWaitingFlag());
        return json;
    }

    private static Map<String, Object> diagnosis(CompletableFuture<LifecycleDiagnosis> future) {
        LifecycleDiagnosis diagnosis;
        try {
            diagnosis = future.get(DIAGNOSIS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return object("reasons", List.of("The engine did not answer within " + DIAGNOSIS_WAIT.toMillis()
                    + " ms (a worker may be busy)."), "clients", List.of(), "activePendingEvents", 0,
                    "skipWaiting", false, "installingPending", List.of(), "activePending", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.internal("interrupted");
        } catch (ExecutionException e) {
            return object("reasons", List.of("No diagnosis: " + e.getCause()), "clients", List.of(),
                    "activePendingEvents", 0, "skipWaiting", false, "installingPending", List.of(),
                    "activePending", List.of());
        }
        List<Map<String, Object>> clients = diagnosis.clientsUsingRegistration().stream()
                .map(c -> object("id", c.id(), "url", c.url())).toList();
        return object("reasons", diagnosis.reasons(), "clients", clients,
                "activePendingEvents", diagnosis.activePendingEvents(), "skipWaiting", diagnosis.skipWaiting(),
                "installingPending", pending(diagnosis.installingPending()),
                "activePending", pending(diagnosis.activePending()));
    }

    private static List<Map<String, Object>> pending(List<PendingExtension> pending) {
        return pending.stream().map(p -> object("eventType", p.eventType(), "method", p.method(),
                "createdAt", p.createdAt(), "sinceMillis", p.sinceMillis())).toList();
    }

    Map<String, Object> clients() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServiceWorkerClient client : context().clients()) {
            ClientInfo info = client.info();
            ServiceWorkerVersion controller = context().controller(client);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", info.id());
            json.put("url", info.url());
            json.put("type", info.type().jsName());
            json.put("frameType", info.frameType());
            json.put("visibilityState", info.visibilityState());
            json.put("focused", info.focused());
            json.put("executionReady", client.isExecutionReady());
            json.put("controller", controller == null ? null : controller.id());
            list.add(json);
        }
        return object("clients", list);
    }

    Map<String, Object> storage() {
        TreeSet<String> origins = new TreeSet<>();
        for (ServiceWorkerRegistration registration : context().registrations()) {
            origins.add(registration.storageKey());
        }
        List<Map<String, Object>> list = new ArrayList<>();
        try {
            origins.addAll(store().storageKeys());
            for (String origin : origins) {
                StorageUsage usage = store().usage(origin);
                long registrations = context().registrations().stream()
                        .filter(r -> r.storageKey().equals(origin)).count();
                list.add(object("origin", origin, "registrations", registrations,
                        "caches", store().cacheNames(origin).size(), "usage", usage.usage(), "quota", usage.quota(),
                        "persisted", store().isPersisted(origin)));
            }
        } catch (StorageException e) {
            throw storageFailed(e);
        }
        return object("origins", list);
    }

    Map<String, Object> caches(String origin) {
        List<Map<String, Object>> list = new ArrayList<>();
        try {
            for (String name : store().cacheNames(origin)) {
                Optional<CacheHandle> handle = store().openCache(origin, name, false);
                if (handle.isEmpty()) {
                    continue; // deleted meanwhile
                }
                try (CacheHandle cache = handle.get()) {
                    List<CacheEntry> entries = store().entries(cache);
                    long bytes = entries.stream().mapToLong(e -> e.response().bodySize()).sum();
                    list.add(object("name", name, "entries", entries.size(), "bodyBytes", bytes));
                }
            }
        } catch (StorageException e) {
            throw storageFailed(e);
        }
        return object("origin", origin, "caches", list);
    }

    Map<String, Object> entries(String origin, String cacheName) {
        try (CacheHandle cache = openCache(origin, cacheName)) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (CacheEntry entry : store().entries(cache)) {
                list.add(entrySummary(entry));
            }
            return object("origin", origin, "cache", cacheName, "entries", list);
        } catch (StorageException e) {
            throw storageFailed(e);
        }
    }

    private static Map<String, Object> entrySummary(CacheEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        json.put("url", entry.request().url());
        json.put("method", entry.request().method());
        json.put("status", entry.response().status());
        json.put("statusText", entry.response().statusText());
        json.put("type", entry.response().type());
        json.put("contentType", entry.response().header("Content-Type"));
        json.put("size", entry.response().bodySize());
        json.put("headers", headers(entry.response().headers()));
        return json;
    }

    private static List<List<String>> headers(List<HeaderRow> rows) {
        return rows.stream().map(row -> List.of(row.name(), row.value())).toList();
    }

    Map<String, Object> entry(String origin, String cacheName, String url, Long id) {
        try (CacheHandle cache = openCache(origin, cacheName)) {
            CacheEntry entry = findEntries(cache, url, id).getFirst();
            Map<String, Object> json = entrySummary(entry);
            json.put("requestHeaders", headers(entry.request().headers()));
            json.put("urlList", entry.response().urlList());
            json.put("body", preview(cache, entry));
            return json;
        } catch (StorageException e) {
            throw storageFailed(e);
        }
    }

    private List<CacheEntry> findEntries(CacheHandle cache, String url, Long id) throws StorageException {
        List<CacheEntry> found = store().entries(cache).stream()
                .filter(e -> e.request().url().equals(url) && (id == null || e.id() == id)).toList();
        if (found.isEmpty()) {
            throw ApiError.notFound("the cache '" + cache.name() + "' has no entry for " + url
                    + (id == null ? "" : " with id " + id));
        }
        return found;
    }

    /** The body's first bytes: as text when the type is textual and the bytes are UTF-8, else base64. */
    private Map<String, Object> preview(CacheHandle cache, CacheEntry entry) throws StorageException {
        long length = entry.response().bodySize();
        if (entry.response().bodyId() < 0) {
            return object("length", 0, "encoding", "text", "preview", "", "truncated", false);
        }
        byte[] head = new byte[(int) Math.min(length, PREVIEW_BYTES)];
        int filled = 0;
        try (BodySource source = store().openBody(cache, entry.response().bodyId())) {
            while (filled < head.length) {
                ByteBuffer chunk = source.read();
                if (chunk == null) {
                    break;
                }
                int n = Math.min(chunk.remaining(), head.length - filled);
                chunk.get(head, filled, n);
                filled += n;
            }
        } catch (IOException e) {
            throw ApiError.internal("cannot read the body: " + e.getMessage());
        } catch (Exception e) {
            if (e instanceof StorageException storage) {
                throw storage;
            }
            throw ApiError.internal("cannot read the body: " + e);
        }
        boolean truncated = filled < length;
        String text = textual(entry.response().header("Content-Type")) ? utf8(head, filled, truncated) : null;
        if (text != null) {
            return object("length", length, "encoding", "text", "preview", text, "truncated", truncated);
        }
        return object("length", length, "encoding", "base64",
                "preview", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(head, filled)),
                "truncated", truncated);
    }

    static boolean textual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return type.startsWith("text/") || type.endsWith("+json") || type.endsWith("+xml")
                || type.equals("application/json") || type.equals("application/javascript")
                || type.equals("application/xml") || type.equals("application/manifest+json")
                || type.equals("image/svg+xml");
    }

    /** The bytes as UTF-8, or null when they are not; a cut at the end may split one character. */
    private static String utf8(byte[] bytes, int length, boolean truncated) {
        int end = length;
        if (truncated) {
            // Drop a partial character the 4 KiB cut made.
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0xC0) {
                end = end - back - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    Map<String, Object> fetches() {
        return object("capacity", feed.capacity(), "fetches", feed.fetches());
    }

    static Map<String, Object> fetch(FetchRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", record.at().toString());
        json.put("clientId", record.clientId());
        json.put("method", record.method());
        json.put("url", record.url());
        json.put("navigation", record.navigation());
        json.put("servedBy", record.servedBy() == null ? "error" : switch (record.servedBy()) {
            case SERVICE_WORKER -> "worker";
            case NETWORK -> "network";
            case CACHE_ROUTE -> "cache-route";
        });
        json.put("status", record.status());
        json.put("ms", record.took().toNanos() / 1_000_000.0);
        json.put("error", record.error());
        return json;
    }

    static Map<String, Object> lifecycle(LifecycleEvent event) {
        return switch (event) {
            case LifecycleEvent.StateChanged e -> object("type", "statechange", "scope", e.scope(),
                    "workerId", e.workerId(), "scriptUrl", e.scriptUrl(), "state", e.state().jsName());
            case LifecycleEvent.UpdateFound e -> object("type", "updatefound", "scope", e.scope());
            case LifecycleEvent.ControllerChanged e -> object("type", "controllerchange", "clientId", e.windowId(),
                    "workerId", e.workerId());
            case LifecycleEvent.RunningChanged e -> object("type", "running", "workerId", e.workerId(),
                    "running", e.running());
            case LifecycleEvent.RegistrationCleared e -> object("type", "registrationcleared", "scope", e.scope());
            case LifecycleEvent.UncaughtError e -> object("type", "error", "workerId", e.workerId(),
                    "description", e.description());
        };
    }

    Map<String, Object> network() {
        NetworkConditions network = agent.network();
        List<Map<String, Object>> rules = network.rules().stream()
                .map(rule -> object("host", rule.pattern(), "offline", rule.condition().offline(),
                        "condition", rule.condition().toString()))
                .toList();
        return object("online", network.isOnline(), "offline", network.global().offline(), "rules", rules);
    }

    // ------------------------------------------------------------------------ actions

    Map<String, Object> update(JsonNode body) {
        ServiceWorkerRegistration registration = registration(body);
        await(context().update(registration, null), "update");
        return registration(registration, context().diagnose(registration));
    }

    Map<String, Object> skipWaiting(JsonNode body) {
        ServiceWorkerRegistration registration = registration(body);
        if (!context().skipWaiting(registration)) {
            throw ApiError.conflict("the registration " + registration.scope().href() + " has no waiting worker");
        }
        return registration(registration, context().diagnose(registration));
    }

    Map<String, Object> unregister(JsonNode body) {
        ServiceWorkerRegistration registration = registration(body);
        boolean done = await(context().unregister(registration, null), "unregister");
        return object("scope", registration.scope().href(), "unregistered", done,
                "cleared", registration.isCleared());
    }

    Map<String, Object> stopWorker(JsonNode body) {
        String id = text(body, "id");
        for (ServiceWorkerRegistration registration : context().registrations()) {
            for (ServiceWorkerVersion version : registration.versions()) {
                if (version.id().equals(id)) {
                    if (!version.isRunning()) {
                        throw ApiError.conflict("the worker " + id + " is not running");
                    }
                    context().stopWorker(version);
                    return worker(version);
                }
            }
        }
        throw ApiError.notFound("no worker has the id " + id);
    }

    void deleteCache(JsonNode body) {
        String origin = text(body, "origin");
        String name = text(body, "cache");
        try {
            if (!store().deleteCache(origin, name)) {
                throw ApiError.notFound("the origin " + origin + " has no cache named '" + name + "'");
            }
        } catch (StorageException e) {
            throw storageFailed(e);
        }
    }

    void deleteEntry(JsonNode body) {
        String origin = text(body, "origin");
        String name = text(body, "cache");
        String url = text(body, "url");
        Long id = body.hasNonNull("id") ? body.get("id").asLong() : null;
        try (CacheHandle cache = openCache(origin, name)) {
            List<CacheOperation> deletes = findEntries(cache, url, id).stream()
                    .map(e -> (CacheOperation) new CacheOperation.Delete(e.id())).toList();
            store().commit(cache, deletes);
        } catch (StorageException e) {
            throw storageFailed(e);
        }
    }

    /** Clear-Site-Data "storage" for one origin: its registrations, then its caches. */
    Map<String, Object> clearSiteData(JsonNode body) {
        String origin = text(body, "origin");
        List<String> scopes = await(context().clearRegistrations(origin), "clear site data");
        int caches;
        try {
            caches = store().cacheNames(origin).size();
            store().clear(origin);
        } catch (StorageException e) {
            throw storageFailed(e);
        }
        return object("origin", origin, "registrationsCleared", scopes, "cachesDeleted", caches);
    }

    Map<String, Object> setNetwork(JsonNode body) {
        if (!body.has("online") || !body.get("online").isBoolean()) {
            throw ApiError.badRequest("'online' must be true or false");
        }
        boolean online = body.get("online").asBoolean();
        NetworkConditions network = agent.network();
        if (body.hasNonNull("host")) {
            String host = text(body, "host");
            NetworkConditions.HostRule rule;
            try {
                rule = NetworkConditions.HostRule.parse(host + "=offline");
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("'host' is not a host[:port] pattern: " + e.getMessage());
            }
            if (online) {
                network.removeRule(rule.pattern());
            } else {
                network.putRule(rule);
            }
        } else {
            network.setOnline(online);
        }
        return network();
    }

    // ------------------------------------------------------------------------ helpers

    private ServiceWorkerRegistration registration(JsonNode body) {
        String scope = text(body, "scope");
        return context().registrations().stream().filter(r -> r.scope().href().equals(scope)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no registration has the scope " + scope));
    }

    private CacheHandle openCache(String origin, String name) throws StorageException {
        return store().openCache(origin, name, false)
                .orElseThrow(() -> ApiError.notFound("the origin " + origin + " has no cache named '" + name + "'"));
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw ApiError.badRequest("'" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(JOB_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.internal("interrupted");
        } catch (TimeoutException e) {
            throw ApiError.conflict(what + " did not finish within " + JOB_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebError web) {
                throw ApiError.conflict(what + " failed: " + web.getMessage());
            }
            throw ApiError.internal(what + " failed: " + cause);
        }
    }

    private static ApiError storageFailed(StorageException e) {
        return ApiError.internal("the cache store failed: " + e.getMessage());
    }

    /** A JSON object of alternating keys and values, in order (values may be null). */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

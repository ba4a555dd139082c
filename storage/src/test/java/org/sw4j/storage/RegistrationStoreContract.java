package org.sw4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageException.Kind;
import org.sw4j.core.spi.registration.RegistrationStore;
import org.sw4j.core.spi.registration.StoredRegistration;
import org.sw4j.core.spi.registration.StoredVersion;
import org.sw4j.core.version.ScriptResource;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;

/**
 * What every {@link RegistrationStore} does, run against each implementation: the SPI's rules,
 * in the words of the registry above it (register, update, activate, unregister, restart).
 */
abstract class RegistrationStoreContract {
    static final String ORIGIN = "https://example.com";
    static final String OTHER_ORIGIN = "https://other.example";
    static final String SCOPE = ORIGIN + "/app/";

    private final List<RegistrationStore> stores = new ArrayList<>();

    /** A new, empty store. */
    protected abstract RegistrationStore newStore() throws Exception;

    RegistrationStore store() throws Exception {
        RegistrationStore store = newStore();
        stores.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        stores.forEach(RegistrationStore::close);
    }

    // ------------------------------------------------------------------------------------ helpers

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static ScriptResource script(String url, byte[] bytes) {
        return new ScriptResource(url, url, "text/javascript", bytes);
    }

    /** An active version of {@code scope}'s {@code sw.js} with {@code scripts} after the main one. */
    static StoredVersion active(String id, String scope, String source, ScriptResource... imported) {
        return version(id, scope, ServiceWorkerState.ACTIVATED, source, imported);
    }

    static StoredVersion waiting(String id, String scope, String source, ScriptResource... imported) {
        return version(id, scope, ServiceWorkerState.INSTALLED, source, imported);
    }

    static StoredVersion version(String id, String scope, ServiceWorkerState state, String source,
            ScriptResource... imported) {
        String main = scope + "sw.js";
        List<ScriptResource> scripts = new ArrayList<>();
        scripts.add(script(main, utf8(source)));
        scripts.addAll(List.of(imported));
        return new StoredVersion(id, main, WorkerType.CLASSIC, state, Set.of("fetch", "install"), scripts);
    }

    static StoredRegistration registration(String storageKey, String scope, StoredVersion active,
            StoredVersion waiting) {
        return new StoredRegistration(storageKey, scope, "imports", Instant.ofEpochMilli(1_700_000_000_123L), active,
                waiting);
    }

    static StoredRegistration registration(String scope, String versionId) {
        return registration(ORIGIN, scope, active(versionId, scope, "// " + versionId), null);
    }

    /** Asserts that {@code actual} is {@code expected}, field by field, script bytes exactly. */
    static void assertSameRegistration(StoredRegistration actual, StoredRegistration expected) {
        assertThat(actual.storageKey()).as("storage key").isEqualTo(expected.storageKey());
        assertThat(actual.scope()).as("scope").isEqualTo(expected.scope());
        assertThat(actual.updateViaCache()).as("updateViaCache").isEqualTo(expected.updateViaCache());
        assertThat(actual.lastUpdateCheck()).as("last update check").isEqualTo(expected.lastUpdateCheck());
        assertSameVersion(actual.active(), expected.active(), "active");
        assertSameVersion(actual.waiting(), expected.waiting(), "waiting");
        assertThat(actual.navigationPreloadEnabled()).as("navigation preload enabled")
                .isEqualTo(expected.navigationPreloadEnabled());
        assertThat(actual.navigationPreloadHeaderValue()).as("navigation preload header value")
                .isEqualTo(expected.navigationPreloadHeaderValue());
    }

    static void assertSameVersion(StoredVersion actual, StoredVersion expected, String slot) {
        if (expected == null) {
            assertThat(actual).as(slot).isNull();
            return;
        }
        assertThat(actual).as(slot).isNotNull();
        assertThat(actual.id()).as(slot + " id").isEqualTo(expected.id());
        assertThat(actual.scriptUrl()).as(slot + " script URL").isEqualTo(expected.scriptUrl());
        assertThat(actual.type()).as(slot + " type").isEqualTo(expected.type());
        assertThat(actual.state()).as(slot + " state").isEqualTo(expected.state());
        assertThat(actual.eventTypesToHandle()).as(slot + " event types")
                .containsExactlyInAnyOrderElementsOf(expected.eventTypesToHandle());
        assertThat(actual.routerRules()).as(slot + " router rules").isEqualTo(expected.routerRules());
        assertThat(actual.scripts()).as(slot + " scripts").hasSameSizeAs(expected.scripts());
        for (int i = 0; i < expected.scripts().size(); i++) {
            ScriptResource a = actual.scripts().get(i);
            ScriptResource e = expected.scripts().get(i);
            assertThat(a.url()).as(slot + " script " + i + " URL").isEqualTo(e.url());
            assertThat(a.responseUrl()).as(slot + " script " + i + " response URL").isEqualTo(e.responseUrl());
            assertThat(a.contentType()).as(slot + " script " + i + " content type").isEqualTo(e.contentType());
            assertThat(a.bytes()).as(slot + " script " + i + " bytes").isEqualTo(e.bytes());
        }
    }

    static List<String> scopes(List<StoredRegistration> registrations) {
        return registrations.stream().map(StoredRegistration::scope).toList();
    }

    static StoredRegistration only(RegistrationStore store, String storageKey, String scope) throws StorageException {
        List<StoredRegistration> found = store.loadAll().stream()
                .filter(r -> r.storageKey().equals(storageKey) && r.scope().equals(scope)).toList();
        assertThat(found).as("registrations of " + storageKey + " " + scope).hasSize(1);
        return found.get(0);
    }

    // ------------------------------------------------------------------------------------ round trip

    @Test
    void aNewStoreIsEmpty() throws Exception {
        RegistrationStore store = store();
        assertThat(store.loadAll()).isEmpty();
        assertThat(store.storageKeys()).isEmpty();
    }

    @Test
    void aStoredRegistrationLoadsBackWithEveryFieldAndItsExactBytes() throws Exception {
        RegistrationStore store = store();
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        StoredVersion active = new StoredVersion("v1", SCOPE + "sw.js", WorkerType.CLASSIC,
                ServiceWorkerState.ACTIVATED, Set.of("fetch", "install", "activate", "message"), List.of(
                        new ScriptResource(SCOPE + "sw.js", SCOPE + "sw.js?redirected",
                                "text/javascript; charset=utf-8", utf8("importScripts('lib.js'); // é ✓")),
                        new ScriptResource(SCOPE + "lib.js", "https://cdn.example/lib.js", null, everyByte)));
        StoredVersion waiting = new StoredVersion("v2", SCOPE + "sw.mjs", WorkerType.MODULE,
                ServiceWorkerState.INSTALLED, Set.of(), List.of(
                        new ScriptResource(SCOPE + "sw.mjs", SCOPE + "sw.mjs", "application/javascript",
                                utf8("import './dep.mjs';")),
                        new ScriptResource(SCOPE + "dep.mjs", SCOPE + "dep.mjs", "text/javascript", new byte[0])),
                "[{\"routes\":\"é ✓\"}]");
        StoredRegistration registration = new StoredRegistration(ORIGIN, SCOPE, "none",
                Instant.parse("2024-05-06T07:08:09.123Z"), active, waiting, true, "v=2; q=\"é\"");

        store.store(registration);

        List<StoredRegistration> loaded = store.loadAll();
        assertThat(loaded).hasSize(1);
        assertSameRegistration(loaded.get(0), registration);
        assertThat(loaded.get(0).active().scripts().get(1).contentType()).isNull();
        assertThat(loaded.get(0).waiting().scripts().get(1).bytes()).isEmpty();
        assertThat(loaded.get(0).waiting().eventTypesToHandle()).isEmpty();
    }

    @Test
    void everyCombinationOfAbsentLastCheckActiveAndWaitingLoadsBack() throws Exception {
        RegistrationStore store = store();
        List<StoredRegistration> stored = List.of(
                new StoredRegistration(ORIGIN, ORIGIN + "/a/", "imports", null, active("a1", ORIGIN + "/a/", "a"),
                        null),
                new StoredRegistration(ORIGIN, ORIGIN + "/b/", "all", null, null, waiting("b1", ORIGIN + "/b/", "b")),
                new StoredRegistration(ORIGIN, ORIGIN + "/c/", "none", null, active("c1", ORIGIN + "/c/", "c"),
                        waiting("c2", ORIGIN + "/c/", "c2")),
                new StoredRegistration(ORIGIN, ORIGIN + "/d/", "imports", Instant.ofEpochMilli(0), null,
                        waiting("d1", ORIGIN + "/d/", "d")),
                new StoredRegistration(ORIGIN, ORIGIN + "/e/", "imports", Instant.ofEpochMilli(-1_000), active("e1",
                        ORIGIN + "/e/", "e"), null));
        for (StoredRegistration registration : stored) {
            store.store(registration);
        }
        List<StoredRegistration> loaded = store.loadAll();
        assertThat(loaded).hasSameSizeAs(stored);
        for (int i = 0; i < stored.size(); i++) {
            assertSameRegistration(loaded.get(i), stored.get(i));
        }
    }

    @Test
    void theLastUpdateCheckIsKeptToTheMillisecond() throws Exception {
        RegistrationStore store = store();
        Instant precise = Instant.parse("2024-05-06T07:08:09.123456789Z");
        store.store(new StoredRegistration(ORIGIN, SCOPE, "imports", precise, active("v1", SCOPE, "x"), null));
        assertThat(store.loadAll().get(0).lastUpdateCheck()).isEqualTo(Instant.parse("2024-05-06T07:08:09.123Z"));
    }

    @Test
    void storedBytesAreNotSharedWithTheCaller() throws Exception {
        RegistrationStore store = store();
        byte[] source = utf8("self.onfetch = e => {};");
        ScriptResource main = new ScriptResource(SCOPE + "sw.js", SCOPE + "sw.js", "text/javascript", source);
        store.store(registration(ORIGIN, SCOPE, new StoredVersion("v1", SCOPE + "sw.js", WorkerType.CLASSIC,
                ServiceWorkerState.ACTIVATED, Set.of("fetch"), List.of(main)), null));

        source[0] = 'X';
        byte[] loaded = store.loadAll().get(0).active().scripts().get(0).bytes();
        assertThat(new String(loaded, StandardCharsets.UTF_8)).isEqualTo("self.onfetch = e => {};");
        loaded[0] = 'Y';
        assertThat(new String(store.loadAll().get(0).active().scripts().get(0).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("self.onfetch = e => {};");
    }

    // ------------------------------------------------------------------------------------ order and replace

    @Test
    void loadAllAnswersInTheOrderRegistrationsWereFirstStored() throws Exception {
        RegistrationStore store = store();
        store.store(registration(ORIGIN + "/c/", "c1"));
        store.store(registration(ORIGIN + "/a/", "a1"));
        store.store(registration(ORIGIN + "/b/", "b1"));
        assertThat(scopes(store.loadAll())).containsExactly(ORIGIN + "/c/", ORIGIN + "/a/", ORIGIN + "/b/");
    }

    @Test
    void reStoringARegistrationReplacesItAndKeepsItsPlace() throws Exception {
        RegistrationStore store = store();
        store.store(registration(ORIGIN + "/a/", "a1"));
        store.store(registration(ORIGIN + "/b/", "b1"));
        store.store(registration(ORIGIN + "/c/", "c1"));

        // An update installed a new worker: it waits beside the active one.
        StoredRegistration updated = new StoredRegistration(ORIGIN, ORIGIN + "/a/", "all", Instant.ofEpochMilli(42),
                active("a1", ORIGIN + "/a/", "// a1"), waiting("a2", ORIGIN + "/a/", "// a2"));
        store.store(updated);

        List<StoredRegistration> loaded = store.loadAll();
        assertThat(scopes(loaded)).containsExactly(ORIGIN + "/a/", ORIGIN + "/b/", ORIGIN + "/c/");
        assertSameRegistration(loaded.get(0), updated);
    }

    @Test
    void activatingTheWaitingWorkerMovesItToTheActiveSlot() throws Exception {
        RegistrationStore store = store();
        store.store(registration(ORIGIN, SCOPE, active("v1", SCOPE, "one"), waiting("v2", SCOPE, "two")));
        StoredRegistration activated = registration(ORIGIN, SCOPE, active("v2", SCOPE, "two"), null);
        store.store(activated);
        List<StoredRegistration> loaded = store.loadAll();
        assertThat(loaded).hasSize(1);
        assertSameRegistration(loaded.get(0), activated);
    }

    @Test
    void aVersionIdHeldByAnotherRegistrationIsRefusedAndNothingChanges() throws Exception {
        RegistrationStore store = store();
        StoredRegistration a = registration(ORIGIN + "/a/", "a1");
        StoredRegistration b = registration(ORIGIN, ORIGIN + "/b/", active("b1", ORIGIN + "/b/", "b"),
                waiting("b2", ORIGIN + "/b/", "b2"));
        store.store(a);
        store.store(b);

        // The new waiting worker's id is a1, which /a/ holds: the whole store fails.
        StoredRegistration clash = registration(ORIGIN, ORIGIN + "/b/", active("b3", ORIGIN + "/b/", "b3"),
                waiting("a1", ORIGIN + "/b/", "clash"));
        assertThatThrownBy(() -> store.store(clash)).isInstanceOf(StorageException.class);

        List<StoredRegistration> loaded = store.loadAll();
        assertThat(loaded).hasSize(2);
        assertSameRegistration(loaded.get(0), a);
        assertSameRegistration(loaded.get(1), b);
    }

    @Test
    void anActiveAndAWaitingWorkerWithOneIdAreRefused() throws Exception {
        RegistrationStore store = store();
        StoredRegistration same = registration(ORIGIN, SCOPE, active("v1", SCOPE, "one"), waiting("v1", SCOPE, "two"));
        assertThatThrownBy(() -> store.store(same)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.loadAll()).isEmpty();
    }

    // ------------------------------------------------------------------------------------ delete and keys

    @Test
    void deleteRemovesThatRegistrationOnly() throws Exception {
        RegistrationStore store = store();
        store.store(registration(ORIGIN + "/a/", "a1"));
        store.store(registration(ORIGIN + "/b/", "b1"));
        store.store(registration(ORIGIN + "/c/", "c1"));

        store.delete(ORIGIN, ORIGIN + "/b/");

        assertThat(scopes(store.loadAll())).containsExactly(ORIGIN + "/a/", ORIGIN + "/c/");
    }

    @Test
    void deletingWhatIsNotThereDoesNothing() throws Exception {
        RegistrationStore store = store();
        store.store(registration(ORIGIN + "/a/", "a1"));
        store.delete(ORIGIN, ORIGIN + "/nothing/");
        store.delete(OTHER_ORIGIN, ORIGIN + "/a/");
        assertThat(scopes(store.loadAll())).containsExactly(ORIGIN + "/a/");
    }

    @Test
    void aRegistrationStoredAgainAfterItsDeleteComesLast() throws Exception {
        RegistrationStore store = store();
        store.store(registration(ORIGIN + "/a/", "a1"));
        store.store(registration(ORIGIN + "/b/", "b1"));
        store.delete(ORIGIN, ORIGIN + "/a/");
        // Its old version id is free again too.
        store.store(registration(ORIGIN + "/a/", "a1"));
        assertThat(scopes(store.loadAll())).containsExactly(ORIGIN + "/b/", ORIGIN + "/a/");
    }

    @Test
    void storageKeysAreTheKeysWithRegistrationsSorted() throws Exception {
        RegistrationStore store = store();
        store.store(registration(OTHER_ORIGIN, OTHER_ORIGIN + "/", active("o1", OTHER_ORIGIN + "/", "o"), null));
        store.store(registration(ORIGIN + "/a/", "a1"));
        store.store(registration(ORIGIN + "/b/", "b1"));
        assertThat(store.storageKeys()).containsExactly(ORIGIN, OTHER_ORIGIN);

        store.delete(OTHER_ORIGIN, OTHER_ORIGIN + "/");
        assertThat(store.storageKeys()).containsExactly(ORIGIN);
        store.delete(ORIGIN, ORIGIN + "/a/");
        assertThat(store.storageKeys()).containsExactly(ORIGIN);
        store.delete(ORIGIN, ORIGIN + "/b/");
        assertThat(store.storageKeys()).isEmpty();
    }

    @Test
    void twoStorageKeysWithTheSameScopeAreTwoRegistrations() throws Exception {
        // A partitioned storage key: the same scope registered under two top-level sites.
        String firstKey = ORIGIN + "^https://top-one.example";
        String secondKey = ORIGIN + "^https://top-two.example";
        RegistrationStore store = store();
        StoredRegistration first = registration(firstKey, SCOPE, active("k1", SCOPE, "first"), null);
        StoredRegistration second = registration(secondKey, SCOPE, active("k2", SCOPE, "second"), null);
        store.store(first);
        store.store(second);

        StoredRegistration firstUpdated = registration(firstKey, SCOPE, active("k1", SCOPE, "first"),
                waiting("k3", SCOPE, "first, updated"));
        store.store(firstUpdated);
        assertThat(store.loadAll()).hasSize(2);
        assertSameRegistration(only(store, firstKey, SCOPE), firstUpdated);
        assertSameRegistration(only(store, secondKey, SCOPE), second);

        store.delete(firstKey, SCOPE);
        List<StoredRegistration> loaded = store.loadAll();
        assertThat(loaded).hasSize(1);
        assertSameRegistration(loaded.get(0), second);
        assertThat(store.storageKeys()).containsExactly(secondKey);
    }

    // ------------------------------------------------------------------------------------ sizes

    @Test
    void aWorkerWithManyImportedScriptsKeepsThemInOrder() throws Exception {
        RegistrationStore store = store();
        ScriptResource[] imported = new ScriptResource[300];
        for (int i = 0; i < imported.length; i++) {
            // Some equal bytes among them, which a store may share.
            imported[i] = script(SCOPE + "lib/" + i + ".js", utf8("// library " + (i % 50)));
        }
        StoredRegistration registration = registration(ORIGIN, SCOPE, active("v1", SCOPE, "main", imported), null);
        store.store(registration);
        StoredRegistration loaded = store.loadAll().get(0);
        assertThat(loaded.active().scripts()).hasSize(301);
        assertSameRegistration(loaded, registration);
    }

    @Test
    void scriptsOfSeveralMebibytesComeBackExactly() throws Exception {
        RegistrationStore store = store();
        byte[] large = randomBytes(6 * 1024 * 1024 + 17, 1);
        byte[] other = randomBytes(3 * 1024 * 1024, 2);
        StoredRegistration registration = registration(ORIGIN, SCOPE,
                active("v1", SCOPE, "main", script(SCOPE + "big.js", large)),
                waiting("v2", SCOPE, "main 2", script(SCOPE + "big.js", other)));
        store.store(registration);
        assertSameRegistration(store.loadAll().get(0), registration);
    }

    // ------------------------------------------------------------------------------------ threads

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentStoresFromSeveralThreadsAllLand() throws Exception {
        RegistrationStore store = store();
        int threads = 8;
        int perThread = 20;
        byte[] shared = randomBytes(10_000, 3);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String scope = ORIGIN + "/t" + thread + "/r" + i + "/";
                        ScriptResource lib = script(ORIGIN + "/shared.js", shared);
                        store.store(registration(ORIGIN, scope, active("t" + thread + "r" + i + "a", scope, scope, lib),
                                null));
                        // And at once an update: a waiting worker beside it.
                        store.store(registration(ORIGIN, scope, active("t" + thread + "r" + i + "a", scope, scope, lib),
                                waiting("t" + thread + "r" + i + "w", scope, scope + " 2", lib)));
                        if (i % 5 == 0) {
                            store.loadAll();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<StoredRegistration> loaded = store.loadAll();
        assertThat(loaded).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            String prefix = ORIGIN + "/t" + t + "/";
            // Each thread's registrations in the order it stored them.
            List<String> ofThread = scopes(loaded).stream().filter(s -> s.startsWith(prefix)).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                expected.add(prefix + "r" + i + "/");
            }
            assertThat(ofThread).containsExactlyElementsOf(expected);
        }
        for (StoredRegistration registration : loaded) {
            assertThat(registration.waiting()).as(registration.scope()).isNotNull();
            assertThat(registration.active().scripts().get(1).bytes()).isEqualTo(shared);
            assertThat(registration.waiting().scripts().get(1).bytes()).isEqualTo(shared);
            assertThat(registration.waiting().scripts().get(0).bytes())
                    .isEqualTo(utf8(registration.scope() + " 2"));
        }
    }

    // ------------------------------------------------------------------------------------ closing

    @Test
    void aClosedStoreRefusesEverythingAndClosesTwiceQuietly() throws Exception {
        RegistrationStore store = store();
        store.store(registration(ORIGIN + "/a/", "a1"));
        store.close();
        store.close();

        assertThat(catchThrowableOfType(StorageException.class, store::loadAll).kind()).isEqualTo(Kind.CLOSED);
        assertThat(catchThrowableOfType(StorageException.class, store::storageKeys).kind()).isEqualTo(Kind.CLOSED);
        assertThat(catchThrowableOfType(StorageException.class,
                () -> store.store(registration(ORIGIN + "/b/", "b1"))).kind()).isEqualTo(Kind.CLOSED);
        assertThat(catchThrowableOfType(StorageException.class,
                () -> store.delete(ORIGIN, ORIGIN + "/a/")).kind()).isEqualTo(Kind.CLOSED);
    }
}

package org.sw4j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation;
import org.sw4j.core.spi.cache.CacheOperation.Delete;
import org.sw4j.core.spi.cache.CacheOperation.Put;
import org.sw4j.core.spi.cache.CacheStore;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;
import org.sw4j.core.spi.cache.StorageException.Kind;
import org.sw4j.core.spi.cache.UrlLookup;
import org.sw4j.webapi.fetch.BodySource;

/**
 * What every {@link CacheStore} does, run against each implementation: the SPI's rules, one test
 * each, in the words of the Cache API above it.
 */
abstract class CacheStoreContract {
    static final String ORIGIN = "https://example.com";
    static final String OTHER_ORIGIN = "https://other.example";
    static final long DEFAULT_QUOTA = 64L * 1024 * 1024;

    private final List<CacheStore> stores = new ArrayList<>();

    /** A new, empty store whose every storage key has {@code quotaPerKey} bytes. */
    protected abstract CacheStore newStore(long quotaPerKey) throws Exception;

    CacheStore store(long quota) throws Exception {
        CacheStore store = newStore(quota);
        stores.add(store);
        return store;
    }

    CacheStore store() throws Exception {
        return store(DEFAULT_QUOTA);
    }

    @AfterEach
    void closeStores() {
        stores.forEach(CacheStore::close);
    }

    // ------------------------------------------------------------------------------------ helpers

    static CachedRequest request(String url, HeaderRow... headers) {
        return new CachedRequest(url, "GET", List.of(headers), "cors", "same-origin", "default", "follow",
                "about:client", "strict-origin-when-cross-origin", "", "");
    }

    static CachedResponse response(HeaderRow... headers) {
        return new CachedResponse("basic", 200, "OK", List.of(), List.of(headers), List.of(), false, false, -1, 0);
    }

    static StagedBody stage(CacheStore store, String storageKey, byte[] bytes) throws StorageException {
        try (BodySink sink = store.newBody(storageKey)) {
            // Several writes, as a streamed body arrives.
            for (int offset = 0; offset < bytes.length; offset += 7000) {
                sink.write(ByteBuffer.wrap(bytes, offset, Math.min(7000, bytes.length - offset)));
            }
            return sink.finish();
        }
    }

    static CacheEntry put(CacheStore store, CacheHandle cache, String url, byte[] body) throws StorageException {
        StagedBody staged = body == null ? null : stage(store, cache.storageKey(), body);
        return store.commit(cache, List.of(new Put(request(url), response(), staged))).getFirst();
    }

    static byte[] read(BodySource source) throws IOException {
        try (source) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer chunk;
            while ((chunk = source.read()) != null) {
                assertThat(chunk.hasRemaining()).as("chunks are never empty").isTrue();
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.write(bytes);
            }
            return out.toByteArray();
        }
    }

    static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static CacheHandle open(CacheStore store, String storageKey, String name) throws StorageException {
        return store.openCache(storageKey, name, true).orElseThrow();
    }

    static List<String> urls(List<CacheEntry> entries) {
        return entries.stream().map(e -> e.request().url()).toList();
    }

    static long usage(CacheStore store, String storageKey) throws StorageException {
        return store.usage(storageKey).usage();
    }

    static Kind kindOf(ThrowingCall call) {
        StorageException e = catchThrowableOfType(StorageException.class, call::run);
        assertThat(e).as("a StorageException").isNotNull();
        return e.kind();
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    // ------------------------------------------------------------------------------------ caches

    @Test
    void cacheNamesAreListedInCreationOrderAndARecreatedNameGoesLast() throws Exception {
        CacheStore store = store();
        for (String name : List.of("v1", "images", "api")) {
            open(store, ORIGIN, name).close();
        }
        assertThat(store.cacheNames(ORIGIN)).containsExactly("v1", "images", "api");

        assertThat(store.deleteCache(ORIGIN, "v1")).isTrue();
        open(store, ORIGIN, "v1").close();
        assertThat(store.cacheNames(ORIGIN)).containsExactly("images", "api", "v1");
    }

    @Test
    void openCacheCreatesOnlyWhenAskedAndTwoHandlesShareOneCache() throws Exception {
        CacheStore store = store();
        assertThat(store.openCache(ORIGIN, "v1", false)).isEmpty();
        assertThat(store.cacheNames(ORIGIN)).isEmpty();

        CacheHandle first = open(store, ORIGIN, "v1");
        CacheHandle second = store.openCache(ORIGIN, "v1", false).orElseThrow();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(first.storageKey()).isEqualTo(ORIGIN);
        assertThat(first.name()).isEqualTo("v1");
        put(store, first, ORIGIN + "/a", new byte[] {1});
        assertThat(urls(store.entries(second))).containsExactly(ORIGIN + "/a");
    }

    @Test
    void deleteCacheFreesTheNameAtOnceAndANewCacheOfThatNameIsEmpty() throws Exception {
        CacheStore store = store();
        assertThat(store.deleteCache(ORIGIN, "v1")).isFalse();
        try (CacheHandle old = open(store, ORIGIN, "v1")) {
            put(store, old, ORIGIN + "/a", null);
            assertThat(store.deleteCache(ORIGIN, "v1")).isTrue();
            assertThat(store.deleteCache(ORIGIN, "v1")).isFalse();
            assertThat(store.cacheNames(ORIGIN)).isEmpty();
            assertThat(store.openCache(ORIGIN, "v1", false)).isEmpty();

            try (CacheHandle fresh = open(store, ORIGIN, "v1")) {
                assertThat(fresh.id()).isNotEqualTo(old.id());
                assertThat(store.entries(fresh)).isEmpty();
                assertThat(store.entries(old)).hasSize(1);
            }
        }
    }

    // ------------------------------------------------------------------------------------ entries

    @Test
    void entriesComeInInsertionOrderAndARePutGoesToTheEnd() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry a = put(store, cache, ORIGIN + "/a", null);
            CacheEntry b = put(store, cache, ORIGIN + "/b", null);
            put(store, cache, ORIGIN + "/c", null);
            assertThat(b.id()).isGreaterThan(a.id());
            assertThat(urls(store.entries(cache))).containsExactly(ORIGIN + "/a", ORIGIN + "/b", ORIGIN + "/c");

            // cache.put(a) again: Batch Cache Operations deletes the old entry and appends the new one.
            store.commit(cache, List.of(new Delete(a.id()), new Put(request(ORIGIN + "/a"), response(), null)));
            assertThat(urls(store.entries(cache))).containsExactly(ORIGIN + "/b", ORIGIN + "/c", ORIGIN + "/a");
        }
    }

    @Test
    void aBatchOfPutsCreatesEntriesInOrder() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            List<CacheOperation> puts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                puts.add(new Put(request(ORIGIN + "/" + i), response(), stage(store, ORIGIN, bytes(i * 100, i))));
            }
            List<CacheEntry> created = store.commit(cache, puts);
            assertThat(urls(created)).containsExactly(ORIGIN + "/0", ORIGIN + "/1", ORIGIN + "/2", ORIGIN + "/3",
                    ORIGIN + "/4");
            assertThat(created).extracting(CacheEntry::id).isSorted().doesNotHaveDuplicates();
            assertThat(store.entries(cache)).isEqualTo(created);
            for (int i = 0; i < 5; i++) {
                assertThat(created.get(i).response().bodySize()).isEqualTo(i * 100);
                assertThat(read(store.openBody(cache, created.get(i).response().bodyId()))).isEqualTo(bytes(i * 100, i));
            }
        }
    }

    @Test
    void everyFieldOfTheRowsComesBackAsPut() throws Exception {
        CacheStore store = store();
        CachedRequest request = new CachedRequest(ORIGIN + "/api?x=1&y=\"2\"", "GET",
                List.of(new HeaderRow("Accept", "application/json"), new HeaderRow("X-Token", "a"),
                        new HeaderRow("x-token", "b")),
                "no-cors", "include", "no-store", "manual", "https://example.com/page", "no-referrer",
                "sha256-abc=", "image");
        CachedResponse response = new CachedResponse("cors", 203, "Non-Authoritative",
                List.of(OTHER_ORIGIN + "/r1", OTHER_ORIGIN + "/r2?a=[1]"),
                List.of(new HeaderRow("Content-Type", "text/plain; charset=utf-8"), new HeaderRow("Vary", "Accept"),
                        new HeaderRow("Set-Cookie", "")),
                List.of("X-Custom", "x-other"), true, true, 99, 99);
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry created = store.commit(cache, List.of(new Put(request, response, stage(store, ORIGIN,
                    "hello".getBytes())))).getFirst();
            CacheEntry stored = store.entries(cache).getFirst();
            assertThat(stored).isEqualTo(created);
            assertThat(stored.request()).isEqualTo(request);
            assertThat(stored.response().bodySize()).isEqualTo(5);
            assertThat(stored.response()).isEqualTo(response.withBody(stored.response().bodyId(), 5));
            assertThat(read(store.openBody(cache, stored.response().bodyId()))).isEqualTo("hello".getBytes());
        }
    }

    @Test
    void aNullBodyHasNoIdAndAnEmptyBodyIsABody() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry nullBody = put(store, cache, ORIGIN + "/null", null);
            CacheEntry empty = put(store, cache, ORIGIN + "/empty", new byte[0]);
            assertThat(nullBody.response().bodyId()).isEqualTo(-1);
            assertThat(nullBody.response().bodySize()).isZero();
            assertThat(empty.response().bodyId()).isNotNegative();
            assertThat(empty.response().bodySize()).isZero();
            BodySource source = store.openBody(cache, empty.response().bodyId());
            assertThat(source.length()).isZero();
            assertThat(read(source)).isEmpty();
        }
    }

    @Test
    void aBodyStreamsInChunksAndSaysWhenTheRestIsAtHand() throws Exception {
        CacheStore store = store();
        byte[] body = bytes(300_000, 7);
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry entry = put(store, cache, ORIGIN + "/big", body);
            BodySource source = store.openBody(cache, entry.response().bodyId());
            assertThat(source.length()).isEqualTo(body.length);
            assertThat(read(source)).isEqualTo(body);

            BodySource small = store.openBody(cache, put(store, cache, ORIGIN + "/small", bytes(10, 1)).response().bodyId());
            assertThat(small.hasArrived()).isTrue();
            small.close();
        }
    }

    // ------------------------------------------------------------------------------------ lookups

    @Test
    void anExactLookupTellsNoQueryFromABareQuestionMarkFromAQuery() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            for (String url : List.of("/x", "/x?", "/x?q=1", "/x?q=2", "/y", "/x/z", "/x?q=1")) {
                put(store, cache, ORIGIN + url, null);
            }
            assertThat(urls(store.entries(cache, UrlLookup.exact(ORIGIN + "/x")))).containsExactly(ORIGIN + "/x");
            assertThat(urls(store.entries(cache, UrlLookup.exact(ORIGIN + "/x?")))).containsExactly(ORIGIN + "/x?");
            assertThat(urls(store.entries(cache, UrlLookup.exact(ORIGIN + "/x?q=1"))))
                    .containsExactly(ORIGIN + "/x?q=1", ORIGIN + "/x?q=1");
            assertThat(store.entries(cache, UrlLookup.exact(ORIGIN + "/x?q=3"))).isEmpty();
            assertThat(store.entries(cache, UrlLookup.exact(ORIGIN + "/nothing"))).isEmpty();
        }
    }

    @Test
    void anAnyQueryLookupFindsEveryQueryInInsertionOrder() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            for (String url : List.of("/x?q=2", "/x", "/y?q=2", "/x?", "/x?q=1", "/x/")) {
                put(store, cache, ORIGIN + url, null);
            }
            assertThat(urls(store.entries(cache, UrlLookup.ignoringQuery(ORIGIN + "/x?whatever"))))
                    .containsExactly(ORIGIN + "/x?q=2", ORIGIN + "/x", ORIGIN + "/x?", ORIGIN + "/x?q=1");
            assertThat(urls(store.entries(cache, UrlLookup.ignoringQuery(ORIGIN + "/y"))))
                    .containsExactly(ORIGIN + "/y?q=2");
        }
    }

    @Test
    void lookupsReturnTheHeadersOfEachEntry() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            for (int i = 0; i < 3; i++) {
                store.commit(cache, List.of(new Put(request(ORIGIN + "/v?" + i, new HeaderRow("Accept", "t/" + i)),
                        response(new HeaderRow("Vary", "Accept"), new HeaderRow("ETag", "e" + i)), null)));
            }
            put(store, cache, ORIGIN + "/v", null);
            List<CacheEntry> found = store.entries(cache, UrlLookup.ignoringQuery(ORIGIN + "/v"));
            assertThat(found).hasSize(4);
            for (int i = 0; i < 3; i++) {
                assertThat(found.get(i).request().headers()).containsExactly(new HeaderRow("Accept", "t/" + i));
                assertThat(found.get(i).response().headers())
                        .containsExactly(new HeaderRow("Vary", "Accept"), new HeaderRow("ETag", "e" + i));
            }
            assertThat(found.get(3).request().headers()).isEmpty();
            assertThat(found.get(3).response().headers()).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------ commits

    @Test
    void aBatchWithADiscardedBodyChangesNothingNotEvenItsDeletes() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry kept = put(store, cache, ORIGIN + "/kept", bytes(100, 1));
            long before = usage(store, ORIGIN);
            StagedBody good = stage(store, ORIGIN, bytes(50, 2));
            StagedBody discarded = stage(store, ORIGIN, bytes(60, 3));
            discarded.discard();

            assertThat(kindOf(() -> store.commit(cache, List.of(new Delete(kept.id()),
                    new Put(request(ORIGIN + "/good"), response(), good),
                    new Put(request(ORIGIN + "/bad"), response(), discarded))))).isEqualTo(Kind.NOT_FOUND);

            assertThat(store.entries(cache)).containsExactly(kept);
            assertThat(read(store.openBody(cache, kept.response().bodyId()))).isEqualTo(bytes(100, 1));
            assertThat(usage(store, ORIGIN)).as("the batch's good body is used up too").isEqualTo(before);
            assertThat(kindOf(() -> store.commit(cache, List.of(new Put(request(ORIGIN + "/good"), response(), good)))))
                    .isEqualTo(Kind.NOT_FOUND);
        }
    }

    @Test
    void aBatchWithABodyOfAnotherStoreChangesNothing() throws Exception {
        CacheStore store = store();
        CacheStore other = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry kept = put(store, cache, ORIGIN + "/kept", null);
            StagedBody foreign = stage(other, ORIGIN, bytes(10, 1));
            assertThatThrownBy(() -> store.commit(cache, List.of(new Delete(kept.id()),
                    new Put(request(ORIGIN + "/x"), response(), stage(store, ORIGIN, bytes(5, 2))),
                    new Put(request(ORIGIN + "/y"), response(), foreign))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.entries(cache)).containsExactly(kept);
        }
    }

    @Test
    void aStagedBodyIsUsedOnceAndCountsUntilDiscarded() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            StagedBody staged = stage(store, ORIGIN, bytes(1000, 1));
            assertThat(staged.size()).isEqualTo(1000);
            assertThat(usage(store, ORIGIN)).isEqualTo(1000);
            staged.discard();
            staged.discard();
            assertThat(usage(store, ORIGIN)).isZero();

            BodySink sink = store.newBody(ORIGIN);
            sink.write(ByteBuffer.wrap(bytes(500, 2)));
            assertThat(usage(store, ORIGIN)).isEqualTo(500);
            sink.close();
            sink.close();
            assertThat(usage(store, ORIGIN)).isZero();

            StagedBody once = stage(store, ORIGIN, bytes(10, 3));
            store.commit(cache, List.of(new Put(request(ORIGIN + "/a"), response(), once)));
            once.discard(); // committed: nothing to drop
            assertThat(kindOf(() -> store.commit(cache, List.of(new Put(request(ORIGIN + "/b"), response(), once)))))
                    .isEqualTo(Kind.NOT_FOUND);
            assertThat(urls(store.entries(cache))).containsExactly(ORIGIN + "/a");
            assertThat(read(store.openBody(cache, store.entries(cache).getFirst().response().bodyId())))
                    .isEqualTo(bytes(10, 3));
        }
    }

    @Test
    void deletingAMissingEntryIsNotAnError() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1"); CacheHandle other = open(store, ORIGIN, "v2")) {
            CacheEntry elsewhere = put(store, other, ORIGIN + "/a", null);
            assertThat(store.commit(cache, List.of(new Delete(12345), new Delete(elsewhere.id())))).isEmpty();
            assertThat(store.entries(other)).containsExactly(elsewhere);
        }
    }

    // ------------------------------------------------------------------------------------ quota

    @Test
    void aWriteOverTheQuotaFailsAndDiscardsTheSink() throws Exception {
        CacheStore store = store(10_000);
        BodySink sink = store.newBody(ORIGIN);
        sink.write(ByteBuffer.wrap(bytes(6000, 1)));
        assertThat(kindOf(() -> sink.write(ByteBuffer.wrap(bytes(6000, 2))))).isEqualTo(Kind.QUOTA_EXCEEDED);
        assertThat(usage(store, ORIGIN)).as("the sink was discarded").isZero();
        assertThatThrownBy(() -> sink.write(ByteBuffer.wrap(new byte[1]))).isInstanceOf(IllegalStateException.class);
        sink.close();
        assertThat(store.usage(ORIGIN).quota()).isEqualTo(10_000);
        stage(store, ORIGIN, bytes(10_000, 3)).discard(); // exactly the quota fits
    }

    @Test
    void aCommitOverTheQuotaFailsUnlessItsDeletesFreeEnough() throws Exception {
        CacheStore store = store(10_000);
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry first = put(store, cache, ORIGIN + "/a", bytes(5000, 1));
            long used = usage(store, ORIGIN);
            long rows = used - 5000;
            assertThat(rows).as("rows count too").isPositive();
            int fits = (int) (10_000 - used); // a body that fills the quota, leaving no room for its rows

            StagedBody body = stage(store, ORIGIN, bytes(fits, 2));
            assertThat(usage(store, ORIGIN)).isEqualTo(10_000);
            assertThat(kindOf(() -> store.commit(cache, List.of(new Put(request(ORIGIN + "/b"), response(), body)))))
                    .isEqualTo(Kind.QUOTA_EXCEEDED);
            assertThat(store.entries(cache)).containsExactly(first);
            assertThat(usage(store, ORIGIN)).isEqualTo(used);

            StagedBody again = stage(store, ORIGIN, bytes(fits, 2));
            List<CacheEntry> created = store.commit(cache, List.of(new Delete(first.id()),
                    new Put(request(ORIGIN + "/b"), response(), again)));
            assertThat(store.entries(cache)).isEqualTo(created);
            assertThat(usage(store, ORIGIN)).isEqualTo(fits + rows);
        }
    }

    @Test
    void usageIsBodiesPlusRowsAndMovesWithPutsAndDeletes() throws Exception {
        CacheStore store = store();
        assertThat(store.usage(ORIGIN).usage()).isZero();
        assertThat(store.usage(ORIGIN).quota()).isEqualTo(DEFAULT_QUOTA);
        CacheHandle cache = open(store, ORIGIN, "v1");
        CacheEntry a = put(store, cache, ORIGIN + "/a", bytes(1000, 1));
        long rows = request(ORIGIN + "/a").url().length() + "GET".length() + "cors".length() + "same-origin".length()
                + "default".length() + "follow".length() + "about:client".length()
                + "strict-origin-when-cross-origin".length() + "basic".length() + "OK".length();
        assertThat(usage(store, ORIGIN)).isEqualTo(1000 + rows);
        CacheEntry b = put(store, cache, ORIGIN + "/b", bytes(2000, 2));
        assertThat(usage(store, ORIGIN)).isEqualTo(3000 + 2 * rows);
        store.commit(cache, List.of(new Delete(a.id())));
        assertThat(usage(store, ORIGIN)).isEqualTo(2000 + rows);
        store.commit(cache, List.of(new Delete(b.id())));
        assertThat(usage(store, ORIGIN)).isZero();

        put(store, cache, ORIGIN + "/c", bytes(3000, 3));
        cache.close();
        store.deleteCache(ORIGIN, "v1");
        assertThat(usage(store, ORIGIN)).isZero();

        put(store, open(store, ORIGIN, "v2"), ORIGIN + "/d", bytes(10, 4));
        assertThat(usage(store, ORIGIN)).isPositive();
    }

    @Test
    void opaqueResponsesCountTheirRealSize() throws Exception {
        CacheStore store = store();
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            CachedResponse opaque = new CachedResponse("opaque", 0, "", List.of(), List.of(), List.of(), false, false,
                    -1, 0);
            store.commit(cache, List.of(new Put(request(OTHER_ORIGIN + "/img"), opaque,
                    stage(store, ORIGIN, bytes(100, 1)))));
            long rows = (OTHER_ORIGIN + "/img").length() + "GET".length() + "cors".length() + "same-origin".length()
                    + "default".length() + "follow".length() + "about:client".length()
                    + "strict-origin-when-cross-origin".length() + "opaque".length();
            assertThat(usage(store, ORIGIN)).isEqualTo(100 + rows);
        }
    }

    // ------------------------------------------------------------------------------------ partitions

    @Test
    void aStorageKeyNeverSeesAnothersCachesOrUsage() throws Exception {
        CacheStore store = store(50_000);
        CacheHandle mine = open(store, ORIGIN, "v1");
        CacheHandle theirs = open(store, OTHER_ORIGIN, "v1");
        assertThat(mine.id()).isNotEqualTo(theirs.id());
        put(store, mine, ORIGIN + "/a", bytes(40_000, 1));
        assertThat(store.entries(theirs)).isEmpty();
        assertThat(usage(store, OTHER_ORIGIN)).isZero();
        put(store, theirs, OTHER_ORIGIN + "/a", bytes(40_000, 2)); // its own quota
        open(store, OTHER_ORIGIN, "v2").close();
        assertThat(store.cacheNames(ORIGIN)).containsExactly("v1");
        assertThat(store.cacheNames(OTHER_ORIGIN)).containsExactly("v1", "v2");
        assertThat(store.storageKeys()).containsExactly(ORIGIN, OTHER_ORIGIN);

        StagedBody staged = stage(store, ORIGIN, bytes(10, 3));
        assertThatThrownBy(() -> store.commit(theirs, List.of(new Put(request(OTHER_ORIGIN + "/b"), response(),
                staged)))).isInstanceOf(IllegalArgumentException.class);

        store.clear(ORIGIN);
        assertThat(store.storageKeys()).containsExactly(OTHER_ORIGIN);
        assertThat(store.cacheNames(OTHER_ORIGIN)).containsExactly("v1", "v2");
        assertThat(urls(store.entries(theirs))).containsExactly(OTHER_ORIGIN + "/a");
        mine.close();
        theirs.close();
        assertThat(usage(store, ORIGIN)).isZero();
        assertThat(usage(store, OTHER_ORIGIN)).isPositive();
    }

    @Test
    void persistMarksAStorageKeyUntilItIsCleared() throws Exception {
        CacheStore store = store();
        assertThat(store.isPersisted(ORIGIN)).isFalse();
        assertThat(store.persist(ORIGIN)).isTrue();
        assertThat(store.persist(ORIGIN)).isTrue();
        assertThat(store.isPersisted(ORIGIN)).isTrue();
        assertThat(store.isPersisted(OTHER_ORIGIN)).isFalse();
        open(store, ORIGIN, "v1").close();
        store.clear(ORIGIN);
        assertThat(store.isPersisted(ORIGIN)).isFalse();
        assertThat(store.cacheNames(ORIGIN)).isEmpty();
        assertThat(store.storageKeys()).isEmpty();
    }

    // ------------------------------------------------------------------------------------ deleted while held

    @Test
    void aDeletedCacheKeepsWorkingForItsHandlesUntilTheLastCloses() throws Exception {
        CacheStore store = store();
        CacheHandle first = open(store, ORIGIN, "v1");
        CacheHandle second = open(store, ORIGIN, "v1");
        CacheEntry entry = put(store, first, ORIGIN + "/a", bytes(1000, 1));
        long used = usage(store, ORIGIN);
        assertThat(store.deleteCache(ORIGIN, "v1")).isTrue();

        assertThat(store.cacheNames(ORIGIN)).isEmpty();
        assertThat(store.entries(first)).containsExactly(entry);
        assertThat(read(store.openBody(first, entry.response().bodyId()))).isEqualTo(bytes(1000, 1));
        CacheEntry later = put(store, second, ORIGIN + "/b", bytes(10, 2));
        assertThat(urls(store.entries(first, UrlLookup.ignoringQuery(ORIGIN + "/b")))).containsExactly(ORIGIN + "/b");
        assertThat(usage(store, ORIGIN)).as("still held, still counted").isGreaterThan(used);

        first.close();
        first.close();
        assertThat(store.entries(second)).containsExactly(entry, later);
        assertThat(kindOf(() -> store.entries(first))).isEqualTo(Kind.NOT_FOUND);
        second.close();
        assertThat(usage(store, ORIGIN)).isZero();
        assertThat(store.storageKeys()).isEmpty();
    }

    @Test
    void clearKeepsHeldCachesReadableToo() throws Exception {
        CacheStore store = store();
        try (CacheHandle held = open(store, ORIGIN, "v1")) {
            CacheEntry entry = put(store, held, ORIGIN + "/a", bytes(10, 1));
            store.clear(ORIGIN);
            assertThat(store.cacheNames(ORIGIN)).isEmpty();
            assertThat(read(store.openBody(held, entry.response().bodyId()))).isEqualTo(bytes(10, 1));
        }
        assertThat(usage(store, ORIGIN)).isZero();
    }

    @Test
    void aBodyOpenedBeforeItsEntryIsDeletedStaysReadable() throws Exception {
        CacheStore store = store();
        byte[] body = bytes(200_000, 5);
        try (CacheHandle cache = open(store, ORIGIN, "v1")) {
            CacheEntry entry = put(store, cache, ORIGIN + "/a", body);
            BodySource source = store.openBody(cache, entry.response().bodyId());
            ByteBuffer first = source.read();
            // cache.put of the same URL replaces the entry; then the cache goes too
            store.commit(cache, List.of(new Delete(entry.id()), new Put(request(ORIGIN + "/a"), response(), null)));
            byte[] rest = read(source);
            byte[] all = new byte[first.remaining() + rest.length];
            first.get(all, 0, first.remaining());
            System.arraycopy(rest, 0, all, all.length - rest.length, rest.length);
            assertThat(all).isEqualTo(body);
            assertThat(kindOf(() -> read(store.openBody(cache, entry.response().bodyId())))).isEqualTo(Kind.NOT_FOUND);
        }
    }

    // ------------------------------------------------------------------------------------ concurrency

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void threadsCommitAndReadAtOnce() throws Exception {
        CacheStore store = store();
        int threads = 4;
        int rounds = 40;
        CacheHandle shared = open(store, ORIGIN, "shared");
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < rounds; i++) {
                        String url = ORIGIN + "/t" + thread + "?i=" + i;
                        byte[] body = bytes(random.nextInt(20_000), thread * 1000L + i);
                        CacheEntry entry = put(store, shared, url, body);
                        List<CacheEntry> found = store.entries(shared, UrlLookup.exact(url));
                        assertThat(found).containsExactly(entry);
                        assertThat(read(store.openBody(shared, entry.response().bodyId()))).isEqualTo(body);
                        if (i % 3 == 0) {
                            store.commit(shared, List.of(new Delete(entry.id())));
                        }
                        try (CacheHandle own = open(store, ORIGIN, "own" + thread)) {
                            put(store, own, url, null);
                        }
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    List<CacheEntry> all = store.entries(shared);
                    assertThat(all).extracting(CacheEntry::id).isSorted();
                    store.cacheNames(ORIGIN);
                    store.usage(ORIGIN);
                }
                return null;
            }));
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int kept = threads * (rounds - (rounds + 2) / 3);
        assertThat(store.entries(shared)).hasSize(kept);
        assertThat(store.entries(shared)).extracting(CacheEntry::id).isSorted();
        for (int t = 0; t < threads; t++) {
            try (CacheHandle own = store.openCache(ORIGIN, "own" + t, false).orElseThrow()) {
                assertThat(store.entries(own)).hasSize(rounds);
            }
        }
        shared.close();
    }

    // ------------------------------------------------------------------------------------ handles and close

    @Test
    void aClosedHandleOrAnotherStoresHandleIsRefused() throws Exception {
        CacheStore store = store();
        CacheStore other = store();
        CacheHandle cache = open(store, ORIGIN, "v1");
        CacheHandle foreign = open(other, ORIGIN, "v1");
        cache.close();
        assertThat(kindOf(() -> store.entries(cache))).isEqualTo(Kind.NOT_FOUND);
        assertThat(kindOf(() -> store.commit(cache, List.of()))).isEqualTo(Kind.NOT_FOUND);
        assertThatThrownBy(() -> store.entries(foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesEverything() throws Exception {
        CacheStore store = store();
        CacheHandle cache = open(store, ORIGIN, "v1");
        CacheEntry entry = put(store, cache, ORIGIN + "/a", bytes(10, 1));
        BodySink sink = store.newBody(ORIGIN);
        store.close();
        store.close();
        List<ThrowingCall> calls = List.of(
                () -> store.cacheNames(ORIGIN),
                () -> store.openCache(ORIGIN, "v1", true),
                () -> store.deleteCache(ORIGIN, "v1"),
                () -> store.entries(cache),
                () -> store.entries(cache, UrlLookup.exact(ORIGIN + "/a")),
                () -> store.openBody(cache, entry.response().bodyId()),
                () -> store.newBody(ORIGIN),
                () -> store.commit(cache, List.of(new Delete(entry.id()))),
                () -> store.usage(ORIGIN),
                () -> store.isPersisted(ORIGIN),
                () -> store.persist(ORIGIN),
                () -> store.storageKeys(),
                () -> store.clear(ORIGIN),
                () -> sink.write(ByteBuffer.wrap(new byte[1])));
        for (ThrowingCall call : calls) {
            assertThat(kindOf(call)).isEqualTo(Kind.CLOSED);
        }
        cache.close(); // harmless after the store closed
    }
}

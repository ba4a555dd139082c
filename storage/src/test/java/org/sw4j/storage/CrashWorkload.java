package org.sw4j.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageException;

/**
 * The process {@link CacheStoreCrashTest} kills: opens the store in {@code args[0]} (with the
 * durability {@code args[2]}) and commits
 * until it is killed, from a few threads — single puts, re-puts, batches of puts and deletes,
 * deletes, a deleted and recreated cache now and then. Every body's SHA-256 goes into its
 * request's {@code x-sha256} header before the commit, so whoever opens the store afterwards can
 * check each body against it.
 */
public final class CrashWorkload {
    static final String SHA_HEADER = "x-sha256";
    static final List<String> STORAGE_KEYS = List.of("https://a.example", "https://b.example");

    private CrashWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        SqliteCacheStore store = SqliteCacheStore.builder(directory).durability(Durability.valueOf(args[2])).build();
        int threads = 3;
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed * 31 + t);
            String storageKey = STORAGE_KEYS.get(t % STORAGE_KEYS.size());
            Thread thread = new Thread(() -> {
                try {
                    run(store, storageKey, random);
                } catch (Throwable e) {
                    System.out.println("FAILED " + e);
                    e.printStackTrace();
                    System.out.flush();
                }
            }, "workload-" + t);
            thread.start();
        }
        System.out.println("READY");
        System.out.flush();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean FIRST_COMMIT =
            new java.util.concurrent.atomic.AtomicBoolean();

    private static void run(SqliteCacheStore store, String storageKey, Random random) throws Exception {
        CacheHandle cache = store.openCache(storageKey, "main", true).orElseThrow();
        while (true) {
            int op = random.nextInt(100);
            List<CacheOperation> batch = new ArrayList<>();
            if (op < 45) {
                batch.add(put(store, storageKey, random));
            } else if (op < 70) {
                int puts = 2 + random.nextInt(3);
                for (int i = 0; i < puts; i++) {
                    batch.add(put(store, storageKey, random));
                }
                deleteSome(store, cache, random, batch, random.nextInt(3));
            } else if (op < 95) {
                deleteSome(store, cache, random, batch, 1 + random.nextInt(2));
            } else {
                // The cache goes while this thread still holds it, then a new one of that name.
                CacheHandle side = store.openCache(storageKey, "side", true).orElseThrow();
                store.commit(side, List.of(put(store, storageKey, random)));
                store.deleteCache(storageKey, "side");
                store.commit(side, List.of(put(store, storageKey, random)));
                if (random.nextBoolean()) {
                    side.close();
                }
                continue;
            }
            try {
                store.commit(cache, batch);
                if (FIRST_COMMIT.compareAndSet(false, true)) {
                    // The killer waits for this, so that a busy machine cannot kill before any commit.
                    System.out.println("COMMITTED");
                    System.out.flush();
                }
            } catch (StorageException e) {
                if (e.kind() != StorageException.Kind.QUOTA_EXCEEDED) {
                    throw e;
                }
            }
        }
    }

    private static void deleteSome(SqliteCacheStore store, CacheHandle cache, Random random,
            List<CacheOperation> batch, int count) throws StorageException {
        List<CacheEntry> entries = store.entries(cache);
        for (int i = 0; i < count && !entries.isEmpty(); i++) {
            batch.add(new CacheOperation.Delete(entries.get(random.nextInt(entries.size())).id()));
        }
    }

    private static CacheOperation.Put put(SqliteCacheStore store, String storageKey, Random random)
            throws Exception {
        // Bodies kept in the database (up to 64 KiB) and in files (a quarter, up to 256 KiB).
        byte[] body = new byte[random.nextInt(4) == 0 ? 64 * 1024 + 1 + random.nextInt(192 * 1024)
                : random.nextInt(64 * 1024 + 1)];
        random.nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String url = storageKey + "/r/" + random.nextInt(50) + (random.nextBoolean() ? "?v=" + random.nextInt(3) : "");
        CachedRequest request = new CachedRequest(url, "GET", List.of(new HeaderRow(SHA_HEADER, sha)), "cors",
                "same-origin", "default", "follow", "about:client", "", "", "");
        CachedResponse response = new CachedResponse("basic", 200, "OK", List.of(url),
                List.of(new HeaderRow("Content-Length", Integer.toString(body.length))), List.of(), false, false, -1, 0);
        StagedBody staged;
        try (BodySink sink = store.newBody(storageKey)) {
            for (int offset = 0; offset < body.length; offset += 16 * 1024) {
                sink.write(ByteBuffer.wrap(body, offset, Math.min(16 * 1024, body.length - offset)));
            }
            staged = sink.finish();
        }
        return new CacheOperation.Put(request, response, staged);
    }
}

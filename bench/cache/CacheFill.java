import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sw4j.core.spi.cache.BodySink;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.core.spi.cache.CacheOperation;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.HeaderRow;
import org.sw4j.storage.SqliteCacheStore;

/**
 * Fills cache NAME of ORIGIN in the store at DIR with COUNT entries `<origin>/bench/big/<i>`, each
 * with a BYTES-byte body, in batches (a million puts through JavaScript would take most of an
 * hour; the latency measure only needs the cache to be that big). Run by run-cache-bench.sh as a
 * single-file program on the launcher's class path.
 */
public class CacheFill {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String origin = args[1];
        String name = args[2];
        int count = Integer.parseInt(args[3]);
        int bytes = Integer.parseInt(args[4]);
        byte[] body = new byte[bytes];
        try (SqliteCacheStore store = SqliteCacheStore.builder(dir).quota(key -> Long.MAX_VALUE / 4).build();
                CacheHandle cache = store.openCache(origin, name, true).orElseThrow()) {
            long start = System.nanoTime();
            for (int from = 0; from < count; from += 10_000) {
                List<CacheOperation> batch = new ArrayList<>();
                for (int i = from; i < Math.min(count, from + 10_000); i++) {
                    CachedRequest request = new CachedRequest(origin + "/bench/big/" + i, "GET", List.of(), "cors",
                            "same-origin", "default", "follow", "about:client", "", "", "");
                    CachedResponse response = new CachedResponse("default", 200, "", List.of(),
                            List.of(new HeaderRow("content-type", "application/octet-stream")), List.of(), false, true,
                            -1, 0);
                    var staged = (org.sw4j.core.spi.cache.StagedBody) null;
                    if (bytes > 0) {
                        try (BodySink sink = store.newBody(origin)) {
                            sink.write(ByteBuffer.wrap(body));
                            staged = sink.finish();
                        }
                    }
                    batch.add(new CacheOperation.Put(request, response, staged));
                }
                store.commit(cache, batch);
            }
            System.out.printf("filled %d entries in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        }
    }
}

package org.sw4j.js.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.graalvm.polyglot.Value;
import org.sw4j.core.cache.Cache;
import org.sw4j.core.cache.CacheBatchOperation;
import org.sw4j.core.cache.CacheMatching;
import org.sw4j.core.cache.CacheQueryOptions;
import org.sw4j.core.cache.CacheRows;
import org.sw4j.core.cache.CacheStorage;
import org.sw4j.core.cache.StoredResponse;
import org.sw4j.core.spi.cache.CachedRequest;
import org.sw4j.core.spi.cache.CachedResponse;
import org.sw4j.core.spi.cache.StagedBody;
import org.sw4j.core.spi.cache.StorageUsage;
import org.sw4j.webapi.error.DomExceptionName;
import org.sw4j.webapi.fetch.Body;
import org.sw4j.webapi.fetch.BodySource;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.FetchResponse;
import org.sw4j.webapi.fetch.Headers;
import org.sw4j.webapi.fetch.RequestConstructor;
import org.sw4j.webapi.fetch.RequestInit;
import org.sw4j.webapi.fetch.RequestInput;
import org.sw4j.webapi.url.Url;

/**
 * The host operations behind {@code caches.js}: CacheStorage and Cache over
 * {@link org.sw4j.core.cache}. Writes run as host operations on virtual threads whose result comes
 * back as a task; reads run at once on the worker's thread. Either way JavaScript gets
 * {@code onDone(result)}, or {@code onError(name, message)} naming the exception.
 *
 * <p>A matched response crosses like a fetched one: its Java response, an immutable Headers, and
 * its body as a {@link BodySource} (in memory when the stored body was small enough to be at hand),
 * whose bytes reach JavaScript only if a script reads them. Opaque responses keep their body in Java.
 */
final class CacheBinding {
    /**
     * The largest body a put stages on the worker's thread (when all of it is at hand): the
     * persistent store keeps bodies this small in its database, in the commit's transaction, where
     * writing them costs no fsync of its own.
     */
    private static final long SMALL_BODY = 64 * 1024;

    private CacheBinding() {}

    /** Progress lines of long Cache Storage work, e.g. an install's addAll of many entries. */
    private static final org.slf4j.Logger PROGRESS = org.slf4j.LoggerFactory.getLogger("sw4j.progress");

    static void define(HostFunctions host, GlobalScope scope) {
        host.define("cachesOpen", args -> {
            String name = args[0].asString();
            run(scope, "caches.open", () -> {
                Cache cache = scope.cacheStorage().open(name);
                scope.openCaches().add(cache);
                return cache;
            }, args[1], args[2]);
            return null;
        });
        host.define("cachesHas", args -> {
            String name = args[0].asString();
            atOnce(scope, "caches.has", () -> scope.cacheStorage().has(name), args[1], args[2]);
            return null;
        });
        host.define("cachesDelete", args -> {
            String name = args[0].asString();
            run(scope, "caches.delete", () -> scope.cacheStorage().delete(name), args[1], args[2]);
            return null;
        });
        host.define("cachesKeys", args -> {
            atOnce(scope, "caches.keys", () -> HostFunctions.array(scope.cacheStorage().keys().toArray()), args[0], args[1]);
            return null;
        });
        host.define("cachesMatch", args -> {
            CachedRequest query = query(scope, args[0]);
            CacheQueryOptions options = options(args, 1);
            String cacheName = args[4].isNull() ? null : args[4].asString();
            atOnce(scope, "caches.match", () -> {
                StoredResponse found = scope.cacheStorage().match(query, options, cacheName).orElse(null);
                return found == null ? null : crossing(found);
            }, args[5], args[6]);
            return null;
        });
        host.define("cacheMatchAll", args -> {
            Cache cache = args[0].asHostObject();
            CachedRequest query = args[1].isNull() ? null : query(scope, args[1]);
            CacheQueryOptions options = options(args, 2);
            boolean first = args[5].asBoolean();
            atOnce(scope, first ? "cache.match" : "cache.matchAll", () -> {
                if (first) {
                    StoredResponse found = query == null ? null : cache.match(query, options);
                    return found == null ? null : crossing(found);
                }
                List<StoredResponse> found = cache.matchAll(query, options);
                Object[] all = new Object[found.size()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = crossing(found.get(i));
                }
                return HostFunctions.array(all);
            }, args[6], args[7]);
            return null;
        });
        host.define("cacheKeys", args -> {
            Cache cache = args[0].asHostObject();
            CachedRequest query = args[1].isNull() ? null : query(scope, args[1]);
            CacheQueryOptions options = options(args, 2);
            atOnce(scope, "cache.keys", () -> {
                List<CachedRequest> rows = cache.keys(query, options);
                Object[] all = new Object[rows.size()];
                for (int i = 0; i < all.length; i++) {
                    FetchRequest request = CacheRows.toRequest(rows.get(i));
                    all[i] = HostFunctions.array(request, new Headers(request.headerList(), Headers.Guard.IMMUTABLE));
                }
                return HostFunctions.array(all);
            }, args[5], args[6]);
            return null;
        });
        host.define("cacheDelete", args -> {
            Cache cache = args[0].asHostObject();
            CachedRequest query = query(scope, args[1]);
            CacheQueryOptions options = options(args, 2);
            // A lookup and a commit that, in the default store, does not wait for the disk (see atOnce).
            if (cache.commitWaitsForDisk()) {
                run(scope, "cache.delete", () -> cache.delete(query, options), args[5], args[6]);
            } else {
                atOnce(scope, "cache.delete", () -> cache.delete(query, options), args[5], args[6]);
            }
            return null;
        });
        // cachePutAll(cache, [request, response, bodySource|null, ...], onDone, onError): the
        // bodies are staged in order, then one batch of puts commits them all or none.
        host.define("cachePutAll", args -> {
            Cache cache = args[0].asHostObject();
            Value flat = args[1];
            List<CachedRequest> requests = new ArrayList<>();
            List<FetchResponse> responses = new ArrayList<>();
            List<BodySource> bodies = new ArrayList<>();
            for (long i = 0; i + 2 < flat.getArraySize(); i += 3) {
                requests.add(CacheRows.toRow((FetchRequest) flat.getArrayElement(i).asHostObject()));
                FetchResponse response = flat.getArrayElement(i + 1).asHostObject();
                responses.add(response);
                Value body = flat.getArrayElement(i + 2);
                bodies.add(body.isNull() ? hiddenBody(response) : body.asHostObject());
            }
            boolean small = !cache.commitWaitsForDisk();
            for (BodySource body : bodies) {
                small &= body == null || body.hasArrived() && body.length() >= 0 && body.length() <= SMALL_BODY;
            }
            if (small) {
                atOnce(scope, "cache.put", () -> putAll(cache, requests, responses, bodies), args[2], args[3]);
            } else {
                run(scope, "cache.put", () -> putAll(cache, requests, responses, bodies), args[2], args[3]);
            }
            return null;
        });
        // cacheAddAllProgress(cache, done, total): a progress line for a long addAll (the script
        // decides when: every few seconds of a large one, and at its end).
        host.define("cacheAddAllProgress", args -> {
            Cache cache = args[0].asHostObject();
            PROGRESS.info("{}: cache.addAll into '{}' of {}: {}/{} responses fetched",
                    scope.worker().startParameters().scriptUrl(), cache.name(), cache.storageKey(),
                    args[1].asInt(), args[2].asInt());
            return null;
        });
        host.define("cacheRelease", args -> {
            Cache cache = args[0].asHostObject();
            if (scope.openCaches().remove(cache)) {
                cache.close();
            }
            return null;
        });
        // Synchronous checks of put/add's steps, before any body is touched: a message for the
        // TypeError, or null.
        host.define("cacheRequestProblem", args -> {
            FetchRequest request = args[0].asHostObject();
            String scheme = request.url().scheme();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "Request scheme '" + scheme + "' is unsupported";
            }
            if (!request.method().equals("GET")) {
                return "Request method '" + request.method() + "' is unsupported";
            }
            return null;
        });
        host.define("cacheRequestIsGet", args -> ((FetchRequest) args[0].asHostObject()).method().equals("GET"));
        host.define("cacheResponseProblem", args -> {
            FetchResponse response = args[0].asHostObject();
            if (response.status() == 206) {
                return "Partial response (status code 206) is unsupported";
            }
            if (CacheMatching.varyHasStar(response.headerList().get("vary"))) {
                return "Vary header contains *";
            }
            return null;
        });
        host.define("storageEstimate", args -> {
            run(scope, "storage.estimate", () -> {
                StorageUsage usage = scope.cacheStorage().estimate();
                return HostFunctions.array((double) usage.usage(), (double) usage.quota());
            }, args[0], args[1]);
            return null;
        });
        host.define("storagePersisted", args -> {
            run(scope, "storage.persisted", () -> scope.cacheStorage().persisted(), args[0], args[1]);
            return null;
        });
        host.define("storagePersist", args -> {
            run(scope, "storage.persist", () -> scope.cacheStorage().persist(), args[0], args[1]);
            return null;
        });
    }

    /**
     * The request a query is about: a Request's own, or for a URL string (already a USVString) the
     * request the Request constructor would make of it, without building the JavaScript object
     * (the same steps, and the same TypeError for a bad URL).
     */
    private static CachedRequest query(GlobalScope scope, Value request) {
        if (request.isString()) {
            Url base = scope.apiBaseUrl();
            return CacheRows.toRow(RequestConstructor.construct(new RequestInput.UrlString(request.asString()),
                    RequestInit.EMPTY, base, base.originValue()).request());
        }
        return CacheRows.toRow((FetchRequest) request.asHostObject());
    }

    private static CacheQueryOptions options(Value[] args, int from) {
        return new CacheQueryOptions(args[from].asBoolean(), args[from + 1].asBoolean(), args[from + 2].asBoolean());
    }

    /** An opaque response's body, which JavaScript never sees; null for a visible null body. */
    private static BodySource hiddenBody(FetchResponse response) {
        if (response.isFiltered() && response.body() == null) {
            Body internal = response.unfiltered().body();
            return internal == null ? null : internal.stream();
        }
        return null;
    }

    /** Stages every body (closing the rest if one fails), then commits one batch of puts. */
    private static Object putAll(Cache cache, List<CachedRequest> requests, List<FetchResponse> responses,
            List<BodySource> bodies) {
        List<StagedBody> staged = new ArrayList<>();
        try {
            List<CacheBatchOperation> operations = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                BodySource body = bodies.get(i);
                StagedBody stagedBody = body == null ? null : cache.stageBody(body);
                if (stagedBody != null) {
                    staged.add(stagedBody);
                }
                CachedResponse row = CacheRows.toRow(responses.get(i));
                operations.add(new CacheBatchOperation.Put(requests.get(i), row, stagedBody));
            }
            cache.batch(operations);
            return null;
        } catch (RuntimeException e) {
            staged.forEach(StagedBody::discard);
            for (BodySource body : bodies) {
                if (body != null) {
                    body.close();
                }
            }
            throw e;
        }
    }

    /**
     * A matched response as JavaScript receives it: [response, headers, source|null, length]. A
     * body at hand (a small one, from the store's page or a file) is read now into memory, so no
     * file stays open for it, and crosses as an in-memory source: JavaScript copies its bytes only
     * if the script reads them, and a response handed straight to respondWith() is never copied.
     */
    private static Object crossing(StoredResponse stored) throws IOException {
        FetchResponse response = stored.toResponse();
        Body body = response.body();
        Body hidden = response.unfiltered().body();
        if (body == null && hidden != null && hidden.stream().hasArrived()) {
            // An opaque response's small body, read now so no file stays open for it.
            byte[] bytes = bytesOf(FetchBinding.readAll(hidden.stream()));
            response.unfiltered().setBody(new Body(BodySource.of(bytes), bytes.length, false));
        }
        BodySource source = body == null ? null : FetchBinding.inMemoryIfArrived(body.stream());
        return HostFunctions.array(response, new Headers(response.headerList(), Headers.Guard.IMMUTABLE),
                source, body == null ? -1d : (double) body.length());
    }

    private static byte[] bytesOf(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * A read (a lookup in the store's indexes, a small body from the page cache), or a write that
     * does not wait for the disk (a delete; a put of small bodies that are all at hand, when the
     * store's commits take no fsync, as the default store's do): done at once on the worker's
     * thread, which costs less than the two thread hand-offs of a host operation (the JavaScript
     * promise still settles in a later task).
     */
    private static <T> void atOnce(GlobalScope scope, String name, Callable<T> work, Value onDone, Value onError) {
        T result;
        try {
            result = work.call();
        } catch (Throwable failure) {
            scope.worker().post(name, () -> fail(onError, failure));
            return;
        }
        scope.worker().post(name, () -> onDone.execute(result));
    }

    private static void fail(Value onError, Throwable failure) {
        HostFunctions.reject(onError, failure, DomExceptionName.UNKNOWN_ERROR.jsName());
    }

    /** A write (it may wait for the disk): a host operation on a virtual thread. */
    private static <T> void run(GlobalScope scope, String name, Callable<T> work, Value onDone, Value onError) {
        scope.worker().runHostOperation(name, work, (result, failure) -> {
            if (failure == null) {
                onDone.execute(result);
            } else {
                fail(onError, failure);
            }
        });
    }
}

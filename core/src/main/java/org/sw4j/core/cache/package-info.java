/**
 * The Cache API's algorithms (https://w3c.github.io/ServiceWorker/#cache-objects) over a
 * {@link org.sw4j.core.spi.cache.CacheStore}: {@link CacheStorage} and {@link Cache} with Query
 * Cache, Request Matches Cached Item ({@link CacheMatching}) and Batch Cache Operations. The store
 * only keeps rows and bytes; every matching rule lives here. Methods block on the store's I/O:
 * call them from virtual threads. Failures are {@link org.sw4j.webapi.error.WebError}s carrying the
 * exception JavaScript must see ({@code TypeError}, {@code InvalidStateError},
 * {@code QuotaExceededError}).
 */
package org.sw4j.core.cache;

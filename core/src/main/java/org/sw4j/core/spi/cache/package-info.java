/**
 * What Cache Storage needs from a store: rows, bytes and the two URL lookups, nothing of the Cache
 * API's matching rules (those live in {@code org.sw4j.core.cache}, above this SPI).
 *
 * <p>The model, per storage key (an origin's partition):
 * <ul>
 *   <li>caches, with names unique among the live ones, listed in creation order;</li>
 *   <li>in each cache, entries in insertion order, each a {@link CachedRequest} row, a
 *       {@link CachedResponse} row and an optional body, whose bytes were first staged through a
 *       {@link BodySink};</li>
 *   <li>a usage figure: the real bytes of bodies plus the size of the rows, against a quota.</li>
 * </ul>
 * Changes to a cache's entries happen only in {@link CacheStore#commit atomic batches}.
 *
 * <p>Implementations: {@code org.sw4j.storage.SqliteCacheStore} (persistent, the default) and
 * {@code org.sw4j.storage.MemoryCacheStore} (for tests), both held to one conformance suite.
 */
package org.sw4j.core.spi.cache;

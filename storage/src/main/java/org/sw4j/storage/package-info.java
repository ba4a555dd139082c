/**
 * Cache Storage's stores, implementations of {@link org.sw4j.core.spi.cache.CacheStore}:
 * {@link org.sw4j.storage.SqliteCacheStore}, persistent and crash-safe (metadata in SQLite, bodies
 * in files), and {@link org.sw4j.storage.MemoryCacheStore}, the same semantics in memory for tests.
 * Both are held to one conformance suite. And the registration stores, implementations of
 * {@link org.sw4j.core.spi.registration.RegistrationStore}: {@link org.sw4j.storage.SqliteRegistrationStore}
 * (one SQLite database, scripts stored once by their SHA-256) and
 * {@link org.sw4j.storage.MemoryRegistrationStore}, likewise held to one suite. Everything else
 * lives in {@code internal}.
 */
package org.sw4j.storage;

/**
 * Cache Storage's stores, implementations of {@link org.sw4j.core.spi.cache.CacheStore}:
 * {@link org.sw4j.storage.SqliteCacheStore}, persistent and crash-safe (metadata in SQLite, bodies
 * in files), and {@link org.sw4j.storage.MemoryCacheStore}, the same semantics in memory for tests.
 * Both are held to one conformance suite. Everything else lives in {@code internal}.
 */
package org.sw4j.storage;

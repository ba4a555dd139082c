package org.sw4j.core.spi.cache;

/**
 * A storage key's usage and quota, as {@code navigator.storage.estimate()} reports them.
 *
 * @param usage bytes in use: the real size of bodies plus the stored rows (staged bodies count too)
 * @param quota the most the storage key may use
 */
public record StorageUsage(long usage, long quota) {
}

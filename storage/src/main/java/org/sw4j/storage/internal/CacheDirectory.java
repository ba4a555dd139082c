package org.sw4j.storage.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which caches are live, under which names, in which creation order, and how many handles hold
 * each — in memory, so opening a cache and listing names never touch storage. A deleted cache
 * leaves the directory's names at once but stays {@linkplain #isHeld held} while a handle is open;
 * the store removes its entries when {@link #release} says the last one went.
 */
public final class CacheDirectory {
    /** Storage key → name → cache id, each map in creation order. */
    private final Map<String, LinkedHashMap<String, Long>> live = new HashMap<>();
    /** Cache id → open handles, for caches with at least one. */
    private final Map<Long, Integer> handles = new HashMap<>();
    /** Ids of deleted caches that handles still hold. */
    private final Set<Long> deletedHeld = new HashSet<>();

    /** Adds a live cache at the end of its storage key's creation order. */
    public synchronized void add(String storageKey, String name, long id) {
        live.computeIfAbsent(storageKey, k -> new LinkedHashMap<>()).put(name, id);
    }

    /** Adds a live cache, as {@link #add}, and one handle on it. */
    public synchronized void addAndAcquire(String storageKey, String name, long id) {
        add(storageKey, name, id);
        handles.merge(id, 1, Integer::sum);
    }

    /** The live cache's id with one more handle on it; empty when there is no such cache. */
    public synchronized OptionalLong acquire(String storageKey, String name) {
        Map<String, Long> names = live.get(storageKey);
        Long id = names == null ? null : names.get(name);
        if (id == null) {
            return OptionalLong.empty();
        }
        handles.merge(id, 1, Integer::sum);
        return OptionalLong.of(id);
    }

    /** The live cache's id; empty when there is none. */
    public synchronized OptionalLong find(String storageKey, String name) {
        Map<String, Long> names = live.get(storageKey);
        Long id = names == null ? null : names.get(name);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    public synchronized List<String> names(String storageKey) {
        Map<String, Long> names = live.get(storageKey);
        return names == null ? List.of() : List.copyOf(names.keySet());
    }

    /** The live caches' ids of {@code storageKey}, in creation order. */
    public synchronized List<Long> ids(String storageKey) {
        Map<String, Long> names = live.get(storageKey);
        return names == null ? List.of() : new ArrayList<>(names.values());
    }

    /** Storage keys with live caches, sorted. */
    public synchronized List<String> storageKeys() {
        return List.copyOf(new TreeSet<>(live.keySet()));
    }

    /**
     * Removes the live cache's name. Answers whether its entries may go now (no handle holds it);
     * otherwise the last {@link #release} will say so.
     */
    public synchronized boolean delete(String storageKey, String name, long id) {
        Map<String, Long> names = live.get(storageKey);
        if (names != null && names.remove(name, id) && names.isEmpty()) {
            live.remove(storageKey);
        }
        if (handles.containsKey(id)) {
            deletedHeld.add(id);
            return false;
        }
        return true;
    }

    /** Drops one handle; answers whether it was the last on a deleted cache, whose entries may go now. */
    public synchronized boolean release(long id) {
        Integer count = handles.get(id);
        if (count == null) {
            return false;
        }
        if (count > 1) {
            handles.put(id, count - 1);
            return false;
        }
        handles.remove(id);
        return deletedHeld.remove(id);
    }

    /** Whether a handle holds the cache (live or deleted). */
    public synchronized boolean isHeld(long id) {
        return handles.containsKey(id);
    }
}

package org.jx86.runtime;

import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;
import org.jx86.vmm.mem.CodeWriteListener;

/**
 * Translations of one guest address space, keyed by guest address, with a page index so
 * a write to a code page (or its unmapping, or losing execute permission) invalidates
 * exactly the translations made from that page, tier-2 regions included (a region lists
 * every page its blocks came from). Shared by the threads of a process; lookups that miss
 * the per-thread jump cache take the lock.
 *
 * <p>Size limit: when a new translation would make more than {@link #limit()}, the whole
 * cache is dropped and refilled from what runs next (blink's and QEMU's "flush everything":
 * O(1) bookkeeping, and the hot code comes back within a few thousand blocks). Dropped
 * translations are marked invalid and lose every reference from here; the dispatchers drop
 * theirs (jump cache, links) when they see the epoch change, so the hidden classes unload.
 */
public final class CodeCache implements CodeWriteListener {
    /** Default {@link #limit()}: translations (tier-1 blocks and regions) kept at most. */
    public static final int DEFAULT_LIMIT = 32768;

    private final Long2ObjectHashMap<Translation> byRip = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<List<Translation>> byPage = new Long2ObjectHashMap<>();
    /** Bumped on every invalidation so per-thread jump caches can drop stale entries. */
    private volatile long epoch;
    private final int limit;
    public long invalidations;
    public long flushes;

    public CodeCache() { this(DEFAULT_LIMIT); }

    public CodeCache(int limit) {
        if (limit < 1) throw new IllegalArgumentException("code cache limit must be positive: " + limit);
        this.limit = limit;
    }

    public long epoch() { return epoch; }

    public int limit() { return limit; }

    public synchronized Translation get(long rip) { return byRip.get(rip); }

    public synchronized void put(Translation t) {
        if (byRip.size() >= limit && !byRip.containsKey(t.rip)) {
            clear();
            flushes++;
        }
        byRip.put(t.rip, t);
        index(t);
    }

    /**
     * Publishes a region in place of the translation old at the same address: old is marked
     * invalid, so dispatchers holding it (jump caches, links) look the address up again and
     * find the region. Nothing happens if old was invalidated meanwhile.
     */
    public synchronized void replace(Translation old, Translation region) {
        if (!old.valid || byRip.get(old.rip) != old) return;
        old.valid = false;
        for (long p : old.pages()) {
            List<Translation> ts = byPage.get(p);
            if (ts != null) ts.remove(old);
        }
        byRip.put(region.rip, region);
        index(region);
    }

    private void index(Translation t) {
        for (long p : t.pages()) byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(t);
    }

    public synchronized int size() { return byRip.size(); }

    @Override
    public synchronized void codePageWritten(long pageAddress) {
        List<Translation> ts = byPage.remove(pageAddress >>> 12);
        if (ts == null) return;
        for (Translation t : ts) {
            t.valid = false;
            if (byRip.get(t.rip) == t) byRip.remove(t.rip);
            // a region made from several pages stays listed under the others: harmless, it is
            // invalid, and those lists are dropped when their pages are written or flushed
        }
        invalidations += ts.size();
        epoch++;
    }

    /** Drops everything (e.g. execve, or the size limit). */
    public synchronized void clear() {
        for (Translation t : byRip.values()) t.valid = false;
        byRip.clear();
        byPage.clear();
        epoch++;
    }
}

package org.jx86.runtime;

import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;
import org.jx86.vmm.mem.CodeWriteListener;

/**
 * Translations of one guest address space, keyed by guest address, with a page index so
 * a write to a code page (or its unmapping) invalidates exactly that page's blocks.
 * Shared by the threads of a process; lookups that miss the per-thread jump cache take
 * the lock.
 */
public final class CodeCache implements CodeWriteListener {
    private final Long2ObjectHashMap<Translation> byRip = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<List<Translation>> byPage = new Long2ObjectHashMap<>();
    /** Bumped on every invalidation so per-thread jump caches can drop stale entries. */
    private volatile long epoch;
    public long invalidations;

    public long epoch() { return epoch; }

    public synchronized Translation get(long rip) { return byRip.get(rip); }

    public synchronized void put(Translation t) {
        byRip.put(t.rip, t);
        for (long p = t.rip >>> 12; p <= (t.end - 1) >>> 12; p++)
            byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(t);
    }

    public synchronized int size() { return byRip.size(); }

    @Override
    public synchronized void codePageWritten(long pageAddress) {
        List<Translation> ts = byPage.remove(pageAddress >>> 12);
        if (ts == null) return;
        for (Translation t : ts) {
            t.valid = false;
            if (byRip.get(t.rip) == t) byRip.remove(t.rip);
        }
        invalidations += ts.size();
        epoch++;
    }

    /** Drops everything (e.g. execve). */
    public synchronized void clear() {
        for (Translation t : byRip.values()) t.valid = false;
        byRip.clear();
        byPage.clear();
        epoch++;
    }
}

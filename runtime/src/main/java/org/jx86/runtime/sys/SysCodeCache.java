package org.jx86.runtime.sys;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.agrona.collections.Long2ObjectHashMap;
import org.jx86.runtime.Translation;
import org.jx86.vmm.sys.SysMemoryMap;

/**
 * Translations of a system-mode machine, shared by its vCPUs. A block is found by its
 * virtual RIP (RIP-relative operands and branch targets are virtual) and its LAM mode (the
 * untagging it inlines into data accesses, {@link org.jx86.vmm.sys.Lam#mode}), and used only if the
 * RIP still maps to the same physical page (and its last byte's page too), so a CR3 switch
 * never runs another address space's code. Physical code pages are tracked in a bitmap so
 * a guest write to one drops exactly the blocks read from it.
 */
final class SysCodeCache implements SysMemoryMap.CodePages {
    /** A translation plus the physical pages it was read from. */
    static final class Block {
        final Translation t;
        final int lam;
        final long pa, lastPa;
        final long lastLa;
        volatile boolean valid = true;

        Block(Translation t, int lam, long pa, long lastLa, long lastPa) {
            this.t = t;
            this.lam = lam;
            this.pa = pa;
            this.lastLa = lastLa;
            this.lastPa = lastPa;
        }
    }

    private final Long2ObjectHashMap<Block> byRip = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<List<Block>> byPfn = new Long2ObjectHashMap<>();
    private final AtomicLongArray codeBits;
    private final AtomicLong generation = new AtomicLong();
    long invalidations;

    SysCodeCache(long memory) { codeBits = new AtomicLongArray((int) ((memory >>> 12) + 63 >>> 6) + 1); }

    /**
     * The map key of (rip, LAM mode): the mode in bits 57-60. A mode other than 0 implies 64-bit
     * mode, where the dispatcher only looks up canonical RIPs, whose bits 63:56 are equal, so
     * the key is unique.
     */
    static long key(long rip, int lam) { return rip ^ ((long) lam << 57); }

    synchronized Block get(long rip, int lam) { return byRip.get(key(rip, lam)); }

    synchronized void put(Block b) {
        byRip.put(key(b.t.rip, b.lam), b);
        byPfn.computeIfAbsent(b.pa >>> 12, k -> new ArrayList<>()).add(b);
        if ((b.lastPa >>> 12) != (b.pa >>> 12)) byPfn.computeIfAbsent(b.lastPa >>> 12, k -> new ArrayList<>()).add(b);
    }

    private boolean inRange(long pfn) { return pfn >= 0 && (pfn >>> 6) < codeBits.length(); }

    @Override
    public boolean isCode(long pfn) {
        return inRange(pfn) && (codeBits.get((int) (pfn >>> 6)) & (1L << (pfn & 63))) != 0;
    }

    @Override
    public boolean markCode(long pfn) {
        if (!inRange(pfn) || isCode(pfn)) return false;
        int w = (int) (pfn >>> 6);
        long bit = 1L << (pfn & 63);
        long old = codeBits.getAndAccumulate(w, bit, (a, b) -> a | b);
        if ((old & bit) != 0) return false;
        generation.incrementAndGet();
        return true;
    }

    @Override
    public synchronized void written(long pfn) {
        if (!inRange(pfn)) return;
        codeBits.getAndAccumulate((int) (pfn >>> 6), ~(1L << (pfn & 63)), (a, b) -> a & b);
        List<Block> bs = byPfn.remove(pfn);
        if (bs == null) return;
        for (Block b : bs) {
            b.valid = false;
            long k = key(b.t.rip, b.lam);
            if (byRip.get(k) == b) byRip.remove(k);
        }
        invalidations += bs.size();
    }

    @Override
    public long generation() { return generation.get(); }
}

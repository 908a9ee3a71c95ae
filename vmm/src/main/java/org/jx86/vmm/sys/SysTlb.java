package org.jx86.vmm.sys;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A vCPU's PCID-tagged software TLB for system mode (spec §7), direct-mapped by virtual page
 * number, in one Agrona buffer so other vCPUs can invalidate entries without locks.
 *
 * <p>Entry i is 16 bytes at {@code i * 16}: a tag word and the page walker's result
 * ({@link PageWalker}'s frame | rights). The tag holds the page number of the untagged,
 * canonical address and a 19-bit <em>stamp</em> naming the context the entry belongs to:
 * <pre>
 *  63             45 44                                   0
 * |     stamp       |  virtual page number (bits 56:12)    |
 * </pre>
 * Each PCID has a stamp, and global entries share one global stamp; a lookup hits iff the
 * tag equals {@code vpn | stamp(current PCID)} or {@code vpn | globalStamp}. Flushing a PCID
 * gives it a fresh stamp; flushing all non-global entries bumps an epoch that makes every
 * PCID's stamp stale (each gets a fresh one on next use); flushing everything also renews
 * the global stamp. All flushes are O(1) and allocate nothing; when the 19-bit stamp space
 * runs out (after about half a million flushes) the array is cleared once.
 *
 * <p>Stamp {@code 0x7FFFF} marks an invalid entry; its low bits carry a unique counter so
 * that a fill racing with a remote invalidation fails its compare-and-set (no ABA): the
 * owner reads the tag before its walk ({@link #prepareFill}) and publishes with a CAS from
 * that value ({@link #commitFill}), so a shootdown that lands in between always wins.
 * Remote full flushes are requests the owner serves at its next {@link #poll()}, as KVM
 * serves KVM_REQ_TLB_FLUSH at the next entry.
 */
public final class SysTlb {
    public static final int BITS = 10;
    public static final int SIZE = 1 << BITS;
    public static final long MISS = -1L;

    static final int STAMP_SHIFT = 45;
    static final long VPN_MASK = (1L << STAMP_SHIFT) - 1;
    static final long STAMP_INVALID = (1L << 19) - 1;
    static final long INVALID_BASE = STAMP_INVALID << STAMP_SHIFT;
    private static final int ENTRY = 16;

    private final UnsafeBuffer buf = new UnsafeBuffer(new byte[SIZE * ENTRY]);
    private final long[] pcidStamp = new long[4096];
    private final int[] pcidEpoch = new int[4096];
    private int epoch;
    private long nextStamp;
    private long globalTag;
    /** Stamp of the current PCID, shifted into place. */
    private long ctxTag;
    private int currentPcid;
    /** Whether any entry came from a 2 MiB/1 GiB page since the last full flush (INVLPG then flushes all). */
    private boolean largeSeen;
    private final AtomicInteger invalidCounter = new AtomicInteger();
    private final AtomicInteger remoteFlush = new AtomicInteger();

    public long misses, flushes, fullFlushes;

    public SysTlb() { hardReset(); }

    static int index(long vpn) { return (int) vpn & (SIZE - 1); }

    private static long vpn(long va) { return (va >>> 12) & VPN_MASK; }

    // ---- lookup and fill (owner thread only)

    /** The walker result for va under the current PCID (or a global entry), or {@link #MISS}. */
    public long lookup(long va) {
        long vpn = vpn(va);
        int o = index(vpn) * ENTRY;
        long t = buf.getLong(o);
        if (t == (vpn | ctxTag) || t == (vpn | globalTag)) return buf.getLong(o + 8);
        return MISS;
    }

    /** Reads the tag word before a walk; pass it to {@link #commitFill}. */
    public long prepareFill(long va) {
        misses++;
        return buf.getLongVolatile(index(vpn(va)) * ENTRY);
    }

    /** Publishes a walk result unless the slot was invalidated since {@link #prepareFill}. */
    public boolean commitFill(long va, long token, long walkResult) {
        long vpn = vpn(va);
        int o = index(vpn) * ENTRY;
        if ((walkResult & PageWalker.R_LARGE) != 0) largeSeen = true;
        long tag = vpn | ((walkResult & PageWalker.R_G) != 0 ? globalTag : ctxTag);
        // Invalidate first so no reader pairs the old tag with the new data, then publish.
        long hold = INVALID_BASE | (invalidCounter.incrementAndGet() & VPN_MASK);
        if (!buf.compareAndSetLong(o, token, hold)) return false;
        buf.putLong(o + 8, walkResult);
        return buf.compareAndSetLong(o, hold, tag);
    }

    // ---- context (owner thread only)

    /** Makes pcid current (CR3 load or PCIDE change). Does not flush. */
    public void setPcid(int pcid) {
        currentPcid = pcid;
        ctxTag = stampOf(pcid) << STAMP_SHIFT;
    }

    public int currentPcid() { return currentPcid; }

    private long stampOf(int pcid) {
        if (pcidEpoch[pcid] != epoch) {
            pcidStamp[pcid] = newStamp();
            pcidEpoch[pcid] = epoch;
        }
        return pcidStamp[pcid];
    }

    private long newStamp() {
        if (nextStamp == STAMP_INVALID) {
            hardReset();
        }
        return nextStamp++;
    }

    /** Clears every entry and all stamps: only at construction and when stamps run out. */
    private void hardReset() {
        for (int i = 0; i < SIZE; i++) buf.putLongVolatile(i * ENTRY, INVALID_BASE | i);
        Arrays.fill(pcidEpoch, -1);
        epoch = 0;
        nextStamp = 1;
        globalTag = nextStamp++ << STAMP_SHIFT;
        ctxTag = stampOf(currentPcid) << STAMP_SHIFT;
        largeSeen = false;
    }

    // ---- invalidation by the owner (spec §7.2)

    /** Non-global entries of one PCID (MOV CR3 without no-flush, INVPCID type 1). */
    public void flushPcid(int pcid) {
        flushes++;
        pcidEpoch[pcid] = -1;
        if (pcid == currentPcid) setPcid(pcid);
    }

    /** All non-global entries of all PCIDs (INVPCID type 3). */
    public void flushNonGlobal() {
        flushes++;
        epoch++;
        if (epoch == Integer.MAX_VALUE) hardReset();
        setPcid(currentPcid);
    }

    /** Everything, globals included (PGE toggle, PCIDE 1→0, PG 1→0, INVPCID type 2). */
    public void flushAll() {
        fullFlushes++;
        flushNonGlobal();
        globalTag = newStamp() << STAMP_SHIFT;
        largeSeen = false;
    }

    /**
     * INVLPG: the page's entry of the current PCID and its global entry under any PCID. The
     * table is indexed by page number only, so clearing the slot covers both (over-invalidation
     * is allowed, spec §7.2). A large page may be cached under several slots, so if any was
     * seen, flush everything.
     */
    public void invalidatePage(long va) {
        if (largeSeen) {
            flushAll();
            return;
        }
        invalidateSlot(va);
    }

    /** INVPCID type 0: non-global entries for (pcid, va); the slot is cleared whatever it holds. */
    public void invalidatePage(long va, int pcid) {
        invalidatePage(va);
    }

    // ---- invalidation from other vCPUs (lock-free)

    /** Shootdown of one page, callable from any thread; effective for the owner at once. */
    public void invalidateSlot(long va) {
        buf.putLongVolatile(index(vpn(va)) * ENTRY, INVALID_BASE | (invalidCounter.incrementAndGet() & VPN_MASK));
    }

    /** Asks the owner to flush everything at its next {@link #poll()}; callable from any thread. */
    public void requestFlushAll() { remoteFlush.set(1); }

    /** Serves remote requests; the owner calls it where it checks for interrupts. */
    public void poll() {
        if (remoteFlush.get() != 0 && remoteFlush.getAndSet(0) != 0) flushAll();
    }
}

package org.jx86.vmm.sys;

/**
 * One MMU root: the page-table tree named by a root frame, a walk role and a PCID (spec
 * §6.4; LAM bits and CR3 bit 63 are not part of the key), with its paging-structure cache.
 * The cache maps a 2 MiB region to the page table the walk reached and the rights of the
 * levels above, so a TLB miss under a known root costs one entry read instead of four or
 * five. Like the hardware's, it is per PCID and is only emptied by the invalidations of
 * spec §7.2 (it may serve a stale upper-level entry until then, as the hardware may).
 *
 * <p>Roots are pooled by {@link RootCache}: re-keying a root empties its cache in O(1) by
 * bumping a generation kept in the cache's tags, so switching roots allocates nothing.
 */
public final class MmuRoot {
    static final int PSC_BITS = 6;
    static final int PSC_SIZE = 1 << PSC_BITS;
    private static final int GEN_SHIFT = 40;

    long rootPfn;
    int role;
    int pcid;
    boolean valid;

    private final long[] pscTag = new long[PSC_SIZE];
    private final long[] pscVal = new long[PSC_SIZE];
    private long gen = 1;

    boolean matches(long rootPfn, int role, int pcid) {
        return valid && this.rootPfn == rootPfn && this.role == role && this.pcid == pcid;
    }

    void assign(long rootPfn, int role, int pcid) {
        this.rootPfn = rootPfn;
        this.role = role;
        this.pcid = pcid;
        this.valid = true;
        clearCache();
    }

    /** Empties the paging-structure cache (O(1)). */
    public void clearCache() {
        gen++;
        if (gen == 1L << (63 - GEN_SHIFT)) {
            java.util.Arrays.fill(pscTag, 0);
            gen = 1;
        }
    }

    /** Cached PT base | rights for the 2 MiB region of va, or -1. */
    public long cachedPt(long va) {
        long region = (va >>> 21) & ((1L << 36) - 1);
        int i = (int) region & (PSC_SIZE - 1);
        return pscTag[i] == (region | (gen << GEN_SHIFT)) ? pscVal[i] : -1;
    }

    public void cachePt(long va, long ptAndRights) {
        long region = (va >>> 21) & ((1L << 36) - 1);
        int i = (int) region & (PSC_SIZE - 1);
        pscVal[i] = ptAndRights;
        pscTag[i] = region | (gen << GEN_SHIFT);
    }

    public long rootPa() { return rootPfn << 12; }
}

package org.jx86.vmm.sys;

/**
 * The current MMU root plus {@link #PREV} previous roots in LRU order: KVM's fast CR3 switch
 * (spec §6.2, L5 {@code fast_pgd_switch}). Switching to a key that is cached makes it current
 * with its paging-structure cache intact; a miss evicts the least recently used root and
 * re-keys it (a "root allocation"). The pool is fixed, so no switch allocates.
 */
public final class RootCache {
    /** KVM_MMU_NUM_PREV_ROOTS. */
    public static final int PREV = 3;

    /** slot[0] is current; slot[1..PREV] previous, most recent first. */
    private final MmuRoot[] slot = new MmuRoot[PREV + 1];
    public long allocations, reuses;

    public RootCache() {
        for (int i = 0; i < slot.length; i++) slot[i] = new MmuRoot();
    }

    public MmuRoot current() { return slot[0]; }

    /** Makes (rootPfn, role, pcid) current; returns true on a cache hit. */
    public boolean switchTo(long rootPfn, int role, int pcid) {
        if (slot[0].matches(rootPfn, role, pcid)) {
            reuses++;
            return true;
        }
        int hit = -1;
        for (int i = 1; i < slot.length; i++) {
            if (slot[i].matches(rootPfn, role, pcid)) {
                hit = i;
                break;
            }
        }
        // Rotate: the chosen slot (a hit, or else the LRU/invalid one) moves to the front.
        int pick = hit >= 0 ? hit : victim();
        MmuRoot r = slot[pick];
        System.arraycopy(slot, 0, slot, 1, pick);
        slot[0] = r;
        if (hit >= 0) {
            reuses++;
            return true;
        }
        allocations++;
        r.assign(rootPfn, role, pcid);
        return false;
    }

    private int victim() {
        for (int i = slot.length - 1; i >= 1; i--) if (!slot[i].valid) return i;
        return slot.length - 1;
    }

    /** MOV CR3 without no-flush / INVPCID type 1 for pcid: flush the current root's caches if
     *  it has that PCID, and drop previous roots with it when PCIDE = 1 (L4 kvm_invalidate_pcid). */
    public void invalidatePcid(int pcid, boolean pcide) {
        if (slot[0].pcid == pcid) slot[0].clearCache();
        if (!pcide) return;
        for (int i = 1; i < slot.length; i++) if (slot[i].pcid == pcid) slot[i].valid = false;
    }

    /** INVLPG / INVPCID type 0 / type 3: paging-structure caches of every root. */
    public void clearAllCaches() {
        for (MmuRoot r : slot) r.clearCache();
    }

    /** Role change, PCIDE toggle, PGE toggle, PG 1→0, INVPCID type 2: forget every root. */
    public void freeAll() {
        for (MmuRoot r : slot) {
            r.valid = false;
            r.clearCache();
        }
    }

    public int validCount() {
        int n = 0;
        for (MmuRoot r : slot) if (r.valid) n++;
        return n;
    }
}

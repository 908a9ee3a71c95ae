package org.jx86.vmm.sys;

import org.jx86.vmm.GuestFault;

/**
 * The IA-32e page walk, 4- or 5-level (SDM Vol. 3A §4.5, §4.6): present and reserved-bit
 * checks at every level, accumulated U/S, R/W and XD, the supervisor rules (CR0.WP, SMEP,
 * SMAP with EFLAGS.AC), and A/D updates with a compare-and-set so a concurrent change of an
 * entry by another vCPU is never overwritten (the walk restarts instead).
 *
 * <p>The result packs the physical address of the 4 KiB frame holding the address with the
 * translation's rights in the low bits:
 * <pre>
 *  63     52 51                      12 11       6  5     4   3   2    1   0
 * |   0    |  physical frame (4 KiB)   |    0     |LARGE| D | G | NX | U | W |
 * </pre>
 * One walker belongs to one vCPU (it keeps the last page-table pointer for the caller's
 * paging-structure cache), so it needs no locking.
 */
public final class PageWalker {
    public static final long R_W = 1, R_U = 2, R_NX = 4, R_G = 8, R_D = 16, R_LARGE = 32;
    public static final long RIGHTS = 0xFFF;

    /** Control bits of a walk, from CR0/CR4/EFER/EFLAGS. */
    public static final int C_WP = 1, C_SMEP = 2, C_SMAP = 4, C_AC = 8, C_NXE = 16, C_PGE = 32;

    private static final long ADDR_52 = 0x000F_FFFF_FFFF_F000L;
    private static final int MAX_RETRIES = 1000;

    private final PhysMem mem;
    private final long rsvdAddr;  // entry bits 51:M
    private final long physMask;
    public long walks;

    /** Set by a walk that passed a non-leaf PDE: PT base | accumulated rights (for a walk cache); else -1. */
    public long lastPt = -1;

    public PageWalker(PhysMem mem, SysFeatures f) {
        this.mem = mem;
        this.physMask = f.physAddrMask;
        this.rsvdAddr = ADDR_52 & ~f.physAddrMask;
    }

    /** Walks from the root table (level 4 or 5). Throws #PF with CR2 = va on failure. */
    public long walk(long rootPa, int levels, long va, int access, int ctl) {
        return walkFrom(rootPa & physMask, levels, va, access, ctl, R_W | R_U);
    }

    /**
     * Walks from a table at the given level (1 = page table) with the rights accumulated
     * by the levels above it; used directly when a paging-structure cache supplies the PT.
     */
    public long walkFrom(long tablePa, int level, long va, int access, int ctl, long upRights) {
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            long r = tryWalk(tablePa, level, va, access, ctl, upRights);
            if (r != RETRY) return r;
        }
        // Another vCPU kept changing the entries under us; report it as a fault-free retry
        // would loop forever. Not reachable by a well-formed guest.
        throw GuestFault.pageFault(va, faultCode(access, ctl, true, false));
    }

    private static final long RETRY = Long.MIN_VALUE;

    private long tryWalk(long table, int level, long va, int access, int ctl, long rights) {
        walks++;
        lastPt = -1;
        boolean nxe = (ctl & C_NXE) != 0;
        long rsvd = rsvdAddr | (nxe ? 0 : Cr.PTE_XD);
        // Remember the entries passed so A bits can be set once the access is known to be legal.
        long[] ea = entryAddr, ev = entryVal;
        int n = 0;
        long leafPa;
        long leaf;
        int leafLevel;
        while (true) {
            int shift = 12 + 9 * (level - 1);
            long pa = table + (((va >>> shift) & 0x1FF) << 3);
            long e = mem.entry(pa);
            if ((e & Cr.PTE_P) == 0) throw GuestFault.pageFault(va, faultCode(access, ctl, false, false));
            long bad = rsvd;
            boolean ps = (e & Cr.PTE_PS) != 0 && level <= 3 && level >= 2;
            if (level >= 4 && (e & Cr.PTE_PS) != 0) bad |= Cr.PTE_PS;          // no PS in PML4E/PML5E
            if (ps) bad |= level == 3 ? 0x3FFF_E000L : 0x1F_E000L;            // 1 GiB: 29:13, 2 MiB: 20:13
            if ((e & bad) != 0) throw GuestFault.pageFault(va, faultCode(access, ctl, true, true));
            if ((e & Cr.PTE_W) == 0) rights &= ~R_W;
            if ((e & Cr.PTE_U) == 0) rights &= ~R_U;
            if (nxe && (e & Cr.PTE_XD) != 0) rights |= R_NX;
            ea[n] = pa;
            ev[n] = e;
            n++;
            if (level == 1 || ps) {
                leaf = e;
                leafLevel = level;
                long pageMask = (1L << shift) - 1;
                leafPa = ((e & physMask & ~pageMask) | (va & pageMask)) & ~0xFFFL;
                break;
            }
            table = e & physMask;
            level--;
            if (level == 1) lastPt = table | (rights & (R_W | R_U | R_NX));
        }
        checkRights(va, access, ctl, rights);
        // Accessed on every level, dirty on the leaf for writes (SDM §4.8).
        for (int k = 0; k < n; k++) {
            long want = Cr.PTE_A | (k == n - 1 && (access & Access.WRITE) != 0 ? Cr.PTE_D : 0);
            if ((ev[k] & want) != want && !mem.setEntryBits(ea[k], ev[k], want)) return RETRY;
        }
        if ((leaf & Cr.PTE_G) != 0 && (ctl & C_PGE) != 0) rights |= R_G;
        if ((leaf & Cr.PTE_D) != 0 || (access & Access.WRITE) != 0) rights |= R_D;
        if (leafLevel > 1) rights |= R_LARGE;
        return leafPa | rights;
    }

    private final long[] entryAddr = new long[5];
    private final long[] entryVal = new long[5];

    /** Throws #PF (present, protection) if the rights do not allow the access. */
    public static void checkRights(long va, int access, int ctl, long rights) {
        if (!permits(access, ctl, rights)) throw GuestFault.pageFault(va, faultCode(access, ctl, true, false));
    }

    /** The SDM §4.6 access-rights rules. */
    public static boolean permits(int access, int ctl, long rights) {
        boolean write = (access & Access.WRITE) != 0;
        boolean fetch = (access & Access.FETCH) != 0;
        boolean userPage = (rights & R_U) != 0;
        if (fetch && (rights & R_NX) != 0) return false;
        if ((access & Access.USER) != 0) {
            return userPage && (!write || (rights & R_W) != 0);
        }
        if (write && (rights & R_W) == 0 && (ctl & C_WP) != 0) return false;
        if (userPage) {
            if (fetch) return (ctl & C_SMEP) == 0;
            if ((ctl & C_SMAP) != 0 && ((access & Access.IMPLICIT) != 0 || (ctl & C_AC) == 0)) return false;
        }
        return true;
    }

    /** The #PF error code: P, W/R, U/S, RSVD, I/D. */
    public static int faultCode(int access, int ctl, boolean present, boolean rsvd) {
        int code = access & (Access.WRITE | Access.USER);
        if (present) code |= GuestFault.PF_PRESENT;
        if (rsvd) code |= GuestFault.PF_RSVD;
        if ((access & Access.FETCH) != 0 && (ctl & (C_NXE | C_SMEP)) != 0) code |= GuestFault.PF_FETCH;
        return code;
    }
}

package org.jx86.vmm.sys;

import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/**
 * One vCPU's paging state and the rules of spec §§2-7: control-register writes with their
 * legality checks and TLB/root effects, LAM untagging and canonical checks, translation
 * through the PCID-tagged {@link SysTlb} with the {@link PageWalker} and the {@link RootCache}
 * behind it, INVLPG and INVPCID.
 *
 * <p>Only IA-32e paging (and paging off) is modelled; 32-bit and PAE paging are not, since
 * the boot protocol enters in long mode. The caller tells the MMU the CPL and whether CS is a
 * 64-bit segment ({@link #cpl}, {@link #cs64}) and EFLAGS.AC ({@link #ac}).
 */
public final class SysMmu {
    public final SysFeatures features;
    public final PhysMem mem;
    public final SysTlb tlb = new SysTlb();
    public final RootCache roots = new RootCache();
    public final PageWalker walker;

    public long cr0 = Cr.CR0_PE | Cr.CR0_ET;
    public long cr2, cr3, cr4, efer;
    public int cpl;
    public boolean cs64;
    public boolean ac;

    /** LAM sign-extension bits for the current mode (0 = off); see {@link Lam#untag}. */
    private int lamUserBit, lamSupBit;
    private int walkCtl;
    public long cr3Writes, pageFaults, pscHits;

    public SysMmu(SysFeatures features, PhysMem mem) {
        this.features = features;
        this.mem = mem;
        this.walker = new PageWalker(mem, features);
        recompute();
    }

    // ---- derived state

    public boolean paging() { return (cr0 & Cr.CR0_PG) != 0; }
    public boolean lma() { return (efer & Cr.EFER_LMA) != 0; }
    public boolean in64() { return lma() && cs64; }
    public boolean pcide() { return (cr4 & Cr.CR4_PCIDE) != 0; }
    public int pcid() { return pcide() ? (int) (cr3 & Cr.CR3_PCID_MASK) : 0; }
    public int levels() { return (cr4 & Cr.CR4_LA57) != 0 ? 5 : 4; }
    public int linearWidth() { return (cr4 & Cr.CR4_LA57) != 0 ? 57 : 48; }
    /** Root GFN (spec §6.1): address bits 51:12 only, so PCID, PWT/PCD and LAM bits never count. */
    public static long rootPfn(long cr3) { return (cr3 & Cr.CR3_ROOT_MASK) >>> 12; }
    public int lamUserBit() { return in64() ? lamUserBit : 0; }
    public int lamSupervisorBit() { return in64() ? lamSupBit : 0; }

    /** The walk role: everything that changes how a walk checks rights (spec §6.4). */
    private int role() {
        return (int) ((cr4 & Cr.CR4_ROLE) >>> 4) << 8 | (walkCtl & (PageWalker.C_WP | PageWalker.C_NXE));
    }

    /** Call after changing CR0/CR3/CR4/EFER/EFLAGS.AC directly (state load, boot). */
    public void recompute() {
        lamUserBit = features.lam ? Lam.userBit(cr3) : 0;
        lamSupBit = features.lam ? Lam.supervisorBit(cr4) : 0;
        int c = 0;
        if ((cr0 & Cr.CR0_WP) != 0) c |= PageWalker.C_WP;
        if ((cr4 & Cr.CR4_SMEP) != 0) c |= PageWalker.C_SMEP;
        if ((cr4 & Cr.CR4_SMAP) != 0) c |= PageWalker.C_SMAP;
        if ((efer & Cr.EFER_NXE) != 0) c |= PageWalker.C_NXE;
        if ((cr4 & Cr.CR4_PGE) != 0) c |= PageWalker.C_PGE;
        walkCtl = c;
        tlb.setPcid(pcid());
        if (paging()) roots.switchTo(rootPfn(cr3), role(), pcid());
    }

    private static GuestFault gp() { return GuestFault.of(Vector.GP); }

    // ---- MOV to CR3 (spec §2.1)

    public void movToCr3(long src) {
        if (cpl != 0) throw gp();
        if (!in64()) src &= 0xFFFF_FFFFL;
        boolean noFlush = false;
        if (pcide()) {
            noFlush = src < 0;
            src &= ~Cr.CR3_NOFLUSH;
        }
        long check = features.lam ? src & ~Cr.CR3_LAM_BITS : src;
        if ((check & features.cr3Reserved) != 0) throw gp();
        cr3 = src;
        cr3Writes++;
        lamUserBit = features.lam ? Lam.userBit(cr3) : 0;
        int p = pcid();
        tlb.setPcid(p);
        if (paging()) roots.switchTo(rootPfn(cr3), role(), p);
        if (!noFlush) {
            // §2.3: non-global entries and paging-structure caches of the new PCID.
            tlb.flushPcid(p);
            roots.invalidatePcid(p, pcide());
        }
    }

    // ---- MOV to CR4 (spec §3.3) and CR0 (§3.4)

    public void movToCr4(long v) {
        if (cpl != 0) throw gp();
        if (!in64()) v &= 0xFFFF_FFFFL;
        if ((v & features.cr4Reserved) != 0) throw gp();
        if (lma()) {
            if ((v & Cr.CR4_PAE) == 0) throw gp();
            if (((v ^ cr4) & Cr.CR4_LA57) != 0) throw gp();
        }
        if ((v & Cr.CR4_PCIDE) != 0 && (cr4 & Cr.CR4_PCIDE) == 0) {
            if ((cr3 & 0xFFF) != 0 || !lma()) throw gp();
        }
        long old = cr4;
        cr4 = v;
        postCr4(old, v);
    }

    private void postCr4(long old, long v) {
        long changed = old ^ v;
        boolean pcideOff = (old & Cr.CR4_PCIDE) != 0 && (v & Cr.CR4_PCIDE) == 0;
        boolean pcideOn = (v & Cr.CR4_PCIDE) != 0 && (old & Cr.CR4_PCIDE) == 0;
        if ((changed & Cr.CR4_PGE) != 0 || pcideOff) {
            tlb.flushAll();
            roots.freeAll();
        } else if ((changed & Cr.CR4_PAE) != 0 || (v & ~old & Cr.CR4_SMEP) != 0) {
            tlb.flushPcid(pcid());
        }
        // Roots cached under PCID 0 must not serve a later no-flush switch (§6.3); role changes too.
        if (pcideOn || (changed & Cr.CR4_ROLE) != 0) roots.freeAll();
        recompute();
    }

    public void movToCr0(long v) {
        if (cpl != 0) throw gp();
        if (!in64()) v &= 0xFFFF_FFFFL;
        if ((v >>> 32) != 0) throw gp();
        if ((v & Cr.CR0_PG) != 0 && (v & Cr.CR0_PE) == 0) throw gp();
        if ((v & Cr.CR0_NW) != 0 && (v & Cr.CR0_CD) == 0) throw gp();
        boolean pgOff = (cr0 & Cr.CR0_PG) != 0 && (v & Cr.CR0_PG) == 0;
        if (pgOff && (pcide() || in64())) throw gp();
        long old = cr0;
        cr0 = v;
        if (pgOff) {
            tlb.flushAll();
            roots.freeAll();
            efer &= ~Cr.EFER_LMA;
        }
        if ((v & Cr.CR0_PG) != 0 && (old & Cr.CR0_PG) == 0 && (efer & Cr.EFER_LME) != 0) {
            if ((cr4 & Cr.CR4_PAE) == 0) {
                cr0 = old;
                throw gp();
            }
            efer |= Cr.EFER_LMA;
        }
        if (((old ^ v) & Cr.CR0_WP) != 0) roots.freeAll();
        recompute();
    }

    // ---- linearization (spec §4, §5)

    /** Data access: base + offset, untag (64-bit mode, LAM), canonical check (#GP or #SS). */
    public long linearizeData(long segBase, long offset, boolean ss) {
        long la = segBase + offset;
        if (!in64()) return la & 0xFFFF_FFFFL;
        la = Lam.untag(la, lamUserBit, lamSupBit);
        if (!Lam.isCanonical(la, linearWidth())) throw GuestFault.of(ss ? Vector.SS : Vector.GP);
        return la;
    }

    /** Instruction fetch or branch target: never untagged (spec §5). #GP if not canonical. */
    public long checkBranchTarget(long rip) {
        if (in64() && !Lam.isCanonical(rip, linearWidth())) throw gp();
        return rip;
    }

    /** Values for MSRs and descriptor-table bases: canonical w.r.t. the CPU's maximum width. */
    public void checkCanonicalMsrValue(long v) {
        if (!Lam.isCanonical(v, features.maxLinearWidth)) throw gp();
    }

    // ---- translation

    private int accessFlags(int access) {
        if (cpl == 3 && (access & Access.IMPLICIT) == 0) access |= Access.USER;
        return access;
    }

    private int ctl() { return walkCtl | (ac ? PageWalker.C_AC : 0); }

    /** Linear to physical for one access (which must not cross a page); #PF sets CR2. */
    public long translate(long la, int access) {
        if (!paging()) return la;
        access = accessFlags(access);
        int ctl = ctl();
        long r = tlb.lookup(la);
        if (r != SysTlb.MISS && PageWalker.permits(access, ctl, r)
                && ((access & Access.WRITE) == 0 || (r & PageWalker.R_D) != 0)) {
            return (r & ~PageWalker.RIGHTS) | (la & 0xFFF);
        }
        return translateSlow(la, access, ctl);
    }

    private long translateSlow(long la, int access, int ctl) {
        long token = tlb.prepareFill(la);
        MmuRoot root = roots.current();
        long r;
        try {
            long pt = root.cachedPt(la);
            if (pt >= 0) {
                pscHits++;
                r = walker.walkFrom(pt & features.physAddrMask, 1, la, access, ctl, pt & PageWalker.RIGHTS);
            } else {
                r = walker.walk(root.rootPa(), levels(), la, access, ctl);
                if (walker.lastPt >= 0) root.cachePt(la, walker.lastPt);
            }
        } catch (GuestFault f) {
            pageFaults++;
            cr2 = la;
            throw f;
        }
        tlb.commitFill(la, token, r);
        return (r & ~PageWalker.RIGHTS) | (la & 0xFFF);
    }

    /** Reads n bytes (1, 2, 4, 8) at a linear address; a page-crossing read checks both pages first. */
    public long read(long la, int n, int access) {
        if (((la ^ (la + n - 1)) & ~0xFFFL) == 0) return mem.read(translate(la, access), n);
        translate(la, access);
        translate(la + n - 1, access);
        long v = 0;
        for (int k = n - 1; k >= 0; k--) v = (v << 8) | mem.read(translate(la + k, access), 1);
        return v;
    }

    public void write(long la, int n, long v, int access) {
        access |= Access.WRITE;
        if (((la ^ (la + n - 1)) & ~0xFFFL) == 0) {
            mem.write(translate(la, access), n, v);
            return;
        }
        translate(la, access);
        translate(la + n - 1, access);
        for (int k = 0; k < n; k++) mem.write(translate(la + k, access), 1, v >>> (8 * k));
    }

    // ---- TLB maintenance instructions

    /** INVLPG with the operand's linear address (not untagged, spec §5): non-canonical is a NOP. */
    public void invlpg(long la) {
        if (cpl != 0) throw gp();
        if (!Lam.isCanonical(la, features.maxLinearWidth)) return;
        tlb.invalidatePage(la);
        roots.clearAllCaches();
    }

    /**
     * INVPCID type, [segBase + offset] in the order of spec §7.3: #UD without the feature,
     * #GP above CPL 0, then the descriptor read (LAM applies to its pointer, may #PF), then the
     * descriptor and type checks.
     */
    public void invpcid(long type, long segBase, long offset, boolean ss) {
        if (!features.invpcid) throw GuestFault.of(Vector.UD);
        if (cpl != 0) throw gp();
        long la = linearizeData(segBase, offset, ss);
        long lo = read(la, 8, Access.READ);
        long hi = read(la + 8, 8, Access.READ);
        invpcidDescriptor(type, lo, hi);
    }

    /** Steps 4 and 5 of spec §7.3 on a descriptor already read. */
    public void invpcidDescriptor(long type, long lo, long hi) {
        if ((lo & ~0xFFFL) != 0) throw gp();
        int p = (int) lo & 0xFFF;
        switch ((int) Math.min(type, 4)) {
            case 0 -> {
                if (!pcide() && p != 0) throw gp();
                if (!Lam.isCanonical(hi, features.maxLinearWidth)) throw gp();
                tlb.invalidatePage(hi, p);
                roots.clearAllCaches();
            }
            case 1 -> {
                if (!pcide() && p != 0) throw gp();
                tlb.flushPcid(p);
                roots.invalidatePcid(p, pcide());
            }
            case 2 -> {
                tlb.flushAll();
                roots.freeAll();
                recompute();
            }
            case 3 -> {
                tlb.flushNonGlobal();
                roots.clearAllCaches();
            }
            default -> throw gp();
        }
    }
}

package org.jx86.vmm.sys;

/**
 * What the guest's CPUID exposes and the VMM therefore allows (spec §3.1). Fixed before the
 * vCPU first runs, as in KVM, so the CR3/CR4 paths test booleans instead of searching CPUID
 * (spec §2.2 recommendation, R1).
 */
public final class SysFeatures {
    public final boolean lam, la57, pcid, invpcid, smep, smap;
    /** MAXPHYADDR, CPUID.80000008H:EAX[7:0]; at most 52. */
    public final int maxPhyAddr;
    /** CR3 bits that must be 0 after removing bit 63 (PCIDE) and the LAM bits (if LAM): 63:M. */
    public final long cr3Reserved;
    /** CR4 bits a MOV to CR4 may not set (spec §3.3). */
    public final long cr4Reserved;
    /** Physical-address bits of paging entries: M-1:12. */
    public final long physAddrMask;
    /** The CPU's maximum linear width (57 with CPUID.LA57), for INVLPG/INVPCID/MSR checks (§5). */
    public final int maxLinearWidth;

    public SysFeatures(boolean lam, boolean la57, boolean pcid, boolean invpcid, boolean smep,
                       boolean smap, int maxPhyAddr) {
        if (maxPhyAddr < 32 || maxPhyAddr > 52) {
            throw new IllegalArgumentException("maxphyaddr must be in 32..52, got " + maxPhyAddr);
        }
        this.lam = lam;
        this.la57 = la57;
        this.pcid = pcid;
        this.invpcid = invpcid;
        this.smep = smep;
        this.smap = smap;
        this.maxPhyAddr = maxPhyAddr;
        this.cr3Reserved = -1L << maxPhyAddr;
        this.physAddrMask = ((1L << maxPhyAddr) - 1) & ~0xFFFL;
        long known = Cr.CR4_KNOWN;
        if (!lam) known &= ~Cr.CR4_LAM_SUP;
        if (!la57) known &= ~Cr.CR4_LA57;
        if (!pcid) known &= ~Cr.CR4_PCIDE;
        if (!smep) known &= ~Cr.CR4_SMEP;
        if (!smap) known &= ~Cr.CR4_SMAP;
        this.cr4Reserved = ~known;
        this.maxLinearWidth = la57 ? 57 : 48;
    }

    /** Everything on, MAXPHYADDR 46: the default of {@code jx86 vm}. */
    public static SysFeatures all() { return new SysFeatures(true, true, true, true, true, true, 46); }

    public SysFeatures withLam(boolean on) { return new SysFeatures(on, la57, pcid, invpcid, smep, smap, maxPhyAddr); }
    public SysFeatures withLa57(boolean on) { return new SysFeatures(lam, on, pcid, invpcid, smep, smap, maxPhyAddr); }
    public SysFeatures withPcid(boolean on) { return new SysFeatures(lam, la57, on, invpcid, smep, smap, maxPhyAddr); }
    public SysFeatures withInvpcid(boolean on) { return new SysFeatures(lam, la57, pcid, on, smep, smap, maxPhyAddr); }

    @Override
    public String toString() {
        return "lam=" + onOff(lam) + ",la57=" + onOff(la57) + ",pcid=" + onOff(pcid) + ",invpcid="
            + onOff(invpcid) + ",smep=" + onOff(smep) + ",smap=" + onOff(smap) + ",maxphyaddr=" + maxPhyAddr;
    }

    private static String onOff(boolean b) { return b ? "on" : "off"; }
}

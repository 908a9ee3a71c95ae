package org.jx86.vmm.sys;

/** MSR numbers a 64-bit kernel uses (SDM Vol. 4). */
public final class Msr {
    private Msr() {}

    public static final int TSC = 0x10, APIC_BASE = 0x1B, PAT = 0x277, TSC_DEADLINE = 0x6E0,
        X2APIC_FIRST = 0x800, X2APIC_LAST = 0x8FF;
    public static final int EFER = 0xC000_0080, STAR = 0xC000_0081, LSTAR = 0xC000_0082,
        CSTAR = 0xC000_0083, SFMASK = 0xC000_0084, FS_BASE = 0xC000_0100, GS_BASE = 0xC000_0101,
        KERNEL_GS_BASE = 0xC000_0102, TSC_AUX = 0xC000_0103;
}

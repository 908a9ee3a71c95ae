package org.jx86.vmm.sys;

/** Control-register, EFER and paging-entry bits (SDM Vol. 3A §2.5, §4.5; spec §3.2). */
public final class Cr {
    private Cr() {}

    public static final long CR0_PE = 1L, CR0_MP = 1L << 1, CR0_EM = 1L << 2, CR0_TS = 1L << 3,
        CR0_ET = 1L << 4, CR0_NE = 1L << 5, CR0_WP = 1L << 16, CR0_AM = 1L << 18,
        CR0_NW = 1L << 29, CR0_CD = 1L << 30, CR0_PG = 1L << 31;
    public static final long CR0_KNOWN = CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_NE
        | CR0_WP | CR0_AM | CR0_NW | CR0_CD | CR0_PG;

    public static final long CR4_VME = 1L, CR4_PVI = 1L << 1, CR4_TSD = 1L << 2, CR4_DE = 1L << 3,
        CR4_PSE = 1L << 4, CR4_PAE = 1L << 5, CR4_MCE = 1L << 6, CR4_PGE = 1L << 7,
        CR4_PCE = 1L << 8, CR4_OSFXSR = 1L << 9, CR4_OSXMMEXCPT = 1L << 10, CR4_LA57 = 1L << 12,
        CR4_FSGSBASE = 1L << 16, CR4_PCIDE = 1L << 17, CR4_OSXSAVE = 1L << 18,
        CR4_SMEP = 1L << 20, CR4_SMAP = 1L << 21, CR4_LAM_SUP = 1L << 28;
    public static final long CR4_KNOWN = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE
        | CR4_MCE | CR4_PGE | CR4_PCE | CR4_OSFXSR | CR4_OSXMMEXCPT | CR4_LA57 | CR4_FSGSBASE
        | CR4_PCIDE | CR4_OSXSAVE | CR4_SMEP | CR4_SMAP | CR4_LAM_SUP;
    /** CR4 bits whose change alters how a walk checks rights: the MMU role (spec §6.3). */
    public static final long CR4_ROLE = CR4_PSE | CR4_PAE | CR4_LA57 | CR4_SMEP | CR4_SMAP;

    public static final long CR3_LAM_U57 = 1L << 61, CR3_LAM_U48 = 1L << 62, CR3_NOFLUSH = 1L << 63;
    public static final long CR3_LAM_BITS = CR3_LAM_U57 | CR3_LAM_U48;
    public static final long CR3_PCID_MASK = 0xFFFL;
    /** Root GFN mask (KVM's __PT_BASE_ADDR_MASK, GENMASK(51, 12)); spec §6.1. */
    public static final long CR3_ROOT_MASK = 0x000F_FFFF_FFFF_F000L;

    public static final long EFER_SCE = 1L, EFER_LME = 1L << 8, EFER_LMA = 1L << 10, EFER_NXE = 1L << 11;

    /** Paging-structure entry bits (SDM Vol. 3A §4.5, Tables 4-15..4-20). */
    public static final long PTE_P = 1L, PTE_W = 1L << 1, PTE_U = 1L << 2, PTE_PWT = 1L << 3,
        PTE_PCD = 1L << 4, PTE_A = 1L << 5, PTE_D = 1L << 6, PTE_PS = 1L << 7, PTE_G = 1L << 8,
        PTE_XD = 1L << 63;
}

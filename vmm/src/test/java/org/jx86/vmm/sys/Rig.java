package org.jx86.vmm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import org.jx86.vmm.GuestFault;

/**
 * The common setup of spec §8: 64-bit mode, CPL 0, 4-level paging, PGE = PCIDE = 0,
 * MAXPHYADDR 46, low memory identity-mapped (first 2 MiB with 4 KiB pages, then 2 MiB pages
 * up to 16 MiB), K mapped to a RAM page, KM to the IORAM window, U identity-mapped.
 */
final class Rig {
    static final long K = 0xFFFF_FFFF_FFFF_E000L;
    static final long KM = 0xFFFF_FFFF_FFFF_C000L;
    static final long U = 0x0000_0000_0050_0000L;
    static final long K_FRAME = 0x0080_0000L;
    static final long V = 0x0123_4567_89AB_CDEFL;
    /** Scratch data (e.g. INVPCID descriptors), identity-mapped. */
    static final long DATA = 0x0060_0000L;

    final PhysMem mem = new PhysMem(32L << 20);
    final SysMmu mmu;
    final PageTables pt;
    final long r;

    Rig(SysFeatures f) { this(f, 4); }

    Rig(SysFeatures f, int levels) {
        mmu = new SysMmu(f, mem);
        pt = new PageTables(mem, levels, 16L << 20);
        long rw = Cr.PTE_W | Cr.PTE_U;
        for (long a = 0; a < 0x20_0000; a += 0x1000) pt.map4k(a, a, rw);
        for (long a = 0x20_0000; a < 0x100_0000; a += 0x20_0000) pt.map2m(a, a, rw);
        pt.map4k(U, U, rw);
        pt.map4k(K, K_FRAME, Cr.PTE_W);
        pt.map4k(KM, PhysMem.IORAM_BASE, Cr.PTE_W);
        r = pt.root;
        mmu.cr0 = Cr.CR0_PE | Cr.CR0_PG | Cr.CR0_WP | Cr.CR0_ET | Cr.CR0_NE;
        mmu.cr4 = Cr.CR4_PAE | (levels == 5 ? Cr.CR4_LA57 : 0);
        mmu.efer = Cr.EFER_LME | Cr.EFER_LMA | Cr.EFER_NXE | Cr.EFER_SCE;
        mmu.cs64 = true;
        mmu.cr3 = r;
        mmu.recompute();
    }

    static Rig lam() { return new Rig(SysFeatures.all()); }
    static Rig noLam() { return new Rig(SysFeatures.all().withLam(false)); }

    /** Data-access linearization for a DS-based access. */
    long lin(long la) { return mmu.linearizeData(0, la, false); }

    /** "Access" of spec §8: store V then load and compare. */
    void access(long la) {
        long l = lin(la);
        mmu.write(l, 8, V, Access.READ);
        assertEquals(V, mmu.read(l, 8, Access.READ), "read-back at 0x" + Long.toHexString(la));
    }

    long read(long la) { return mmu.read(lin(la), 8, Access.READ); }

    void setCr4Bits(long bits) { mmu.movToCr4(mmu.cr4 | bits); }
    void clearCr4Bits(long bits) { mmu.movToCr4(mmu.cr4 & ~bits); }

    static GuestFault fault(int vector, Runnable r) {
        GuestFault f = assertThrows(GuestFault.class, r::run);
        if (f.vector != vector) fail("expected vector " + vector + ", got " + f.getMessage());
        return f;
    }

    static void gp(Runnable r) {
        GuestFault f = fault(org.jx86.vmm.Vector.GP, r);
        assertEquals(0, f.errorCode, "#GP error code");
    }

    /** Writes an INVPCID descriptor at DATA. */
    void desc(long lo, long hi) {
        mem.write64(DATA, lo);
        mem.write64(DATA + 8, hi);
    }
}

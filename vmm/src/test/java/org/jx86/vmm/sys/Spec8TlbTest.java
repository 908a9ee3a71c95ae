package org.jx86.vmm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jx86.vmm.sys.Rig.K;
import static org.jx86.vmm.sys.Rig.U;
import static org.jx86.vmm.sys.Rig.gp;

import org.junit.jupiter.api.Test;

/** Spec §8 cases 52-63: TLB and PCID behaviour (over-retention only, never required staleness). */
class Spec8TlbTest {
    static final long VA = 0x0000_0040_0000_0000L;  // mapped only by the tests below
    static final long P1 = 0x0070_0000L, P2 = 0x0071_0000L, P3 = 0x0072_0000L;
    static final long B61 = 1L << 61, B62 = 1L << 62, B63 = 1L << 63;

    static Rig rig() {
        Rig g = Rig.lam();
        g.mem.write64(P1, 0x1111);
        g.mem.write64(P2, 0x2222);
        g.mem.write64(P3, 0x3333);
        return g;
    }

    static void remap(PageTables t, long pa, long flags) { t.map4k(VA, pa, Cr.PTE_W | flags); }

    @Test void case52_movCr3SameValueFlushes() {
        Rig g = rig();
        remap(g.pt, P1, 0);
        assertEquals(0x1111, g.read(VA));
        remap(g.pt, P2, 0);
        g.mmu.movToCr3(g.mmu.cr3);
        assertEquals(0x2222, g.read(VA));
    }

    @Test void case53_invlpgFlushesPage() {
        Rig g = rig();
        remap(g.pt, P1, 0);
        assertEquals(0x1111, g.read(VA));
        remap(g.pt, P2, 0);
        g.mmu.invlpg(VA);
        assertEquals(0x2222, g.read(VA));
    }

    @Test void case54_pgeToggleFlushesGlobals() {
        Rig g = rig();
        g.setCr4Bits(Cr.CR4_PGE);
        remap(g.pt, P1, Cr.PTE_G);
        assertEquals(0x1111, g.read(VA));
        remap(g.pt, P2, Cr.PTE_G);
        g.mmu.movToCr3(g.mmu.cr3); // does not have to drop the global entry
        g.clearCr4Bits(Cr.CR4_PGE);
        g.setCr4Bits(Cr.CR4_PGE);
        assertEquals(0x2222, g.read(VA));
    }

    @Test void case55_invpcidType2FlushesGlobals() {
        Rig g = rig();
        g.setCr4Bits(Cr.CR4_PGE);
        remap(g.pt, P1, Cr.PTE_G);
        assertEquals(0x1111, g.read(VA));
        remap(g.pt, P2, Cr.PTE_G);
        g.desc(0, 0);
        g.mmu.invpcid(2, 0, Rig.DATA, false);
        assertEquals(0x2222, g.read(VA));
    }

    /** Two trees sharing everything but VA: a second root that copies the first's top level. */
    static PageTables second(Rig g, long firstFrame) {
        PageTables b = new PageTables(g.mem, 4, firstFrame);
        for (int i = 0; i < 512; i++) g.mem.write64(b.root + 8L * i, g.mem.read64(g.pt.root + 8L * i));
        // VA's PML4 slot must be private to each tree.
        g.mem.write64(b.root + 8L * ((VA >>> 39) & 0x1FF), 0);
        return b;
    }

    @Test void case56_noCrossPcidLeakage() {
        Rig g = rig();
        remap(g.pt, P1, 0);
        PageTables b = second(g, 20L << 20);
        remap(b, P2, 0);
        g.setCr4Bits(Cr.CR4_PCIDE);
        g.mmu.movToCr3(g.r | 1);
        long allocs = 0;
        for (int i = 0; i < 6; i++) {
            boolean a = i % 2 == 0;
            g.mmu.movToCr3((a ? g.r | 1 : b.root | 2) | B63);
            assertEquals(a ? 0x1111 : 0x2222, g.read(VA), "switch " + i);
            if (i == 1) allocs = g.mmu.roots.allocations;
        }
        assertEquals(allocs, g.mmu.roots.allocations, "switching back and forth reuses both roots");
    }

    @Test void case57_invpcidType1ForOtherPcid() {
        Rig g = rig();
        remap(g.pt, P1, 0);
        PageTables b = second(g, 20L << 20);
        remap(b, P2, 0);
        g.setCr4Bits(Cr.CR4_PCIDE);
        g.mmu.movToCr3(b.root | 2);
        assertEquals(0x2222, g.read(VA));
        g.mmu.movToCr3(g.r | 1 | B63);
        assertEquals(0x1111, g.read(VA));
        remap(b, P3, 0);
        g.desc(2, 0);
        g.mmu.invpcid(1, 0, Rig.DATA, false);
        g.mmu.movToCr3(b.root | 2 | B63);
        assertEquals(0x3333, g.read(VA));
    }

    @Test void case58_clearingPcideFlushesGlobals() {
        Rig g = rig();
        g.setCr4Bits(Cr.CR4_PGE | Cr.CR4_PCIDE);
        remap(g.pt, P1, Cr.PTE_G);
        assertEquals(0x1111, g.read(VA));
        remap(g.pt, P2, Cr.PTE_G);
        g.clearCr4Bits(Cr.CR4_PCIDE);
        assertEquals(0x2222, g.read(VA));
    }

    @Test void case59_noStaleTaggedAliasAfterNoFlushLamChange() {
        Rig g = rig();
        g.setCr4Bits(Cr.CR4_PCIDE);
        g.mmu.movToCr3(g.r | 1);
        long tagged = 0x3E00_0000_0050_0000L;
        gp(() -> g.access(tagged));
        g.mmu.movToCr3(g.r | 1 | B61 | B63);
        g.access(tagged);
        g.mmu.movToCr3(g.r | 1 | B63);
        gp(() -> g.access(tagged));
    }

    @Test void case60_clearingLamSupRestoresFault() {
        Rig g = rig();
        g.setCr4Bits(Cr.CR4_LAM_SUP);
        g.access(0xAAAA_FFFF_FFFF_E000L);
        g.clearCr4Bits(Cr.CR4_LAM_SUP);
        gp(() -> g.access(0xAAAA_FFFF_FFFF_E000L));
    }

    @Test void case61_pcidBitsAreNotRootAddress() {
        Rig g = rig();
        g.mem.write64(U, 0x5555);
        g.mem.write64(Rig.K_FRAME, 0x6666);
        g.setCr4Bits(Cr.CR4_PCIDE);
        g.mmu.movToCr3(g.r | 0x123);
        assertEquals(0x5555, g.read(U));
        assertEquals(0x6666, g.read(K));
        g.access(U);
        g.access(K);
    }

    @Test void case62_lamBitsAreNotRootAddress() {
        Rig g = rig();
        g.mem.write64(U, 0x5555);
        g.mem.write64(Rig.K_FRAME, 0x6666);
        long allocs = g.mmu.roots.allocations;
        g.mmu.movToCr3(g.r | B62 | B61);
        assertEquals(0x5555, g.read(U));
        assertEquals(0x6666, g.read(K));
        assertEquals(allocs, g.mmu.roots.allocations, "a LAM-only CR3 change must reuse the root");
    }

    @Test void case63_invlpgRemovesGlobalsOfAllPcids() {
        Rig g = rig();
        PageTables b = second(g, 20L << 20);
        g.setCr4Bits(Cr.CR4_PGE | Cr.CR4_PCIDE);
        remap(g.pt, P1, Cr.PTE_G);
        remap(b, P1, Cr.PTE_G);
        g.mmu.movToCr3(g.r | 1);
        assertEquals(0x1111, g.read(VA));
        g.mmu.movToCr3(b.root | 2 | B63);
        remap(g.pt, P2, Cr.PTE_G);
        remap(b, P2, Cr.PTE_G);
        g.mmu.invlpg(VA);
        assertEquals(0x2222, g.read(VA));
    }
}

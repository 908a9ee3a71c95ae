package org.jx86.vmm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jx86.vmm.GuestFault.PF_FETCH;
import static org.jx86.vmm.GuestFault.PF_PRESENT;
import static org.jx86.vmm.GuestFault.PF_RSVD;
import static org.jx86.vmm.GuestFault.PF_USER;
import static org.jx86.vmm.GuestFault.PF_WRITE;

import org.junit.jupiter.api.Test;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/** Page-walk rules of SDM Vol. 3A §4.6-4.8 through {@link SysMmu#translate}. */
class PageWalkerTest {
    static final long VA = 0x0000_0040_0000_3000L;
    static final long PA = 0x0070_0000L;

    static Rig rig(long flags) {
        Rig g = Rig.lam();
        g.pt.map4k(VA, PA, flags);
        return g;
    }

    static int pfCode(Rig g, long va, int access) {
        GuestFault f = Rig.fault(Vector.PF, () -> g.mmu.translate(va, access));
        assertEquals(va, f.address);
        assertEquals(va, g.mmu.cr2);
        return (int) f.errorCode;
    }

    @Test void notPresent() {
        Rig g = Rig.lam();
        assertEquals(0, pfCode(g, VA, Access.READ));
        assertEquals(PF_WRITE, pfCode(g, VA, Access.WRITE));
        g.mmu.cpl = 3;
        assertEquals(PF_USER | PF_WRITE, pfCode(g, VA, Access.WRITE));
        assertEquals(PF_USER | PF_FETCH, pfCode(g, VA, Access.FETCH));
    }

    @Test void userCannotTouchSupervisorPage() {
        Rig g = rig(Cr.PTE_W);
        g.mmu.cpl = 3;
        assertEquals(PF_PRESENT | PF_USER, pfCode(g, VA, Access.READ));
        // Implicit supervisor accesses at CPL 3 (IDT/GDT reads) are supervisor accesses.
        assertEquals(PA, g.mmu.translate(VA, Access.IMPLICIT));
    }

    @Test void readOnlyAndWp() {
        Rig g = rig(Cr.PTE_U);
        assertEquals(PF_PRESENT | PF_WRITE, pfCode(g, VA, Access.WRITE));
        g.mmu.movToCr0(g.mmu.cr0 & ~Cr.CR0_WP);
        assertEquals(PA, g.mmu.translate(VA, Access.WRITE));
        g.mmu.cpl = 3;
        assertEquals(PF_PRESENT | PF_WRITE | PF_USER, pfCode(g, VA, Access.WRITE));
    }

    @Test void noExecute() {
        Rig g = rig(Cr.PTE_W | Cr.PTE_XD);
        assertEquals(PA, g.mmu.translate(VA, Access.READ));
        assertEquals(PF_PRESENT | PF_FETCH, pfCode(g, VA, Access.FETCH));
    }

    @Test void xdIsReservedWithoutNxe() {
        Rig g = rig(Cr.PTE_W | Cr.PTE_XD);
        g.mmu.efer &= ~Cr.EFER_NXE;
        g.mmu.recompute();
        assertEquals(PF_PRESENT | PF_RSVD, pfCode(g, VA, Access.READ));
    }

    @Test void reservedAddressBits() {
        Rig g = Rig.lam();
        g.pt.map4k(VA, PA | (1L << 47), Cr.PTE_W);
        assertEquals(PF_PRESENT | PF_RSVD | PF_WRITE, pfCode(g, VA, Access.WRITE));
    }

    @Test void smepAndSmap() {
        Rig g = rig(Cr.PTE_W | Cr.PTE_U);
        assertEquals(PA, g.mmu.translate(VA, Access.FETCH));
        g.setCr4Bits(Cr.CR4_SMEP | Cr.CR4_SMAP);
        assertEquals(PF_PRESENT | PF_FETCH, pfCode(g, VA, Access.FETCH));
        assertEquals(PF_PRESENT, pfCode(g, VA, Access.READ));
        g.mmu.ac = true;                       // STAC
        assertEquals(PA, g.mmu.translate(VA, Access.READ));
        assertEquals(PF_PRESENT, pfCode(g, VA, Access.READ | Access.IMPLICIT));
        g.mmu.ac = false;                      // CLAC: the TLB entry must not bypass SMAP
        assertEquals(PF_PRESENT | PF_WRITE, pfCode(g, VA, Access.WRITE));
    }

    @Test void accessedAndDirtyBits() {
        Rig g = rig(Cr.PTE_W);
        g.mmu.translate(VA, Access.READ);
        long pte = g.pt.pte(VA);
        assertTrue((pte & Cr.PTE_A) != 0);
        assertEquals(0, pte & Cr.PTE_D);
        g.mmu.translate(VA, Access.WRITE);     // TLB hit for reads, but D must be set by a walk
        assertTrue((g.pt.pte(VA) & Cr.PTE_D) != 0);
    }

    @Test void largePagesAndFiveLevels() {
        for (int levels : new int[] {4, 5}) {
            Rig g = new Rig(SysFeatures.all(), levels);
            long va = levels == 5 ? 0x00F0_0000_0020_0000L : 0x0000_7000_0020_0000L;
            g.pt.map2m(va, 0x0040_0000L, Cr.PTE_W);
            assertEquals(0x0041_2345L, g.mmu.translate(va + 0x1_2345, Access.WRITE));
            assertTrue((g.mem.read64(g.pt.entryAddr(va, 2)) & Cr.PTE_D) != 0);
        }
    }

    @Test void largePageReservedBits() {
        Rig g = Rig.lam();
        long va = 0x0000_7000_0020_0000L;
        g.pt.map2m(va, 0x0040_0000L | 0x2000, Cr.PTE_W);
        assertEquals(PF_PRESENT | PF_RSVD, pfCode(g, va, Access.READ));
    }

    @Test void pagingStructureCacheServesSecondPage() {
        Rig g = rig(Cr.PTE_W);
        g.pt.map4k(VA + 0x1000, PA + 0x1000, Cr.PTE_W);
        g.mmu.translate(VA, Access.READ);
        long hits = g.mmu.pscHits;
        assertEquals(PA + 0x1000, g.mmu.translate(VA + 0x1000, Access.READ));
        assertEquals(hits + 1, g.mmu.pscHits);
    }
}

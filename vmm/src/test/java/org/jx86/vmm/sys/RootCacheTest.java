package org.jx86.vmm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** KVM-like fast CR3 switch: current + 3 previous roots, LRU. */
class RootCacheTest {
    @Test void lruOfFourRoots() {
        RootCache c = new RootCache();
        for (int i = 1; i <= 4; i++) assertFalse(c.switchTo(i, 0, 0));
        for (int i = 1; i <= 4; i++) assertTrue(c.switchTo(i, 0, 0), "root " + i);
        assertFalse(c.switchTo(5, 0, 0));       // evicts the LRU root, 1
        assertFalse(c.switchTo(1, 0, 0));
        assertTrue(c.switchTo(4, 0, 0));
        assertEquals(6, c.allocations);
    }

    @Test void keyIncludesRoleAndPcid() {
        RootCache c = new RootCache();
        c.switchTo(1, 0, 0);
        assertFalse(c.switchTo(1, 1, 0));
        assertFalse(c.switchTo(1, 1, 2));
        assertTrue(c.switchTo(1, 0, 0));
    }

    @Test void flushingAPcidDropsItsPreviousRoots() {
        RootCache c = new RootCache();
        c.switchTo(1, 0, 1);
        c.switchTo(2, 0, 2);
        c.invalidatePcid(1, true);
        assertFalse(c.switchTo(1, 0, 1));
        c.switchTo(2, 0, 2);
        c.invalidatePcid(1, false);             // PCIDE = 0: previous roots are kept
        assertTrue(c.switchTo(1, 0, 1));
    }

    @Test void cr3LamAndNoFlushBitsDoNotAllocate() {
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_PCIDE);
        long a = g.mmu.roots.allocations;
        g.mmu.movToCr3(g.r | (1L << 61) | (1L << 63));
        g.mmu.movToCr3(g.r | (1L << 62));
        g.mmu.movToCr3(g.r);
        assertEquals(a, g.mmu.roots.allocations);
        assertEquals(0xFF_FFFF_FFFFL, SysMmu.rootPfn(0xFFFF_FFFF_FFFF_FFFFL)); // bits 51:12 only
    }
}

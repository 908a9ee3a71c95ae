package org.jx86.vmm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The worked examples E1-E22 of spec §4.3: untagged value and canonical outcome. */
class LamTest {
    static final long U57 = 1L << 61, U48 = 1L << 62;

    /** mode: user CR3 bits, LAM_SUP, LA57; expect: untagged value, canonical after untag. */
    static void check(String id, long cr3, boolean sup, boolean la57, long in, long out, boolean ok) {
        long cr4 = (sup ? Cr.CR4_LAM_SUP : 0) | (la57 ? Cr.CR4_LA57 : 0);
        long u = Lam.untag(in, Lam.userBit(cr3), Lam.supervisorBit(cr4));
        assertEquals(out, u, id + " untagged");
        assertEquals(ok, Lam.isCanonical(u, la57 ? 57 : 48), id + " canonical");
    }

    @Test void workedExamples() {
        check("E1", 0, false, false, 0x0000_7FFF_DEAD_B000L, 0x0000_7FFF_DEAD_B000L, true);
        check("E2", 0, false, false, 0x3E00_7FFF_DEAD_B000L, 0x3E00_7FFF_DEAD_B000L, false);
        check("E3", U57, false, false, 0x3E00_7FFF_DEAD_B000L, 0x0000_7FFF_DEAD_B000L, true);
        check("E4", U57, false, false, 0x7E80_0000_0000_1000L, 0x0080_0000_0000_1000L, false);
        check("E5", U57, false, true, 0x7E80_0000_0000_1000L, 0x0080_0000_0000_1000L, true);
        check("E6", U57, false, true, 0x0100_0000_0000_2000L, 0x7F00_0000_0000_2000L, false);
        check("E7", U48, false, false, 0x7FFF_7FFF_DEAD_B000L, 0x0000_7FFF_DEAD_B000L, true);
        check("E8", U48, false, false, 0x1234_8000_0000_0000L, 0x7FFF_8000_0000_0000L, false);
        check("E9", U48 | U57, false, false, 0x2AAA_0000_0050_0000L, 0x00AA_0000_0050_0000L, false);
        check("E10", U48 | U57, false, true, 0x2AAA_0000_0050_0000L, 0x00AA_0000_0050_0000L, true);
        check("E11", U48, false, false, 0x2AAA_0000_0050_0000L, 0x0000_0000_0050_0000L, true);
        check("E12", U48, false, true, 0x0000_8000_0000_1000L, 0x7FFF_8000_0000_1000L, false);
        check("E13", U48, false, true, 0x0001_0000_0000_1000L, 0x0000_0000_0000_1000L, true);
        check("E14", 0, true, false, 0xAAAA_FFFF_FFFF_E000L, 0xFFFF_FFFF_FFFF_E000L, true);
        check("E15", 0, true, false, 0x8000_0000_0000_1000L, 0x8000_0000_0000_1000L, false);
        check("E16", 0, true, true, 0xC1FF_FFFF_FFFF_F000L, 0xFFFF_FFFF_FFFF_F000L, true);
        check("E17", 0, true, true, 0x80FF_8000_0000_0000L, 0x80FF_8000_0000_0000L, false);
        check("E18", 0, false, false, 0xABFF_FFFF_FFFF_E000L, 0xABFF_FFFF_FFFF_E000L, false);
        check("E19", U57, false, false, 0xFE00_0000_0000_0000L, 0xFE00_0000_0000_0000L, false);
        check("E20", 0, true, false, 0x3E00_0000_0000_1000L, 0x3E00_0000_0000_1000L, false);
    }

    @Test void e21_fetchIsNeverUntagged() {
        Rig g = Rig.lam();
        g.mmu.movToCr3(g.r | U57);
        Rig.gp(() -> g.mmu.checkBranchTarget(0x3E00_7FFF_DEAD_B000L));
    }

    @Test void e22_pageFaultCr2IsUntagged() {
        Rig g = Rig.lam();
        g.mmu.movToCr3(g.r | U57);
        var f = Rig.fault(org.jx86.vmm.Vector.PF, () -> g.mmu.read(g.lin(0x3E00_0000_DEAD_0000L), 8, Access.READ));
        assertEquals(0xDEAD_0000L, f.address);
        assertEquals(0, f.errorCode);
    }

    @Test void lamIsOffOutside64BitMode() {
        Rig g = Rig.lam();
        g.mmu.movToCr3(g.r | U57);
        g.mmu.cs64 = false;
        assertEquals(0, g.mmu.lamUserBit());
        assertEquals(0x0050_0000L, g.mmu.linearizeData(0, 0x3E00_0000_0050_0000L, false));
    }
}

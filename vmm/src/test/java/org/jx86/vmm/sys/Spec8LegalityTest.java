package org.jx86.vmm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jx86.vmm.sys.Rig.gp;

import org.junit.jupiter.api.Test;
import org.jx86.vmm.Vector;

/** Spec §8 cases 1-29: CR4/CR3 legality, PCID/CR0 rules and INVPCID checks. */
class Spec8LegalityTest {
    static final long B61 = 1L << 61, B62 = 1L << 62, B63 = 1L << 63;

    @Test void case01_lamSupReservedWithoutCpuidLam() {
        Rig g = Rig.noLam();
        long before = g.mmu.cr4;
        gp(() -> g.setCr4Bits(Cr.CR4_LAM_SUP));
        assertEquals(before, g.mmu.cr4);
    }

    @Test void case02_lamSupSettableWithCpuidLam() {
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_LAM_SUP);
        assertTrue((g.mmu.cr4 & Cr.CR4_LAM_SUP) != 0);
    }

    @Test void case03_lamSupClearable() {
        for (Rig g : new Rig[] {Rig.lam(), Rig.noLam()}) {
            g.clearCr4Bits(Cr.CR4_LAM_SUP);
            assertEquals(0, g.mmu.cr4 & Cr.CR4_LAM_SUP);
        }
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_LAM_SUP);
        g.clearCr4Bits(Cr.CR4_LAM_SUP);
        assertEquals(0, g.mmu.cr4 & Cr.CR4_LAM_SUP);
    }

    @Test void case04_cr3LamU48ReservedWithoutLam() {
        Rig g = Rig.noLam();
        gp(() -> g.mmu.movToCr3(g.r | B62));
        assertEquals(g.r, g.mmu.cr3);
    }

    @Test void case05_cr3LamU57ReservedWithoutLam() {
        Rig g = Rig.noLam();
        gp(() -> g.mmu.movToCr3(g.r | B61));
        assertEquals(g.r, g.mmu.cr3);
    }

    @Test void case06_cr3LamU48() {
        Rig g = Rig.lam();
        g.mmu.movToCr3(g.r | B62);
        assertEquals(g.r | B62, g.mmu.cr3);
        assertEquals(47, g.mmu.lamUserBit());
    }

    @Test void case07_cr3LamU57() {
        Rig g = Rig.lam();
        g.mmu.movToCr3(g.r | B61);
        assertEquals(g.r | B61, g.mmu.cr3);
        assertEquals(56, g.mmu.lamUserBit());
    }

    @Test void case08_cr3BothLamBitsBehaveAsU57() {
        Rig g = Rig.lam();
        g.mmu.movToCr3(g.r | B61 | B62);
        assertEquals(g.r | B61 | B62, g.mmu.cr3);
        assertEquals(56, g.mmu.lamUserBit());
        gp(() -> g.access(0x2AAA_0000_0050_0000L)); // U48 would accept it; U57 does not
    }

    @Test void case09_cr3BitsAboveMaxPhyAddr() {
        for (Rig g : new Rig[] {Rig.lam(), Rig.noLam()}) {
            for (int bit = 46; bit <= 60; bit++) {
                long v = g.r | (1L << bit);
                gp(() -> g.mmu.movToCr3(v));
            }
            assertEquals(g.r, g.mmu.cr3);
        }
    }

    @Test void case10_noFlushBitReservedWithoutPcide() {
        Rig g = Rig.lam();
        gp(() -> g.mmu.movToCr3(g.r | B63));
    }

    @Test void case11_noFlushBitNeverStored() {
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_PCIDE);
        g.mmu.movToCr3(g.r | 5 | B63);
        assertEquals(g.r | 5, g.mmu.cr3);
        assertEquals(5, g.mmu.pcid());
    }

    @Test void case12_noFlushAndLamBitsTogether() {
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_PCIDE);
        g.mmu.movToCr3(0xE000_0000_0000_0000L | g.r | 5);
        assertEquals(0x6000_0000_0000_0000L | g.r | 5, g.mmu.cr3);
    }

    @Test void case13_lamBitsStoredWithoutPcide() {
        Rig g = Rig.lam();
        g.mmu.movToCr3(g.r | B61);
        assertEquals(g.r | B61, g.mmu.cr3);
    }

    @Test void case14_setPcideWithZeroPcid() {
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_PCIDE);
        assertTrue(g.mmu.pcide());
    }

    @Test void case15_clearPgWithPcideFaults() {
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_PCIDE);
        long cr0 = g.mmu.cr0;
        gp(() -> g.mmu.movToCr0(cr0 & ~Cr.CR0_PG));
        assertEquals(cr0, g.mmu.cr0);
    }

    @Test void case16_setPcideWithNonZeroCr3Pcid() {
        Rig g = Rig.lam();
        g.mmu.movToCr3(g.r | 1);
        gp(() -> g.setCr4Bits(Cr.CR4_PCIDE));
        assertEquals(0, g.mmu.cr4 & Cr.CR4_PCIDE);
    }

    @Test void case17_pcideReservedWithoutCpuidPcid() {
        Rig g = new Rig(SysFeatures.all().withPcid(false));
        gp(() -> g.setCr4Bits(Cr.CR4_PCIDE));
    }

    @Test void case18_pcideNeedsLongMode() {
        Rig g = Rig.lam();
        // 32-bit protected mode with paging: EFER.LMA = 0, CS not 64-bit.
        g.mmu.efer = 0;
        g.mmu.cs64 = false;
        g.mmu.cr4 = Cr.CR4_PAE;
        g.mmu.recompute();
        gp(() -> g.setCr4Bits(Cr.CR4_PCIDE));
    }

    @Test void case19_la57FrozenInLongMode() {
        Rig g4 = Rig.lam();
        gp(() -> g4.setCr4Bits(Cr.CR4_LA57));
        Rig g5 = new Rig(SysFeatures.all(), 5);
        gp(() -> g5.clearCr4Bits(Cr.CR4_LA57));
    }

    @Test void case20_invpcidWithoutCpuidIsUd() {
        Rig g = new Rig(SysFeatures.all().withInvpcid(false));
        g.desc(0, 0);
        Rig.fault(Vector.UD, () -> g.mmu.invpcid(2, 0, Rig.DATA, false));
    }

    @Test void case21_invpcidAllTypesWithPcidZero() {
        Rig g = Rig.lam();
        g.desc(0, 0);
        for (int t = 0; t <= 3; t++) g.mmu.invpcid(t, 0, Rig.DATA, false);
    }

    @Test void case22_invpcidNonZeroPcidWithoutPcide() {
        Rig g = Rig.lam();
        g.desc(1, 0);
        gp(() -> g.mmu.invpcid(0, 0, Rig.DATA, false));
        gp(() -> g.mmu.invpcid(1, 0, Rig.DATA, false));
    }

    @Test void case23_invpcidType2AnyPcid() {
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_PCIDE);
        g.desc(10, 0);
        g.mmu.invpcid(2, 0, Rig.DATA, false);
    }

    @Test void case24_invpcidType4() {
        Rig g = Rig.lam();
        g.desc(0, 0);
        gp(() -> g.mmu.invpcid(4, 0, Rig.DATA, false));
        gp(() -> g.mmu.invpcid(-1L, 0, Rig.DATA, false));
    }

    @Test void case25_invpcidDescriptorReservedBits() {
        Rig g = Rig.lam();
        g.desc(0x1000, 0);
        for (int t = 0; t <= 3; t++) {
            int type = t;
            gp(() -> g.mmu.invpcid(type, 0, Rig.DATA, false));
        }
    }

    @Test void case26_invpcidType0CanonicalAddress() {
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_PCIDE);
        g.desc(10, 0xFFFF_AAAA_AAAA_AAAAL);
        g.mmu.invpcid(0, 0, Rig.DATA, false);
    }

    @Test void case27_invpcidType0MaxWidthNotCr4La57() {
        Rig with57 = Rig.lam();
        with57.setCr4Bits(Cr.CR4_PCIDE);
        with57.desc(10, 0xFFAA_AAAA_AAAA_AAAAL);
        with57.mmu.invpcid(0, 0, Rig.DATA, false);
        Rig without = new Rig(SysFeatures.all().withLa57(false));
        without.setCr4Bits(Cr.CR4_PCIDE);
        without.desc(10, 0xFFAA_AAAA_AAAA_AAAAL);
        gp(() -> without.mmu.invpcid(0, 0, Rig.DATA, false));
    }

    @Test void case28_invpcidType0NonCanonical() {
        Rig g = Rig.lam();
        g.desc(0, 0xAAAA_AAAA_AAAA_AAAAL);
        gp(() -> g.mmu.invpcid(0, 0, Rig.DATA, false));
    }

    @Test void case29_invpcidAtCpl3() {
        Rig g = Rig.lam();
        g.desc(0, 0);
        g.mmu.cpl = 3;
        gp(() -> g.mmu.invpcid(2, 0, Rig.DATA, false));
    }
}

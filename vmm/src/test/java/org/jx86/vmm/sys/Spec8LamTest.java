package org.jx86.vmm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jx86.vmm.sys.Rig.K;
import static org.jx86.vmm.sys.Rig.KM;
import static org.jx86.vmm.sys.Rig.U;
import static org.jx86.vmm.sys.Rig.gp;

import org.junit.jupiter.api.Test;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/** Spec §8 cases 30-51: LAM data accesses and INVLPG/INVPCID with tagged addresses. */
class Spec8LamTest {
    static final long B61 = 1L << 61, B62 = 1L << 62;
    static final long K57 = 0xABFF_FFFF_FFFF_E000L;   // K tagged with LAM57_MASK
    static final long K48 = 0xAAAA_FFFF_FFFF_E000L;   // K tagged with LAM48_MASK
    static final long U57 = 0x2A00_0000_0050_0000L;
    static final long U48 = 0x2AAA_0000_0050_0000L;

    static Rig lamSup() {
        Rig g = Rig.lam();
        g.setCr4Bits(Cr.CR4_LAM_SUP);
        return g;
    }

    static Rig user(long bits) {
        Rig g = Rig.lam();
        g.mmu.movToCr3(g.r | bits);
        return g;
    }

    @Test void case30_taggedSupervisorWithoutLamSup() {
        gp(() -> Rig.lam().access(K57));
        gp(() -> Rig.noLam().access(K57));
    }

    @Test void case31_lamSupTaggedKernelPointer() {
        Rig g = lamSup();
        g.access(K48);
        assertEquals(Rig.V, g.read(K));
        assertEquals(Rig.V, g.mem.read64(Rig.K_FRAME));
    }

    @Test void case32_lamSupTaggedMmioAlias() {
        Rig g = lamSup();
        long tagged = (KM & ~0x7FFF_0000_0000_0000L) | (0xAAAA_AAAA_AAAA_AAAAL & 0x7FFF_0000_0000_0000L);
        g.access(tagged);
        assertEquals(Rig.V, g.mem.read64(PhysMem.IORAM_BASE));
    }

    @Test void case33_lamSupBit47Clear() {
        gp(() -> lamSup().access(0x8000_0000_0000_1000L));
    }

    @Test void case34_lamU48() { user(B62).access(U48); }

    @Test void case35_lamU57FourLevel() { user(B61).access(U57); }

    @Test void case36_lamU57RejectsU48Tag() { gp(() -> user(B61).access(U48)); }

    @Test void case37_bothUserBitsAreU57() { gp(() -> user(B61 | B62).access(U48)); }

    @Test void case38_userLamDoesNotCoverSupervisor() { gp(() -> user(B61).access(K57)); }

    @Test void case39_lamSupDoesNotCoverUser() { gp(() -> lamSup().access(U57)); }

    @Test void case40_taggedStackAccessWithoutLamIsSs() {
        Rig g = Rig.lam();
        GuestFault f = Rig.fault(Vector.SS, () -> g.mmu.linearizeData(0, U57, true));
        assertEquals(0, f.errorCode);
    }

    @Test void case41_taggedStackAccessWithLamU57() {
        Rig g = user(B61);
        long la = g.mmu.linearizeData(0, U57, true);
        assertEquals(U, la);
        g.mmu.write(la, 8, Rig.V, Access.READ);
        assertEquals(Rig.V, g.mmu.read(la, 8, Access.READ));
    }

    @Test void case42_pageFaultReportsUntaggedCr2() {
        Rig g = user(B61);
        GuestFault f = Rig.fault(Vector.PF, () -> g.mmu.write(g.lin(0x3E00_0000_DEAD_0000L), 8, 1, Access.READ));
        assertEquals(0x2, f.errorCode);
        assertEquals(0xDEAD_0000L, f.address);
        assertEquals(0xDEAD_0000L, g.mmu.cr2);
    }

    @Test void case43_branchTargetsAreNotUntagged() {
        Rig g = user(B61);
        gp(() -> g.mmu.checkBranchTarget(0x3E00_0000_0050_0000L));
        assertEquals(U, g.mmu.checkBranchTarget(U));
    }

    @Test void case44_maskAppliesToBasePlusOffset() {
        Rig g = user(B61);
        long la = g.mmu.linearizeData(U, 0x3E00_0000_0000_0000L, false);
        assertEquals(U, la);
        g.mmu.write(la, 8, Rig.V, Access.READ);
        assertEquals(Rig.V, g.read(U));
    }

    @Test void case45_msrValuesAreNotUntagged() {
        Rig g = user(B61);
        gp(() -> g.mmu.checkCanonicalMsrValue(0x3E00_0000_0000_1000L));
        g.mmu.checkCanonicalMsrValue(U);
    }

    @Test void case46_invlpgTaggedIsNop() {
        for (Rig g : new Rig[] {Rig.lam(), lamSup(), Rig.noLam()}) {
            g.access(K);
            long misses = g.mmu.tlb.misses;
            g.mmu.invlpg(K57);
            g.read(K);
            assertEquals(misses, g.mmu.tlb.misses, "INVLPG of a non-canonical address must not invalidate");
        }
    }

    /** Writes a descriptor at K's frame so a supervisor (tagged) pointer can reach it. */
    static void kdesc(Rig g, long addr) {
        g.mem.write64(Rig.K_FRAME, 0);
        g.mem.write64(Rig.K_FRAME + 8, addr);
    }

    @Test void case47_invpcidUntaggedPointerUntaggedAddr() {
        for (Rig g : new Rig[] {Rig.lam(), lamSup()}) {
            kdesc(g, K);
            g.mmu.invpcid(0, 0, K, false);
        }
    }

    @Test void case48_invpcidTaggedAddrInDescriptor() {
        for (Rig g : new Rig[] {Rig.lam(), lamSup()}) {
            kdesc(g, K48);
            gp(() -> g.mmu.invpcid(0, 0, K, false));
        }
    }

    @Test void case49_invpcidTaggedPointerAndAddr() {
        for (Rig g : new Rig[] {Rig.lam(), lamSup()}) {
            kdesc(g, K48);
            gp(() -> g.mmu.invpcid(0, 0, K48, false));
        }
    }

    @Test void case50_invpcidTaggedPointerWithLamSup() {
        Rig g = lamSup();
        kdesc(g, K);
        g.mmu.invpcid(0, 0, K48, false);
    }

    @Test void case51_invpcidTaggedPointerWithoutLamSup() {
        Rig g = Rig.lam();
        kdesc(g, K);
        gp(() -> g.mmu.invpcid(0, 0, K48, false));
    }
}

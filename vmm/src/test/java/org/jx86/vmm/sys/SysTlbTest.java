package org.jx86.vmm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The TLB's stamps, epochs and lock-free invalidation. */
class SysTlbTest {
    static final long VA = 0x0000_0040_0000_0000L;
    static final long R = 0x0070_0000L | PageWalker.R_W;
    static final long RG = 0x0071_0000L | PageWalker.R_W | PageWalker.R_G;

    static void fill(SysTlb t, long va, long r) {
        assertTrue(t.commitFill(va, t.prepareFill(va), r));
    }

    @Test void entriesBelongToTheirPcid() {
        SysTlb t = new SysTlb();
        t.setPcid(1);
        fill(t, VA, R);
        assertEquals(R, t.lookup(VA));
        t.setPcid(2);
        assertEquals(SysTlb.MISS, t.lookup(VA));
        t.setPcid(1);
        assertEquals(R, t.lookup(VA));
        t.flushPcid(2);
        assertEquals(R, t.lookup(VA));
        t.flushPcid(1);
        assertEquals(SysTlb.MISS, t.lookup(VA));
    }

    @Test void globalsSurviveNonGlobalFlushes() {
        SysTlb t = new SysTlb();
        t.setPcid(1);
        fill(t, VA, RG);
        t.setPcid(7);
        assertEquals(RG, t.lookup(VA));
        t.flushPcid(7);
        t.flushNonGlobal();
        assertEquals(RG, t.lookup(VA));
        t.flushAll();
        assertEquals(SysTlb.MISS, t.lookup(VA));
    }

    @Test void stampExhaustionClearsOnceAndStaysCorrect() {
        SysTlb t = new SysTlb();
        t.setPcid(3);
        for (int i = 0; i < 600_000; i++) {
            fill(t, VA, R);
            t.flushPcid(3);
            assertEquals(SysTlb.MISS, t.lookup(VA), "after flush " + i);
        }
        fill(t, VA, R);
        assertEquals(R, t.lookup(VA));
    }

    @Test void shootdownBetweenWalkAndPublishWins() {
        SysTlb t = new SysTlb();
        long token = t.prepareFill(VA);
        t.invalidateSlot(VA);           // another vCPU, after the guest changed the PTE
        assertFalse(t.commitFill(VA, token, R));
        assertEquals(SysTlb.MISS, t.lookup(VA));
        // Invalidating an already-invalid slot still defeats a pending fill (no ABA).
        long token2 = t.prepareFill(VA);
        t.invalidateSlot(VA);
        assertFalse(t.commitFill(VA, token2, R));
    }

    @Test void remoteFlushIsServedAtPoll() {
        SysTlb t = new SysTlb();
        fill(t, VA, RG);
        t.requestFlushAll();
        t.poll();
        assertEquals(SysTlb.MISS, t.lookup(VA));
    }

    @Test void shootdownFromAnotherThread() throws Exception {
        SysTlb t = new SysTlb();
        fill(t, VA, R);
        Thread other = new Thread(() -> t.invalidateSlot(VA));
        other.start();
        other.join();
        assertEquals(SysTlb.MISS, t.lookup(VA));
    }
}

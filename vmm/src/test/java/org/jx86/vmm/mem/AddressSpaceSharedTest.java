package org.jx86.vmm.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;
import org.junit.jupiter.api.Test;

/** MAP_SHARED mappings: frames of a {@link SharedFrames} object, shared by aliases and across fork. */
class AddressSpaceSharedTest {
    static final long BASE = 0x40_0000, RW = Vma.PROT_READ | Vma.PROT_WRITE;
    static final long P = Tlb.PAGE_SIZE;

    /** Counts last releases and bounds the object at `pages` pages. */
    static final class Counted extends SharedFrames {
        int lastReleases;
        long pages = Long.MAX_VALUE;

        @Override
        protected boolean beyondEnd(long page) { return page >= pages; }

        @Override
        protected void lastReleased() { lastReleases++; }
    }

    @Test
    void forkKeepsSharedPagesShared() {
        Counted obj = new Counted();
        AddressSpace parent = new AddressSpace();
        parent.mapShared(BASE, 2 * P, (int) RW, "/dev/zero (deleted)", obj, 0);
        parent.map(BASE + 2 * P, P, (int) RW, "");
        Cpu pc = new Cpu(parent);
        Mem.write8(pc, BASE, 1);             // touched before the fork
        Mem.write8(pc, BASE + 2 * P, 2);     // private page: copy-on-write
        AddressSpace child = parent.fork();
        assertEquals(2, obj.references());
        assertEquals(1, child.sharedPages(), "only the private page is copy-on-write");
        Cpu cc = new Cpu(child);
        Mem.write8(cc, BASE, 11);
        Mem.write8(cc, BASE + P, 12);        // untouched before the fork: still one frame
        Mem.write8(cc, BASE + 2 * P, 13);
        assertEquals(11, Mem.read8(pc, BASE));
        assertEquals(12, Mem.read8(pc, BASE + P));
        assertEquals(2, Mem.read8(pc, BASE + 2 * P));
        Mem.write8(pc, BASE + P, 21);
        assertEquals(21, Mem.read8(cc, BASE + P));
        int i = Tlb.index(BASE);
        assertEquals(BASE, cc.tlb.writeTag[i], "a shared frame is an ordinary writable TLB entry");

        child.unmap(BASE, 2 * P);
        assertEquals(1, obj.references());
        assertEquals(0, obj.lastReleases);
        parent.releaseShared();
        parent.releaseShared();
        assertEquals(1, obj.lastReleases);
    }

    @Test
    void aliasesShareFramesAndSplitsKeepOffsets() {
        Counted obj = new Counted();
        AddressSpace as = new AddressSpace();
        as.mapShared(BASE, 4 * P, (int) RW, "/f", obj, 10);
        as.mapShared(BASE + 8 * P, 2 * P, (int) RW, "/f", obj, 12);
        Cpu c = new Cpu(as);
        Mem.write32(c, BASE + 2 * P + 8, 0xCAFE);
        assertEquals(0xCAFE, Mem.read32(c, BASE + 8 * P + 8));
        assertSame(obj.frame(12, 0), c.tlb.page[Tlb.index(BASE + 8 * P)]);
        // mprotect splits the first mapping; the piece after the split keeps its page offset
        assertEquals(true, as.protect(BASE + P, P, Vma.PROT_READ));
        assertEquals(13, as.find(BASE + 3 * P).sharedPageOf(BASE + 3 * P));
        Mem.write8(c, BASE + 3 * P, 7);
        assertEquals(7, Mem.read8(c, BASE + 9 * P));
        as.unmap(BASE, 10 * P);
        assertEquals(0, obj.references());
        assertEquals(1, obj.lastReleases);
    }

    @Test
    void pageBeyondTheObjectIsABusError() {
        Counted obj = new Counted();
        obj.pages = 1;
        AddressSpace as = new AddressSpace();
        as.mapShared(BASE, 2 * P, (int) RW, "/f", obj, 0);
        Cpu c = new Cpu(as);
        Mem.write8(c, BASE + 5, 1);
        GuestFault f = assertThrows(GuestFault.class, () -> Mem.write8(c, BASE + P + 5, 1));
        assertEquals(Vector.PF, f.vector);
        assertEquals(BASE + P + 5, f.address);
        assertEquals(GuestFault.PF_BUS, f.errorCode & GuestFault.PF_BUS);
    }
}

package org.jx86.vmm.mem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jx86.vmm.Cpu;
import org.junit.jupiter.api.Test;

/** fork's copy-on-write address space: each side sees only its own writes after the fork. */
class AddressSpaceForkTest {
    static final long BASE = 0x40_0000;

    private static byte[] peek(AddressSpace as, long a, int n) {
        byte[] b = new byte[n];
        as.peek(a, b, 0, n);
        return b;
    }

    @Test
    void writesAfterForkStayOnTheirSide() {
        AddressSpace parent = new AddressSpace();
        parent.map(BASE, 3 * Tlb.PAGE_SIZE, Vma.PROT_READ | Vma.PROT_WRITE, "");
        parent.poke(BASE, new byte[] {1, 2, 3}, 0, 3);
        parent.poke(BASE + Tlb.PAGE_SIZE, new byte[] {9}, 0, 1);
        long gen = parent.generation();
        AddressSpace child = parent.fork();
        assertEquals(gen + 1, parent.generation(), "the parent's vCPUs must drop writable entries");
        assertEquals(2, child.sharedPages());
        assertEquals(2, parent.sharedPages());

        // Stores through vCPUs: the TLB write fill breaks the sharing.
        Cpu pc = new Cpu(parent), cc = new Cpu(child);
        Mem.write8(pc, BASE, 0x55);
        Mem.write8(cc, BASE + 1, 0x66);
        Mem.write8(cc, BASE + 2 * Tlb.PAGE_SIZE, 0x77); // never-touched page: private from the start
        assertArrayEquals(new byte[] {0x55, 2, 3}, peek(parent, BASE, 3));
        assertArrayEquals(new byte[] {1, 0x66, 3}, peek(child, BASE, 3));
        assertEquals(0, peek(parent, BASE + 2 * Tlb.PAGE_SIZE, 1)[0]);
        assertEquals(0x77, peek(child, BASE + 2 * Tlb.PAGE_SIZE, 1)[0]);

        // Kernel-side writes (poke) also copy first; the untouched shared page still reads the same.
        child.poke(BASE + Tlb.PAGE_SIZE, new byte[] {10}, 0, 1);
        assertEquals(9, peek(parent, BASE + Tlb.PAGE_SIZE, 1)[0]);
        assertEquals(10, peek(child, BASE + Tlb.PAGE_SIZE, 1)[0]);
        assertEquals(0, child.sharedPages());
    }

    @Test
    void readOnlyTlbEntryUntilFirstWrite() {
        AddressSpace parent = new AddressSpace();
        parent.map(BASE, Tlb.PAGE_SIZE, Vma.PROT_READ | Vma.PROT_WRITE, "");
        parent.poke(BASE, new byte[] {4}, 0, 1);
        AddressSpace child = parent.fork();
        Cpu cc = new Cpu(child);
        assertEquals(4, Mem.read8(cc, BASE));
        int i = Tlb.index(BASE);
        assertEquals(BASE, cc.tlb.readTag[i]);
        assertEquals(-1L, cc.tlb.writeTag[i], "a shared frame must not be writable through the TLB");
        Mem.write8(cc, BASE, 5);
        assertEquals(BASE, cc.tlb.writeTag[i]);
        assertEquals(4, peek(parent, BASE, 1)[0]);
    }
}

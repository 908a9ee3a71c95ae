package org.jx86.vmm.sys;

/** Builds IA-32e page tables in guest physical memory for tests (frames from a bump pointer). */
final class PageTables {
    final PhysMem mem;
    final int levels;
    final long root;
    private long next;

    PageTables(PhysMem mem, int levels, long firstFrame) {
        this.mem = mem;
        this.levels = levels;
        this.next = firstFrame;
        this.root = alloc();
    }

    long alloc() {
        long f = next;
        next += 0x1000;
        for (int i = 0; i < 512; i++) mem.write64(f + 8L * i, 0);
        return f;
    }

    /** Address of the entry for va at the given level (1 = PTE), creating tables above it. */
    long entryAddr(long va, int level) {
        long table = root;
        for (int l = levels; ; l--) {
            long ea = table + (((va >>> (12 + 9 * (l - 1))) & 0x1FF) << 3);
            if (l == level) return ea;
            long e = mem.read64(ea);
            if ((e & Cr.PTE_P) == 0) {
                e = alloc() | Cr.PTE_P | Cr.PTE_W | Cr.PTE_U;
                mem.write64(ea, e);
            }
            table = e & 0x000F_FFFF_FFFF_F000L;
        }
    }

    void map4k(long va, long pa, long flags) { mem.write64(entryAddr(va, 1), pa | flags | Cr.PTE_P); }

    void map2m(long va, long pa, long flags) {
        mem.write64(entryAddr(va, 2), pa | flags | Cr.PTE_P | Cr.PTE_PS);
    }

    long pte(long va) { return mem.read64(entryAddr(va, 1)); }
}

package org.jx86.vmm.mem;

import java.util.Arrays;

/**
 * A vCPU's software TLB for data accesses (STYLE.md §11): direct-mapped, indexed by the
 * low bits of the virtual page number. An entry hits for an access of n bytes at a when
 * {@code readTag[i] == ((a + n - 1) & PAGE_MASK)} with {@code i} chosen by a's page: so an
 * access that crosses a page boundary always misses and takes the slow path, while
 * unaligned accesses inside a page stay on the fast path.
 *
 * <p>Tags are page addresses (low 12 bits clear); an invalid entry holds -1, which no page
 * address equals. A write entry is only filled for pages that are writable and hold no
 * translated code, so stores to code pages reach the slow path and invalidate translations.
 */
public final class Tlb {
    /**
     * 4096 entries (16 MiB of pages): with 1024, malloc-heavy code (the alloc workload)
     * spent 4% of its time refilling conflicting entries; with 4096, 0.2%. A full flush
     * (rare: munmap, mprotect, a copy-on-write break) clears 80 KB.
     */
    public static final int BITS = 12;
    public static final int SIZE = 1 << BITS;
    public static final int MASK = SIZE - 1;
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    public static final long PAGE_MASK = ~(PAGE_SIZE - 1);

    public final long[] readTag = new long[SIZE];
    public final long[] writeTag = new long[SIZE];
    /** Host frame of the entry's page (one 4 KiB byte array per guest page). */
    public final byte[][] page = new byte[SIZE][];
    /** Address-space generation this TLB reflects; see {@link MemoryMap#generation()}. */
    public long generation;
    public long misses;

    public Tlb() { flush(); }

    public static int index(long addr) { return (int) (addr >>> PAGE_SHIFT) & MASK; }

    /** Invalidates every entry. Allocates nothing. */
    public void flush() {
        Arrays.fill(readTag, -1L);
        Arrays.fill(writeTag, -1L);
        Arrays.fill(page, null);
    }

    /** Invalidates the entry that could hold the page of addr. */
    public void flushPage(long addr) {
        int i = index(addr);
        if (readTag[i] == (addr & PAGE_MASK) || writeTag[i] == (addr & PAGE_MASK)) {
            readTag[i] = -1L;
            writeTag[i] = -1L;
            page[i] = null;
        }
    }

    public void set(long pageAddr, byte[] frame, boolean writable) {
        int i = index(pageAddr);
        page[i] = frame;
        readTag[i] = pageAddr;
        writeTag[i] = writable ? pageAddr : -1L;
    }
}

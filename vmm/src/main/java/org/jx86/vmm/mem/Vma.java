package org.jx86.vmm.mem;

/**
 * One mapping of a user address space: [start, end) with protection and a name for
 * /proc/self/maps. A MAP_SHARED mapping has a {@code shared} object whose page index
 * {@code sharedPage} backs {@code start}; private mappings have null.
 */
public record Vma(long start, long end, int prot, String name, SharedFrames shared, long sharedPage) {
    public static final int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;

    public Vma(long start, long end, int prot, String name) { this(start, end, prot, name, null, 0); }

    public boolean contains(long a) { return a >= start && a < end; }
    public long length() { return end - start; }

    /** The page index in {@link #shared} that backs address a of this mapping. */
    public long sharedPageOf(long a) { return sharedPage + ((a - start) >>> Tlb.PAGE_SHIFT); }

    Vma withProt(int p) { return new Vma(start, end, p, name, shared, sharedPage); }

    /** The part of this mapping in [s, e) (s and e inside it). */
    Vma slice(long s, long e) { return new Vma(s, e, prot, name, shared, shared == null ? 0 : sharedPageOf(s)); }
}

package org.jx86.vmm.mem;

/** One mapping of a user address space: [start, end) with protection and a name for /proc/self/maps. */
public record Vma(long start, long end, int prot, String name) {
    public static final int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;

    public boolean contains(long a) { return a >= start && a < end; }
    public long length() { return end - start; }
}

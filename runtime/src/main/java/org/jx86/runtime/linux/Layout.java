package org.jx86.runtime.linux;

/**
 * Where things go in a guest address space, and the sizes and limits of the Linux
 * personality. The addresses are those of x86-64 Linux with address-space randomisation
 * off (what {@code setarch -R} and gdb give), so guest addresses are reproducible.
 */
public final class Layout {
    private Layout() {}

    public static final long PAGE_SIZE = 4096;                       // bytes
    public static final long PAGE_MASK = ~(PAGE_SIZE - 1);
    /** vm.mmap_min_addr: nothing is mapped below this (bytes). */
    public static final long MMAP_MIN = 0x1_0000L;
    /** Load address of a position-independent main program (ELF_ET_DYN_BASE without ASLR). */
    public static final long PIE_BASE = 0x5555_5555_4000L;
    /** mmap_base: top-down mmap placement (and the interpreter) starts below this address. */
    public static final long MMAP_TOP = 0x7fff_f7ff_f000L;
    /** End of the initial stack mapping (exclusive). */
    public static final long STACK_TOP = 0x7fff_ffff_f000L;
    /** Size of the "[stack]" mapping, the default RLIMIT_STACK (bytes). */
    public static final long STACK_SIZE = 8L << 20;
    /** argv + envp strings may use at most a quarter of the stack, as in Linux (bytes). */
    public static final long MAX_ARG_BYTES = STACK_SIZE / 4;
    /** Longest path a system call accepts, NUL included (PATH_MAX, bytes). */
    public static final int PATH_MAX = 4096;
    /** Largest single read or write (MAX_RW_COUNT, bytes). */
    public static final long MAX_RW_COUNT = 0x7fff_f000L;
    /** Chunk in which the I/O system calls move data between guest and host (bytes). */
    public static final int IO_CHUNK = 1 << 20;
    /** Default RLIMIT_NOFILE soft limit: the fd table size. */
    public static final int NOFILE = 1024;

    public static long pageDown(long a) { return a & PAGE_MASK; }

    /** Rounds up to a page; wraps to a small value on overflow, which callers check. */
    public static long pageUp(long a) { return (a + PAGE_SIZE - 1) & PAGE_MASK; }

    public static boolean pageAligned(long a) { return (a & ~PAGE_MASK) == 0; }
}

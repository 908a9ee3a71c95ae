package org.jx86.vmm.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;

/**
 * LOCK-prefixed read-modify-write instructions (and XCHG with memory, which is implicitly
 * locked): each is one compare-and-set loop on the guest frame, so it is atomic with respect
 * to every other guest thread's accesses, plain stores included, and a full fence, as on x86.
 *
 * <p>Java offers compare-and-set on byte arrays for aligned 4- and 8-byte words only. A 1- or
 * 2-byte operand, or a misaligned one, is updated through the smallest aligned 4- or 8-byte
 * word that contains it (the other bytes are compared too, so a concurrent store to them
 * makes the CAS retry rather than be lost). An operand that straddles an 8-byte boundary is
 * a split lock: like Linux's split-lock handling, it is serialised, here by one global lock
 * that every split lock and CMPXCHG16B takes. It is atomic with respect to other split
 * locks and CMPXCHG16B, not with respect to aligned accesses to the same bytes; x86 code
 * that relies on that is rare and slow on real hardware too.
 */
public final class Atomics {
    private Atomics() {}

    /** Operations of {@link #rmw}: the new value from the old one and the operand. */
    public static final int ADD = 0, SUB = 1, AND = 2, OR = 3, XOR = 4, XCHG = 5, NEG = 6;

    private static final VarHandle I32 = Mem.I32, I64 = Mem.I64;
    private static final int OFF = (int) ~Tlb.PAGE_MASK;
    /** Serialises split locks and CMPXCHG16B. */
    private static final Object SPLIT_LOCK = new Object();

    /**
     * Atomically replaces the size-byte value at addr with op(old, src); returns old,
     * zero-extended. Faults as a write would (no effect then).
     */
    public static long rmw(Cpu cpu, long addr, long size, long op, long src) {
        int n = (int) size;
        long mask = n == 8 ? -1L : (1L << (8 * n)) - 1;
        byte[] f = frame(cpu, addr, n);
        if (f == null) {
            synchronized (SPLIT_LOCK) {
                long old = Mem.read(cpu, n, addr);
                Mem.write(cpu, n, addr, apply((int) op, old, src) & mask);
                VarHandle.fullFence();
                return old;
            }
        }
        int off = (int) addr & OFF;
        if ((off & 3) + n <= 4) {
            int w = off & ~3, shift = 8 * (off & 3);
            while (true) {
                int cur = (int) I32.getVolatile(f, w);
                long old = ((cur & 0xFFFF_FFFFL) >>> shift) & mask;
                long nv = apply((int) op, old, src) & mask;
                int next = (int) ((cur & ~(mask << shift)) | (nv << shift));
                if (I32.compareAndSet(f, w, cur, next)) return old;
            }
        }
        int w = off & ~7, shift = 8 * (off & 7);
        while (true) {
            long cur = (long) I64.getVolatile(f, w);
            long old = (cur >>> shift) & mask;
            long nv = apply((int) op, old, src) & mask;
            long next = (cur & ~(mask << shift)) | (nv << shift);
            if (I64.compareAndSet(f, w, cur, next)) return old;
        }
    }

    /**
     * LOCK CMPXCHG (and CMPXCHG8B as an 8-byte compare): if the value at addr equals expected,
     * stores src; returns the old value either way. A failed compare writes nothing back,
     * which is what other threads can observe of x86's unconditional write cycle.
     */
    public static long cmpxchg(Cpu cpu, long addr, long size, long expected, long src) {
        int n = (int) size;
        long mask = n == 8 ? -1L : (1L << (8 * n)) - 1;
        expected &= mask;
        src &= mask;
        byte[] f = frame(cpu, addr, n);
        if (f == null) {
            synchronized (SPLIT_LOCK) {
                long old = Mem.read(cpu, n, addr);
                if (old == expected) Mem.write(cpu, n, addr, src);
                VarHandle.fullFence();
                return old;
            }
        }
        int off = (int) addr & OFF;
        if ((off & 3) + n <= 4) {
            int w = off & ~3, shift = 8 * (off & 3);
            while (true) {
                int cur = (int) I32.getVolatile(f, w);
                long old = ((cur & 0xFFFF_FFFFL) >>> shift) & mask;
                if (old != expected) {
                    VarHandle.fullFence();
                    return old;
                }
                int next = (int) ((cur & ~(mask << shift)) | (src << shift));
                if (I32.compareAndSet(f, w, cur, next)) return old;
            }
        }
        int w = off & ~7, shift = 8 * (off & 7);
        while (true) {
            long cur = (long) I64.getVolatile(f, w);
            long old = (cur >>> shift) & mask;
            if (old != expected) {
                VarHandle.fullFence();
                return old;
            }
            long next = (cur & ~(mask << shift)) | (src << shift);
            if (I64.compareAndSet(f, w, cur, next)) return old;
        }
    }

    /**
     * CMPXCHG16B (alignment already checked): compares RDX:RAX with the 16 bytes at addr;
     * if equal stores RCX:RBX, else loads them into RDX:RAX. Returns 1 when equal (ZF).
     */
    public static long cmpxchg16(Cpu cpu, long addr) {
        long[] s = cpu.s;
        // Fault before taking the lock, and with no partial effect.
        Mem.probe(cpu, addr, MemoryMap.WRITE);
        synchronized (SPLIT_LOCK) {
            long lo = Mem.read64(cpu, addr), hi = Mem.read64(cpu, addr + 8);
            boolean eq = lo == s[Slots.RAX] && hi == s[Slots.RDX];
            if (eq) {
                Mem.write64(cpu, addr, s[Slots.RBX]);
                Mem.write64(cpu, addr + 8, s[Slots.RCX]);
            } else {
                s[Slots.RAX] = lo;
                s[Slots.RDX] = hi;
            }
            VarHandle.fullFence();
            return eq ? 1 : 0;
        }
    }

    /** MFENCE: no load or store moves across it in either direction. */
    public static void fence() { VarHandle.fullFence(); }

    static long apply(int op, long old, long src) {
        return switch (op) {
            case ADD -> old + src;
            case SUB -> old - src;
            case AND -> old & src;
            case OR -> old | src;
            case XOR -> old ^ src;
            case XCHG -> src;
            case NEG -> -old;
            default -> throw new IllegalArgumentException("atomic op " + op);
        };
    }

    /**
     * The writable frame holding [addr, addr+n) when the operand lies inside one aligned
     * 8-byte word, else null (a split lock). Faults exactly as a write of n bytes would.
     */
    private static byte[] frame(Cpu cpu, long addr, int n) {
        if (((addr ^ (addr + n - 1)) & ~7L) != 0) {
            long last = addr + n - 1;
            Mem.probe(cpu, addr, MemoryMap.WRITE);
            if ((last & Tlb.PAGE_MASK) != (addr & Tlb.PAGE_MASK)) Mem.probe(cpu, last, MemoryMap.WRITE);
            return null;
        }
        Mem.probe(cpu, addr, MemoryMap.WRITE);
        return cpu.tlb.page[Tlb.index(addr)];
    }
}

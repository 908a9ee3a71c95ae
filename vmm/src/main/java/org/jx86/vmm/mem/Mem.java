package org.jx86.vmm.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.jx86.vmm.Cpu;

/**
 * Guest data accesses: the TLB fast path and its slow path. Translated code calls these
 * (or inlines the same tag compare); helpers and system calls use them too, so every guest
 * access goes through one place and can never touch host memory outside the guest's frames.
 */
public final class Mem {
    private Mem() {}

    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int OFF = (int) ~Tlb.PAGE_MASK;

    // ---- frame accessors used by the fast paths (and by generated code on a TLB hit)

    /*
     * x86-TSO on any host (see docs/threads.md): every guest load is an acquire (no later load
     * or store moves above it) and every guest store a release (no earlier load or store moves
     * below it), which leaves only the store-to-later-load reordering TSO allows. The fences
     * are free on x86 hosts (they only stop the JIT compilers reordering) and become ldar/stlr
     * style barriers elsewhere. Plain get/set plus a fence, because acquire/release access
     * modes of byte-array views throw on misaligned offsets, which guests use freely.
     */
    public static long frameGet8(byte[] f, int off) {
        long v = f[off] & 0xFFL;
        VarHandle.acquireFence();
        return v;
    }

    public static long frameGet16(byte[] f, int off) {
        long v = ((short) I16.get(f, off)) & 0xFFFFL;
        VarHandle.acquireFence();
        return v;
    }

    public static long frameGet32(byte[] f, int off) {
        long v = ((int) I32.get(f, off)) & 0xFFFF_FFFFL;
        VarHandle.acquireFence();
        return v;
    }

    public static long frameGet64(byte[] f, int off) {
        long v = (long) I64.get(f, off);
        VarHandle.acquireFence();
        return v;
    }

    public static void frameSet8(byte[] f, int off, long v) {
        VarHandle.releaseFence();
        f[off] = (byte) v;
    }

    public static void frameSet16(byte[] f, int off, long v) {
        VarHandle.releaseFence();
        I16.set(f, off, (short) v);
    }

    public static void frameSet32(byte[] f, int off, long v) {
        VarHandle.releaseFence();
        I32.set(f, off, (int) v);
    }

    public static void frameSet64(byte[] f, int off, long v) {
        VarHandle.releaseFence();
        I64.set(f, off, v);
    }

    // ---- fast paths

    public static long read8(Cpu cpu, long a) {
        Tlb t = cpu.tlb;
        int i = Tlb.index(a);
        if (t.readTag[i] == (a & Tlb.PAGE_MASK)) return frameGet8(t.page[i], (int) a & OFF);
        return readSlow(cpu, a, 1);
    }

    public static long read16(Cpu cpu, long a) {
        Tlb t = cpu.tlb;
        int i = Tlb.index(a);
        if (t.readTag[i] == ((a + 1) & Tlb.PAGE_MASK)) return frameGet16(t.page[i], (int) a & OFF);
        return readSlow(cpu, a, 2);
    }

    public static long read32(Cpu cpu, long a) {
        Tlb t = cpu.tlb;
        int i = Tlb.index(a);
        if (t.readTag[i] == ((a + 3) & Tlb.PAGE_MASK)) return frameGet32(t.page[i], (int) a & OFF);
        return readSlow(cpu, a, 4);
    }

    public static long read64(Cpu cpu, long a) {
        Tlb t = cpu.tlb;
        int i = Tlb.index(a);
        if (t.readTag[i] == ((a + 7) & Tlb.PAGE_MASK)) return frameGet64(t.page[i], (int) a & OFF);
        return readSlow(cpu, a, 8);
    }

    public static void write8(Cpu cpu, long a, long v) {
        Tlb t = cpu.tlb;
        int i = Tlb.index(a);
        if (t.writeTag[i] == (a & Tlb.PAGE_MASK)) frameSet8(t.page[i], (int) a & OFF, v);
        else writeSlow(cpu, a, 1, v);
    }

    public static void write16(Cpu cpu, long a, long v) {
        Tlb t = cpu.tlb;
        int i = Tlb.index(a);
        if (t.writeTag[i] == ((a + 1) & Tlb.PAGE_MASK)) frameSet16(t.page[i], (int) a & OFF, v);
        else writeSlow(cpu, a, 2, v);
    }

    public static void write32(Cpu cpu, long a, long v) {
        Tlb t = cpu.tlb;
        int i = Tlb.index(a);
        if (t.writeTag[i] == ((a + 3) & Tlb.PAGE_MASK)) frameSet32(t.page[i], (int) a & OFF, v);
        else writeSlow(cpu, a, 4, v);
    }

    public static void write64(Cpu cpu, long a, long v) {
        Tlb t = cpu.tlb;
        int i = Tlb.index(a);
        if (t.writeTag[i] == ((a + 7) & Tlb.PAGE_MASK)) frameSet64(t.page[i], (int) a & OFF, v);
        else writeSlow(cpu, a, 8, v);
    }

    public static long read(Cpu cpu, int size, long a) {
        return switch (size) {
            case 1 -> read8(cpu, a);
            case 2 -> read16(cpu, a);
            case 4 -> read32(cpu, a);
            default -> read64(cpu, a);
        };
    }

    public static void write(Cpu cpu, int size, long a, long v) {
        switch (size) {
            case 1 -> write8(cpu, a, v);
            case 2 -> write16(cpu, a, v);
            case 4 -> write32(cpu, a, v);
            default -> write64(cpu, a, v);
        }
    }

    // ---- slow paths: kept out of line so HotSpot does not inline them into every translation

    /** Fills the TLB (or faults) and performs the read; page-crossing reads go byte by byte. */
    public static long readSlow(Cpu cpu, long a, int size) {
        cpu.tlb.misses++;
        checkGeneration(cpu);
        long last = a + size - 1;
        if ((a & Tlb.PAGE_MASK) != (last & Tlb.PAGE_MASK)) {
            // Check both pages before reading anything, so a fault leaves no partial effect.
            // A fault on the second page reports its first byte, as x86 sets CR2 (and Linux si_addr).
            probe(cpu, a, MemoryMap.READ);
            probe(cpu, last & Tlb.PAGE_MASK, MemoryMap.READ);
            long v = 0;
            for (int k = size - 1; k >= 0; k--) v = (v << 8) | read8(cpu, a + k);
            return v;
        }
        probe(cpu, a, MemoryMap.READ);
        Tlb t = cpu.tlb;
        byte[] f = t.page[Tlb.index(a)];
        int off = (int) a & OFF;
        return switch (size) {
            case 1 -> frameGet8(f, off);
            case 2 -> frameGet16(f, off);
            case 4 -> frameGet32(f, off);
            default -> frameGet64(f, off);
        };
    }

    public static void writeSlow(Cpu cpu, long a, int size, long v) {
        cpu.tlb.misses++;
        checkGeneration(cpu);
        long last = a + size - 1;
        if ((a & Tlb.PAGE_MASK) != (last & Tlb.PAGE_MASK)) {
            probe(cpu, a, MemoryMap.WRITE);
            probe(cpu, last & Tlb.PAGE_MASK, MemoryMap.WRITE);
            for (int k = 0; k < size; k++) {
                probe(cpu, a + k, MemoryMap.WRITE);
                Tlb t = cpu.tlb;
                frameSet8(t.page[Tlb.index(a + k)], (int) (a + k) & OFF, v >>> (8 * k));
            }
            return;
        }
        probe(cpu, a, MemoryMap.WRITE);
        Tlb t = cpu.tlb;
        byte[] f = t.page[Tlb.index(a)];
        int off = (int) a & OFF;
        switch (size) {
            case 1 -> frameSet8(f, off, v);
            case 2 -> frameSet16(f, off, v);
            case 4 -> frameSet32(f, off, v);
            default -> frameSet64(f, off, v);
        }
    }

    /** Ensures the TLB holds a valid entry for addr's page and access, filling or faulting. */
    public static void probe(Cpu cpu, long addr, int access) {
        Tlb t = cpu.tlb;
        int i = Tlb.index(addr);
        long pg = addr & Tlb.PAGE_MASK;
        long[] tags = access == MemoryMap.WRITE ? t.writeTag : t.readTag;
        if (tags[i] != pg) cpu.memory.fill(cpu, addr, access);
    }

    private static void checkGeneration(Cpu cpu) {
        long g = cpu.memory.generation();
        if (cpu.tlb.generation != g) {
            cpu.tlb.flush();
            cpu.tlb.generation = g;
        }
    }

    // ---- bulk helpers for system calls and loaders

    public static void readBytes(Cpu cpu, long a, byte[] dst, int off, int len) {
        for (int k = 0; k < len; ) {
            long p = a + k;
            probe(cpu, p, MemoryMap.READ);
            int inPage = (int) Math.min(len - k, Tlb.PAGE_SIZE - (p & ~Tlb.PAGE_MASK));
            System.arraycopy(cpu.tlb.page[Tlb.index(p)], (int) p & OFF, dst, off + k, inPage);
            k += inPage;
        }
        VarHandle.acquireFence();
    }

    public static void writeBytes(Cpu cpu, long a, byte[] src, int off, int len) {
        VarHandle.releaseFence();
        for (int k = 0; k < len; ) {
            long p = a + k;
            probe(cpu, p, MemoryMap.WRITE);
            int inPage = (int) Math.min(len - k, Tlb.PAGE_SIZE - (p & ~Tlb.PAGE_MASK));
            System.arraycopy(src, off + k, cpu.tlb.page[Tlb.index(p)], (int) p & OFF, inPage);
            k += inPage;
        }
    }

    /** Reads a NUL-terminated string of at most max bytes (ISO-8859-1 preserves every byte). */
    public static String readCString(Cpu cpu, long a, int max) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < max; k++) {
            int c = (int) read8(cpu, a + k);
            if (c == 0) return sb.toString();
            sb.append((char) c);
        }
        return sb.toString();
    }
}

package org.jx86.vmm.sys;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Guest physical memory of a system-mode machine: RAM from 0 plus a 64 KiB RAM-like test
 * window at {@link #IORAM_BASE} (pc-testdev's IORAM, spec §9), both Agrona buffers so page
 * walks can set A/D bits with a compare-and-set while other vCPUs run.
 *
 * <p>Unbacked physical addresses read as all ones (an open bus) and ignore writes; a page
 * walk reading 0 from them would see a not-present entry, so walks use {@link #entry}, which
 * reads 0 there. No physical address can reach host memory outside the two buffers.
 */
public final class PhysMem {
    public static final long IORAM_BASE = 0xFF00_0000L;
    public static final int IORAM_SIZE = 64 * 1024;

    private final UnsafeBuffer ram;
    private final UnsafeBuffer ioram;
    public final long size;

    public PhysMem(long size) {
        if (size <= 0 || size > Integer.MAX_VALUE - 8 || (size & 0xFFF) != 0) {
            throw new IllegalArgumentException("memory size must be a positive multiple of 4 KiB below 2 GiB");
        }
        this.size = size;
        this.ram = new UnsafeBuffer(new byte[(int) size]);
        this.ioram = new UnsafeBuffer(new byte[IORAM_SIZE]);
    }

    /** The buffer holding [pa, pa + n), or null; sets nothing. */
    private UnsafeBuffer bufferFor(long pa, int n) {
        if (pa >= 0 && pa + n <= size) return ram;
        if (pa >= IORAM_BASE && pa + n <= IORAM_BASE + IORAM_SIZE) return ioram;
        return null;
    }

    private static int off(UnsafeBuffer b, UnsafeBuffer ioram, long pa) {
        return (int) (b == ioram ? pa - IORAM_BASE : pa);
    }

    public boolean isRam(long pa) { return pa >= 0 && pa < size; }

    public long read(long pa, int n) {
        UnsafeBuffer b = bufferFor(pa, n);
        if (b == null) return n == 8 ? -1L : (1L << (8 * n)) - 1;
        int o = off(b, ioram, pa);
        return switch (n) {
            case 1 -> b.getByte(o) & 0xFFL;
            case 2 -> b.getShort(o) & 0xFFFFL;
            case 4 -> b.getInt(o) & 0xFFFF_FFFFL;
            default -> b.getLong(o);
        };
    }

    public void write(long pa, int n, long v) {
        UnsafeBuffer b = bufferFor(pa, n);
        if (b == null) return;
        int o = off(b, ioram, pa);
        switch (n) {
            case 1 -> b.putByte(o, (byte) v);
            case 2 -> b.putShort(o, (short) v);
            case 4 -> b.putInt(o, (int) v);
            default -> b.putLong(o, v);
        }
    }

    public long read64(long pa) { return read(pa, 8); }
    public void write64(long pa, long v) { write(pa, 8, v); }

    /** A paging-structure entry (8-byte aligned); 0 (not present) where nothing is backed. */
    public long entry(long pa) {
        UnsafeBuffer b = bufferFor(pa, 8);
        return b == null ? 0 : b.getLongVolatile(off(b, ioram, pa));
    }

    /** Sets bits in a paging-structure entry atomically unless the entry changed meanwhile. */
    public boolean setEntryBits(long pa, long expected, long bits) {
        UnsafeBuffer b = bufferFor(pa, 8);
        return b != null && b.compareAndSetLong(off(b, ioram, pa), expected, expected | bits);
    }

    public void copyIn(long pa, byte[] src, int off, int len) {
        UnsafeBuffer b = bufferFor(pa, len);
        if (b == null) throw new IllegalArgumentException("physical range 0x" + Long.toHexString(pa) + "+" + len + " is not RAM");
        b.putBytes(off(b, ioram, pa), src, off, len);
    }
}

package org.jx86.vmm.sys;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest physical memory of a system-mode machine: RAM from 0 in 4 KiB frames, allocated on
 * first touch so a large --memory costs only what the guest uses (and 4 KiB frames so the
 * soft-MMU fast path of {@link org.jx86.vmm.mem.Mem} can point its TLB at them, as in user
 * mode) plus a 64 KiB RAM-like test window at {@link #IORAM_BASE} (pc-testdev's IORAM,
 * spec §9). Page walks update A/D bits with a compare-and-set, so another vCPU's change of
 * an entry is never overwritten.
 *
 * <p>Unbacked physical addresses read as all ones (an open bus) and ignore writes; page
 * walks read them through {@link #entry}, which sees 0 (not present) there. No physical
 * address can reach host memory outside the frames.
 */
public final class PhysMem {
    public static final long IORAM_BASE = 0xFF00_0000L;
    public static final int IORAM_SIZE = 64 * 1024;
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[][] frames;
    private final byte[][] ioram = new byte[IORAM_SIZE >> 12][];
    public final long size;
    /** Read by accesses to unbacked addresses: all ones. Never written through a TLB entry. */
    public final byte[] openBus = new byte[4096];
    /** Absorbs writes to unbacked addresses that reach a frame (byte-wise slow paths). */
    public final byte[] sink = new byte[4096];

    public PhysMem(long size) {
        if (size <= 0 || size > (1L << 40) || (size & 0xFFF) != 0) {
            throw new IllegalArgumentException("memory size must be a positive multiple of 4 KiB");
        }
        this.size = size;
        this.frames = new byte[(int) (size >>> 12)][];
        for (int i = 0; i < ioram.length; i++) ioram[i] = new byte[4096];
        java.util.Arrays.fill(openBus, (byte) 0xFF);
    }

    private static final VarHandle FRAMES = MethodHandles.arrayElementVarHandle(byte[][].class);

    /** The frame holding pa, or null if nothing is backed there. RAM frames are allocated on first use. */
    public byte[] frame(long pa) {
        if (pa >= 0 && pa < size) {
            int i = (int) (pa >>> 12);
            byte[] f = frames[i];
            return f != null ? f : allocate(i);
        }
        if (pa >= IORAM_BASE && pa < IORAM_BASE + IORAM_SIZE) return ioram[(int) ((pa - IORAM_BASE) >>> 12)];
        return null;
    }

    /** Publishes a zeroed frame; if another vCPU won the race, uses its frame. */
    private byte[] allocate(int i) {
        byte[] f = new byte[4096];
        byte[] prev = (byte[]) FRAMES.compareAndExchange(frames, i, (byte[]) null, f);
        return prev == null ? f : prev;
    }

    public boolean isRam(long pa) { return pa >= 0 && pa < size; }

    public long read(long pa, int n) {
        byte[] f = frame(pa);
        int o = (int) pa & 0xFFF;
        if (f == null || o + n > 4096) return readBytes(pa, n);
        return switch (n) {
            case 1 -> f[o] & 0xFFL;
            case 2 -> ((short) I16.get(f, o)) & 0xFFFFL;
            case 4 -> ((int) I32.get(f, o)) & 0xFFFF_FFFFL;
            default -> (long) I64.get(f, o);
        };
    }

    private long readBytes(long pa, int n) {
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            byte[] f = frame(pa + k);
            v = (v << 8) | (f == null ? 0xFF : f[(int) (pa + k) & 0xFFF] & 0xFF);
        }
        return v;
    }

    public void write(long pa, int n, long v) {
        byte[] f = frame(pa);
        int o = (int) pa & 0xFFF;
        if (f == null || o + n > 4096) {
            for (int k = 0; k < n; k++) {
                byte[] g = frame(pa + k);
                if (g != null) g[(int) (pa + k) & 0xFFF] = (byte) (v >>> (8 * k));
            }
            return;
        }
        switch (n) {
            case 1 -> f[o] = (byte) v;
            case 2 -> I16.set(f, o, (short) v);
            case 4 -> I32.set(f, o, (int) v);
            default -> I64.set(f, o, v);
        }
    }

    public long read64(long pa) { return read(pa, 8); }
    public void write64(long pa, long v) { write(pa, 8, v); }

    /** A paging-structure entry (8-byte aligned); 0 (not present) where nothing is backed. */
    public long entry(long pa) {
        byte[] f = frame(pa);
        return f == null ? 0 : (long) I64.getVolatile(f, (int) pa & 0xFF8);
    }

    /** Sets bits in a paging-structure entry atomically unless the entry changed meanwhile. */
    public boolean setEntryBits(long pa, long expected, long bits) {
        byte[] f = frame(pa);
        return f != null && I64.compareAndSet(f, (int) pa & 0xFF8, expected, expected | bits);
    }

    public void copyIn(long pa, byte[] src, int off, int len) {
        for (int k = 0; k < len; ) {
            byte[] f = frame(pa + k);
            if (f == null) throw new IllegalArgumentException("physical address 0x" + Long.toHexString(pa + k) + " is not RAM");
            int o = (int) (pa + k) & 0xFFF;
            int n = Math.min(len - k, 4096 - o);
            System.arraycopy(src, off + k, f, o, n);
            k += n;
        }
    }
}

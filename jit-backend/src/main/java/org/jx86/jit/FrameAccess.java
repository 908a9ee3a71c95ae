package org.jx86.jit;

import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;
import org.jx86.vmm.mem.Tlb;

/**
 * Raw access to guest page frames for the inline TLB fast path. Generated code reads and
 * writes a frame through {@code sun.misc.Unsafe} (a HotSpot intrinsic: a single load or
 * store, no bounds check) instead of {@link org.jx86.vmm.mem.Mem}'s byte-array VarHandles,
 * whose inlining costs about 170 bytecodes per access and soon exhausts C2's inlining
 * budget (DesiredMethodLimit, 8000 bytecodes per compiled method) in a tier-2 region, after
 * which every further access is an out-of-line call.
 *
 * <p>Safe because the fast path only runs after the TLB tag compare, which fails for an
 * access whose last byte is not in the same 4 KiB frame as its first (STYLE.md §11), and
 * every frame a TLB entry holds is a {@code byte[4096]}. Only used on little-endian hosts
 * ({@link #AVAILABLE}); elsewhere the emitter keeps calling Mem.
 *
 * <p>Tier-2 regions call the {@code readN}/{@code writeN} methods below instead of inlining
 * the TLB compare at every access: about 8 bytes of bytecode per access instead of 50, so
 * a region can hold several times more guest code under its size limit, and C2 inlines
 * them at every hot access anyway (each is well under FreqInlineSize).
 */
public final class FrameAccess {
    private FrameAccess() {}

    public static final sun.misc.Unsafe U;
    /** Offset of element 0 of a byte[] for Unsafe. */
    public static final long BASE;
    public static final boolean AVAILABLE;

    static {
        sun.misc.Unsafe u = null;
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            u = (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            u = null;
        }
        U = u;
        BASE = u == null ? 0 : u.arrayBaseOffset(byte[].class);
        AVAILABLE = u != null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
            && !Boolean.getBoolean("jx86.noUnsafe");
    }

    // ---- the TLB fast path as calls, for regions; the same logic the emitter inlines

    private static int index(long a) { return (int) (a >>> Tlb.PAGE_SHIFT) & Tlb.MASK; }

    private static long offset(long a) { return BASE + (a & ~Tlb.PAGE_MASK); }

    public static long read8(long[] tag, byte[][] page, Cpu cpu, long a) {
        int i = index(a);
        if (tag[i] != (a & Tlb.PAGE_MASK)) return Mem.readSlow(cpu, a, 1);
        long v = U.getByte(page[i], offset(a)) & 0xFFL;
        VarHandle.acquireFence();
        return v;
    }

    public static long read16(long[] tag, byte[][] page, Cpu cpu, long a) {
        int i = index(a);
        if (tag[i] != ((a + 1) & Tlb.PAGE_MASK)) return Mem.readSlow(cpu, a, 2);
        long v = U.getShort(page[i], offset(a)) & 0xFFFFL;
        VarHandle.acquireFence();
        return v;
    }

    public static long read32(long[] tag, byte[][] page, Cpu cpu, long a) {
        int i = index(a);
        if (tag[i] != ((a + 3) & Tlb.PAGE_MASK)) return Mem.readSlow(cpu, a, 4);
        long v = U.getInt(page[i], offset(a)) & 0xFFFFFFFFL;
        VarHandle.acquireFence();
        return v;
    }

    public static long read64(long[] tag, byte[][] page, Cpu cpu, long a) {
        int i = index(a);
        if (tag[i] != ((a + 7) & Tlb.PAGE_MASK)) return Mem.readSlow(cpu, a, 8);
        long v = U.getLong(page[i], offset(a));
        VarHandle.acquireFence();
        return v;
    }

    public static void write8(long[] tag, byte[][] page, Cpu cpu, long a, long v) {
        int i = index(a);
        if (tag[i] != (a & Tlb.PAGE_MASK)) {
            Mem.writeSlow(cpu, a, 1, v);
            return;
        }
        VarHandle.releaseFence();
        U.putByte(page[i], offset(a), (byte) v);
    }

    public static void write16(long[] tag, byte[][] page, Cpu cpu, long a, long v) {
        int i = index(a);
        if (tag[i] != ((a + 1) & Tlb.PAGE_MASK)) {
            Mem.writeSlow(cpu, a, 2, v);
            return;
        }
        VarHandle.releaseFence();
        U.putShort(page[i], offset(a), (short) v);
    }

    public static void write32(long[] tag, byte[][] page, Cpu cpu, long a, long v) {
        int i = index(a);
        if (tag[i] != ((a + 3) & Tlb.PAGE_MASK)) {
            Mem.writeSlow(cpu, a, 4, v);
            return;
        }
        VarHandle.releaseFence();
        U.putInt(page[i], offset(a), (int) v);
    }

    public static void write64(long[] tag, byte[][] page, Cpu cpu, long a, long v) {
        int i = index(a);
        if (tag[i] != ((a + 7) & Tlb.PAGE_MASK)) {
            Mem.writeSlow(cpu, a, 8, v);
            return;
        }
        VarHandle.releaseFence();
        U.putLong(page[i], offset(a), v);
    }
}

package org.jx86.jit;

import java.lang.reflect.Field;
import java.nio.ByteOrder;

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
}

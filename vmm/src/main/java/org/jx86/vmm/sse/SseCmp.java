package org.jx86.vmm.sse;

import static org.jx86.vmm.sse.Mxcsr.DAZ;
import static org.jx86.vmm.sse.Mxcsr.DE;
import static org.jx86.vmm.sse.Mxcsr.IE;
import static org.jx86.vmm.sse.SseArith.isDenormal;
import static org.jx86.vmm.sse.SseArith.isNaN;
import static org.jx86.vmm.sse.SseArith.isSNaN;
import static org.jx86.vmm.sse.SseArith.value;

/**
 * Comparisons, (U)COMIS and MIN/MAX under MXCSR: DAZ makes denormal operands compare as
 * zeros; the flags helpers return IE (for an SNaN, or any NaN where the instruction signals
 * on QNaNs: the LT/LE/NLT/NLE predicates, COMIS, MIN and MAX) and DE (a denormal operand,
 * unless DAZ; not reported when an operand is a NaN). Lanes of binary32 are in the low 32 bits.
 */
public final class SseCmp {
    private SseCmp() {}

    /** Predicates 1, 2, 5, 6 (LT, LE, NLT, NLE) signal on QNaNs. */
    static boolean signaling(long imm) { return ((0x66 >> (imm & 7)) & 1) != 0; }

    static long flags(long a, long b, boolean f32, boolean qnanInvalid, long mx) {
        if (f32) {
            a &= 0xFFFF_FFFFL;
            b &= 0xFFFF_FFFFL;
        }
        if (isNaN(a, f32) || isNaN(b, f32)) return qnanInvalid || isSNaN(a, f32) || isSNaN(b, f32) ? IE : 0;
        return (mx & DAZ) == 0 && (isDenormal(a, f32) || isDenormal(b, f32)) ? DE : 0;
    }

    static boolean pred(double x, double y, long imm) {
        return switch ((int) imm & 7) {
            case 0 -> x == y;
            case 1 -> x < y;
            case 2 -> x <= y;
            case 3 -> x != x || y != y;
            case 4 -> !(x == y);
            case 5 -> !(x < y);
            case 6 -> !(x <= y);
            default -> x == x && y == y;
        };
    }

    // ---- CMPSD / CMPPD (each half), CMPSS / CMPPS

    public static long cmp64(long a, long b, long imm, long mx) {
        return pred(value(a, false, mx), value(b, false, mx), imm) ? -1L : 0;
    }

    public static long cmp64Flags(long a, long b, long imm, long mx) { return flags(a, b, false, signaling(imm), mx); }

    public static long cmp32(long a, long b, long imm, long mx) {
        return pred(value(a, true, mx), value(b, true, mx), imm) ? 0xFFFF_FFFFL : 0;
    }

    public static long cmp32Flags(long a, long b, long imm, long mx) { return flags(a, b, true, signaling(imm), mx); }

    public static long cmpps(long a, long b, long imm, long mx) {
        return cmp32(a, b, imm, mx) | cmp32(a >>> 32, b >>> 32, imm, mx) << 32;
    }

    public static long cmppsFlags(long a, long b, long imm, long mx) {
        return cmp32Flags(a, b, imm, mx) | cmp32Flags(a >>> 32, b >>> 32, imm, mx);
    }

    // ---- COMISD / UCOMISD / COMISS / UCOMISS: an RFLAGS image

    static long image(double x, double y) {
        if (x != x || y != y) return 0x45;
        if (x < y) return 0x01;
        return x == y ? 0x40 : 0;
    }

    public static long comis64(long a, long b, long mx) { return image(value(a, false, mx), value(b, false, mx)); }

    public static long comis32(long a, long b, long mx) { return image(value(a, true, mx), value(b, true, mx)); }

    public static long comisdFlags(long a, long b, long mx) { return flags(a, b, false, true, mx); }

    public static long ucomisdFlags(long a, long b, long mx) { return flags(a, b, false, false, mx); }

    public static long comissFlags(long a, long b, long mx) { return flags(a, b, true, true, mx); }

    public static long ucomissFlags(long a, long b, long mx) { return flags(a, b, true, false, mx); }

    // ---- MIN / MAX: the second operand when either is a NaN or both are zeros

    private static long pick(long a, long b, boolean f32, boolean max, long mx) {
        double x = value(a, f32, mx), y = value(b, f32, mx);
        boolean first = max ? x > y : x < y;
        long r = first ? a : b;
        // under DAZ the returned operand is the flushed value
        if ((mx & DAZ) != 0 && isDenormal(r, f32)) r &= f32 ? 0x8000_0000L : 0x8000_0000_0000_0000L;
        return r;
    }

    public static long min64(long a, long b, long mx) { return pick(a, b, false, false, mx); }

    public static long max64(long a, long b, long mx) { return pick(a, b, false, true, mx); }

    public static long min32(long a, long b, long mx) { return pick(a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, true, false, mx); }

    public static long max32(long a, long b, long mx) { return pick(a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL, true, true, mx); }

    public static long minmax64Flags(long a, long b, long mx) { return flags(a, b, false, true, mx); }

    public static long minmax32Flags(long a, long b, long mx) { return flags(a, b, true, true, mx); }

    public static long minps(long a, long b, long mx) { return min32(a, b, mx) | min32(a >>> 32, b >>> 32, mx) << 32; }

    public static long maxps(long a, long b, long mx) { return max32(a, b, mx) | max32(a >>> 32, b >>> 32, mx) << 32; }

    public static long minmaxpsFlags(long a, long b, long mx) { return minmax32Flags(a, b, mx) | minmax32Flags(a >>> 32, b >>> 32, mx); }
}

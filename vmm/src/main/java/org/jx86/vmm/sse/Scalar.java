package org.jx86.vmm.sse;

import java.math.BigDecimal;

/**
 * Scalar SSE floating point with x86 semantics where they differ from Java's: MIN/MAX
 * return the second operand for NaNs and equal values, comparisons produce masks or
 * RFLAGS images, float-to-integer conversions give the "integer indefinite" value on NaN
 * or overflow, and integer-to-float conversions honour MXCSR's rounding mode.
 * binary64 values are longs, binary32 values the low 32 bits of a long. Pure.
 */
public final class Scalar {
    private Scalar() {}

    private static double d(long v) { return Double.longBitsToDouble(v); }
    private static float f(long v) { return Float.intBitsToFloat((int) v); }
    private static long bits(float x) { return Float.floatToRawIntBits(x) & 0xFFFF_FFFFL; }

    public static long minsd(long a, long b) { return d(a) < d(b) ? a : b; }
    public static long maxsd(long a, long b) { return d(a) > d(b) ? a : b; }
    public static long minss(long a, long b) { return f(a) < f(b) ? a & 0xFFFF_FFFFL : b & 0xFFFF_FFFFL; }
    public static long maxss(long a, long b) { return f(a) > f(b) ? a & 0xFFFF_FFFFL : b & 0xFFFF_FFFFL; }

    /** CMPSD predicate p (0-7): EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD; all-ones when true. */
    public static long cmpsd(long a, long b, long p) { return holds(d(a), d(b), p) ? -1L : 0; }

    public static long cmpss(long a, long b, long p) { return holds(f(a), f(b), p) ? 0xFFFF_FFFFL : 0; }

    private static boolean holds(double x, double y, long p) {
        boolean un = Double.isNaN(x) || Double.isNaN(y);
        return switch ((int) p & 7) {
            case 0 -> x == y;
            case 1 -> x < y;
            case 2 -> x <= y;
            case 3 -> un;
            case 4 -> !(x == y);
            case 5 -> !(x < y);
            case 6 -> !(x <= y);
            default -> !un;
        };
    }

    /** RFLAGS image of (U)COMISD: unordered ZF|PF|CF, less CF, equal ZF, greater none. */
    public static long ucomisd(long a, long b) { return compareFlags(d(a), d(b)); }
    public static long comisd(long a, long b) { return compareFlags(d(a), d(b)); }
    public static long ucomiss(long a, long b) { return compareFlags(f(a), f(b)); }
    public static long comiss(long a, long b) { return compareFlags(f(a), f(b)); }

    private static long compareFlags(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) return 0x45;
        if (x < y) return 0x01;
        return x == y ? 0x40 : 0;
    }

    // ---- integer -> float, rounded per MXCSR.RC (bits 13-14)

    public static long cvtsi2sd(long v, long mxcsr) {
        double r = (double) v;
        int rc = (int) (mxcsr >>> 13) & 3;
        if (rc != 0) {
            int c = new BigDecimal(r).compareTo(BigDecimal.valueOf(v));
            if (c > 0 && (rc == 1 || (rc == 3 && v > 0))) r = Math.nextDown(r);
            else if (c < 0 && (rc == 2 || (rc == 3 && v < 0))) r = Math.nextUp(r);
        }
        return Double.doubleToRawLongBits(r);
    }

    public static long cvtsi2ss(long v, long mxcsr) {
        float r = (float) v;
        int rc = (int) (mxcsr >>> 13) & 3;
        if (rc != 0) {
            int c = new BigDecimal(r).compareTo(BigDecimal.valueOf(v));
            if (c > 0 && (rc == 1 || (rc == 3 && v > 0))) r = Math.nextDown(r);
            else if (c < 0 && (rc == 2 || (rc == 3 && v < 0))) r = Math.nextUp(r);
        }
        return bits(r);
    }

    // ---- float -> integer; NaN and out-of-range give the integer indefinite value

    private static double round(double x, long mxcsr) {
        return switch ((int) (mxcsr >>> 13) & 3) {
            case 0 -> Math.rint(x);
            case 1 -> Math.floor(x);
            case 2 -> Math.ceil(x);
            default -> x < 0 ? Math.ceil(x) : Math.floor(x);
        };
    }

    private static long to64(double r) {
        if (Double.isNaN(r) || r >= 0x1p63 || r < -0x1p63) return Long.MIN_VALUE;
        return (long) r;
    }

    private static long to32(double r) {
        if (Double.isNaN(r) || r >= 0x1p31 || r < -0x1p31) return 0x8000_0000L;
        return ((long) r) & 0xFFFF_FFFFL;
    }

    public static long cvttsd2si64(long a, long mxcsr) { return to64(trunc(d(a))); }
    public static long cvttsd2si32(long a, long mxcsr) { return to32(trunc(d(a))); }
    public static long cvtsd2si64(long a, long mxcsr) { return to64(round(d(a), mxcsr)); }
    public static long cvtsd2si32(long a, long mxcsr) { return to32(round(d(a), mxcsr)); }
    public static long cvttss2si64(long a, long mxcsr) { return to64(trunc(f(a))); }
    public static long cvttss2si32(long a, long mxcsr) { return to32(trunc(f(a))); }
    public static long cvtss2si64(long a, long mxcsr) { return to64(round(f(a), mxcsr)); }
    public static long cvtss2si32(long a, long mxcsr) { return to32(round(f(a), mxcsr)); }

    private static double trunc(double x) { return x < 0 ? Math.ceil(x) : Math.floor(x); }

    // ---- float <-> double (x86 quiets a signalling NaN and keeps its payload)

    public static long cvtss2sd(long a) {
        float x = f(a);
        if (Float.isNaN(x)) {
            long s = (a >>> 31) & 1, payload = a & 0x3F_FFFFL;
            return s << 63 | 0x7FF8_0000_0000_0000L | payload << 29;
        }
        return Double.doubleToRawLongBits(x);
    }

    public static long cvtsd2ss(long a) {
        double x = d(a);
        if (Double.isNaN(x)) {
            long s = a >>> 63, payload = (a >>> 29) & 0x3F_FFFFL;
            return s << 31 | 0x7FC0_0000L | payload;
        }
        return bits((float) x);
    }
}

package org.jx86.vmm.sse;

/**
 * SSE/SSE2/SSE3/SSE4.1 floating-point arithmetic with x86 semantics, on raw bits.
 *
 * <pre>
 *  ...sd(a, b)   binary64 in a long; also each half of the packed-double form (addpd = addsd per half)
 *  ...ss(a, b)   binary32 in bits 31:0; bits 63:32 of a are kept (the rest of the XMM low half)
 *  ...ps(a, b)   the two binary32 lanes of one half
 * </pre>
 *
 * <p>NaN results follow the SSE rules, not Java's: the first source's NaN (quieted) if it is
 * one, else the second's, else (an invalid operation) the default NaN, negative
 * (0xFFF8000000000000 / 0xFFC00000). The Java result is only inspected when it is a NaN.
 * MIN/MAX return the second operand when either is a NaN or both are zeros. Comparisons
 * return all-ones or zero per lane; COMIS and UCOMIS return an RFLAGS image.
 */
public final class SseFp {
    private SseFp() {}

    public static final long DEFAULT_NAN64 = 0xFFF8_0000_0000_0000L;
    public static final int DEFAULT_NAN32 = 0xFFC0_0000;

    static boolean isNaN64(long a) { return (a & 0x7FFF_FFFF_FFFF_FFFFL) > 0x7FF0_0000_0000_0000L; }

    static boolean isNaN32(int a) { return (a & 0x7FFF_FFFF) > 0x7F80_0000; }

    static double d(long a) { return Double.longBitsToDouble(a); }

    static float f(int a) { return Float.intBitsToFloat(a); }

    /** The x86 NaN result for a binary64 operation whose Java result was a NaN. */
    static long nan64(long a, long b) {
        if (isNaN64(a)) return a | 0x0008_0000_0000_0000L;
        if (isNaN64(b)) return b | 0x0008_0000_0000_0000L;
        return DEFAULT_NAN64;
    }

    static int nan32(int a, int b) {
        if (isNaN32(a)) return a | 0x0040_0000;
        if (isNaN32(b)) return b | 0x0040_0000;
        return DEFAULT_NAN32;
    }

    /** The bits of a binary64 result r of operands a, b, with the x86 NaN rule. */
    static long fix(double r, long a, long b) {
        return r != r ? nan64(a, b) : Double.doubleToRawLongBits(r);
    }

    /** The bits of a binary32 result (low 32 bits) of lanes a, b, with the x86 NaN rule. */
    static long fix(float r, long a, long b) {
        return (r != r ? nan32((int) a, (int) b) : Float.floatToRawIntBits(r)) & 0xFFFF_FFFFL;
    }

    private static long fix64(double r, long a, long b) {
        return r != r ? nan64(a, b) : Double.doubleToRawLongBits(r);
    }

    private static int fix32(float r, int a, int b) {
        return r != r ? nan32(a, b) : Float.floatToRawIntBits(r);
    }

    // ---- binary64 (scalar, and each half of packed double)

    public static long addsd(long a, long b) { return fix64(d(a) + d(b), a, b); }

    public static long subsd(long a, long b) { return fix64(d(a) - d(b), a, b); }

    public static long mulsd(long a, long b) { return fix64(d(a) * d(b), a, b); }

    public static long divsd(long a, long b) { return fix64(d(a) / d(b), a, b); }

    public static long sqrtsd(long a) { return fix64(Math.sqrt(d(a)), a, a); }

    public static long minsd(long a, long b) { return d(a) < d(b) ? a : b; }

    public static long maxsd(long a, long b) { return d(a) > d(b) ? a : b; }

    /** Packed-double names for the per-half binary64 operations. */
    public static long addpd(long a, long b) { return addsd(a, b); }

    public static long subpd(long a, long b) { return subsd(a, b); }

    public static long mulpd(long a, long b) { return mulsd(a, b); }

    public static long divpd(long a, long b) { return divsd(a, b); }

    public static long sqrtpd(long a) { return sqrtsd(a); }

    public static long minpd(long a, long b) { return minsd(a, b); }

    public static long maxpd(long a, long b) { return maxsd(a, b); }

    // ---- binary32 lanes

    private static int op32(int x, int y, int op) {
        float r = switch (op) {
            case 0 -> f(x) + f(y);
            case 1 -> f(x) - f(y);
            case 2 -> f(x) * f(y);
            case 3 -> f(x) / f(y);
            default -> (float) Math.sqrt(f(y));               // correctly rounded: double has 2p+2 bits
        };
        return fix32(r, op == 4 ? y : x, y);
    }

    private static long lanes(long a, long b, int op) {
        return (op32((int) a, (int) b, op) & 0xFFFF_FFFFL) | (long) op32((int) (a >>> 32), (int) (b >>> 32), op) << 32;
    }

    private static long low(long a, int r) { return (a & 0xFFFF_FFFF_0000_0000L) | (r & 0xFFFF_FFFFL); }

    public static long addps(long a, long b) { return lanes(a, b, 0); }

    public static long subps(long a, long b) { return lanes(a, b, 1); }

    public static long mulps(long a, long b) { return lanes(a, b, 2); }

    public static long divps(long a, long b) { return lanes(a, b, 3); }

    public static long sqrtps(long a) { return lanes(a, a, 4); }

    public static long addss(long a, long b) { return low(a, op32((int) a, (int) b, 0)); }

    public static long subss(long a, long b) { return low(a, op32((int) a, (int) b, 1)); }

    public static long mulss(long a, long b) { return low(a, op32((int) a, (int) b, 2)); }

    public static long divss(long a, long b) { return low(a, op32((int) a, (int) b, 3)); }

    /** SQRTSS: sqrt of b's low lane into a's low lane. */
    public static long sqrtss(long a, long b) { return low(a, op32((int) b, (int) b, 4)); }

    private static int min32(int x, int y) { return f(x) < f(y) ? x : y; }

    private static int max32(int x, int y) { return f(x) > f(y) ? x : y; }

    public static long minps(long a, long b) {
        return (min32((int) a, (int) b) & 0xFFFF_FFFFL) | (long) min32((int) (a >>> 32), (int) (b >>> 32)) << 32;
    }

    public static long maxps(long a, long b) {
        return (max32((int) a, (int) b) & 0xFFFF_FFFFL) | (long) max32((int) (a >>> 32), (int) (b >>> 32)) << 32;
    }

    public static long minss(long a, long b) { return low(a, min32((int) a, (int) b)); }

    public static long maxss(long a, long b) { return low(a, max32((int) a, (int) b)); }

    // ---- comparisons: predicates 0..7 (EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD)

    private static boolean pred(double x, double y, int imm) {
        return switch (imm & 7) {
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

    public static long cmpsd(long a, long b, long imm) { return pred(d(a), d(b), (int) imm) ? -1L : 0; }

    public static long cmppd(long a, long b, long imm) { return cmpsd(a, b, imm); }

    private static int cmp32(int x, int y, int imm) { return pred(f(x), f(y), imm) ? -1 : 0; }

    public static long cmpps(long a, long b, long imm) {
        return (cmp32((int) a, (int) b, (int) imm) & 0xFFFF_FFFFL) | (long) cmp32((int) (a >>> 32), (int) (b >>> 32), (int) imm) << 32;
    }

    public static long cmpss(long a, long b, long imm) { return low(a, cmp32((int) a, (int) b, (int) imm)); }

    /** (U)COMISD: RFLAGS image; unordered ZF PF CF, less CF, equal ZF, greater none. */
    public static long comisd(long a, long b) { return flags(d(a), d(b)); }

    public static long ucomisd(long a, long b) { return flags(d(a), d(b)); }

    public static long comiss(long a, long b) { return flags(f((int) a), f((int) b)); }

    public static long ucomiss(long a, long b) { return flags(f((int) a), f((int) b)); }

    private static long flags(double x, double y) {
        if (x != x || y != y) return 0x45;
        if (x < y) return 0x01;
        return x == y ? 0x40 : 0;
    }

    // ---- SSE3 horizontal and alternating

    /** HADDPS on one half: [x0 + x1, y0 + y1]; XMM lo = haddps(a.lo, a.hi), hi = haddps(b.lo, b.hi). */
    public static long haddps(long x, long y) {
        return (op32((int) x, (int) (x >>> 32), 0) & 0xFFFF_FFFFL) | (long) op32((int) y, (int) (y >>> 32), 0) << 32;
    }

    public static long hsubps(long x, long y) {
        return (op32((int) x, (int) (x >>> 32), 1) & 0xFFFF_FFFFL) | (long) op32((int) y, (int) (y >>> 32), 1) << 32;
    }

    public static long haddpsLo(long aLo, long aHi, long bLo, long bHi) { return haddps(aLo, aHi); }

    public static long haddpsHi(long aLo, long aHi, long bLo, long bHi) { return haddps(bLo, bHi); }

    public static long hsubpsLo(long aLo, long aHi, long bLo, long bHi) { return hsubps(aLo, aHi); }

    public static long hsubpsHi(long aLo, long aHi, long bLo, long bHi) { return hsubps(bLo, bHi); }

    public static long haddpdLo(long aLo, long aHi, long bLo, long bHi) { return addsd(aLo, aHi); }

    public static long haddpdHi(long aLo, long aHi, long bLo, long bHi) { return addsd(bLo, bHi); }

    public static long hsubpdLo(long aLo, long aHi, long bLo, long bHi) { return subsd(aLo, aHi); }

    public static long hsubpdHi(long aLo, long aHi, long bLo, long bHi) { return subsd(bLo, bHi); }

    /** ADDSUBPS on one half: [a0 - b0, a1 + b1]. */
    public static long addsubps(long a, long b) {
        return (op32((int) a, (int) b, 1) & 0xFFFF_FFFFL) | (long) op32((int) (a >>> 32), (int) (b >>> 32), 0) << 32;
    }

    /** ADDSUBPD: the low half subtracts, the high half adds. */
    public static long addsubpdLo(long aLo, long aHi, long bLo, long bHi) { return subsd(aLo, bLo); }

    public static long addsubpdHi(long aLo, long aHi, long bLo, long bHi) { return addsd(aHi, bHi); }

    // ---- SSE4.1 dot products

    /**
     * DPPS: products of the lanes selected by imm[7:4], summed as ((p0 + p1) + (p2 + p3)),
     * stored in the lanes selected by imm[3:0] (others zero).
     */
    public static long dppsLo(long aLo, long aHi, long bLo, long bHi, long imm) { return dpps(aLo, aHi, bLo, bHi, imm, 0); }

    public static long dppsHi(long aLo, long aHi, long bLo, long bHi, long imm) { return dpps(aLo, aHi, bLo, bHi, imm, 1); }

    private static long dpps(long aLo, long aHi, long bLo, long bHi, long imm, int half) {
        int p0 = (imm & 0x10) != 0 ? op32((int) aLo, (int) bLo, 2) : 0;
        int p1 = (imm & 0x20) != 0 ? op32((int) (aLo >>> 32), (int) (bLo >>> 32), 2) : 0;
        int p2 = (imm & 0x40) != 0 ? op32((int) aHi, (int) bHi, 2) : 0;
        int p3 = (imm & 0x80) != 0 ? op32((int) (aHi >>> 32), (int) (bHi >>> 32), 2) : 0;
        long s = op32(op32(p0, p1, 0), op32(p2, p3, 0), 0) & 0xFFFF_FFFFL;
        return ((imm >> (2 * half) & 1) != 0 ? s : 0) | ((imm >> (2 * half + 1) & 1) != 0 ? s << 32 : 0);
    }

    /** DPPD: the same with two binary64 lanes, imm[5:4] selecting products and imm[1:0] destinations. */
    public static long dppdLo(long aLo, long aHi, long bLo, long bHi, long imm) { return dppd(aLo, aHi, bLo, bHi, imm, 0); }

    public static long dppdHi(long aLo, long aHi, long bLo, long bHi, long imm) { return dppd(aLo, aHi, bLo, bHi, imm, 1); }

    private static long dppd(long aLo, long aHi, long bLo, long bHi, long imm, int half) {
        long p0 = (imm & 0x10) != 0 ? mulsd(aLo, bLo) : 0, p1 = (imm & 0x20) != 0 ? mulsd(aHi, bHi) : 0;
        long s = addsd(p0, p1);
        return (imm >> half & 1) != 0 ? s : 0;
    }

    // ---- approximations

    /**
     * RCPPS on one half. Hardware returns a table-driven approximation (relative error at most
     * 1.5 * 2^-12) whose low bits differ between vendors; this returns the correctly rounded
     * reciprocal, with the hardware's special cases: denormal inputs act as zero (result
     * infinity) and results below the normal range flush to zero.
     */
    public static long rcpps(long a) { return (rcp32((int) a) & 0xFFFF_FFFFL) | (long) rcp32((int) (a >>> 32)) << 32; }

    public static long rcpss(long a, long b) { return low(a, rcp32((int) b)); }

    /** RSQRTPS on one half; approximations as for {@link #rcpps}. Negative inputs give the default NaN. */
    public static long rsqrtps(long a) { return (rsqrt32((int) a) & 0xFFFF_FFFFL) | (long) rsqrt32((int) (a >>> 32)) << 32; }

    public static long rsqrtss(long a, long b) { return low(a, rsqrt32((int) b)); }

    private static int rcp32(int x) {
        if (isNaN32(x)) return x | 0x0040_0000;
        if ((x & 0x7F80_0000) == 0) return (x & 0x8000_0000) | 0x7F80_0000;      // +-0 and denormals
        float r = 1 / f(x);
        if (Math.abs(r) < Float.MIN_NORMAL) return Float.floatToRawIntBits(r) & 0x8000_0000;
        return Float.floatToRawIntBits(r);
    }

    private static int rsqrt32(int x) {
        if (isNaN32(x)) return x | 0x0040_0000;
        if ((x & 0x7F80_0000) == 0) return (x & 0x8000_0000) | 0x7F80_0000;
        if (x < 0) return DEFAULT_NAN32;
        return Float.floatToRawIntBits((float) (1 / Math.sqrt(f(x))));
    }
}

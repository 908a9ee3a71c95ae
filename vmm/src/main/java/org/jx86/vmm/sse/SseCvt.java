package org.jx86.vmm.sse;

/**
 * SSE conversions and ROUNDxx with x86 semantics. {@code mxcsr} is the full MXCSR value; its
 * rounding control (bits 14:13: 0 nearest-even, 1 down, 2 up, 3 toward zero) is honoured
 * exactly (Java's casts only round to nearest, so results are corrected by one ulp where the
 * mode needs it). Conversions to integers return the "integer indefinite" (0x80000000 or
 * 0x8000000000000000) for NaN and out-of-range values; 32-bit results are zero-extended, as a
 * write to a 32-bit register is. NaNs converted between formats keep their payload and get
 * the quiet bit, as on x86. All scalar float-to-integer conversions take (value, mxcsr), the
 * truncating ones ignoring MXCSR; packed cross-half ones follow the (aLo, aHi, bLo, bHi)
 * convention of {@link SseShuffle}, with MXCSR as the last parameter where rounding applies.
 */
public final class SseCvt {
    private SseCvt() {}

    public static final long INDEF32 = 0x8000_0000L, INDEF64 = 0x8000_0000_0000_0000L;

    static int rc(long mxcsr) { return (int) (mxcsr >> 13) & 3; }

    // ---- integer to floating point

    static double i2d(long v, int mode) {
        double d = v;
        if (mode == 0) return d;
        int cmp = d >= 0x1p63 ? 1 : Long.compare((long) d, v);
        if (cmp == 0) return d;
        boolean wantBelow = mode == 1 || (mode == 3 && v > 0);
        if (wantBelow) return cmp > 0 ? Math.nextDown(d) : d;
        return cmp < 0 ? Math.nextUp(d) : d;
    }

    static float i2f(long v, int mode) {
        float f = v;
        if (mode == 0) return f;
        int cmp = f >= 0x1p63f ? 1 : Long.compare((long) f, v);
        if (cmp == 0) return f;
        boolean wantBelow = mode == 1 || (mode == 3 && v > 0);
        if (wantBelow) return cmp > 0 ? Math.nextDown(f) : f;
        return cmp < 0 ? Math.nextUp(f) : f;
    }

    /** CVTSI2SD: value is the sign-extended 32- or 64-bit integer; returns binary64 bits. */
    public static long cvtsi2sd(long value, long mxcsr) { return Double.doubleToRawLongBits(i2d(value, rc(mxcsr))); }

    /** CVTSI2SS: returns binary32 bits in the low 32 bits (the caller keeps the rest of the lane). */
    public static long cvtsi2ss(long value, long mxcsr) { return Float.floatToRawIntBits(i2f(value, rc(mxcsr))) & 0xFFFF_FFFFL; }

    /** CVTDQ2PD: the two dwords of the source's low half become the two doubles. */
    public static long cvtdq2pdLo(long aLo, long aHi, long bLo, long bHi) { return Double.doubleToRawLongBits((int) bLo); }

    public static long cvtdq2pdHi(long aLo, long aHi, long bLo, long bHi) { return Double.doubleToRawLongBits((int) (bLo >>> 32)); }

    /** CVTDQ2PS on one half. */
    public static long cvtdq2ps(long h, long mxcsr) {
        int m = rc(mxcsr);
        return (Float.floatToRawIntBits(i2f((int) h, m)) & 0xFFFF_FFFFL)
            | (long) Float.floatToRawIntBits(i2f((int) (h >>> 32), m)) << 32;
    }

    // ---- floating point to integer

    static double roundTo(double x, int mode) {
        return switch (mode) {
            case 0 -> Math.rint(x);
            case 1 -> Math.floor(x);
            case 2 -> Math.ceil(x);
            default -> x < 0 ? Math.ceil(x) : Math.floor(x);
        };
    }

    static long d2i64(double x, int mode) {
        if (x != x) return INDEF64;
        double r = roundTo(x, mode);
        return r >= 0x1p63 || r < -0x1p63 ? INDEF64 : (long) r;
    }

    static long d2i32(double x, int mode) {
        if (x != x) return INDEF32;
        double r = roundTo(x, mode);
        return r > Integer.MAX_VALUE || r < Integer.MIN_VALUE ? INDEF32 : (long) r & 0xFFFF_FFFFL;
    }

    public static long cvtsd2si64(long a, long mxcsr) { return d2i64(Double.longBitsToDouble(a), rc(mxcsr)); }

    public static long cvtsd2si32(long a, long mxcsr) { return d2i32(Double.longBitsToDouble(a), rc(mxcsr)); }

    public static long cvttsd2si64(long a, long mxcsr) { return d2i64(Double.longBitsToDouble(a), 3); }

    public static long cvttsd2si32(long a, long mxcsr) { return d2i32(Double.longBitsToDouble(a), 3); }

    /** binary32 in the low 32 bits of a; exact widening to double first (NaNs stay NaNs). */
    private static double fw(long a) { return Float.intBitsToFloat((int) a); }

    public static long cvtss2si64(long a, long mxcsr) { return d2i64(fw(a), rc(mxcsr)); }

    public static long cvtss2si32(long a, long mxcsr) { return d2i32(fw(a), rc(mxcsr)); }

    public static long cvttss2si64(long a, long mxcsr) { return d2i64(fw(a), 3); }

    public static long cvttss2si32(long a, long mxcsr) { return d2i32(fw(a), 3); }

    /**
     * CVTPD2DQ: both doubles of b to dwords in the low half; the high half is zero. The
     * sixth parameter is MXCSR (not an immediate).
     */
    public static long cvtpd2dqLo(long aLo, long aHi, long bLo, long bHi, long mxcsr) {
        int m = rc(mxcsr);
        return d2i32(Double.longBitsToDouble(bLo), m) | d2i32(Double.longBitsToDouble(bHi), m) << 32;
    }

    public static long cvtpd2dqHi(long aLo, long aHi, long bLo, long bHi, long mxcsr) { return 0; }

    public static long cvttpd2dqLo(long aLo, long aHi, long bLo, long bHi) { return cvtpd2dqLo(aLo, aHi, bLo, bHi, 3L << 13); }

    public static long cvttpd2dqHi(long aLo, long aHi, long bLo, long bHi) { return 0; }

    /** CVTPS2DQ / CVTTPS2DQ on one half. */
    public static long cvtps2dq(long h, long mxcsr) {
        int m = rc(mxcsr);
        return d2i32(fw(h), m) | d2i32(fw(h >>> 32), m) << 32;
    }

    public static long cvttps2dq(long h) { return cvtps2dq(h, 3L << 13); }

    // ---- between binary32 and binary64

    /** binary64 to binary32 with the MXCSR rounding mode; returns the bits in the low 32 bits. */
    static int d2f(long bits, int mode) {
        double x = Double.longBitsToDouble(bits);
        if (x != x) return (int) (bits >>> 63 << 31) | 0x7FC0_0000 | (int) (bits >>> 29 & 0x3F_FFFF);
        float f = (float) x;
        if (mode != 0 && f != x) {
            boolean wantBelow = mode == 1 || (mode == 3 && x > 0);
            if (wantBelow && f > x) f = Math.nextDown(f);
            else if (!wantBelow && f < x) f = Math.nextUp(f);
        }
        return Float.floatToRawIntBits(f);
    }

    static long f2d(int bits) {
        if (SseFp.isNaN32(bits)) return (long) (bits >>> 31) << 63 | 0x7FF8_0000_0000_0000L | (long) (bits & 0x3F_FFFF) << 29;
        return Double.doubleToRawLongBits(Float.intBitsToFloat(bits));
    }

    /** CVTSD2SS: returns the binary32 bits (low 32). */
    public static long cvtsd2ss(long a, long mxcsr) { return d2f(a, rc(mxcsr)) & 0xFFFF_FFFFL; }

    /** CVTSS2SD: the binary32 in the low 32 bits of a, exactly widened. */
    public static long cvtss2sd(long a) { return f2d((int) a); }

    public static long cvtps2pdLo(long aLo, long aHi, long bLo, long bHi) { return f2d((int) bLo); }

    public static long cvtps2pdHi(long aLo, long aHi, long bLo, long bHi) { return f2d((int) (bLo >>> 32)); }

    /** CVTPD2PS: the fifth parameter is MXCSR. */
    public static long cvtpd2psLo(long aLo, long aHi, long bLo, long bHi, long mxcsr) {
        int m = rc(mxcsr);
        return (d2f(bLo, m) & 0xFFFF_FFFFL) | (long) d2f(bHi, m) << 32;
    }

    public static long cvtpd2psHi(long aLo, long aHi, long bLo, long bHi, long mxcsr) { return 0; }

    // ---- ROUNDSD/SS/PD/PS: imm[1:0] mode, imm[2] use MXCSR.RC instead, imm[3] suppress PE

    private static int mode(long imm, long mxcsr) { return (imm & 4) != 0 ? rc(mxcsr) : (int) imm & 3; }

    /** ROUNDSD (and each half of ROUNDPD): b rounded to an integral value. */
    public static long roundsd(long b, long imm, long mxcsr) {
        if (SseFp.isNaN64(b)) return b | 0x0008_0000_0000_0000L;
        return Double.doubleToRawLongBits(roundTo(Double.longBitsToDouble(b), mode(imm, mxcsr)));
    }

    public static long roundpd(long h, long imm, long mxcsr) { return roundsd(h, imm, mxcsr); }

    private static int round32(int x, int mode) {
        if (SseFp.isNaN32(x)) return x | 0x0040_0000;
        return Float.floatToRawIntBits((float) roundTo(Float.intBitsToFloat(x), mode));
    }

    public static long roundps(long h, long imm, long mxcsr) {
        int m = mode(imm, mxcsr);
        return (round32((int) h, m) & 0xFFFF_FFFFL) | (long) round32((int) (h >>> 32), m) << 32;
    }

    /** ROUNDSS: b's low lane rounded into a's low lane. */
    public static long roundss(long a, long b, long imm, long mxcsr) {
        return (a & 0xFFFF_FFFF_0000_0000L) | (round32((int) b, mode(imm, mxcsr)) & 0xFFFF_FFFFL);
    }
}

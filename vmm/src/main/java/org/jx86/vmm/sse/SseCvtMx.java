package org.jx86.vmm.sse;

import static org.jx86.vmm.sse.Mxcsr.DAZ;
import static org.jx86.vmm.sse.Mxcsr.DE;
import static org.jx86.vmm.sse.Mxcsr.IE;
import static org.jx86.vmm.sse.Mxcsr.PE;
import static org.jx86.vmm.sse.SseArith.isDenormal;
import static org.jx86.vmm.sse.SseArith.isNaN;
import static org.jx86.vmm.sse.SseArith.isSNaN;
import static org.jx86.vmm.sse.SseArith.value;

/**
 * Conversions and ROUNDxx under the whole MXCSR (DAZ, FZ, RC) with their exception flags;
 * {@link SseCvt} holds the rounding of the values themselves. Float-to-integer conversions
 * raise IE (and give the integer indefinite) for NaNs and out-of-range values, otherwise PE
 * when inexact, never DE. {@code kind} bits: 1 binary32 source, 2 truncate, 4 64-bit integer.
 */
public final class SseCvtMx {
    private SseCvtMx() {}

    // ---- float to integer

    public static long f2i(long a, long mx, long kind) {
        double x = value(a, (kind & 1) != 0, mx);
        int mode = (kind & 2) != 0 ? 3 : Mxcsr.rc(mx);
        return (kind & 4) != 0 ? SseCvt.d2i64(x, mode) : SseCvt.d2i32(x, mode);
    }

    public static long f2iFlags(long a, long mx, long kind) {
        double x = value(a, (kind & 1) != 0, mx);
        if (x != x) return IE;
        double r = SseCvt.roundTo(x, (kind & 2) != 0 ? 3 : Mxcsr.rc(mx));
        boolean out = (kind & 4) != 0 ? r >= 0x1p63 || r < -0x1p63 : r > Integer.MAX_VALUE || r < Integer.MIN_VALUE;
        return out ? IE : r != x ? PE : 0;
    }

    /** CVT(T)PD2DQ flags over both doubles; CVT(T)PS2DQ over the two floats of one half. */
    public static long pd2dqFlags(long lo, long hi, long mx, long kind) { return f2iFlags(lo, mx, kind) | f2iFlags(hi, mx, kind); }

    public static long ps2dqFlags(long h, long mx, long kind) {
        return f2iFlags(h & 0xFFFF_FFFFL, mx, kind | 1) | f2iFlags(h >>> 32, mx, kind | 1);
    }

    public static long cvtpd2dqLo(long aLo, long aHi, long bLo, long bHi, long mx) {
        return f2i(bLo, mx, 0) | f2i(bHi, mx, 0) << 32;
    }

    public static long cvttpd2dqLo(long aLo, long aHi, long bLo, long bHi, long mx) {
        return f2i(bLo, mx, 2) | f2i(bHi, mx, 2) << 32;
    }

    public static long cvtps2dq(long h, long mx) { return f2i(h & 0xFFFF_FFFFL, mx, 1) | f2i(h >>> 32, mx, 1) << 32; }

    public static long cvttps2dq(long h, long mx) { return f2i(h & 0xFFFF_FFFFL, mx, 3) | f2i(h >>> 32, mx, 3) << 32; }

    // ---- integer to float: PE when inexact

    /** CVTSI2SD/SS flags: v is the sign-extended integer; kind bit 1 = binary32 result. */
    public static long i2fFlags(long v, long kind) {
        if ((kind & 1) != 0) {
            float f = v;
            return f >= 0x1p63f || (long) f != v ? PE : 0;
        }
        double d = v;
        return d >= 0x1p63 || (long) d != v ? PE : 0;
    }

    public static long cvtdq2psFlags(long h) { return i2fFlags((int) h, 1) | i2fFlags((int) (h >>> 32), 1); }

    // ---- between binary64 and binary32

    /** binary64 to binary32 (low 32 bits) with RC, DAZ and FZ. */
    public static long d2f(long a, long mx) {
        if ((mx & Mxcsr.CTL) == 0 || isNaN(a, false)) return SseCvt.d2f(a, 0) & 0xFFFF_FFFFL;
        double x = value(a, false, mx);
        if (x == 0 || Double.isInfinite(x)) return Float.floatToRawIntBits((float) x) & 0xFFFF_FFFFL;
        int e = SseArith.exp(x);
        return FpRound.round(Math.scalb(x, -e), 0, -e, true, mx, false);
    }

    public static long d2fFlags(long a, long mx) {
        if (isNaN(a, false)) return isSNaN(a, false) ? IE : 0;
        long de = (mx & DAZ) == 0 && isDenormal(a, false) ? DE : 0;
        double x = value(a, false, mx);
        if (x == 0 || Double.isInfinite(x)) return de;
        int e = SseArith.exp(x);
        return de | FpRound.round(Math.scalb(x, -e), 0, -e, true, mx, true);
    }

    /** binary32 (low 32 bits) to binary64, a denormal flushed under DAZ. */
    public static long f2d(long a, long mx) {
        if ((mx & DAZ) != 0 && isDenormal(a & 0xFFFF_FFFFL, true)) return (a & 0x8000_0000L) << 32;
        return SseCvt.f2d((int) a);
    }

    public static long f2dFlags(long a, long mx) {
        a &= 0xFFFF_FFFFL;
        if (isNaN(a, true)) return isSNaN(a, true) ? IE : 0;
        return (mx & DAZ) == 0 && isDenormal(a, true) ? DE : 0;
    }

    public static long cvtpd2psLo(long aLo, long aHi, long bLo, long bHi, long mx) { return d2f(bLo, mx) | d2f(bHi, mx) << 32; }

    public static long cvtpd2psFlags(long lo, long hi, long mx) { return d2fFlags(lo, mx) | d2fFlags(hi, mx); }

    public static long cvtps2pdLo(long aLo, long aHi, long bLo, long bHi, long mx) { return f2d(bLo, mx); }

    public static long cvtps2pdHi(long aLo, long aHi, long bLo, long bHi, long mx) { return f2d(bLo >>> 32, mx); }

    public static long cvtps2pdFlags(long lo, long mx) { return f2dFlags(lo, mx) | f2dFlags(lo >>> 32, mx); }

    // ---- ROUNDSD/SS/PD/PS: imm[1:0] mode, imm[2] MXCSR.RC instead, imm[3] no PE

    private static int mode(long imm, long mx) { return (imm & 4) != 0 ? Mxcsr.rc(mx) : (int) imm & 3; }

    public static long round64(long b, long imm, long mx) {
        if (isNaN(b, false)) return b | 0x0008_0000_0000_0000L;
        return Double.doubleToRawLongBits(SseCvt.roundTo(value(b, false, mx), mode(imm, mx)));
    }

    public static long round32(long b, long imm, long mx) {
        b &= 0xFFFF_FFFFL;
        if (isNaN(b, true)) return b | 0x0040_0000;
        return Float.floatToRawIntBits((float) SseCvt.roundTo(value(b, true, mx), mode(imm, mx))) & 0xFFFF_FFFFL;
    }

    public static long roundps(long h, long imm, long mx) { return round32(h, imm, mx) | round32(h >>> 32, imm, mx) << 32; }

    static long roundFlags(long b, boolean f32, long imm, long mx) {
        if (isNaN(b, f32)) return isSNaN(b, f32) ? IE : 0;
        double x = value(b, f32, mx);
        return (imm & 8) == 0 && SseCvt.roundTo(x, mode(imm, mx)) != x ? PE : 0;
    }

    public static long round64Flags(long b, long imm, long mx) { return roundFlags(b, false, imm, mx); }

    public static long round32Flags(long b, long imm, long mx) { return roundFlags(b & 0xFFFF_FFFFL, true, imm, mx); }

    public static long roundpsFlags(long h, long imm, long mx) { return round32Flags(h, imm, mx) | round32Flags(h >>> 32, imm, mx); }
}

package org.jx86.vmm.sse;

/**
 * SSE2 operations whose result halves draw on both halves of their operands. Each has a
 * Lo and a Hi method taking (aLo, aHi, bLo, bHi[, imm]) — a is the destination's old
 * value, b the source — and returning that half of the result. Pure.
 */
public final class Shuffles {
    private Shuffles() {}

    private static long dw(long lo, long hi, long i) { return ((i & 2) == 0 ? lo : hi) >>> (32 * (i & 1)) & 0xFFFF_FFFFL; }

    private static long w(long v, long i) { return (v >>> (16 * (i & 3))) & 0xFFFF; }

    // ---- shuffles

    public static long pshufdLo(long aLo, long aHi, long bLo, long bHi, long imm) {
        return dw(bLo, bHi, imm) | dw(bLo, bHi, imm >>> 2) << 32;
    }

    public static long pshufdHi(long aLo, long aHi, long bLo, long bHi, long imm) {
        return dw(bLo, bHi, imm >>> 4) | dw(bLo, bHi, imm >>> 6) << 32;
    }

    private static long shufWords(long v, long imm) {
        return w(v, imm) | w(v, imm >>> 2) << 16 | w(v, imm >>> 4) << 32 | w(v, imm >>> 6) << 48;
    }

    public static long pshuflwLo(long aLo, long aHi, long bLo, long bHi, long imm) { return shufWords(bLo, imm); }
    public static long pshuflwHi(long aLo, long aHi, long bLo, long bHi, long imm) { return bHi; }
    public static long pshufhwLo(long aLo, long aHi, long bLo, long bHi, long imm) { return bLo; }
    public static long pshufhwHi(long aLo, long aHi, long bLo, long bHi, long imm) { return shufWords(bHi, imm); }

    public static long shufpsLo(long aLo, long aHi, long bLo, long bHi, long imm) {
        return dw(aLo, aHi, imm) | dw(aLo, aHi, imm >>> 2) << 32;
    }

    public static long shufpsHi(long aLo, long aHi, long bLo, long bHi, long imm) {
        return dw(bLo, bHi, imm >>> 4) | dw(bLo, bHi, imm >>> 6) << 32;
    }

    public static long shufpdLo(long aLo, long aHi, long bLo, long bHi, long imm) { return (imm & 1) == 0 ? aLo : aHi; }
    public static long shufpdHi(long aLo, long aHi, long bLo, long bHi, long imm) { return (imm & 2) == 0 ? bLo : bHi; }

    // ---- unpacks: interleave elements of the low (l) or high (h) halves of a and b

    private static long interleave(long a, long b, int bits, int from) {
        long r = 0;
        int n = 32 / bits;
        long m = (1L << bits) - 1;
        for (int i = 0; i < n; i++) {
            long x = (a >>> ((from + i) * bits)) & m, y = (b >>> ((from + i) * bits)) & m;
            r |= x << (2 * i * bits) | y << ((2 * i + 1) * bits);
        }
        return r;
    }

    public static long punpcklbwLo(long aLo, long aHi, long bLo, long bHi) { return interleave(aLo, bLo, 8, 0); }
    public static long punpcklbwHi(long aLo, long aHi, long bLo, long bHi) { return interleave(aLo, bLo, 8, 4); }
    public static long punpckhbwLo(long aLo, long aHi, long bLo, long bHi) { return interleave(aHi, bHi, 8, 0); }
    public static long punpckhbwHi(long aLo, long aHi, long bLo, long bHi) { return interleave(aHi, bHi, 8, 4); }
    public static long punpcklwdLo(long aLo, long aHi, long bLo, long bHi) { return interleave(aLo, bLo, 16, 0); }
    public static long punpcklwdHi(long aLo, long aHi, long bLo, long bHi) { return interleave(aLo, bLo, 16, 2); }
    public static long punpckhwdLo(long aLo, long aHi, long bLo, long bHi) { return interleave(aHi, bHi, 16, 0); }
    public static long punpckhwdHi(long aLo, long aHi, long bLo, long bHi) { return interleave(aHi, bHi, 16, 2); }
    public static long punpckldqLo(long aLo, long aHi, long bLo, long bHi) { return (aLo & 0xFFFF_FFFFL) | bLo << 32; }
    public static long punpckldqHi(long aLo, long aHi, long bLo, long bHi) { return (aLo >>> 32) | (bLo & ~0xFFFF_FFFFL); }
    public static long punpckhdqLo(long aLo, long aHi, long bLo, long bHi) { return (aHi & 0xFFFF_FFFFL) | bHi << 32; }
    public static long punpckhdqHi(long aLo, long aHi, long bLo, long bHi) { return (aHi >>> 32) | (bHi & ~0xFFFF_FFFFL); }
    public static long punpcklqdqLo(long aLo, long aHi, long bLo, long bHi) { return aLo; }
    public static long punpcklqdqHi(long aLo, long aHi, long bLo, long bHi) { return bLo; }
    public static long punpckhqdqLo(long aLo, long aHi, long bLo, long bHi) { return aHi; }
    public static long punpckhqdqHi(long aLo, long aHi, long bLo, long bHi) { return bHi; }
    public static long unpcklpsLo(long aLo, long aHi, long bLo, long bHi) { return punpckldqLo(aLo, aHi, bLo, bHi); }
    public static long unpcklpsHi(long aLo, long aHi, long bLo, long bHi) { return punpckldqHi(aLo, aHi, bLo, bHi); }
    public static long unpckhpsLo(long aLo, long aHi, long bLo, long bHi) { return punpckhdqLo(aLo, aHi, bLo, bHi); }
    public static long unpckhpsHi(long aLo, long aHi, long bLo, long bHi) { return punpckhdqHi(aLo, aHi, bLo, bHi); }
    public static long unpcklpdLo(long aLo, long aHi, long bLo, long bHi) { return aLo; }
    public static long unpcklpdHi(long aLo, long aHi, long bLo, long bHi) { return bLo; }
    public static long unpckhpdLo(long aLo, long aHi, long bLo, long bHi) { return aHi; }
    public static long unpckhpdHi(long aLo, long aHi, long bLo, long bHi) { return bHi; }

    // ---- packs with saturation: a's elements fill the low half, b's the high half

    private static long pack(long lo, long hi, int from, boolean signedOut) {
        int to = from / 2;
        long min = signedOut ? -(1L << (to - 1)) : 0, max = signedOut ? (1L << (to - 1)) - 1 : (1L << to) - 1;
        long r = 0;
        int n = 64 / from;
        for (int i = 0; i < 2 * n; i++) {
            long src = i < n ? lo : hi;
            int k = i % n;
            long v = (src << (64 - (k + 1) * from)) >> (64 - from);
            r |= (Math.max(min, Math.min(max, v)) & ((1L << to) - 1)) << (i * to);
        }
        return r;
    }

    public static long packsswbLo(long aLo, long aHi, long bLo, long bHi) { return pack(aLo, aHi, 16, true); }
    public static long packsswbHi(long aLo, long aHi, long bLo, long bHi) { return pack(bLo, bHi, 16, true); }
    public static long packuswbLo(long aLo, long aHi, long bLo, long bHi) { return pack(aLo, aHi, 16, false); }
    public static long packuswbHi(long aLo, long aHi, long bLo, long bHi) { return pack(bLo, bHi, 16, false); }
    public static long packssdwLo(long aLo, long aHi, long bLo, long bHi) { return pack(aLo, aHi, 32, true); }
    public static long packssdwHi(long aLo, long aHi, long bLo, long bHi) { return pack(bLo, bHi, 32, true); }

    // ---- whole-register byte shifts

    public static long pslldqLo(long lo, long hi, long n) {
        if (n > 15) return 0;
        return n >= 8 ? 0 : lo << (8 * n);
    }

    public static long pslldqHi(long lo, long hi, long n) {
        if (n > 15) return 0;
        if (n >= 8) return lo << (8 * (n - 8));
        return n == 0 ? hi : (hi << (8 * n)) | (lo >>> (64 - 8 * n));
    }

    public static long psrldqLo(long lo, long hi, long n) {
        if (n > 15) return 0;
        if (n >= 8) return hi >>> (8 * (n - 8));
        return n == 0 ? lo : (lo >>> (8 * n)) | (hi << (64 - 8 * n));
    }

    public static long psrldqHi(long lo, long hi, long n) {
        if (n > 15) return 0;
        return n >= 8 ? 0 : hi >>> (8 * n);
    }

    // ---- packed conversions (source b)

    public static long cvtdq2pdLo(long aLo, long aHi, long bLo, long bHi) { return d((int) bLo); }
    public static long cvtdq2pdHi(long aLo, long aHi, long bLo, long bHi) { return d((int) (bLo >>> 32)); }
    public static long cvtps2pdLo(long aLo, long aHi, long bLo, long bHi) { return Scalar.cvtss2sd(bLo & 0xFFFF_FFFFL); }
    public static long cvtps2pdHi(long aLo, long aHi, long bLo, long bHi) { return Scalar.cvtss2sd(bLo >>> 32); }

    public static long cvtpd2psLo(long aLo, long aHi, long bLo, long bHi) {
        return Scalar.cvtsd2ss(bLo) | Scalar.cvtsd2ss(bHi) << 32;
    }

    public static long cvtpd2psHi(long aLo, long aHi, long bLo, long bHi) { return 0; }

    public static long cvttpd2dqLo(long aLo, long aHi, long bLo, long bHi) {
        return (Scalar.cvttsd2si32(bLo, 0) & 0xFFFF_FFFFL) | Scalar.cvttsd2si32(bHi, 0) << 32;
    }

    public static long cvttpd2dqHi(long aLo, long aHi, long bLo, long bHi) { return 0; }

    /** CVTPD2DQ rounds to nearest even (MXCSR's default mode). */
    public static long cvtpd2dqLo(long aLo, long aHi, long bLo, long bHi) {
        return (Scalar.cvtsd2si32(bLo, 0x1F80) & 0xFFFF_FFFFL) | Scalar.cvtsd2si32(bHi, 0x1F80) << 32;
    }

    public static long cvtpd2dqHi(long aLo, long aHi, long bLo, long bHi) { return 0; }

    private static long d(int v) { return Double.doubleToRawLongBits(v); }
}

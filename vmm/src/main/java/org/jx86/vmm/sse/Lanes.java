package org.jx86.vmm.sse;

/**
 * SSE2 integer operations that are lane-wise within a 64-bit half of an XMM register:
 * the translator applies each method to the low and to the high half. Pure.
 * Lanes: b = 8 bytes, w = 4 words, d = 2 dwords, q = 1 qword per half.
 */
public final class Lanes {
    private Lanes() {}

    private static final long B_LO = 0x0101_0101_0101_0101L, B_HI = 0x8080_8080_8080_8080L;

    // ---- generic lane helpers (lane width in bits)

    private static long lane(long v, int i, int bits) { return (v >>> (i * bits)) & ((1L << bits) - 1); }

    private static long slane(long v, int i, int bits) { return (v << (64 - (i + 1) * bits)) >> (64 - bits); }

    private static long put(long r, int i, int bits, long x) { return r | ((x & ((1L << bits) - 1)) << (i * bits)); }

    // ---- add / sub (SWAR: carries do not cross lanes)

    public static long paddb(long a, long b) { return ((a & ~B_HI) + (b & ~B_HI)) ^ ((a ^ b) & B_HI); }
    public static long paddw(long a, long b) {
        long h = 0x8000_8000_8000_8000L;
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }
    public static long paddd(long a, long b) {
        long h = 0x8000_0000_8000_0000L;
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }
    public static long paddq(long a, long b) { return a + b; }
    public static long psubb(long a, long b) { return ((a | B_HI) - (b & ~B_HI)) ^ ((a ^ ~b) & B_HI); }
    public static long psubw(long a, long b) {
        long h = 0x8000_8000_8000_8000L;
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }
    public static long psubd(long a, long b) {
        long h = 0x8000_0000_8000_0000L;
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }
    public static long psubq(long a, long b) { return a - b; }

    // ---- saturating add / sub

    private static long sat(long a, long b, int bits, boolean signed, boolean sub) {
        long r = 0;
        long min = signed ? -(1L << (bits - 1)) : 0, max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        for (int i = 0; i < 64 / bits; i++) {
            long x = signed ? slane(a, i, bits) : lane(a, i, bits);
            long y = signed ? slane(b, i, bits) : lane(b, i, bits);
            long v = sub ? x - y : x + y;
            r = put(r, i, bits, Math.max(min, Math.min(max, v)));
        }
        return r;
    }

    public static long paddsb(long a, long b) { return sat(a, b, 8, true, false); }
    public static long paddsw(long a, long b) { return sat(a, b, 16, true, false); }
    public static long paddusb(long a, long b) { return sat(a, b, 8, false, false); }
    public static long paddusw(long a, long b) { return sat(a, b, 16, false, false); }
    public static long psubsb(long a, long b) { return sat(a, b, 8, true, true); }
    public static long psubsw(long a, long b) { return sat(a, b, 16, true, true); }
    public static long psubusb(long a, long b) { return sat(a, b, 8, false, true); }
    public static long psubusw(long a, long b) { return sat(a, b, 16, false, true); }

    // ---- compares (all-ones lanes where true)

    /** Each byte of the result is 0x80 where the byte of x is zero (SWAR zero-byte test, exact). */
    private static long zeroBytesHigh(long x) { return ~(((x & ~B_HI) + ~B_HI) | x | ~B_HI); }

    public static long pcmpeqb(long a, long b) { return (zeroBytesHigh(a ^ b) >>> 7) * 0xFF; }
    public static long pcmpeqw(long a, long b) { return cmp(a, b, 16, 0); }
    public static long pcmpeqd(long a, long b) { return cmp(a, b, 32, 0); }
    public static long pcmpeqq(long a, long b) { return a == b ? -1L : 0; }
    public static long pcmpgtb(long a, long b) { return cmp(a, b, 8, 1); }
    public static long pcmpgtw(long a, long b) { return cmp(a, b, 16, 1); }
    public static long pcmpgtd(long a, long b) { return cmp(a, b, 32, 1); }
    public static long pcmpgtq(long a, long b) { return a > b ? -1L : 0; }

    private static long cmp(long a, long b, int bits, int kind) {
        long r = 0;
        for (int i = 0; i < 64 / bits; i++) {
            boolean t = kind == 0 ? lane(a, i, bits) == lane(b, i, bits) : slane(a, i, bits) > slane(b, i, bits);
            if (t) r = put(r, i, bits, -1);
        }
        return r;
    }

    // ---- min / max / average

    private static long minmax(long a, long b, int bits, boolean signed, boolean max) {
        long r = 0;
        for (int i = 0; i < 64 / bits; i++) {
            long x = signed ? slane(a, i, bits) : lane(a, i, bits);
            long y = signed ? slane(b, i, bits) : lane(b, i, bits);
            r = put(r, i, bits, max ? Math.max(x, y) : Math.min(x, y));
        }
        return r;
    }

    public static long pminub(long a, long b) { return minmax(a, b, 8, false, false); }
    public static long pmaxub(long a, long b) { return minmax(a, b, 8, false, true); }
    public static long pminsw(long a, long b) { return minmax(a, b, 16, true, false); }
    public static long pmaxsw(long a, long b) { return minmax(a, b, 16, true, true); }

    public static long pavgb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = put(r, i, 8, (lane(a, i, 8) + lane(b, i, 8) + 1) >>> 1);
        return r;
    }

    public static long pavgw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = put(r, i, 16, (lane(a, i, 16) + lane(b, i, 16) + 1) >>> 1);
        return r;
    }

    // ---- multiplies

    public static long pmullw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = put(r, i, 16, lane(a, i, 16) * lane(b, i, 16));
        return r;
    }

    public static long pmulhw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = put(r, i, 16, (slane(a, i, 16) * slane(b, i, 16)) >> 16);
        return r;
    }

    public static long pmulhuw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r = put(r, i, 16, (lane(a, i, 16) * lane(b, i, 16)) >>> 16);
        return r;
    }

    public static long pmuludq(long a, long b) { return (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL); }

    public static long pmaddwd(long a, long b) {
        long lo = slane(a, 0, 16) * slane(b, 0, 16) + slane(a, 1, 16) * slane(b, 1, 16);
        long hi = slane(a, 2, 16) * slane(b, 2, 16) + slane(a, 3, 16) * slane(b, 3, 16);
        return (lo & 0xFFFF_FFFFL) | (hi << 32);
    }

    public static long psadbw(long a, long b) {
        long s = 0;
        for (int i = 0; i < 8; i++) s += Math.abs(lane(a, i, 8) - lane(b, i, 8));
        return s;
    }

    // ---- shifts by a count (the count is the full 64-bit value: any count >= width clears)

    private static long shift(long a, long n, int bits, int kind) {
        if (Long.compareUnsigned(n, bits) >= 0) {
            if (kind != 2) return 0;
            n = bits - 1;
        }
        long r = 0;
        for (int i = 0; i < 64 / bits; i++) {
            long x = switch (kind) {
                case 0 -> lane(a, i, bits) << n;
                case 1 -> lane(a, i, bits) >>> n;
                default -> slane(a, i, bits) >> n;
            };
            r = put(r, i, bits, x);
        }
        return r;
    }

    public static long psllw(long a, long n) { return shift(a, n, 16, 0); }
    public static long pslld(long a, long n) { return shift(a, n, 32, 0); }
    public static long psllq(long a, long n) { return Long.compareUnsigned(n, 64) >= 0 ? 0 : a << n; }
    public static long psrlw(long a, long n) { return shift(a, n, 16, 1); }
    public static long psrld(long a, long n) { return shift(a, n, 32, 1); }
    public static long psrlq(long a, long n) { return Long.compareUnsigned(n, 64) >= 0 ? 0 : a >>> n; }
    public static long psraw(long a, long n) { return shift(a, n, 16, 2); }
    public static long psrad(long a, long n) { return shift(a, n, 32, 2); }

    // ---- masks

    /** PMOVMSKB of one half: the top bit of each byte, in bits 0..7. */
    public static long pmovmskb(long a) {
        return ((a & B_HI) * 0x0002_0408_1020_4081L) >>> 56;
    }

    public static long movmskps(long a) { return ((a >>> 31) & 1) | ((a >>> 62) & 2); }
    public static long movmskpd(long a) { return a >>> 63; }
}

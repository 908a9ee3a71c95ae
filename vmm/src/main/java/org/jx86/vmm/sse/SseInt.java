package org.jx86.vmm.sse;

/**
 * Packed-integer SSE/SSSE3/SSE4.1 operations that work lane by lane inside one 64-bit half.
 * An XMM operation is the method applied to the low halves and to the high halves; the MMX
 * form is the method applied to the 64-bit registers. Every method is pure ({@code long}s
 * in, a {@code long} out) and small, so HotSpot inlines it.
 *
 * <pre>
 *  paddb(a, b)          8 byte lanes of a + b, wrapping
 *  psllw(a, count)      count is the full 64-bit count operand (imm8 or the low quadword of
 *                       the XMM/m128 operand); counts &gt;= the lane width give 0 (psra*: sign fill)
 *  pmovmskb(h)          the 8 sign bits of one half; the caller combines lo | hi &lt;&lt; 8
 *  psadbw(a, b)         sum of |a - b| over the 8 bytes, in the low 16 bits
 *  pmuludq / pmuldq     the low dwords of each half, full 64-bit product
 *  phaddw(x, y)         [x0+x1, x2+x3, y0+y1, y2+y3]: for XMM, lo = phaddw(a.lo, a.hi) and
 *                       hi = phaddw(b.lo, b.hi); for MMX, phaddw(a, b). Same for phsub*, phadds*.
 * </pre>
 */
public final class SseInt {
    private SseInt() {}

    private static final long H8 = 0x8080_8080_8080_8080L, L7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long H16 = 0x8000_8000_8000_8000L, L15 = 0x7FFF_7FFF_7FFF_7FFFL;
    private static final long H32 = 0x8000_0000_8000_0000L, L31 = 0x7FFF_FFFF_7FFF_FFFFL;

    // ---- wrapping add/sub (SWAR)

    public static long paddb(long a, long b) { return ((a & L7) + (b & L7)) ^ ((a ^ b) & H8); }

    public static long paddw(long a, long b) { return ((a & L15) + (b & L15)) ^ ((a ^ b) & H16); }

    public static long paddd(long a, long b) { return ((a & L31) + (b & L31)) ^ ((a ^ b) & H32); }

    public static long paddq(long a, long b) { return a + b; }

    public static long psubb(long a, long b) { return ((a | H8) - (b & L7)) ^ ((a ^ ~b) & H8); }

    public static long psubw(long a, long b) { return ((a | H16) - (b & L15)) ^ ((a ^ ~b) & H16); }

    public static long psubd(long a, long b) { return ((a | H32) - (b & L31)) ^ ((a ^ ~b) & H32); }

    public static long psubq(long a, long b) { return a - b; }

    // ---- saturating add/sub

    public static long paddsb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (satS8((byte) (a >>> i) + (byte) (b >>> i)) & 0xFFL) << i;
        return r;
    }

    public static long psubsb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (satS8((byte) (a >>> i) - (byte) (b >>> i)) & 0xFFL) << i;
        return r;
    }

    public static long paddusb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (long) Math.min(255, (int) (a >>> i & 0xFF) + (int) (b >>> i & 0xFF)) << i;
        return r;
    }

    public static long psubusb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (long) Math.max(0, (int) (a >>> i & 0xFF) - (int) (b >>> i & 0xFF)) << i;
        return r;
    }

    public static long paddsw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (satS16((short) (a >>> i) + (short) (b >>> i)) & 0xFFFFL) << i;
        return r;
    }

    public static long psubsw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (satS16((short) (a >>> i) - (short) (b >>> i)) & 0xFFFFL) << i;
        return r;
    }

    public static long paddusw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) Math.min(0xFFFF, (int) (a >>> i & 0xFFFF) + (int) (b >>> i & 0xFFFF)) << i;
        return r;
    }

    public static long psubusw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) Math.max(0, (int) (a >>> i & 0xFFFF) - (int) (b >>> i & 0xFFFF)) << i;
        return r;
    }

    static int satS8(int v) { return Math.max(-128, Math.min(127, v)); }

    static int satS16(int v) { return Math.max(-32768, Math.min(32767, v)); }

    static int satU8(int v) { return Math.max(0, Math.min(255, v)); }

    static int satU16(int v) { return Math.max(0, Math.min(0xFFFF, v)); }

    // ---- logic

    public static long pand(long a, long b) { return a & b; }

    public static long pandn(long a, long b) { return ~a & b; }

    public static long por(long a, long b) { return a | b; }

    public static long pxor(long a, long b) { return a ^ b; }

    // ---- compares

    // Branch-free (SWAR): these are the inner loop of glibc's SSE2 string functions.
    public static long pcmpeqb(long a, long b) {
        long x = a ^ b;
        long zero = ~(((x & L7) + L7) | x | L7);   // 0x80 in each byte of x that is zero
        return (zero >>> 7) * 0xFF;
    }

    public static long pcmpeqw(long a, long b) {
        long x = a ^ b;
        long zero = ~(((x & L15) + L15) | x | L15);
        return (zero >>> 15) * 0xFFFF;
    }

    public static long pcmpeqd(long a, long b) {
        long r = 0;
        if ((int) (a ^ b) == 0) r |= 0xFFFF_FFFFL;
        if ((a ^ b) >>> 32 == 0) r |= 0xFFFF_FFFF_0000_0000L;
        return r;
    }

    public static long pcmpeqq(long a, long b) { return a == b ? -1L : 0; }

    public static long pcmpgtb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) if ((byte) (a >>> i) > (byte) (b >>> i)) r |= 0xFFL << i;
        return r;
    }

    public static long pcmpgtw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) if ((short) (a >>> i) > (short) (b >>> i)) r |= 0xFFFFL << i;
        return r;
    }

    public static long pcmpgtd(long a, long b) {
        long r = 0;
        if ((int) a > (int) b) r |= 0xFFFF_FFFFL;
        if ((int) (a >>> 32) > (int) (b >>> 32)) r |= 0xFFFF_FFFF_0000_0000L;
        return r;
    }

    public static long pcmpgtq(long a, long b) { return a > b ? -1L : 0; }

    // ---- min/max/avg/abs/sign

    public static long pminub(long a, long b) { return b ^ ((a ^ b) & ltu8(a, b)); }

    public static long pmaxub(long a, long b) { return a ^ ((a ^ b) & ltu8(a, b)); }

    /** 0xFF in each byte where a's byte is below b's, unsigned: the borrow out of a - b, lane-wise. */
    private static long ltu8(long a, long b) {
        long diff = ((a | H8) - (b & L7)) ^ ((a ^ ~b) & H8);
        long borrow = (~a & b) | (~(a ^ b) & diff);
        return ((borrow & H8) >>> 7) * 0xFF;
    }

    public static long pminsb(long a, long b) { return lanes8(a, b, 2); }

    public static long pmaxsb(long a, long b) { return lanes8(a, b, 3); }

    public static long pavgb(long a, long b) { return lanes8(a, b, 4); }

    private static long lanes8(long a, long b, int op) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int x = (int) (a >>> i) & 0xFF, y = (int) (b >>> i) & 0xFF;
            int v = switch (op) {
                case 0 -> Math.min(x, y);
                case 1 -> Math.max(x, y);
                case 2 -> Math.min((byte) x, (byte) y);
                case 3 -> Math.max((byte) x, (byte) y);
                default -> (x + y + 1) >> 1;
            };
            r |= (v & 0xFFL) << i;
        }
        return r;
    }

    public static long pminsw(long a, long b) { return lanes16(a, b, 0); }

    public static long pmaxsw(long a, long b) { return lanes16(a, b, 1); }

    public static long pminuw(long a, long b) { return lanes16(a, b, 2); }

    public static long pmaxuw(long a, long b) { return lanes16(a, b, 3); }

    public static long pavgw(long a, long b) { return lanes16(a, b, 4); }

    public static long pmullw(long a, long b) { return lanes16(a, b, 5); }

    public static long pmulhw(long a, long b) { return lanes16(a, b, 6); }

    public static long pmulhuw(long a, long b) { return lanes16(a, b, 7); }

    /** SSSE3 PMULHRSW: (a * b + 0x4000) &gt;&gt; 15, per signed word. */
    public static long pmulhrsw(long a, long b) { return lanes16(a, b, 8); }

    private static long lanes16(long a, long b, int op) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int x = (int) (a >>> i) & 0xFFFF, y = (int) (b >>> i) & 0xFFFF;
            int v = switch (op) {
                case 0 -> Math.min((short) x, (short) y);
                case 1 -> Math.max((short) x, (short) y);
                case 2 -> Math.min(x, y);
                case 3 -> Math.max(x, y);
                case 4 -> (x + y + 1) >> 1;
                case 5 -> x * y;
                case 6 -> ((short) x * (short) y) >> 16;
                case 7 -> (x * y) >>> 16;
                default -> (((short) x * (short) y >> 14) + 1) >> 1;
            };
            r |= (v & 0xFFFFL) << i;
        }
        return r;
    }

    public static long pminsd(long a, long b) { return lanes32(a, b, 0); }

    public static long pmaxsd(long a, long b) { return lanes32(a, b, 1); }

    public static long pminud(long a, long b) { return lanes32(a, b, 2); }

    public static long pmaxud(long a, long b) { return lanes32(a, b, 3); }

    public static long pmulld(long a, long b) { return lanes32(a, b, 4); }

    private static long lanes32(long a, long b, int op) {
        long r = 0;
        for (int i = 0; i < 64; i += 32) {
            int x = (int) (a >>> i), y = (int) (b >>> i);
            int v = switch (op) {
                case 0 -> Math.min(x, y);
                case 1 -> Math.max(x, y);
                case 2 -> Integer.compareUnsigned(x, y) <= 0 ? x : y;
                case 3 -> Integer.compareUnsigned(x, y) >= 0 ? x : y;
                default -> x * y;
            };
            r |= (v & 0xFFFF_FFFFL) << i;
        }
        return r;
    }

    /** PMULUDQ: unsigned low dword of a times low dword of b. */
    public static long pmuludq(long a, long b) { return (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL); }

    /** SSE4.1 PMULDQ: signed low dwords. */
    public static long pmuldq(long a, long b) { return (long) (int) a * (int) b; }

    /** PMADDWD: [a0*b0 + a1*b1, a2*b2 + a3*b3] as dwords (0x8000 * 0x8000 * 2 wraps to 0x80000000). */
    public static long pmaddwd(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 32) {
            int s = (short) (a >>> i) * (short) (b >>> i) + (short) (a >>> (i + 16)) * (short) (b >>> (i + 16));
            r |= (s & 0xFFFF_FFFFL) << i;
        }
        return r;
    }

    /** SSSE3 PMADDUBSW: unsigned bytes of a times signed bytes of b, pairs added with signed saturation. */
    public static long pmaddubsw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int s = ((int) (a >>> i) & 0xFF) * (byte) (b >>> i) + ((int) (a >>> (i + 8)) & 0xFF) * (byte) (b >>> (i + 8));
            r |= (satS16(s) & 0xFFFFL) << i;
        }
        return r;
    }

    /** PSADBW: sum of absolute byte differences, zero-extended. */
    public static long psadbw(long a, long b) {
        long s = 0;
        for (int i = 0; i < 64; i += 8) s += Math.abs((int) (a >>> i & 0xFF) - (int) (b >>> i & 0xFF));
        return s;
    }

    public static long pabsb(long a) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (Math.abs((byte) (a >>> i)) & 0xFFL) << i;
        return r;
    }

    public static long pabsw(long a) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (Math.abs((short) (a >>> i)) & 0xFFFFL) << i;
        return r;
    }

    public static long pabsd(long a) {
        return (Math.abs((int) a) & 0xFFFF_FFFFL) | (long) Math.abs((int) (a >>> 32)) << 32;
    }

    /** SSSE3 PSIGNB: a negated, kept or zeroed by the sign of b. */
    public static long psignb(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int x = (byte) (a >>> i), y = (byte) (b >>> i);
            r |= ((y < 0 ? -x : y == 0 ? 0 : x) & 0xFFL) << i;
        }
        return r;
    }

    public static long psignw(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int x = (short) (a >>> i), y = (short) (b >>> i);
            r |= ((y < 0 ? -x : y == 0 ? 0 : x) & 0xFFFFL) << i;
        }
        return r;
    }

    public static long psignd(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 32) {
            int x = (int) (a >>> i), y = (int) (b >>> i);
            r |= ((y < 0 ? -x : y == 0 ? 0 : x) & 0xFFFF_FFFFL) << i;
        }
        return r;
    }

    // ---- horizontal (SSSE3): result half = [x pairs, y pairs]

    public static long phaddw(long x, long y) { return hw(x, y, 0); }

    public static long phsubw(long x, long y) { return hw(x, y, 1); }

    public static long phaddsw(long x, long y) { return hw(x, y, 2); }

    public static long phsubsw(long x, long y) { return hw(x, y, 3); }

    private static long hw(long x, long y, int op) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            long s = k < 2 ? x : y;
            int j = (k & 1) * 32;
            int p = (short) (s >>> j), q = (short) (s >>> (j + 16));
            int v = switch (op) {
                case 0 -> p + q;
                case 1 -> p - q;
                case 2 -> satS16(p + q);
                default -> satS16(p - q);
            };
            r |= (v & 0xFFFFL) << (16 * k);
        }
        return r;
    }

    public static long phaddd(long x, long y) {
        return ((int) x + (int) (x >>> 32) & 0xFFFF_FFFFL) | (long) ((int) y + (int) (y >>> 32)) << 32;
    }

    public static long phsubd(long x, long y) {
        return ((int) x - (int) (x >>> 32) & 0xFFFF_FFFFL) | (long) ((int) y - (int) (y >>> 32)) << 32;
    }

    // ---- shifts by a count (imm8 or the low 64 bits of a register/memory operand)

    public static long psllw(long a, long count) {
        if (Long.compareUnsigned(count, 15) > 0) return 0;
        int n = (int) count;
        return (a << n) & ((0xFFFFL << n) & 0xFFFF) * 0x0001_0001_0001_0001L;
    }

    public static long psrlw(long a, long count) {
        if (Long.compareUnsigned(count, 15) > 0) return 0;
        int n = (int) count;
        return (a >>> n) & (0xFFFFL >>> n) * 0x0001_0001_0001_0001L;
    }

    public static long psraw(long a, long count) {
        int n = Long.compareUnsigned(count, 15) > 0 ? 15 : (int) count;
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (((short) (a >>> i) >> n) & 0xFFFFL) << i;
        return r;
    }

    public static long pslld(long a, long count) {
        if (Long.compareUnsigned(count, 31) > 0) return 0;
        int n = (int) count;
        return (a << n) & ((0xFFFF_FFFFL << n) & 0xFFFF_FFFFL) * 0x0000_0001_0000_0001L;
    }

    public static long psrld(long a, long count) {
        if (Long.compareUnsigned(count, 31) > 0) return 0;
        int n = (int) count;
        return (a >>> n) & (0xFFFF_FFFFL >>> n) * 0x0000_0001_0000_0001L;
    }

    public static long psrad(long a, long count) {
        int n = Long.compareUnsigned(count, 31) > 0 ? 31 : (int) count;
        return (((int) a >> n) & 0xFFFF_FFFFL) | (long) ((int) (a >>> 32) >> n) << 32;
    }

    public static long psllq(long a, long count) { return Long.compareUnsigned(count, 63) > 0 ? 0 : a << count; }

    public static long psrlq(long a, long count) { return Long.compareUnsigned(count, 63) > 0 ? 0 : a >>> count; }

    // ---- masks

    /** PMOVMSKB of one half: bit i = sign of byte i. */
    public static long pmovmskb(long h) {
        return ((h & H8) >>> 7) * 0x0102_0408_1020_4080L >>> 56;
    }
}

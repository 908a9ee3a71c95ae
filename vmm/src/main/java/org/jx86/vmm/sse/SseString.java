package org.jx86.vmm.sse;

/**
 * SSE4.2 PCMPESTRI, PCMPESTRM, PCMPISTRI, PCMPISTRM: every imm8 mode.
 *
 * <pre>
 *  imm[1:0]  source format: 0 unsigned bytes, 1 unsigned words, 2 signed bytes, 3 signed words
 *  imm[3:2]  aggregation:   0 equal any, 1 ranges, 2 equal each, 3 equal ordered
 *  imm[5:4]  polarity:      0 positive, 1 negative, 2 masked positive, 3 masked negative
 *  imm[6]    ...I: 0 least significant index, 1 most significant; ...M: 0 bit mask, 1 element mask
 * </pre>
 *
 * <p>a is the first operand (xmm1), b the second (xmm2/m128). The explicit-length forms take
 * RAX and RDX as {@code lenA} and {@code lenB}, sign-extended from EAX/EDX without REX.W;
 * their absolute values saturate to 16 (8 for words). The I forms return the index for ECX
 * (16 or 8 when no bit is set); the M forms return the halves of the XMM0 result; the flags
 * (identical for I and M) come as an RFLAGS image: CF = result != 0, ZF = b shorter than the
 * register, SF = a shorter than the register, OF = result bit 0; AF and PF are cleared.
 * imm[7] is reserved; the host CPU ignores it (checked by the instruction differential test
 * with imm 0x8d), and so does this class.
 *
 * <p>The lifter calls {@link #pcmpestr} or {@link #pcmpistr} once and takes ECX, XMM0 and the
 * flags from the packed result with {@link #strIndex}, {@link #strMaskLo}, {@link #strMaskHi}
 * and {@link #strFlags}.
 */
public final class SseString {
    private SseString() {}

    private static int count(long imm) { return (imm & 1) != 0 ? 8 : 16; }

    private static int element(long lo, long hi, int i, long imm) {
        boolean words = (imm & 1) != 0, signed = (imm & 2) != 0;
        int width = words ? 16 : 8;
        int per = 64 / width;
        long h = i < per ? lo : hi;
        long v = h >>> (width * (i % per));
        if (words) return signed ? (short) v : (int) v & 0xFFFF;
        return signed ? (byte) v : (int) v & 0xFF;
    }

    private static int implicitLength(long lo, long hi, long imm) {
        boolean words = (imm & 1) != 0;
        int zeros = zeroMask(lo, words) | zeroMask(hi, words) << (words ? 4 : 8);
        return zeros == 0 ? count(imm) : Integer.numberOfTrailingZeros(zeros);
    }

    private static int explicitLength(long v, long imm) {
        int n = count(imm);
        if (v == Long.MIN_VALUE) return n;
        return (int) Math.min(n, Math.abs(v));
    }

    // ---- element equality, eight bytes or four words at a time (SWAR)

    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL, LOW15 = 0x7FFF_7FFF_7FFF_7FFFL;

    /** Bit k set where element k of the half x is zero: 8 bits for bytes, 4 for words. */
    private static int zeroMask(long x, boolean words) {
        long l = words ? LOW15 : LOW7;
        long z = ~(((x & l) + l) | x | l);              // the top bit of each zero element, exactly
        if (words) return (int) ((z >>> 15 & 1) | (z >>> 30 & 2) | (z >>> 45 & 4) | (z >>> 60 & 8));
        long m = z >>> 7;                               // bits at 8k: gather them into bits k
        m |= m >>> 7;
        m |= m >>> 14;
        m |= m >>> 28;
        return (int) m & 0xFF;
    }

    /** Bit j set where element j of b equals element i of a (bit patterns: signedness does not matter). */
    private static int matches(long aLo, long aHi, long bLo, long bHi, int i, boolean words) {
        int per = words ? 4 : 8, width = words ? 16 : 8;
        long e = (i < per ? aLo : aHi) >>> (width * (i % per));
        long all = words ? (e & 0xFFFF) * 0x0001_0001_0001_0001L : (e & 0xFF) * 0x0101_0101_0101_0101L;
        return zeroMask(bLo ^ all, words) | zeroMask(bHi ^ all, words) << per;
    }

    /** IntRes2 of the SDM, for resolved lengths. */
    static int result(long aLo, long aHi, long bLo, long bHi, int la, int lb, long imm) {
        int n = count(imm);
        boolean words = (imm & 1) != 0;
        int all = (1 << n) - 1, validA = (1 << la) - 1, validB = (1 << lb) - 1;
        int res1;
        switch ((int) (imm >> 2) & 3) {
            case 0 -> {                                   // equal any: b[j] is one of a's elements
                res1 = 0;
                for (int i = 0; i < la; i++) res1 |= matches(aLo, aHi, bLo, bHi, i, words);
                res1 &= validB;
            }
            case 1 -> res1 = ranges(aLo, aHi, bLo, bHi, la, lb, imm);
            case 2 -> {                                   // equal each; two invalid elements match
                int per = words ? 4 : 8;
                int same = zeroMask(aLo ^ bLo, words) | zeroMask(aHi ^ bHi, words) << per;
                res1 = (same & validA & validB) | (all & ~validA & ~validB);
            }
            default -> {                                  // equal ordered: a occurs at b[j]
                // a[i] must equal a valid b[j + i] where j + i is inside the register; an a
                // running past the register's end still matches, an empty a matches everywhere
                res1 = all;
                for (int i = 0; i < la; i++) {
                    res1 &= ((matches(aLo, aHi, bLo, bHi, i, words) & validB) >>> i) | (all & -(1 << (n - i)));
                }
            }
        }
        return switch ((int) (imm >> 4) & 3) {
            case 1 -> ~res1 & all;
            case 3 -> (res1 ^ validB) & all;
            default -> res1;
        };
    }

    /** Ranges: b[j] lies in one of the [a[2k], a[2k+1]] pairs, compared signed or unsigned. */
    private static int ranges(long aLo, long aHi, long bLo, long bHi, int la, int lb, long imm) {
        int res1 = 0;
        for (int j = 0; j < lb; j++) {
            int y = element(bLo, bHi, j, imm);
            for (int i = 0; i + 1 < la; i += 2) {
                if (element(aLo, aHi, i, imm) <= y && y <= element(aLo, aHi, i + 1, imm)) {
                    res1 |= 1 << j;
                    break;
                }
            }
        }
        return res1;
    }

    // ---- the packed comparison: one expensive call, then cheap extractors

    /**
     * The comparison result packed for the extractors below, so an instruction computes
     * IntRes2 once:
     * <pre>
     *  63          32 31   24 23   16 15            0
     * |      0       |  lenB |  lenA |    IntRes2    |
     * </pre>
     * lenA and lenB are the resolved (saturated or implicit) lengths.
     */
    private static long pack(long aLo, long aHi, long bLo, long bHi, int la, int lb, long imm) {
        return result(aLo, aHi, bLo, bHi, la, lb, imm) | (long) la << 16 | (long) lb << 24;
    }

    /** PCMPESTRx: lenA and lenB are RAX and RDX (REX.W) or EAX and EDX sign-extended. */
    public static long pcmpestr(long aLo, long aHi, long bLo, long bHi, long lenA, long lenB, long imm) {
        return pack(aLo, aHi, bLo, bHi, explicitLength(lenA, imm), explicitLength(lenB, imm), imm);
    }

    /** PCMPISTRx: each length is the index of the operand's first zero element. */
    public static long pcmpistr(long aLo, long aHi, long bLo, long bHi, long imm) {
        return pack(aLo, aHi, bLo, bHi, implicitLength(aLo, aHi, imm), implicitLength(bLo, bHi, imm), imm);
    }

    /** The ...I result for ECX: the least or most significant set bit of IntRes2, else 16 (8 for words). */
    public static long strIndex(long packed, long imm) {
        int res = (int) packed & 0xFFFF;
        if (res == 0) return count(imm);
        return (imm & 0x40) != 0 ? 31 - Integer.numberOfLeadingZeros(res) : Integer.numberOfTrailingZeros(res);
    }

    /** The RFLAGS image: CF = IntRes2 != 0, ZF = lenB short, SF = lenA short, OF = IntRes2 bit 0; AF = PF = 0. */
    public static long strFlags(long packed, long imm) {
        int n = count(imm);
        int res = (int) packed & 0xFFFF, la = (int) (packed >>> 16) & 0xFF, lb = (int) (packed >>> 24) & 0xFF;
        return (res != 0 ? 0x01 : 0) | (lb < n ? 0x40 : 0) | (la < n ? 0x80 : 0) | ((res & 1) != 0 ? 0x800 : 0);
    }

    /** The ...M result for XMM0, low half: IntRes2 zero-extended (imm[6] = 0) or expanded to an element mask. */
    public static long strMaskLo(long packed, long imm) { return mask((int) packed & 0xFFFF, imm, 0); }

    /** The ...M result for XMM0, high half. */
    public static long strMaskHi(long packed, long imm) { return mask((int) packed & 0xFFFF, imm, 1); }

    private static long mask(int res, long imm, int half) {
        if ((imm & 0x40) == 0) return half == 0 ? res : 0;
        boolean words = (imm & 1) != 0;
        int per = words ? 4 : 8, width = words ? 16 : 8;
        long r = 0, ones = words ? 0xFFFFL : 0xFFL;
        for (int k = 0; k < per; k++) if ((res >> (half * per + k) & 1) != 0) r |= ones << (width * k);
        return r;
    }

    // ---- one-call forms (tests and the reference harness)

    public static long pcmpestriIndex(long aLo, long aHi, long bLo, long bHi, long lenA, long lenB, long imm) {
        return strIndex(pcmpestr(aLo, aHi, bLo, bHi, lenA, lenB, imm), imm);
    }

    public static long pcmpestrFlags(long aLo, long aHi, long bLo, long bHi, long lenA, long lenB, long imm) {
        return strFlags(pcmpestr(aLo, aHi, bLo, bHi, lenA, lenB, imm), imm);
    }

    public static long pcmpestrmLo(long aLo, long aHi, long bLo, long bHi, long lenA, long lenB, long imm) {
        return strMaskLo(pcmpestr(aLo, aHi, bLo, bHi, lenA, lenB, imm), imm);
    }

    public static long pcmpestrmHi(long aLo, long aHi, long bLo, long bHi, long lenA, long lenB, long imm) {
        return strMaskHi(pcmpestr(aLo, aHi, bLo, bHi, lenA, lenB, imm), imm);
    }

    public static long pcmpistriIndex(long aLo, long aHi, long bLo, long bHi, long imm) {
        return strIndex(pcmpistr(aLo, aHi, bLo, bHi, imm), imm);
    }

    public static long pcmpistrFlags(long aLo, long aHi, long bLo, long bHi, long imm) {
        return strFlags(pcmpistr(aLo, aHi, bLo, bHi, imm), imm);
    }

    public static long pcmpistrmLo(long aLo, long aHi, long bLo, long bHi, long imm) {
        return strMaskLo(pcmpistr(aLo, aHi, bLo, bHi, imm), imm);
    }

    public static long pcmpistrmHi(long aLo, long aHi, long bLo, long bHi, long imm) {
        return strMaskHi(pcmpistr(aLo, aHi, bLo, bHi, imm), imm);
    }
}

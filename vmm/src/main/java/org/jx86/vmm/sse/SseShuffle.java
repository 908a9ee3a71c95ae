package org.jx86.vmm.sse;

/**
 * SSE operations whose result half depends on both halves of an operand: unpacks, packs,
 * shuffles, byte shifts, blends, inserts/extracts, zero/sign extension, PTEST, PCLMULQDQ.
 *
 * <p>Convention: {@code a} is the first source (the destination register of the two-operand
 * forms), {@code b} the second (the r/m operand). Every cross-half operation {@code op} has
 * {@code opLo(aLo, aHi, bLo, bHi[, imm])} and {@code opHi(...)}, each returning one half of
 * the result; for one-source instructions (PSHUFD, PMOVZX, MOVDDUP, ...) the source is b and
 * a is ignored. Exceptions: PSLLDQ/PSRLDQ shift their one register, {@code (lo, hi, imm)};
 * results for a GPR or flags take what they need. Where the two halves are the same
 * per-half function of different inputs, that function is public too and is also the MMX
 * form: {@code packsswb(x, y)} packs x's words then y's, so XMM lo = packsswb(a.lo, a.hi),
 * hi = packsswb(b.lo, b.hi) and MMX = packsswb(a, b).
 */
public final class SseShuffle {
    private SseShuffle() {}

    private static long word(long w0, long w1, long w2, long w3, int q) {
        return switch (q) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            default -> 0;
        };
    }

    /** 64 bits of the 256-bit value w3:w2:w1:w0 shifted right by {@code bytes}, at output word {@code out}. */
    private static long funnel(long w0, long w1, long w2, long w3, long bytes, int out) {
        if (Long.compareUnsigned(bytes, 32) >= 0) return 0;
        int bit = 64 * out + 8 * (int) bytes;
        int q = bit >>> 6, r = bit & 63;
        long lo = word(w0, w1, w2, w3, q);
        return r == 0 ? lo : lo >>> r | word(w0, w1, w2, w3, q + 1) << (64 - r);
    }

    // ---- unpacks: interleave the low or high elements

    private static long interleave8(long x, long y, int from) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            r |= (x >>> (8 * (from + k)) & 0xFF) << (16 * k);
            r |= (y >>> (8 * (from + k)) & 0xFF) << (16 * k + 8);
        }
        return r;
    }

    private static long interleave16(long x, long y, int from) {
        long r = 0;
        for (int k = 0; k < 2; k++) {
            r |= (x >>> (16 * (from + k)) & 0xFFFF) << (32 * k);
            r |= (y >>> (16 * (from + k)) & 0xFFFF) << (32 * k + 16);
        }
        return r;
    }

    private static long interleave32(long x, long y, int from) {
        return (x >>> (32 * from) & 0xFFFF_FFFFL) | (y >>> (32 * from)) << 32;
    }

    public static long punpcklbwLo(long aLo, long aHi, long bLo, long bHi) { return interleave8(aLo, bLo, 0); }

    public static long punpcklbwHi(long aLo, long aHi, long bLo, long bHi) { return interleave8(aLo, bLo, 4); }

    public static long punpckhbwLo(long aLo, long aHi, long bLo, long bHi) { return interleave8(aHi, bHi, 0); }

    public static long punpckhbwHi(long aLo, long aHi, long bLo, long bHi) { return interleave8(aHi, bHi, 4); }

    public static long punpcklwdLo(long aLo, long aHi, long bLo, long bHi) { return interleave16(aLo, bLo, 0); }

    public static long punpcklwdHi(long aLo, long aHi, long bLo, long bHi) { return interleave16(aLo, bLo, 2); }

    public static long punpckhwdLo(long aLo, long aHi, long bLo, long bHi) { return interleave16(aHi, bHi, 0); }

    public static long punpckhwdHi(long aLo, long aHi, long bLo, long bHi) { return interleave16(aHi, bHi, 2); }

    public static long punpckldqLo(long aLo, long aHi, long bLo, long bHi) { return interleave32(aLo, bLo, 0); }

    public static long punpckldqHi(long aLo, long aHi, long bLo, long bHi) { return interleave32(aLo, bLo, 1); }

    public static long punpckhdqLo(long aLo, long aHi, long bLo, long bHi) { return interleave32(aHi, bHi, 0); }

    public static long punpckhdqHi(long aLo, long aHi, long bLo, long bHi) { return interleave32(aHi, bHi, 1); }

    public static long punpcklqdqLo(long aLo, long aHi, long bLo, long bHi) { return aLo; }

    public static long punpcklqdqHi(long aLo, long aHi, long bLo, long bHi) { return bLo; }

    public static long punpckhqdqLo(long aLo, long aHi, long bLo, long bHi) { return aHi; }

    public static long punpckhqdqHi(long aLo, long aHi, long bLo, long bHi) { return bHi; }

    /** UNPCKLPS/UNPCKHPS/UNPCKLPD/UNPCKHPD are the dword/qword unpacks. */
    public static long unpcklpsLo(long aLo, long aHi, long bLo, long bHi) { return interleave32(aLo, bLo, 0); }

    public static long unpcklpsHi(long aLo, long aHi, long bLo, long bHi) { return interleave32(aLo, bLo, 1); }

    public static long unpckhpsLo(long aLo, long aHi, long bLo, long bHi) { return interleave32(aHi, bHi, 0); }

    public static long unpckhpsHi(long aLo, long aHi, long bLo, long bHi) { return interleave32(aHi, bHi, 1); }

    public static long unpcklpdLo(long aLo, long aHi, long bLo, long bHi) { return aLo; }

    public static long unpcklpdHi(long aLo, long aHi, long bLo, long bHi) { return bLo; }

    public static long unpckhpdLo(long aLo, long aHi, long bLo, long bHi) { return aHi; }

    public static long unpckhpdHi(long aLo, long aHi, long bLo, long bHi) { return bHi; }

    // ---- packs with saturation: x's elements then y's

    public static long packsswb(long x, long y) {
        long r = 0;
        for (int k = 0; k < 8; k++) {
            long s = k < 4 ? x : y;
            r |= (SseInt.satS8((short) (s >>> (16 * (k & 3)))) & 0xFFL) << (8 * k);
        }
        return r;
    }

    public static long packuswb(long x, long y) {
        long r = 0;
        for (int k = 0; k < 8; k++) {
            long s = k < 4 ? x : y;
            r |= (long) SseInt.satU8((short) (s >>> (16 * (k & 3)))) << (8 * k);
        }
        return r;
    }

    public static long packssdw(long x, long y) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            long s = k < 2 ? x : y;
            r |= (SseInt.satS16((int) (s >>> (32 * (k & 1)))) & 0xFFFFL) << (16 * k);
        }
        return r;
    }

    public static long packusdw(long x, long y) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            long s = k < 2 ? x : y;
            r |= (long) Math.max(0, Math.min(0xFFFF, (int) (s >>> (32 * (k & 1))))) << (16 * k);
        }
        return r;
    }

    public static long packsswbLo(long aLo, long aHi, long bLo, long bHi) { return packsswb(aLo, aHi); }

    public static long packsswbHi(long aLo, long aHi, long bLo, long bHi) { return packsswb(bLo, bHi); }

    public static long packuswbLo(long aLo, long aHi, long bLo, long bHi) { return packuswb(aLo, aHi); }

    public static long packuswbHi(long aLo, long aHi, long bLo, long bHi) { return packuswb(bLo, bHi); }

    public static long packssdwLo(long aLo, long aHi, long bLo, long bHi) { return packssdw(aLo, aHi); }

    public static long packssdwHi(long aLo, long aHi, long bLo, long bHi) { return packssdw(bLo, bHi); }

    public static long packusdwLo(long aLo, long aHi, long bLo, long bHi) { return packusdw(aLo, aHi); }

    public static long packusdwHi(long aLo, long aHi, long bLo, long bHi) { return packusdw(bLo, bHi); }

    // ---- shuffles

    private static long dword(long lo, long hi, int i) { return (i < 2 ? lo >>> (32 * i) : hi >>> (32 * (i - 2))) & 0xFFFF_FFFFL; }

    public static long pshufdLo(long aLo, long aHi, long bLo, long bHi, long imm) {
        return dword(bLo, bHi, (int) imm & 3) | dword(bLo, bHi, (int) (imm >> 2) & 3) << 32;
    }

    public static long pshufdHi(long aLo, long aHi, long bLo, long bHi, long imm) {
        return dword(bLo, bHi, (int) (imm >> 4) & 3) | dword(bLo, bHi, (int) (imm >> 6) & 3) << 32;
    }

    /** The four words of one half permuted by imm: PSHUFLW (low half), PSHUFHW (high half), MMX PSHUFW. */
    public static long pshufw(long h, long imm) {
        long r = 0;
        for (int k = 0; k < 4; k++) r |= (h >>> (16 * ((int) (imm >> (2 * k)) & 3)) & 0xFFFF) << (16 * k);
        return r;
    }

    public static long pshuflwLo(long aLo, long aHi, long bLo, long bHi, long imm) { return pshufw(bLo, imm); }

    public static long pshuflwHi(long aLo, long aHi, long bLo, long bHi, long imm) { return bHi; }

    public static long pshufhwLo(long aLo, long aHi, long bLo, long bHi, long imm) { return bLo; }

    public static long pshufhwHi(long aLo, long aHi, long bLo, long bHi, long imm) { return pshufw(bHi, imm); }

    public static long shufpsLo(long aLo, long aHi, long bLo, long bHi, long imm) {
        return dword(aLo, aHi, (int) imm & 3) | dword(aLo, aHi, (int) (imm >> 2) & 3) << 32;
    }

    public static long shufpsHi(long aLo, long aHi, long bLo, long bHi, long imm) {
        return dword(bLo, bHi, (int) (imm >> 4) & 3) | dword(bLo, bHi, (int) (imm >> 6) & 3) << 32;
    }

    public static long shufpdLo(long aLo, long aHi, long bLo, long bHi, long imm) { return (imm & 1) != 0 ? aHi : aLo; }

    public static long shufpdHi(long aLo, long aHi, long bLo, long bHi, long imm) { return (imm & 2) != 0 ? bHi : bLo; }

    /** One half of PSHUFB with the 16-byte table (tableLo, tableHi) and this half's control bytes. */
    public static long pshufb(long tableLo, long tableHi, long ctl) {
        long r = 0;
        for (int k = 0; k < 8; k++) {
            int c = (int) (ctl >>> (8 * k)) & 0xFF;
            if (c < 0x80) r |= ((c & 8) == 0 ? tableLo >>> (8 * (c & 7)) : tableHi >>> (8 * (c & 7))) << 56 >>> (56 - 8 * k);
        }
        return r;
    }

    public static long pshufbLo(long aLo, long aHi, long bLo, long bHi) { return pshufb(aLo, aHi, bLo); }

    public static long pshufbHi(long aLo, long aHi, long bLo, long bHi) { return pshufb(aLo, aHi, bHi); }

    /** MMX PSHUFB: 8-byte table, index = control &amp; 7. */
    public static long pshufb64(long table, long ctl) {
        long r = 0;
        for (int k = 0; k < 8; k++) {
            int c = (int) (ctl >>> (8 * k)) & 0xFF;
            if (c < 0x80) r |= (table >>> (8 * (c & 7)) & 0xFF) << (8 * k);
        }
        return r;
    }

    // ---- byte shifts and alignment

    /** PALIGNR: (a:b) &gt;&gt; imm bytes, a being the high 16 bytes. */
    public static long palignrLo(long aLo, long aHi, long bLo, long bHi, long imm) { return funnel(bLo, bHi, aLo, aHi, imm & 0xFF, 0); }

    public static long palignrHi(long aLo, long aHi, long bLo, long bHi, long imm) { return funnel(bLo, bHi, aLo, aHi, imm & 0xFF, 1); }

    /** MMX PALIGNR: (a:b) &gt;&gt; imm bytes, 64-bit operands. */
    public static long palignr64(long a, long b, long imm) { return funnel(b, a, 0, 0, imm & 0xFF, 0); }

    public static long psrldqLo(long lo, long hi, long imm) { return Long.compareUnsigned(imm & 0xFF, 15) > 0 ? 0 : funnel(lo, hi, 0, 0, imm & 0xFF, 0); }

    public static long psrldqHi(long lo, long hi, long imm) { return Long.compareUnsigned(imm & 0xFF, 15) > 0 ? 0 : funnel(lo, hi, 0, 0, imm & 0xFF, 1); }

    public static long pslldqLo(long lo, long hi, long imm) {
        long n = imm & 0xFF;
        return n > 15 ? 0 : funnel(0, 0, lo, hi, 16 - n, 0);
    }

    public static long pslldqHi(long lo, long hi, long imm) {
        long n = imm & 0xFF;
        return n > 15 ? 0 : funnel(0, 0, lo, hi, 16 - n, 1);
    }

    // ---- masks, extracts, inserts

    /** MOVMSKPS of one half (2 bits); the caller combines lo | hi &lt;&lt; 2, as for PMOVMSKB. */
    public static long movmskps(long h) { return (h >>> 31 & 1) | (h >>> 63) << 1; }

    /** MOVMSKPD of one half (1 bit); the caller combines lo | hi &lt;&lt; 1. */
    public static long movmskpd(long h) { return h >>> 63; }

    public static long pextrb(long lo, long hi, long imm) {
        int i = (int) imm & 15;
        return (i < 8 ? lo >>> (8 * i) : hi >>> (8 * (i - 8))) & 0xFF;
    }

    public static long pextrw(long lo, long hi, long imm) {
        int i = (int) imm & 7;
        return (i < 4 ? lo >>> (16 * i) : hi >>> (16 * (i - 4))) & 0xFFFF;
    }

    public static long pextrd(long lo, long hi, long imm) { return dword(lo, hi, (int) imm & 3); }

    public static long pextrq(long lo, long hi, long imm) { return (imm & 1) != 0 ? hi : lo; }

    /** EXTRACTPS is PEXTRD. */
    public static long extractps(long lo, long hi, long imm) { return dword(lo, hi, (int) imm & 3); }

    private static long insert(long h, long v, int bitPos, long mask) { return (h & ~(mask << bitPos)) | (v & mask) << bitPos; }

    public static long pinsrbLo(long lo, long hi, long v, long imm) { int i = (int) imm & 15; return i < 8 ? insert(lo, v, 8 * i, 0xFF) : lo; }

    public static long pinsrbHi(long lo, long hi, long v, long imm) { int i = (int) imm & 15; return i >= 8 ? insert(hi, v, 8 * (i - 8), 0xFF) : hi; }

    public static long pinsrwLo(long lo, long hi, long v, long imm) { int i = (int) imm & 7; return i < 4 ? insert(lo, v, 16 * i, 0xFFFF) : lo; }

    public static long pinsrwHi(long lo, long hi, long v, long imm) { int i = (int) imm & 7; return i >= 4 ? insert(hi, v, 16 * (i - 4), 0xFFFF) : hi; }

    /** MMX PINSRW: word imm &amp; 3 of a 64-bit register. */
    public static long pinsrw64(long mm, long v, long imm) { return insert(mm, v, 16 * ((int) imm & 3), 0xFFFF); }

    public static long pinsrdLo(long lo, long hi, long v, long imm) { int i = (int) imm & 3; return i < 2 ? insert(lo, v, 32 * i, 0xFFFF_FFFFL) : lo; }

    public static long pinsrdHi(long lo, long hi, long v, long imm) { int i = (int) imm & 3; return i >= 2 ? insert(hi, v, 32 * (i - 2), 0xFFFF_FFFFL) : hi; }

    public static long pinsrqLo(long lo, long hi, long v, long imm) { return (imm & 1) == 0 ? v : lo; }

    public static long pinsrqHi(long lo, long hi, long v, long imm) { return (imm & 1) != 0 ? v : hi; }

    /**
     * INSERTPS, register form: dword imm[7:6] of b goes to dword imm[5:4] of a, then the dwords
     * selected by imm[3:0] are zeroed. For the m32 form pass the loaded value as bLo with imm[7:6] = 0.
     */
    public static long insertpsLo(long aLo, long aHi, long bLo, long bHi, long imm) { return insertps(aLo, aHi, bLo, bHi, imm, 0); }

    public static long insertpsHi(long aLo, long aHi, long bLo, long bHi, long imm) { return insertps(aLo, aHi, bLo, bHi, imm, 1); }

    private static long insertps(long aLo, long aHi, long bLo, long bHi, long imm, int half) {
        long v = dword(bLo, bHi, (int) (imm >> 6) & 3);
        int dst = (int) (imm >> 4) & 3;
        long r = half == 0 ? aLo : aHi;
        if (dst >> 1 == half) r = insert(r, v, 32 * (dst & 1), 0xFFFF_FFFFL);
        if ((imm >> (2 * half) & 1) != 0) r &= 0xFFFF_FFFF_0000_0000L;
        if ((imm >> (2 * half + 1) & 1) != 0) r &= 0xFFFF_FFFFL;
        return r;
    }

    // ---- blends

    /** PBLENDW on one half: word k from b when bit k of imm4 is set. XMM: Lo uses imm, Hi uses imm &gt;&gt; 4. */
    public static long pblendw(long a, long b, long imm4) {
        long m = 0;
        for (int k = 0; k < 4; k++) if ((imm4 >> k & 1) != 0) m |= 0xFFFFL << (16 * k);
        return (a & ~m) | (b & m);
    }

    public static long pblendwLo(long aLo, long aHi, long bLo, long bHi, long imm) { return pblendw(aLo, bLo, imm); }

    public static long pblendwHi(long aLo, long aHi, long bLo, long bHi, long imm) { return pblendw(aHi, bHi, imm >> 4); }

    /** BLENDPS on one half (two dwords, imm2). XMM: Lo uses imm, Hi uses imm &gt;&gt; 2. */
    public static long blendps(long a, long b, long imm2) {
        long m = ((imm2 & 1) != 0 ? 0xFFFF_FFFFL : 0) | ((imm2 & 2) != 0 ? 0xFFFF_FFFF_0000_0000L : 0);
        return (a & ~m) | (b & m);
    }

    public static long blendpsLo(long aLo, long aHi, long bLo, long bHi, long imm) { return blendps(aLo, bLo, imm); }

    public static long blendpsHi(long aLo, long aHi, long bLo, long bHi, long imm) { return blendps(aHi, bHi, imm >> 2); }

    public static long blendpdLo(long aLo, long aHi, long bLo, long bHi, long imm) { return (imm & 1) != 0 ? bLo : aLo; }

    public static long blendpdHi(long aLo, long aHi, long bLo, long bHi, long imm) { return (imm & 2) != 0 ? bHi : aHi; }

    /** PBLENDVB on one half: byte from b where the mask byte (from XMM0) has its top bit set. */
    public static long pblendvb(long a, long b, long mask) {
        long m = ((mask & 0x8080_8080_8080_8080L) >>> 7) * 0xFF;
        return (a & ~m) | (b & m);
    }

    public static long blendvps(long a, long b, long mask) {
        long m = ((mask >> 31 & 1) != 0 ? 0xFFFF_FFFFL : 0) | (mask < 0 ? 0xFFFF_FFFF_0000_0000L : 0);
        return (a & ~m) | (b & m);
    }

    public static long blendvpd(long a, long b, long mask) { return mask < 0 ? b : a; }

    // ---- zero and sign extension (source: the low bits of lo)

    public static long pmovzxbwLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 8, 16, false); }

    public static long pmovzxbwHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 4, 8, 16, false); }

    public static long pmovzxbdLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 8, 32, false); }

    public static long pmovzxbdHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 2, 8, 32, false); }

    public static long pmovzxbqLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 8, 64, false); }

    public static long pmovzxbqHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 1, 8, 64, false); }

    public static long pmovzxwdLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 16, 32, false); }

    public static long pmovzxwdHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 2, 16, 32, false); }

    public static long pmovzxwqLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 16, 64, false); }

    public static long pmovzxwqHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 1, 16, 64, false); }

    public static long pmovzxdqLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 32, 64, false); }

    public static long pmovzxdqHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 1, 32, 64, false); }

    public static long pmovsxbwLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 8, 16, true); }

    public static long pmovsxbwHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 4, 8, 16, true); }

    public static long pmovsxbdLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 8, 32, true); }

    public static long pmovsxbdHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 2, 8, 32, true); }

    public static long pmovsxbqLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 8, 64, true); }

    public static long pmovsxbqHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 1, 8, 64, true); }

    public static long pmovsxwdLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 16, 32, true); }

    public static long pmovsxwdHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 2, 16, 32, true); }

    public static long pmovsxwqLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 16, 64, true); }

    public static long pmovsxwqHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 1, 16, 64, true); }

    public static long pmovsxdqLo(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 0, 32, 64, true); }

    public static long pmovsxdqHi(long aLo, long aHi, long bLo, long bHi) { return ext(bLo, 1, 32, 64, true); }

    /** Elements first.. of width {@code from} bits, extended to {@code to} bits, filling 64 bits. */
    private static long ext(long src, int first, int from, int to, boolean signed) {
        long r = 0;
        long mask = to == 64 ? -1L : (1L << to) - 1;
        for (int k = 0; k < 64 / to; k++) {
            long v = src << (64 - from - from * (first + k)) >> (64 - from);
            if (!signed) v &= (1L << from) - 1;
            r |= (v & mask) << (to * k);
        }
        return r;
    }

    // ---- SSE3 duplicates

    public static long movddupLo(long aLo, long aHi, long bLo, long bHi) { return bLo; }

    public static long movddupHi(long aLo, long aHi, long bLo, long bHi) { return bLo; }

    public static long movshdupLo(long aLo, long aHi, long bLo, long bHi) { return (bLo >>> 32) * 0x1_0000_0001L; }

    public static long movshdupHi(long aLo, long aHi, long bLo, long bHi) { return (bHi >>> 32) * 0x1_0000_0001L; }

    public static long movsldupLo(long aLo, long aHi, long bLo, long bHi) { return (bLo & 0xFFFF_FFFFL) * 0x1_0000_0001L; }

    public static long movsldupHi(long aLo, long aHi, long bLo, long bHi) { return (bHi & 0xFFFF_FFFFL) * 0x1_0000_0001L; }

    // ---- SSE4.1 odds and ends

    /** PTEST: an RFLAGS image with ZF = ((a &amp; b) == 0) and CF = ((~a &amp; b) == 0); other flags 0. */
    public static long ptest(long aLo, long aHi, long bLo, long bHi) {
        return (((aLo & bLo) | (aHi & bHi)) == 0 ? 0x40 : 0) | (((~aLo & bLo) | (~aHi & bHi)) == 0 ? 1 : 0);
    }

    /** PHMINPOSUW: the smallest unsigned word in bits 15:0 and its index in bits 18:16; the high half is 0. */
    public static long phminposuwLo(long aLo, long aHi, long bLo, long bHi) {
        int best = 0x10000, idx = 0;
        for (int k = 0; k < 8; k++) {
            int w = (int) ((k < 4 ? bLo : bHi) >>> (16 * (k & 3))) & 0xFFFF;
            if (w < best) {
                best = w;
                idx = k;
            }
        }
        return best | (long) idx << 16;
    }

    public static long phminposuwHi(long aLo, long aHi, long bLo, long bHi) { return 0; }

    /** MPSADBW: eight sums of absolute differences of 4-byte windows of a against one 4-byte block of b. */
    public static long mpsadbwLo(long aLo, long aHi, long bLo, long bHi, long imm) { return mpsadbw(aLo, aHi, bLo, bHi, imm, 0); }

    public static long mpsadbwHi(long aLo, long aHi, long bLo, long bHi, long imm) { return mpsadbw(aLo, aHi, bLo, bHi, imm, 4); }

    private static long mpsadbw(long aLo, long aHi, long bLo, long bHi, long imm, int first) {
        int ao = (int) (imm >> 2 & 1) * 4, bo = (int) (imm & 3) * 4;
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int s = 0;
            for (int k = 0; k < 4; k++) {
                s += Math.abs((int) pextrb(aLo, aHi, ao + first + i + k) - (int) pextrb(bLo, bHi, bo + k));
            }
            r |= (long) s << (16 * i);
        }
        return r;
    }

    /** PCLMULQDQ on the selected quadwords: the low 64 bits of the carry-less product. */
    public static long clmulLo(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i++) if ((b >>> i & 1) != 0) r ^= a << i;
        return r;
    }

    /** The high 64 bits of the carry-less product (bit 127 is always 0). */
    public static long clmulHi(long a, long b) {
        long r = 0;
        for (int i = 1; i < 64; i++) if ((b >>> i & 1) != 0) r ^= a >>> (64 - i);
        return r;
    }
}

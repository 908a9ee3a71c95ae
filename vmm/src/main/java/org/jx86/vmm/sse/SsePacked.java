package org.jx86.vmm.sse;

import static org.jx86.vmm.sse.SseArith.add32;
import static org.jx86.vmm.sse.SseArith.add32Flags;
import static org.jx86.vmm.sse.SseArith.add64;
import static org.jx86.vmm.sse.SseArith.add64Flags;
import static org.jx86.vmm.sse.SseArith.mul32;
import static org.jx86.vmm.sse.SseArith.mul32Flags;
import static org.jx86.vmm.sse.SseArith.mul64;
import static org.jx86.vmm.sse.SseArith.mul64Flags;
import static org.jx86.vmm.sse.SseArith.sub32;
import static org.jx86.vmm.sse.SseArith.sub32Flags;

/**
 * Packed binary32 arithmetic on one 64-bit half of an XMM register (two lanes), the SSE3
 * horizontal and alternating forms, and the SSE4.1 dot products, all under MXCSR with flags
 * (see {@link SseArith}). Flags helpers OR the flags of every lane (and, for DPPS/DPPD, of
 * every step: the products of the selected lanes, then the additions).
 */
public final class SsePacked {
    private SsePacked() {}

    private static long lo(long h) { return h & 0xFFFF_FFFFL; }

    private static long pair(long lo, long hi) { return lo | hi << 32; }

    public static long addps(long a, long b, long mx) { return pair(add32(a, b, mx), add32(a >>> 32, b >>> 32, mx)); }

    public static long subps(long a, long b, long mx) { return pair(sub32(a, b, mx), sub32(a >>> 32, b >>> 32, mx)); }

    public static long mulps(long a, long b, long mx) { return pair(mul32(a, b, mx), mul32(a >>> 32, b >>> 32, mx)); }

    public static long divps(long a, long b, long mx) {
        return pair(SseArith.div32(a, b, mx), SseArith.div32(a >>> 32, b >>> 32, mx));
    }

    public static long sqrtps(long b, long mx) { return pair(SseArith.sqrt32(b, mx), SseArith.sqrt32(b >>> 32, mx)); }

    public static long addpsFlags(long a, long b, long r, long mx) {
        return add32Flags(lo(a), lo(b), lo(r), mx) | add32Flags(a >>> 32, b >>> 32, r >>> 32, mx);
    }

    public static long subpsFlags(long a, long b, long r, long mx) {
        return sub32Flags(lo(a), lo(b), lo(r), mx) | sub32Flags(a >>> 32, b >>> 32, r >>> 32, mx);
    }

    public static long mulpsFlags(long a, long b, long r, long mx) {
        return mul32Flags(lo(a), lo(b), lo(r), mx) | mul32Flags(a >>> 32, b >>> 32, r >>> 32, mx);
    }

    public static long divpsFlags(long a, long b, long r, long mx) {
        return SseArith.div32Flags(lo(a), lo(b), lo(r), mx) | SseArith.div32Flags(a >>> 32, b >>> 32, r >>> 32, mx);
    }

    public static long sqrtpsFlags(long b, long r, long mx) {
        return SseArith.sqrt32Flags(lo(b), lo(r), mx) | SseArith.sqrt32Flags(b >>> 32, r >>> 32, mx);
    }

    // ---- SSE3

    /** HADDPS/HSUBPS: one result half from one source half each way: [x0 op x1, y0 op y1]. */
    public static long haddps(long x, long y, long mx) { return pair(add32(x, x >>> 32, mx), add32(y, y >>> 32, mx)); }

    public static long hsubps(long x, long y, long mx) { return pair(sub32(x, x >>> 32, mx), sub32(y, y >>> 32, mx)); }

    public static long haddpsFlags(long x, long y, long mx) {
        return add32Flags(lo(x), x >>> 32, add32(x, x >>> 32, mx), mx) | add32Flags(lo(y), y >>> 32, add32(y, y >>> 32, mx), mx);
    }

    public static long hsubpsFlags(long x, long y, long mx) {
        return sub32Flags(lo(x), x >>> 32, sub32(x, x >>> 32, mx), mx) | sub32Flags(lo(y), y >>> 32, sub32(y, y >>> 32, mx), mx);
    }

    /** ADDSUBPS on one half: [a0 - b0, a1 + b1]. */
    public static long addsubps(long a, long b, long mx) { return pair(sub32(a, b, mx), add32(a >>> 32, b >>> 32, mx)); }

    public static long addsubpsFlags(long a, long b, long mx) {
        return sub32Flags(lo(a), lo(b), sub32(a, b, mx), mx) | add32Flags(a >>> 32, b >>> 32, add32(a >>> 32, b >>> 32, mx), mx);
    }

    // ---- SSE4.1 dot products

    /**
     * DPPS: products of the lanes selected by imm[7:4] (others +0.0, raising nothing), summed
     * as (p0 + p1) + (p2 + p3), each step rounded per MXCSR; the sum goes to the lanes selected
     * by imm[3:0], zero elsewhere.
     */
    static long dpSum32(long aLo, long aHi, long bLo, long bHi, long imm, long mx) {
        long p0 = (imm & 0x10) != 0 ? mul32(aLo, bLo, mx) : 0, p1 = (imm & 0x20) != 0 ? mul32(aLo >>> 32, bLo >>> 32, mx) : 0;
        long p2 = (imm & 0x40) != 0 ? mul32(aHi, bHi, mx) : 0, p3 = (imm & 0x80) != 0 ? mul32(aHi >>> 32, bHi >>> 32, mx) : 0;
        return add32(add32(p0, p1, mx), add32(p2, p3, mx), mx);
    }

    public static long dppsLo(long aLo, long aHi, long bLo, long bHi, long imm, long mx) {
        long s = dpSum32(aLo, aHi, bLo, bHi, imm, mx);
        return ((imm & 1) != 0 ? s : 0) | ((imm & 2) != 0 ? s << 32 : 0);
    }

    public static long dppsHi(long aLo, long aHi, long bLo, long bHi, long imm, long mx) {
        long s = dpSum32(aLo, aHi, bLo, bHi, imm, mx);
        return ((imm & 4) != 0 ? s : 0) | ((imm & 8) != 0 ? s << 32 : 0);
    }

    private static long mulF(long imm, int bit, long x, long y, long mx) {
        return (imm & bit) != 0 ? mul32Flags(lo(x), lo(y), mul32(x, y, mx), mx) : 0;
    }

    /**
     * Flags of one step of a dot product, given those of the steps before: when the step raises
     * an unmasked exception the instruction stops there (with only the step's pre-computation
     * flags if one of those is unmasked), so the result is returned with {@link #STOP} set.
     */
    private static long step(long acc, long fl, long mx) {
        long unmasked = fl & ~(mx >> 7) & 0x3F;
        if (unmasked == 0) return acc | fl;
        return acc | ((unmasked & Mxcsr.PRE) != 0 ? fl & Mxcsr.PRE : fl) | STOP;
    }

    /** Marks dot-product flags that end the instruction (cleared before they are returned). */
    static final long STOP = 1L << 32;

    public static long dppsFlags(long aLo, long aHi, long bLo, long bHi, long imm, long mx) {
        long f = step(0, mulF(imm, 0x10, aLo, bLo, mx) | mulF(imm, 0x20, aLo >>> 32, bLo >>> 32, mx)
            | mulF(imm, 0x40, aHi, bHi, mx) | mulF(imm, 0x80, aHi >>> 32, bHi >>> 32, mx), mx);
        if ((f & STOP) != 0) return f & 0x3F;
        long p0 = (imm & 0x10) != 0 ? mul32(aLo, bLo, mx) : 0, p1 = (imm & 0x20) != 0 ? mul32(aLo >>> 32, bLo >>> 32, mx) : 0;
        long p2 = (imm & 0x40) != 0 ? mul32(aHi, bHi, mx) : 0, p3 = (imm & 0x80) != 0 ? mul32(aHi >>> 32, bHi >>> 32, mx) : 0;
        long s01 = add32(p0, p1, mx), s23 = add32(p2, p3, mx);
        f = step(f, add32Flags(p0, p1, s01, mx) | add32Flags(p2, p3, s23, mx), mx);
        if ((f & STOP) != 0) return f & 0x3F;
        return step(f, add32Flags(s01, s23, add32(s01, s23, mx), mx), mx) & 0x3F;
    }

    /** DPPD: the same with two binary64 lanes, imm[5:4] selecting products and imm[1:0] destinations. */
    static long dpSum64(long aLo, long aHi, long bLo, long bHi, long imm, long mx) {
        long p0 = (imm & 0x10) != 0 ? mul64(aLo, bLo, mx) : 0, p1 = (imm & 0x20) != 0 ? mul64(aHi, bHi, mx) : 0;
        return add64(p0, p1, mx);
    }

    public static long dppdLo(long aLo, long aHi, long bLo, long bHi, long imm, long mx) {
        return (imm & 1) != 0 ? dpSum64(aLo, aHi, bLo, bHi, imm, mx) : 0;
    }

    public static long dppdHi(long aLo, long aHi, long bLo, long bHi, long imm, long mx) {
        return (imm & 2) != 0 ? dpSum64(aLo, aHi, bLo, bHi, imm, mx) : 0;
    }

    public static long dppdFlags(long aLo, long aHi, long bLo, long bHi, long imm, long mx) {
        long p0 = (imm & 0x10) != 0 ? mul64(aLo, bLo, mx) : 0, p1 = (imm & 0x20) != 0 ? mul64(aHi, bHi, mx) : 0;
        long f = step(0, ((imm & 0x10) != 0 ? mul64Flags(aLo, bLo, p0, mx) : 0)
            | ((imm & 0x20) != 0 ? mul64Flags(aHi, bHi, p1, mx) : 0), mx);
        if ((f & STOP) != 0) return f & 0x3F;
        return step(f, add64Flags(p0, p1, add64(p0, p1, mx), mx), mx) & 0x3F;
    }
}

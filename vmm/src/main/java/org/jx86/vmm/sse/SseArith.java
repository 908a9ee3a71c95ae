package org.jx86.vmm.sse;

import static org.jx86.vmm.sse.Mxcsr.CTL;
import static org.jx86.vmm.sse.Mxcsr.DE;
import static org.jx86.vmm.sse.Mxcsr.IE;
import static org.jx86.vmm.sse.Mxcsr.PE;
import static org.jx86.vmm.sse.Mxcsr.PM;
import static org.jx86.vmm.sse.Mxcsr.ZE;

/**
 * ADD/SUB/MUL/DIV/SQRT of one binary64 or binary32 lane under MXCSR, exactly as the host CPU:
 * each op has a result helper ({@code add64(a, b, mx)}) and a flags helper
 * ({@code add64Flags(a, b, r, mx)}, given the result) returning IE..PE.
 *
 * <p>Fast path (what FP code runs almost always): with RC, DAZ and FZ clear the result is the
 * JVM's round-to-nearest operation plus x86's NaN rule; the flags helper then only has to find
 * inexactness when normal operands give a normal result, and skips even that when PE is
 * already set and masked. Everything else (NaN, infinity, denormal or zero operands, results
 * near the over- and underflow thresholds, other MXCSR controls) goes to {@link #slow}, which
 * computes result and flags with {@link FpRound}. Both are small enough for HotSpot to inline.
 *
 * <p>Ops: 0 add, 1 sub, 2 mul, 3 div, 4 sqrt (of b; a ignored). binary32 lanes are in the low
 * 32 bits; results are zero-extended.
 */
public final class SseArith {
    private SseArith() {}

    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, SQRT = 4;
    private static final long PE_MASKED = PE | PM;

    static double d(long a) { return Double.longBitsToDouble(a); }

    static float f(long a) { return Float.intBitsToFloat((int) a); }

    /** Exponent field of a binary64 / binary32. */
    static int e64(long a) { return (int) (a >>> 52) & 0x7FF; }

    static int e32(long a) { return (int) (a >>> 23) & 0xFF; }

    /** Normal or zero (not denormal, infinite or NaN). */
    static boolean plain64(long a) {
        int e = e64(a);
        return e != 0 && e != 0x7FF || (a << 1) == 0;
    }

    static boolean plain32(long a) {
        int e = e32(a);
        return e != 0 && e != 0xFF || (a << 33) == 0;
    }

    /** The exponent field e lies in [lo, hi]. */
    private static boolean in(int e, int lo, int hi) { return e >= lo && e <= hi; }

    // ---- binary64 results

    public static long add64(long a, long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(ADD, a, b, mx);
        return SseFp.fix(d(a) + d(b), a, b);
    }

    public static long sub64(long a, long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(SUB, a, b, mx);
        return SseFp.fix(d(a) - d(b), a, b);
    }

    public static long mul64(long a, long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(MUL, a, b, mx);
        return SseFp.fix(d(a) * d(b), a, b);
    }

    public static long div64(long a, long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(DIV, a, b, mx);
        return SseFp.fix(d(a) / d(b), a, b);
    }

    public static long sqrt64(long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(SQRT, b, b, mx);
        return SseFp.fix(Math.sqrt(d(b)), b, b);
    }

    // ---- binary64 flags

    public static long add64Flags(long a, long b, long r, long mx) {
        if ((mx & CTL) == 0 && plain64(a) && plain64(b) && plain64(r)) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            double x = d(a), y = d(b), s = d(r), bb = s - x;
            return (x - (s - bb)) + (y - bb) != 0 ? PE : 0;
        }
        return slow(ADD, false, a, b, mx, true);
    }

    public static long sub64Flags(long a, long b, long r, long mx) {
        if ((mx & CTL) == 0 && plain64(a) && plain64(b) && plain64(r)) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            double x = d(a), y = -d(b), s = d(r), bb = s - x;
            return (x - (s - bb)) + (y - bb) != 0 ? PE : 0;
        }
        return slow(SUB, false, a, b, mx, true);
    }

    public static long mul64Flags(long a, long b, long r, long mx) {
        if ((mx & CTL) == 0 && plain64(a) && plain64(b) && in(e64(r), 2, 0x7FE)) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            return Math.fma(d(a), d(b), -d(r)) != 0 ? PE : 0;
        }
        return slow(MUL, false, a, b, mx, true);
    }

    public static long div64Flags(long a, long b, long r, long mx) {
        // the remainder a - r*b is exact (hence zero only when r is) unless a is tiny
        if ((mx & CTL) == 0 && in(e64(a), 0x80, 0x7FE) && plain64(b) && in(e64(r), 2, 0x7FE)) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            return Math.fma(d(r), d(b), -d(a)) != 0 ? PE : 0;
        }
        return slow(DIV, false, a, b, mx, true);
    }

    public static long sqrt64Flags(long b, long r, long mx) {
        if ((mx & CTL) == 0 && b > 0 && in(e64(b), 0x80, 0x7FE)) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            return Math.fma(d(r), d(r), -d(b)) != 0 ? PE : 0;
        }
        return slow(SQRT, false, b, b, mx, true);
    }

    // ---- binary32 lanes (low 32 bits)

    public static long add32(long a, long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(ADD | F32, a, b, mx);
        return SseFp.fix(f(a) + f(b), a, b);
    }

    public static long sub32(long a, long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(SUB | F32, a, b, mx);
        return SseFp.fix(f(a) - f(b), a, b);
    }

    public static long mul32(long a, long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(MUL | F32, a, b, mx);
        return SseFp.fix(f(a) * f(b), a, b);
    }

    public static long div32(long a, long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(DIV | F32, a, b, mx);
        return SseFp.fix(f(a) / f(b), a, b);
    }

    public static long sqrt32(long b, long mx) {
        if ((mx & CTL) != 0) return slowResult(SQRT | F32, b, b, mx);
        return SseFp.fix((float) Math.sqrt(f(b)), b, b);     // correctly rounded: double has 2p+2 bits
    }

    public static long add32Flags(long a, long b, long r, long mx) {
        if ((mx & CTL) == 0 && plain32(a) && plain32(b) && plain32(r)) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            double x = f(a), y = f(b), s = x + y, bb = s - x;
            return (x - (s - bb)) + (y - bb) != 0 || s != f(r) ? PE : 0;
        }
        return slow(ADD, true, a, b, mx, true);
    }

    public static long sub32Flags(long a, long b, long r, long mx) {
        if ((mx & CTL) == 0 && plain32(a) && plain32(b) && plain32(r)) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            double x = f(a), y = -f(b), s = x + y, bb = s - x;
            return (x - (s - bb)) + (y - bb) != 0 || s != f(r) ? PE : 0;
        }
        return slow(SUB, true, a, b, mx, true);
    }

    public static long mul32Flags(long a, long b, long r, long mx) {
        if ((mx & CTL) == 0 && plain32(a) && plain32(b) && in(e32(r), 2, 0xFE)) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            return (double) f(a) * f(b) != f(r) ? PE : 0;        // the double product is exact
        }
        return slow(MUL, true, a, b, mx, true);
    }

    public static long div32Flags(long a, long b, long r, long mx) {
        if ((mx & CTL) == 0 && plain32(a) && plain32(b) && in(e32(r), 2, 0xFE)) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            double x = f(a), y = f(b), q = x / y;
            return Math.fma(q, y, -x) != 0 || q != f(r) ? PE : 0;
        }
        return slow(DIV, true, a, b, mx, true);
    }

    public static long sqrt32Flags(long b, long r, long mx) {
        if ((mx & CTL) == 0 && (int) b > 0 && e32(b) != 0xFF && e32(b) != 0) {
            if ((mx & PE_MASKED) == PE_MASKED) return 0;
            double x = f(b), q = Math.sqrt(x);
            return Math.fma(q, q, -x) != 0 || q != f(r) ? PE : 0;
        }
        return slow(SQRT, true, b, b, mx, true);
    }

    // ---- flags and MXCSR update in one call (what the lifter uses for arithmetic)

    /*
     * Kept small for HotSpot: each public ...Mx method is a test that inlines into the
     * translated block, and the rare case is one call to mxSlow, which is too large to be
     * inlined and so keeps the compiled fast path short (C2 refuses to inline methods already
     * compiled into big ones).
     */

    /** MXCSR bits that must read "default controls, PE set and masked" for the quickest exit. */
    private static final long FAST = CTL | PE | PM, FAST_V = PE | PM;
    /** Op-code flag of a binary32 lane (kinds of slowResult and mxSlow). */
    static final int F32 = 8;
    /** mxSlow kinds: op | F32 | PACKED (both halves). */
    static final int PACKED = 16;

    /*
     * Branch-free "nothing but PE can happen" tests: each returns a long whose sign bit is set
     * when the value is outside the quiet range, so a whole instruction is one OR and one test.
     */

    /** Sign set unless MXCSR has default controls and PE set and masked. */
    private static long notFast(long mx) { return -((mx & FAST) ^ FAST_V); }

    /** Sign set unless e (an exponent field) lies in [lo, hi]. */
    private static long out(long e, long lo, long hi) { return (e - lo) | (hi - e); }

    /** Sign set unless the binary64 is normal or zero. */
    private static long odd64(long x) {
        long y = x << 1;
        return (((x >>> 52) + 1 & 0x7FE) - 1) & ~((y - 1) & ~y);
    }

    /** Sign set unless the binary32 in the low 32 bits is normal or zero. */
    private static long odd32(long x) {
        long y = x << 33;
        return (((x >>> 23) + 1 & 0xFE) - 1) & ~((y - 1) & ~y);
    }

    private static long quietAs64(long a, long b, long r) { return odd64(a) | odd64(b) | odd64(r); }

    private static long quietM64(long a, long b, long r) { return odd64(a) | odd64(b) | out(r >>> 52 & 0x7FF, 2, 0x7FE); }

    private static long quietD64(long a, long b, long r) {
        return out(a >>> 52 & 0x7FF, 0x80, 0x7FE) | odd64(b) | out(r >>> 52 & 0x7FF, 2, 0x7FE);
    }

    private static long quietS64(long b) { return (b - 1) | out(b >>> 52 & 0x7FF, 0x80, 0x7FE); }

    private static long quietAs32(long a, long b, long r) { return odd32(a) | odd32(b) | odd32(r); }

    private static long quietMd32(long a, long b, long r) { return odd32(a) | odd32(b) | out(r >>> 23 & 0xFF, 2, 0xFE); }

    private static long quietS32(long b) { return ((b << 32) - 1) | out(b >>> 23 & 0xFF, 1, 0xFE); }

    public static long add64Mx(long a, long b, long r, long mx) {
        return (notFast(mx) | quietAs64(a, b, r)) >= 0 ? mx : mxSlow(ADD, a, b, r, 0, 0, 0, mx);
    }

    public static long sub64Mx(long a, long b, long r, long mx) {
        return (notFast(mx) | quietAs64(a, b, r)) >= 0 ? mx : mxSlow(SUB, a, b, r, 0, 0, 0, mx);
    }

    public static long mul64Mx(long a, long b, long r, long mx) {
        return (notFast(mx) | quietM64(a, b, r)) >= 0 ? mx : mxSlow(MUL, a, b, r, 0, 0, 0, mx);
    }

    public static long div64Mx(long a, long b, long r, long mx) {
        return (notFast(mx) | quietD64(a, b, r)) >= 0 ? mx : mxSlow(DIV, a, b, r, 0, 0, 0, mx);
    }

    public static long sqrt64Mx(long b, long r, long mx) {
        return (notFast(mx) | quietS64(b)) >= 0 ? mx : mxSlow(SQRT, b, b, r, 0, 0, 0, mx);
    }

    public static long add32Mx(long a, long b, long r, long mx) {
        return (notFast(mx) | quietAs32(a, b, r)) >= 0 ? mx : mxSlow(ADD | F32, a, b, r, 0, 0, 0, mx);
    }

    public static long sub32Mx(long a, long b, long r, long mx) {
        return (notFast(mx) | quietAs32(a, b, r)) >= 0 ? mx : mxSlow(SUB | F32, a, b, r, 0, 0, 0, mx);
    }

    public static long mul32Mx(long a, long b, long r, long mx) {
        return (notFast(mx) | quietMd32(a, b, r)) >= 0 ? mx : mxSlow(MUL | F32, a, b, r, 0, 0, 0, mx);
    }

    public static long div32Mx(long a, long b, long r, long mx) {
        return (notFast(mx) | quietMd32(a, b, r)) >= 0 ? mx : mxSlow(DIV | F32, a, b, r, 0, 0, 0, mx);
    }

    public static long sqrt32Mx(long b, long r, long mx) {
        return (notFast(mx) | quietS32(b)) >= 0 ? mx : mxSlow(SQRT | F32, b, b, r, 0, 0, 0, mx);
    }

    public static long addpdMx(long a0, long b0, long r0, long a1, long b1, long r1, long mx) {
        return (notFast(mx) | quietAs64(a0, b0, r0) | quietAs64(a1, b1, r1)) >= 0 ? mx : mxSlow(ADD | PACKED, a0, b0, r0, a1, b1, r1, mx);
    }

    public static long subpdMx(long a0, long b0, long r0, long a1, long b1, long r1, long mx) {
        return (notFast(mx) | quietAs64(a0, b0, r0) | quietAs64(a1, b1, r1)) >= 0 ? mx : mxSlow(SUB | PACKED, a0, b0, r0, a1, b1, r1, mx);
    }

    public static long mulpdMx(long a0, long b0, long r0, long a1, long b1, long r1, long mx) {
        return (notFast(mx) | quietM64(a0, b0, r0) | quietM64(a1, b1, r1)) >= 0 ? mx : mxSlow(MUL | PACKED, a0, b0, r0, a1, b1, r1, mx);
    }

    public static long divpdMx(long a0, long b0, long r0, long a1, long b1, long r1, long mx) {
        return (notFast(mx) | quietD64(a0, b0, r0) | quietD64(a1, b1, r1)) >= 0 ? mx : mxSlow(DIV | PACKED, a0, b0, r0, a1, b1, r1, mx);
    }

    public static long sqrtpdMx(long b0, long r0, long b1, long r1, long mx) {
        return (notFast(mx) | quietS64(b0) | quietS64(b1)) >= 0 ? mx : mxSlow(SQRT | PACKED, b0, b0, r0, b1, b1, r1, mx);
    }

    /** Packed single: two halves of two lanes each. */
    public static long addpsMx(long a0, long b0, long r0, long a1, long b1, long r1, long mx) {
        return (notFast(mx) | quietAs32(a0, b0, r0) | quietAs32(a0 >>> 32, b0 >>> 32, r0 >>> 32) | quietAs32(a1, b1, r1)
            | quietAs32(a1 >>> 32, b1 >>> 32, r1 >>> 32)) >= 0 ? mx : mxSlow(ADD | F32 | PACKED, a0, b0, r0, a1, b1, r1, mx);
    }

    public static long subpsMx(long a0, long b0, long r0, long a1, long b1, long r1, long mx) {
        return (notFast(mx) | quietAs32(a0, b0, r0) | quietAs32(a0 >>> 32, b0 >>> 32, r0 >>> 32) | quietAs32(a1, b1, r1)
            | quietAs32(a1 >>> 32, b1 >>> 32, r1 >>> 32)) >= 0 ? mx : mxSlow(SUB | F32 | PACKED, a0, b0, r0, a1, b1, r1, mx);
    }

    public static long mulpsMx(long a0, long b0, long r0, long a1, long b1, long r1, long mx) {
        return (notFast(mx) | quietMd32(a0, b0, r0) | quietMd32(a0 >>> 32, b0 >>> 32, r0 >>> 32) | quietMd32(a1, b1, r1)
            | quietMd32(a1 >>> 32, b1 >>> 32, r1 >>> 32)) >= 0 ? mx : mxSlow(MUL | F32 | PACKED, a0, b0, r0, a1, b1, r1, mx);
    }

    public static long divpsMx(long a0, long b0, long r0, long a1, long b1, long r1, long mx) {
        return (notFast(mx) | quietMd32(a0, b0, r0) | quietMd32(a0 >>> 32, b0 >>> 32, r0 >>> 32) | quietMd32(a1, b1, r1)
            | quietMd32(a1 >>> 32, b1 >>> 32, r1 >>> 32)) >= 0 ? mx : mxSlow(DIV | F32 | PACKED, a0, b0, r0, a1, b1, r1, mx);
    }

    public static long sqrtpsMx(long b0, long r0, long b1, long r1, long mx) {
        return (notFast(mx) | quietS32(b0) | quietS32(b0 >>> 32) | quietS32(b1) | quietS32(b1 >>> 32)) >= 0 ? mx
            : mxSlow(SQRT | F32 | PACKED, b0, b0, r0, b1, b1, r1, mx);
    }

    /** The flags of one binary64 lane. */
    private static long flags64(int op, long a, long b, long r, long mx) {
        return switch (op) {
            case ADD -> add64Flags(a, b, r, mx);
            case SUB -> sub64Flags(a, b, r, mx);
            case MUL -> mul64Flags(a, b, r, mx);
            case DIV -> div64Flags(a, b, r, mx);
            default -> sqrt64Flags(b, r, mx);
        };
    }

    /** The flags of one binary32 lane (low 32 bits). */
    private static long flags32(int op, long a, long b, long r, long mx) {
        a &= 0xFFFF_FFFFL;
        b &= 0xFFFF_FFFFL;
        r &= 0xFFFF_FFFFL;
        return switch (op) {
            case ADD -> add32Flags(a, b, r, mx);
            case SUB -> sub32Flags(a, b, r, mx);
            case MUL -> mul32Flags(a, b, r, mx);
            case DIV -> div32Flags(a, b, r, mx);
            default -> sqrt32Flags(b, r, mx);
        };
    }

    /** The MXCSR after the op of this kind (or #XM): every lane's flags, then {@link Mxcsr#update}. */
    static long mxSlow(int kind, long a0, long b0, long r0, long a1, long b1, long r1, long mx) {
        int op = kind & 7;
        long f;
        if ((kind & F32) == 0) {
            f = flags64(op, a0, b0, r0, mx);
            if ((kind & PACKED) != 0) f |= flags64(op, a1, b1, r1, mx);
        } else {
            f = flags32(op, a0, b0, r0, mx);
            if ((kind & PACKED) != 0)
                f |= flags32(op, a0 >>> 32, b0 >>> 32, r0 >>> 32, mx) | flags32(op, a1, b1, r1, mx)
                    | flags32(op, a1 >>> 32, b1 >>> 32, r1 >>> 32, mx);
        }
        return Mxcsr.update(mx, f);
    }

    /** The result of a lane when MXCSR's controls are not the default (op | F32). */
    static long slowResult(int kind, long a, long b, long mx) { return slow(kind & 7, (kind & F32) != 0, a, b, mx, false); }

    // ---- the slow path: every case, result or flags

    static boolean isNaN(long a, boolean f32) { return f32 ? SseFp.isNaN32((int) a) : SseFp.isNaN64(a); }

    static boolean isSNaN(long a, boolean f32) {
        return f32 ? SseFp.isNaN32((int) a) && (a & 0x0040_0000) == 0
            : SseFp.isNaN64(a) && (a & 0x0008_0000_0000_0000L) == 0;
    }

    static boolean isDenormal(long a, boolean f32) {
        return f32 ? e32(a) == 0 && (a & 0x7F_FFFF) != 0 : e64(a) == 0 && (a & 0xF_FFFF_FFFF_FFFFL) != 0;
    }

    /** The operand as a double (exact), a denormal flushed to a signed zero under DAZ. */
    static double value(long a, boolean f32, long mx) {
        if ((mx & Mxcsr.DAZ) != 0 && isDenormal(a, f32)) return (f32 ? (int) a < 0 : a < 0) ? -0.0 : 0.0;
        return f32 ? f(a) : d(a);
    }

    private static long bits(double r, boolean f32) {
        return f32 ? Float.floatToRawIntBits((float) r) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(r);
    }

    private static long quiet(long a, boolean f32) {
        return f32 ? (a | 0x0040_0000) & 0xFFFF_FFFFL : a | 0x0008_0000_0000_0000L;
    }

    static long slow(int op, boolean f32, long a, long b, long mx, boolean flags) {
        if (f32) {
            a &= 0xFFFF_FFFFL;
            b &= 0xFFFF_FFFFL;
        }
        boolean nanA = op != SQRT && isNaN(a, f32), nanB = isNaN(b, f32);
        if (nanA || nanB) {
            if (flags) return (op != SQRT && isSNaN(a, f32)) || isSNaN(b, f32) ? IE : 0;
            return quiet(nanA ? a : b, f32);
        }
        long de = !flags || (mx & Mxcsr.DAZ) != 0 ? 0
            : ((op != SQRT && isDenormal(a, f32)) || isDenormal(b, f32) ? DE : 0);
        double x = op == SQRT ? 0 : value(a, f32, mx), y = value(b, f32, mx);
        if (op == SUB) {
            y = -y;
            op = ADD;
        }
        long nan = f32 ? SseFp.DEFAULT_NAN32 & 0xFFFF_FFFFL : SseFp.DEFAULT_NAN64;
        boolean down = Mxcsr.rc(mx) == 1;
        switch (op) {
            case ADD -> {
                if (Double.isInfinite(x) && Double.isInfinite(y) && x != y) return flags ? IE : nan;
                if (Double.isInfinite(x) || Double.isInfinite(y)) return flags ? de : bits(x + y, f32);
                if (x == 0 && y == 0) {
                    // +0 + -0 is +0, except rounding down
                    double z = Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y) ? x : down ? -0.0 : 0.0;
                    return flags ? de : bits(z, f32);
                }
            }
            case MUL -> {
                if ((x == 0 && Double.isInfinite(y)) || (y == 0 && Double.isInfinite(x))) return flags ? IE : nan;
                if (x == 0 || y == 0 || Double.isInfinite(x) || Double.isInfinite(y)) return flags ? de : bits(x * y, f32);
            }
            case DIV -> {
                if ((x == 0 && y == 0) || (Double.isInfinite(x) && Double.isInfinite(y))) return flags ? IE : nan;
                if (y == 0 && !Double.isInfinite(x)) return flags ? ZE : bits(x / y, f32);   // no DE with ZE
                if (x == 0 || Double.isInfinite(x) || Double.isInfinite(y)) return flags ? de : bits(x / y, f32);
            }
            default -> {
                if (y < 0 && y != 0) return flags ? IE : nan;            // -0 is fine: sqrt(-0) = -0
                if (y == 0 || Double.isInfinite(y)) return flags ? de : bits(Math.sqrt(y), f32);
            }
        }
        // finite, non-zero operands (for ADD, the sum may still cancel to zero)
        double hi;
        int es, k = 0;
        switch (op) {
            case ADD -> {
                double s = x + y;
                if (Double.isInfinite(s)) {
                    x *= 0.25;
                    y *= 0.25;
                    k = -2;
                    s = x + y;
                } else if (!f32 && s != 0 && Math.abs(s) < 0x1p-960) {
                    x = Math.scalb(x, 100);
                    y = Math.scalb(y, 100);
                    k = 100;
                    s = x + y;
                }
                double bb = s - x, err = (x - (s - bb)) + (y - bb);
                if (s == 0 && err == 0) return flags ? de : bits(down ? -0.0 : 0.0, f32);
                hi = s;
                es = (int) Math.signum(err);
            }
            case MUL -> {
                int ex = exp(x), ey = exp(y);
                double xs = Math.scalb(x, -ex), ys = Math.scalb(y, -ey);
                k = -(ex + ey);
                hi = xs * ys;
                es = (int) Math.signum(Math.fma(xs, ys, -hi));
            }
            case DIV -> {
                int ex = exp(x), ey = exp(y);
                double xs = Math.scalb(x, -ex), ys = Math.scalb(y, -ey);
                k = -(ex - ey);
                hi = xs / ys;
                es = (int) (-Math.signum(Math.fma(hi, ys, -xs)) * Math.signum(ys));
            }
            default -> {
                int ey = exp(y) & ~1;
                double ys = Math.scalb(y, -ey);
                k = -ey / 2;
                hi = Math.sqrt(ys);
                es = (int) -Math.signum(Math.fma(hi, hi, -ys));
            }
        }
        long r = FpRound.round(hi, es, k, f32, mx, flags);
        return flags ? r | de : r;
    }

    /** Unbiased exponent of a finite non-zero double, denormals included (as if normalised). */
    static int exp(double x) {
        int e = Math.getExponent(x);
        return e >= Double.MIN_EXPONENT ? e : Math.getExponent(x * 0x1p64) - 64;
    }
}

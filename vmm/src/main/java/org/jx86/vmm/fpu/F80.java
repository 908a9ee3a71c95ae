package org.jx86.vmm.fpu;

/**
 * The x87 double-extended format as a pair of longs, and the rounding step every
 * arithmetic operation ends with.
 *
 * <pre>
 *  se (low 16 bits):  15  14 ............ 0        m:  63  62 ..................... 0
 *                     sign  biased exponent             J   fraction (J = integer bit)
 *
 *  exponent  J  fraction        class
 *  0         0  0               zero
 *  0         0  != 0            denormal              value = 0.f * 2^-16382
 *  0         1  any             pseudo-denormal       treated as a denormal (DE), never produced
 *  1..7FFE   1  any             normal                value = 1.f * 2^(e - 16383)
 *  1..7FFE   0  any             unnormal              unsupported: invalid operand
 *  7FFF      1  0               infinity
 *  7FFF      1  1x..x           quiet NaN             (1100..0 with sign 1 is the "real indefinite")
 *  7FFF      1  0x..x != 0      signaling NaN
 *  7FFF      0  any             pseudo-NaN/-infinity  unsupported: invalid operand
 * </pre>
 *
 * <p>Operations are static methods in {@link F80Arith}, {@link F80Convert} and
 * {@link F80Math}; they take operands as (se, m) pairs and leave the result and the raised
 * exceptions in an {@link FpCtx}, so the x87 paths allocate nothing (the transcendentals,
 * which use big-number arithmetic, are the exception).
 */
public final class F80 {
    private F80() {}

    public static final int BIAS = 16383;
    public static final int EXP_MAX = 0x7FFF;
    public static final long J = 1L << 63;
    public static final long QUIET = 1L << 62;
    /** The "real indefinite" QNaN produced by masked invalid operations. */
    public static final long INDEF_SE = 0xFFFF, INDEF_M = 0xC000_0000_0000_0000L;

    /** Operand classes, ordered so that {@code cls >= QNAN} means "some NaN". */
    public static final int ZERO = 0, DENORMAL = 1, NORMAL = 2, INF = 3, UNSUPPORTED = 4, QNAN = 5, SNAN = 6;

    public static int classify(long se, long m) {
        int e = (int) se & EXP_MAX;
        if (e == 0) return m == 0 ? ZERO : DENORMAL;
        if (m >= 0) return UNSUPPORTED;                   // J clear: unnormal, pseudo-NaN, pseudo-inf
        if (e != EXP_MAX) return NORMAL;
        if (m << 1 == 0) return INF;
        return (m & QUIET) != 0 ? QNAN : SNAN;
    }

    public static boolean isNaN(long se, long m) {
        return ((int) se & EXP_MAX) == EXP_MAX && m < 0 && m << 1 != 0;
    }

    public static boolean isSNaN(long se, long m) { return isNaN(se, m) && (m & QUIET) == 0; }

    public static int sign(long se) { return (int) (se >>> 15) & 1; }

    /** Exponent of the value's leading one, biased; denormals give 0 or less. */
    static int nexp(long se, long m) {
        int e = (int) se & EXP_MAX;
        return e != 0 ? e : 1 - Long.numberOfLeadingZeros(m);
    }

    /** Significand with the leading one at bit 63. */
    static long nsig(long se, long m) {
        return ((int) se & EXP_MAX) != 0 ? m : m << Long.numberOfLeadingZeros(m);
    }

    static long packSe(int sign, int exp) { return (long) sign << 15 | exp; }

    // ---- results that need no rounding

    static void invalid(FpCtx c) {
        c.exc = (c.exc & ~FpCtx.DE) | FpCtx.IE;          // an invalid operation reports no DE
        c.set(INDEF_SE, INDEF_M);
    }

    static void zero(FpCtx c, int sign) { c.set(packSe(sign, 0), 0); }

    static void inf(FpCtx c, int sign) { c.set(packSe(sign, EXP_MAX), J); }

    /** The NaN itself, quieted; IE when it was signaling. */
    static void quiet(FpCtx c, long se, long m) {
        if ((m & QUIET) == 0) c.exc |= FpCtx.IE;
        c.set(se & 0xFFFF, m | QUIET);
    }

    /**
     * x87 NaN propagation (SDM Vol. 1 Table 4-7): an SNaN raises IE; with one NaN the result
     * is that NaN quieted; a QNaN wins over an SNaN; two NaNs of the same kind give the one
     * with the larger significand (ties: the positive one). Unsupported operands (invalid
     * encodings) are checked by the caller first.
     */
    static void propagate(FpCtx c, long ase, long am, long bse, long bm) {
        boolean an = isNaN(ase, am), bn = isNaN(bse, bm);
        boolean as = an && (am & QUIET) == 0, bs = bn && (bm & QUIET) == 0;
        if (as || bs) c.exc |= FpCtx.IE;
        long rse, rm;
        if (an && bn && as == bs) {
            long qa = am | QUIET, qb = bm | QUIET;
            int cmp = Long.compareUnsigned(qa, qb);
            boolean pickA = cmp > 0 || (cmp == 0 && (ase & 0x8000) == 0);
            rse = pickA ? ase : bse;
            rm = pickA ? am : bm;
        } else if (an && (!bn || bs)) {
            rse = ase;
            rm = am;
        } else {
            rse = bse;
            rm = bm;
        }
        c.set(rse & 0xFFFF, rm | QUIET);
    }

    /**
     * Screens the operands of a binary operation: unsupported encodings give the indefinite
     * (IE), NaNs propagate, denormals raise DE. Returns true when the result is already set.
     */
    static boolean screen2(FpCtx c, long ase, long am, long bse, long bm) {
        int ca = classify(ase, am), cb = classify(bse, bm);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) {
            invalid(c);
            return true;
        }
        if (ca >= QNAN || cb >= QNAN) {
            propagate(c, ase, am, bse, bm);
            return true;
        }
        if (ca == DENORMAL || cb == DENORMAL) c.exc |= FpCtx.DE;
        return false;
    }

    /** Unary version of {@link #screen2}. */
    static boolean screen1(FpCtx c, long se, long m) {
        int k = classify(se, m);
        if (k == UNSUPPORTED) {
            invalid(c);
            return true;
        }
        if (k >= QNAN) {
            quiet(c, se, m);
            return true;
        }
        if (k == DENORMAL) c.exc |= FpCtx.DE;
        return false;
    }

    // ---- 128-bit helpers

    /** Shifts v right by n with jamming: any bit shifted out sets bit 0. */
    static long shrJam(long v, int n) {
        if (n <= 0) return v;
        if (n >= 64) return v != 0 ? 1 : 0;
        return v >>> n | (v << (64 - n) != 0 ? 1 : 0);
    }

    /** Unsigned high word of a 64 x 64-bit product. */
    static long umulh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * Divides the 128-bit u1:u0 by v (bit 63 set, u1 &lt; v unsigned); returns the 64-bit
     * quotient and leaves the remainder in {@code c.w0} (Hacker's Delight, divlu).
     */
    static long div128(FpCtx c, long u1, long u0, long v) {
        final long b = 1L << 32, lo32 = 0xFFFF_FFFFL;
        long vn1 = v >>> 32, vn0 = v & lo32;
        long un1 = u0 >>> 32, un0 = u0 & lo32;
        long q1 = Long.divideUnsigned(u1, vn1);
        long rhat = u1 - q1 * vn1;
        while (Long.compareUnsigned(q1, b) >= 0 || Long.compareUnsigned(q1 * vn0, rhat << 32 | un1) > 0) {
            q1--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, b) >= 0) break;
        }
        long un21 = (u1 << 32 | un1) - q1 * v;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = un21 - q0 * vn1;
        while (Long.compareUnsigned(q0, b) >= 0 || Long.compareUnsigned(q0 * vn0, rhat << 32 | un0) > 0) {
            q0--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, b) >= 0) break;
        }
        c.w0 = (un21 << 32 | un0) - q0 * v;
        return q1 << 32 | q0;
    }

    // ---- rounding

    /**
     * Rounds sign * sig0.sig1 * 2^(exp - BIAS - 63) to {@code prec} significand bits with the
     * 15-bit exponent range and stores it in c (SoftFloat's roundAndPackFloatx80 structure).
     * sig0 must have bit 63 set. Raises PE, UE (tiny after rounding and inexact, the masked
     * x87 rule), OE, and sets C1 when the magnitude was rounded up.
     */
    static void round(FpCtx c, int prec, int sign, int exp, long sig0, long sig1) {
        int rc = c.rc;
        boolean toZeroish = rc == FpCtx.RC_ZERO || (sign != 0 ? rc == FpCtx.RC_UP : rc == FpCtx.RC_DOWN);
        if (prec == 64) {
            boolean inc = rc == FpCtx.RC_NEAREST ? sig1 < 0 : !toZeroish && sig1 != 0;
            if (exp >= EXP_MAX || (exp == EXP_MAX - 1 && sig0 == -1L && inc)) {
                if (biased(c, FpCtx.OE, prec, sign, exp - BIAS_ADJUST, sig0, sig1)) return;
                overflow(c, sign, -1L, toZeroish);
                return;
            }
            if (exp <= 0) {
                boolean tiny = exp < 0 || !inc || sig0 != -1L;
                if (tiny && biased(c, FpCtx.UE, prec, sign, exp + BIAS_ADJUST, sig0, sig1)) return;
                int n = 1 - exp;
                // (sig0, sig1) >>= n, jamming into sig1
                if (n < 64) {
                    sig1 = sig0 << (64 - n) | sig1 >>> n | (sig1 << (64 - n) != 0 ? 1 : 0);
                    sig0 >>>= n;
                } else {
                    sig1 = (n == 64 ? sig0 : shrJam(sig0, n - 64)) | (sig1 != 0 ? 1 : 0);
                    sig0 = 0;
                }
                if (sig1 != 0) c.exc |= tiny ? FpCtx.PE | FpCtx.UE : FpCtx.PE;
                inc = rc == FpCtx.RC_NEAREST ? sig1 < 0 : !toZeroish && sig1 != 0;
                if (inc) {
                    long trunc = sig0;
                    sig0++;
                    if (rc == FpCtx.RC_NEAREST && sig1 << 1 == 0) sig0 &= ~1L;
                    if (sig0 != trunc) c.exc |= FpCtx.C1;
                }
                c.set(packSe(sign, sig0 < 0 ? 1 : 0), sig0);
                return;
            }
            if (sig1 != 0) c.exc |= FpCtx.PE;
            if (inc) {
                long trunc = sig0;
                sig0++;
                if (sig0 == 0) {
                    exp++;
                    sig0 = J;
                } else if (rc == FpCtx.RC_NEAREST && sig1 << 1 == 0) {
                    sig0 &= ~1L;
                }
                if (sig0 != trunc) c.exc |= FpCtx.C1;
                if (exp >= EXP_MAX) {
                    overflow(c, sign, -1L, toZeroish);
                    return;
                }
            }
            c.set(packSe(sign, exp), sig0);
            return;
        }
        long mask = prec == 53 ? 0x7FFL : 0xFF_FFFF_FFFFL;
        long half = (mask >>> 1) + 1;
        if (sig1 != 0) sig0 |= 1;
        long incr = rc == FpCtx.RC_NEAREST ? half : toZeroish ? 0 : mask;
        if (exp >= EXP_MAX || (exp == EXP_MAX - 1 && Long.compareUnsigned(sig0 + incr, sig0) < 0)) {
            if (biased(c, FpCtx.OE, prec, sign, exp - BIAS_ADJUST, sig0, sig1)) return;
            overflow(c, sign, ~mask, toZeroish);
            return;
        }
        if (exp <= 0) {
            boolean tiny = exp < 0 || Long.compareUnsigned(sig0 + incr, sig0) >= 0;
            if (tiny && biased(c, FpCtx.UE, prec, sign, exp + BIAS_ADJUST, sig0, sig1)) return;
            sig0 = shrJam(sig0, 1 - exp);
            long bits = sig0 & mask;
            if (bits != 0) c.exc |= tiny ? FpCtx.PE | FpCtx.UE : FpCtx.PE;
            long trunc = sig0 & ~mask;
            sig0 += incr;
            long m = mask;
            if (rc == FpCtx.RC_NEAREST && bits == half) m |= mask + 1;
            sig0 &= ~m;
            if (sig0 != trunc) c.exc |= FpCtx.C1;
            c.set(packSe(sign, sig0 < 0 ? 1 : 0), sig0);
            return;
        }
        long bits = sig0 & mask;
        if (bits != 0) c.exc |= FpCtx.PE;
        long trunc = sig0 & ~mask;
        sig0 += incr;
        if (Long.compareUnsigned(sig0, incr) < 0) {
            exp++;
            sig0 = J;
            c.exc |= FpCtx.C1;
            if (exp >= EXP_MAX) {
                overflow(c, sign, ~mask, toZeroish);
                return;
            }
        } else {
            long m = mask;
            if (rc == FpCtx.RC_NEAREST && bits == half) m |= mask + 1;
            sig0 &= ~m;
            if (sig0 != trunc) c.exc |= FpCtx.C1;
        }
        c.set(packSe(sign, exp), sig0);
    }

    /** The exponent bias of the unmasked overflow/underflow responses (SDM Vol. 1 §8.5.3.3, §8.5.4). */
    static final int BIAS_ADJUST = 24576;

    /**
     * The unmasked response to overflow or underflow ({@code flag}): the significand rounded
     * as usual, the exponent moved back into range by {@code BIAS_ADJUST}. Returns false when
     * the exception is masked.
     */
    private static boolean biased(FpCtx c, int flag, int prec, int sign, int exp, long sig0, long sig1) {
        if ((c.unmaskedOU & flag) == 0) return false;
        int saved = c.unmaskedOU;
        c.unmaskedOU = 0;
        if (exp <= 0 || exp >= EXP_MAX) {
            // still out of range after biasing: the host delivers infinity or zero, inexact
            if (flag == FpCtx.OE) {
                c.exc |= FpCtx.PE | FpCtx.C1;
                inf(c, sign);
            } else {
                c.exc |= FpCtx.PE;
                zero(c, sign);
            }
        } else {
            round(c, prec, sign, exp, sig0, sig1);
        }
        c.exc |= flag;
        c.unmaskedOU = saved;
        return true;
    }

    private static void overflow(FpCtx c, int sign, long maxSig, boolean toZeroish) {
        c.exc |= FpCtx.OE | FpCtx.PE;
        if (toZeroish) {
            c.set(packSe(sign, EXP_MAX - 1), maxSig);
        } else {
            c.exc |= FpCtx.C1;
            c.set(packSe(sign, EXP_MAX), J);
        }
    }

    /** Normalizes a non-zero 128-bit significand and rounds it (see {@link #round}). */
    static void normRound(FpCtx c, int prec, int sign, int exp, long sig0, long sig1) {
        if (sig0 == 0) {
            sig0 = sig1;
            sig1 = 0;
            exp -= 64;
        }
        int n = Long.numberOfLeadingZeros(sig0);
        if (n != 0) {
            sig0 = sig0 << n | sig1 >>> (64 - n);
            sig1 <<= n;
            exp -= n;
        }
        round(c, prec, sign, exp, sig0, sig1);
    }

    /** The exact value sign * mag (unsigned) as an F80; zero gives a signed zero. */
    static void fromMagnitude(FpCtx c, int sign, long mag) {
        if (mag == 0) {
            zero(c, sign);
            return;
        }
        int n = Long.numberOfLeadingZeros(mag);
        c.set(packSe(sign, BIAS + 63 - n), mag << n);
    }

    /** A printable form, e.g. {@code 3fff:8000000000000000}. */
    public static String toString(long se, long m) {
        return String.format("%04x:%016x", se & 0xFFFF, m);
    }
}

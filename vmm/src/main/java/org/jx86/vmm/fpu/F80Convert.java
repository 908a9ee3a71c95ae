package org.jx86.vmm.fpu;

import static org.jx86.vmm.fpu.F80.BIAS;
import static org.jx86.vmm.fpu.F80.EXP_MAX;
import static org.jx86.vmm.fpu.F80.J;
import static org.jx86.vmm.fpu.F80.QUIET;

/**
 * Conversions between the x87 format and the memory formats of FLD/FST/FILD/FIST/FBLD/FBSTP:
 * binary32, binary64, two's-complement integers of 16/32/64 bits and 18-digit packed BCD.
 * Loads are exact (binary32/64 SNaNs are quieted with IE, denormals raise DE); stores round
 * with the context's rounding control (or truncate, for FISTTP) and produce the x87 masked
 * responses: the format's indefinite on invalid operands, overflow to infinity or the
 * largest finite value, gradual underflow.
 */
public final class F80Convert {
    private F80Convert() {}

    /** Packed BCD "indefinite" (bytes 7..9 = C0 FF FF, the rest 0) as (low 8 bytes, high 2 bytes). */
    public static final long BCD_INDEF_LO = 0xC000_0000_0000_0000L, BCD_INDEF_HI = 0xFFFF;
    private static final long BCD_MAX = 999_999_999_999_999_999L;

    /**
     * binary32 to F80. With {@code quietSNaN} (FLD) an SNaN is quieted with IE; without it
     * (arithmetic operands) it stays signaling for the operation's own NaN rules.
     */
    public static void fromF32(FpCtx c, long bits, boolean quietSNaN) {
        fromIeee(c, (int) (bits >>> 31) & 1, (int) (bits >>> 23) & 0xFF, bits & 0x7F_FFFFL, 23, 127, quietSNaN);
    }

    /** binary64 to F80; see {@link #fromF32}. */
    public static void fromF64(FpCtx c, long bits, boolean quietSNaN) {
        fromIeee(c, (int) (bits >>> 63), (int) (bits >>> 52) & 0x7FF, bits & 0xF_FFFF_FFFF_FFFFL, 52, 1023, quietSNaN);
    }

    private static void fromIeee(FpCtx c, int sign, int e, long f, int fracBits, int bias, boolean quietSNaN) {
        int emax = 2 * bias + 1;
        if (e == emax) {
            if (f == 0) {
                F80.inf(c, sign);
                return;
            }
            long m = J | f << (63 - fracBits);
            if ((m & QUIET) == 0 && quietSNaN) {
                c.exc |= FpCtx.IE;
                m |= QUIET;
            }
            c.set(F80.packSe(sign, EXP_MAX), m);
        } else if (e == 0) {
            if (f == 0) {
                F80.zero(c, sign);
                return;
            }
            c.exc |= FpCtx.DE;
            int n = Long.numberOfLeadingZeros(f);
            c.set(F80.packSe(sign, BIAS + 63 - (bias - 1 + fracBits) - n), f << n);
        } else {
            c.set(F80.packSe(sign, e - bias + BIAS), J | f << (63 - fracBits));
        }
    }

    /** FILD: any 64-bit integer is exact. */
    public static void fromInt(FpCtx c, long v) {
        F80.fromMagnitude(c, v < 0 ? 1 : 0, v < 0 ? -v : v);
    }

    /** FST m32: returns the binary32 bits (in the low 32 bits). */
    public static long toF32(FpCtx c, long se, long m) { return toIeee(c, se, m, 23, 8); }

    /** FST m64: returns the binary64 bits. */
    public static long toF64(FpCtx c, long se, long m) { return toIeee(c, se, m, 52, 11); }

    private static long toIeee(FpCtx c, long se, long m, int fracBits, int expBits) {
        int sign = F80.sign(se);
        int emaxField = (1 << expBits) - 1;
        long signBit = (long) sign << (fracBits + expBits);
        long expAll = (long) emaxField << fracBits;
        switch (F80.classify(se, m)) {
            case F80.ZERO:
                return signBit;
            case F80.INF:
                return signBit | expAll;
            case F80.UNSUPPORTED:
                c.exc |= FpCtx.IE;
                return 1L << (fracBits + expBits) | expAll | 1L << (fracBits - 1);
            case F80.QNAN:
            case F80.SNAN:
                if ((m & QUIET) == 0) c.exc |= FpCtx.IE;
                return signBit | expAll | 1L << (fracBits - 1) | (m << 1 >>> (64 - fracBits));
            default:
                break; // the host raises no DE when storing a denormal to a narrower format
        }
        int bias = (1 << (expBits - 1)) - 1;
        int rc = c.rc;
        int e = F80.nexp(se, m) - BIAS;
        long sig = F80.nsig(se, m);
        int shift = 63 - fracBits;
        long be = (long) e + bias;
        if (be >= emaxField) return ieeeOverflow(c, sign, signBit, fracBits, emaxField, rc);
        boolean denormal = be <= 0;
        boolean tiny = false;
        if (denormal) {
            tiny = be < 0 || !carries(rc, sign, sig, shift);
            sig = F80.shrJam(sig, (int) Math.min(1 - be, 100));
        }
        long q = sig >>> shift, rem = sig & ((1L << shift) - 1);
        boolean inc = increment(rc, sign, q, rem, shift);
        if (rem != 0) c.exc |= tiny ? FpCtx.PE | FpCtx.UE : FpCtx.PE;
        if (inc) {
            q++;
            c.exc |= FpCtx.C1;
        }
        long bits = denormal ? q : ((be - 1) << fracBits) + q;
        if (bits >>> fracBits >= emaxField) return ieeeOverflow(c, sign, signBit, fracBits, emaxField, rc);
        return signBit | bits;
    }

    private static long ieeeOverflow(FpCtx c, int sign, long signBit, int fracBits, int emaxField, int rc) {
        c.exc |= FpCtx.OE | FpCtx.PE;
        boolean toZeroish = rc == FpCtx.RC_ZERO || (sign != 0 ? rc == FpCtx.RC_UP : rc == FpCtx.RC_DOWN);
        if (toZeroish) return signBit | ((long) emaxField << fracBits) - 1;
        c.exc |= FpCtx.C1;
        return signBit | (long) emaxField << fracBits;
    }

    /** Whether rounding q:rem (rem has {@code shift} bits) increments q. */
    private static boolean increment(int rc, int sign, long q, long rem, int shift) {
        if (rem == 0) return false;
        return switch (rc) {
            case FpCtx.RC_NEAREST -> {
                long half = 1L << (shift - 1);
                yield rem > half || (rem == half && (q & 1) != 0);
            }
            case FpCtx.RC_DOWN -> sign != 0;
            case FpCtx.RC_UP -> sign == 0;
            default -> false;
        };
    }

    /** Whether rounding the normalized sig at {@code shift} carries out of bit 63. */
    private static boolean carries(int rc, int sign, long sig, int shift) {
        long q = sig >>> shift;
        return q == (-1L >>> shift) && increment(rc, sign, q, sig & ((1L << shift) - 1), shift);
    }

    /**
     * FIST/FISTP/FISTTP: rounds with rc and returns the {@code bits}-bit integer (sign-extended
     * to a long); on NaN, infinity, unsupported or out-of-range operands raises IE and
     * returns the integer indefinite {@code 1 << (bits - 1)}.
     */
    public static long toInt(FpCtx c, long se, long m, int bits, int rc) {
        long indef = 1L << (bits - 1);
        int k = F80.classify(se, m);
        if (k == F80.ZERO) return 0;
        if (k >= F80.INF) {
            c.exc |= FpCtx.IE;
            return indef;
        }
        int sign = F80.sign(se);                                // the host raises no DE here
        int e = F80.nexp(se, m) - BIAS;
        if (e >= 64) {
            c.exc |= FpCtx.IE;
            return indef;
        }
        int before = c.exc;
        long mag = F80Arith.roundMagnitude(c, sign, e, F80.nsig(se, m), rc);
        long limit = sign != 0 ? indef : indef - 1;
        if (Long.compareUnsigned(mag, limit) > 0) {
            c.exc = before | FpCtx.IE;
            return indef;
        }
        return sign != 0 ? -mag : mag;
    }

    /** FBLD: (lo = bytes 0..7, hi = bytes 8..9) of an 18-digit packed BCD integer; exact. */
    public static void fromBcd(FpCtx c, long lo, long hi) {
        long v = 0;
        for (int i = 1; i >= 0; i--) v = v * 10 + ((hi >>> (4 * i)) & 0xF);
        for (int i = 15; i >= 0; i--) v = v * 10 + ((lo >>> (4 * i)) & 0xF);
        F80.fromMagnitude(c, (int) (hi >>> 15) & 1, v);
    }

    /**
     * FBSTP: rounds with the context's rounding control; returns bytes 0..7 and leaves bytes
     * 8..9 in {@code c.w0}. NaN, infinity, unsupported or |value| &gt; 10^18 - 1 give IE and
     * the BCD indefinite.
     */
    public static long toBcd(FpCtx c, long se, long m) {
        int k = F80.classify(se, m);
        int sign = F80.sign(se);
        long mag = 0;
        if (k >= F80.INF) {
            c.exc |= FpCtx.IE;
            c.w0 = BCD_INDEF_HI;
            return BCD_INDEF_LO;
        }
        if (k != F80.ZERO) {
            int e = F80.nexp(se, m) - BIAS;                     // no DE, as on the host
            int before = c.exc;
            mag = e >= 64 ? -1L : F80Arith.roundMagnitude(c, sign, e, F80.nsig(se, m), c.rc);
            if (Long.compareUnsigned(mag, BCD_MAX) > 0) {
                c.exc = before | FpCtx.IE;
                c.w0 = BCD_INDEF_HI;
                return BCD_INDEF_LO;
            }
        }
        long lo = 0;
        for (int i = 0; i < 16; i++) {
            lo |= (mag % 10) << (4 * i);
            mag /= 10;
        }
        c.w0 = (long) sign << 15 | (mag / 10) << 4 | (mag % 10);
        return lo;
    }
}

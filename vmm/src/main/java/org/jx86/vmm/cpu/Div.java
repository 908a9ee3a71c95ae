package org.jx86.vmm.cpu;

import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/**
 * DIV and IDIV: the one home of their semantics, including the divide error (#DE) for a
 * zero divisor or a quotient that does not fit the destination.
 */
public final class Div {
    private Div() {}

    /**
     * Checks an unsigned division of the 2*size-byte dividend (hi:lo, each already
     * zero-extended to size bytes) by d for size 1, 2 or 4; returns the dividend as one
     * 64-bit value. Throws #DE as the CPU would.
     */
    public static long checkU(long hi, long lo, long d, long size) {
        int bits = 8 * (int) size;
        long n = (hi << bits) | lo;
        if (d == 0) throw GuestFault.of(Vector.DE);
        if (Long.compareUnsigned(Long.divideUnsigned(n, d), (1L << bits) - 1) > 0) throw GuestFault.of(Vector.DE);
        return n;
    }

    /** Signed analogue of {@link #checkU}; d is sign-extended, returns the signed dividend. */
    public static long checkS(long hi, long lo, long d, long size) {
        int bits = 8 * (int) size;
        long n = (hi << bits) | lo;
        n = (n << (64 - 2 * bits)) >> (64 - 2 * bits);
        if (d == 0) throw GuestFault.of(Vector.DE);
        long q = n / d;   // cannot overflow: |n| < 2^63 for bits <= 32
        long lim = 1L << (bits - 1);
        if (q >= lim || q < -lim) throw GuestFault.of(Vector.DE);
        return n;
    }

    /** 128/64 unsigned quotient of hi:lo / d, #DE on overflow or d == 0. */
    public static long divq(long hi, long lo, long d) {
        if (d == 0 || Long.compareUnsigned(hi, d) >= 0) throw GuestFault.of(Vector.DE);
        if (hi == 0) return Long.divideUnsigned(lo, d);
        return u128(hi, lo, d, true);
    }

    public static long remq(long hi, long lo, long d) {
        if (d == 0 || Long.compareUnsigned(hi, d) >= 0) throw GuestFault.of(Vector.DE);
        if (hi == 0) return Long.remainderUnsigned(lo, d);
        return u128(hi, lo, d, false);
    }

    /** 128/64 signed quotient, truncating toward zero; #DE when it does not fit 64 bits. */
    public static long idivq(long hi, long lo, long d) {
        if (fitsSigned(hi, lo, d)) return lo / d;
        return s128(hi, lo, d)[0];
    }

    public static long iremq(long hi, long lo, long d) {
        if (fitsSigned(hi, lo, d)) return lo % d;
        return s128(hi, lo, d)[1];
    }

    /** The common case (rDX is the sign extension of rAX, as after CQO): no allocation. */
    private static boolean fitsSigned(long hi, long lo, long d) {
        if (d == 0) throw GuestFault.of(Vector.DE);
        if (hi != (lo >> 63)) return false;
        if (lo == Long.MIN_VALUE && d == -1) throw GuestFault.of(Vector.DE);
        return true;
    }

    /** Full 128/64 signed division (rare): BigInteger is clear and exact. */
    private static long[] s128(long hi, long lo, long d) {
        java.math.BigInteger n = java.math.BigInteger.valueOf(hi).shiftLeft(64)
            .or(java.math.BigInteger.valueOf(lo).and(U64));
        java.math.BigInteger[] qr = n.divideAndRemainder(java.math.BigInteger.valueOf(d));
        if (qr[0].bitLength() > 63) throw GuestFault.of(Vector.DE);
        return new long[] {qr[0].longValue(), qr[1].longValue()};
    }

    private static final java.math.BigInteger U64 = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);

    /** Shift-subtract long division; hi < d guaranteed by the caller. */
    private static long u128(long hi, long lo, long d, boolean quotient) {
        long r = hi, q = 0;
        for (int i = 63; i >= 0; i--) {
            boolean top = r < 0;
            r = (r << 1) | ((lo >>> i) & 1);
            q <<= 1;
            if (top || Long.compareUnsigned(r, d) >= 0) {
                r -= d;
                q |= 1;
            }
        }
        return quotient ? q : r;
    }
}

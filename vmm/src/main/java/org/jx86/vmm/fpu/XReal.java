package org.jx86.vmm.fpu;

import java.math.BigInteger;

/**
 * A binary floating-point number with a {@value #PREC}-bit significand (m * 2^e, m a signed
 * BigInteger), truncating after every operation: the working precision of the x87
 * transcendentals, about 130 bits more than the 64 they are rounded to. Not for hot paths.
 */
final class XReal {
    static final int PREC = 200;
    static final XReal ZERO = new XReal(BigInteger.ZERO, 0);
    static final XReal ONE = new XReal(BigInteger.ONE, 0);

    final BigInteger m;
    final int e;

    XReal(BigInteger m, int e) {
        int excess = m.bitLength() - PREC;
        if (excess > 0) {
            m = m.signum() < 0 ? m.negate().shiftRight(excess).negate() : m.shiftRight(excess);
            e += excess;
        }
        this.m = m;
        this.e = e;
    }

    static XReal of(long v) { return new XReal(BigInteger.valueOf(v), 0); }

    /** The exact value of a finite F80 operand. */
    static XReal of(long se, long mant) {
        BigInteger m = new BigInteger(1, new byte[] {
            (byte) (mant >>> 56), (byte) (mant >>> 48), (byte) (mant >>> 40), (byte) (mant >>> 32),
            (byte) (mant >>> 24), (byte) (mant >>> 16), (byte) (mant >>> 8), (byte) mant});
        int exp = (int) se & F80.EXP_MAX;
        if (exp == 0) exp = 1;
        if (F80.sign(se) != 0) m = m.negate();
        return new XReal(m, exp - F80.BIAS - 63);
    }

    int signum() { return m.signum(); }

    boolean isZero() { return m.signum() == 0; }

    /** floor(log2 |this|); meaningless for zero. */
    int exponent() { return e + m.bitLength() - 1; }

    XReal neg() { return new XReal(m.negate(), e); }

    XReal abs() { return m.signum() < 0 ? neg() : this; }

    XReal shl(int k) { return new XReal(m, e + k); }

    XReal add(XReal o) {
        if (o.isZero()) return this;
        if (isZero()) return o;
        // Terms far below the other's precision only matter as a sticky bit; keep PREC+8 bits of them.
        int top = Math.max(exponent(), o.exponent());
        int floor = top - PREC - 8;
        XReal a = this.cut(floor), b = o.cut(floor);
        int emin = Math.min(a.e, b.e);
        return new XReal(a.m.shiftLeft(a.e - emin).add(b.m.shiftLeft(b.e - emin)), emin);
    }

    /**
     * Drops the bits below 2^floor, keeping a sticky unit at 2^floor with the sign of what
     * was dropped, so that a sum like 1 - tiny stays below 1.
     */
    private XReal cut(int floor) {
        if (e >= floor) return this;
        int k = floor - e;
        BigInteger a = m.abs();
        BigInteger kept = a.shiftRight(k);
        if (kept.shiftLeft(k).compareTo(a) != 0) kept = kept.setBit(0);
        return new XReal(m.signum() < 0 ? kept.negate() : kept, floor);
    }

    XReal sub(XReal o) { return add(o.neg()); }

    XReal mul(XReal o) { return new XReal(m.multiply(o.m), e + o.e); }

    XReal div(XReal o) {
        int k = Math.max(0, PREC + 2 + o.m.bitLength() - m.bitLength());
        return new XReal(m.shiftLeft(k).divide(o.m), e - o.e - k);
    }

    XReal div(long d) { return div(of(d)); }

    XReal sqrt() {
        if (isZero()) return this;
        int k = Math.max(0, 2 * PREC + 2 - m.bitLength());
        if (((e - k) & 1) != 0) k++;
        return new XReal(m.shiftLeft(k).sqrt(), (e - k) / 2);
    }

    int compareTo(XReal o) { return sub(o).signum(); }

    /**
     * Rounds to 64 bits into c. The value is an approximation truncated toward zero, so the
     * true magnitude is taken to be slightly larger (always inexact).
     */
    void toF80(FpCtx c) { toF80(c, 1); }

    /**
     * Rounds to 64 bits into c, the true magnitude being this one plus ({@code dir} 1) or
     * minus ({@code dir} -1) an amount far below the 64-bit precision.
     */
    void toF80(FpCtx c, int dir) {
        if (isZero()) {
            F80.zero(c, 0);
            return;
        }
        BigInteger a = m.abs();
        int ee = e;
        if (a.bitLength() < 130) {                           // the +-1 below must sit far below 64 bits
            ee -= 130 - a.bitLength();
            a = a.shiftLeft(130 - a.bitLength());
        }
        a = a.shiftLeft(1).add(BigInteger.valueOf(dir < 0 ? -1 : 1));
        ee--;
        int len = a.bitLength();
        int exp = len + ee + F80.BIAS - 1;
        BigInteger top = a.shiftRight(len - 128);
        long sig0 = top.shiftRight(64).longValue(), sig1 = top.longValue();
        if (a.getLowestSetBit() < len - 128) sig1 |= 1;
        F80.round(c, 64, m.signum() < 0 ? 1 : 0, exp, sig0, sig1);
    }

    double toDouble() {
        int len = m.bitLength();
        int sh = Math.max(0, len - 60);
        return Math.scalb(m.shiftRight(sh).doubleValue(), e + sh);
    }

    @Override
    public String toString() { return toDouble() + " (" + m.toString(16) + " * 2^" + e + ")"; }
}

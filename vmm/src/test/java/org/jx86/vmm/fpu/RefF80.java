package org.jx86.vmm.fpu;

import java.math.BigInteger;

/**
 * Reference model for F80 rounding: exact BigInteger values rounded by definition (IEEE 754
 * with x87 precision control, 15-bit exponent range, tininess after rounding, masked
 * responses). Independent of the code under test.
 */
final class RefF80 {
    private RefF80() {}

    static final int EMIN = -16382, EMAX = 16383;

    /** An exact finite value: sign, magnitude I and exponent q, value = (-1)^sign * I * 2^q. */
    record Exact(int sign, BigInteger mag, int exp) {}

    static Exact exact(long se, long m) {
        int e = (int) se & 0x7FFF;
        BigInteger mag = new BigInteger(Long.toUnsignedString(m));
        return new Exact((int) (se >>> 15) & 1, mag, Math.max(e, 1) - 16383 - 63);
    }

    /** The rounded result: se, m and flags (FpCtx bits PE, UE, OE, C1). */
    record Result(long se, long m, int flags) {
        @Override
        public String toString() { return F80.toString(se, m) + " flags " + Integer.toHexString(flags); }
    }

    /**
     * Rounds (-1)^sign * (mag + delta) * 2^q where delta is in (0, 1) when {@code sticky},
     * else 0. mag must carry at least two bits below the rounding position when sticky.
     */
    static Result round(int sign, BigInteger mag, int q, boolean sticky, int rc, int prec) {
        if (mag.signum() == 0 && !sticky) return new Result((long) sign << 15, 0, 0);
        int e = q + mag.bitLength() - 1;
        int quantum = Math.max(e, EMIN) - (prec - 1);
        Rounded r = roundAt(sign, mag, q, sticky, quantum, rc);
        int flags = 0;
        if (r.inexact) flags |= FpCtx.PE;
        if (r.up) flags |= FpCtx.C1;
        // tininess after rounding: round with unbounded exponent range
        if (r.inexact && e < EMIN) {
            Rounded u = roundAt(sign, mag, q, sticky, e - (prec - 1), rc);
            int ue = u.mag.signum() == 0 ? Integer.MIN_VALUE : u.exp + u.mag.bitLength() - 1;
            if (ue < EMIN) flags |= FpCtx.UE;
        }
        BigInteger v = r.mag;
        if (v.signum() == 0) return new Result((long) sign << 15, 0, flags);
        int top = r.exp + v.bitLength() - 1;
        if (top > EMAX) {
            flags = FpCtx.OE | FpCtx.PE;
            boolean toZero = rc == 3 || (sign != 0 ? rc == 2 : rc == 1);
            if (toZero) {
                long maxSig = prec == 64 ? -1L : prec == 53 ? ~0x7FFL : ~0xFF_FFFF_FFFFL;
                return new Result((long) sign << 15 | 0x7FFE, maxSig, flags);
            }
            return new Result((long) sign << 15 | 0x7FFF, F80.J, flags | FpCtx.C1);
        }
        long sig;
        int biased;
        if (top >= EMIN) {
            biased = top + 16383;
            sig = v.shiftLeft(64 - v.bitLength()).longValue();
        } else {
            biased = 0;
            sig = v.shiftLeft(r.exp - (EMIN - 63)).longValue();
        }
        return new Result((long) sign << 15 | biased, sig, flags);
    }

    private record Rounded(BigInteger mag, int exp, boolean inexact, boolean up) {}

    private static Rounded roundAt(int sign, BigInteger mag, int q, boolean sticky, int quantum, int rc) {
        if (quantum <= q) {
            if (sticky) throw new IllegalArgumentException("not enough bits below the rounding position");
            return new Rounded(mag.shiftLeft(q - quantum), quantum, false, false);
        }
        int shift = quantum - q;
        BigInteger hi = mag.shiftRight(shift);
        BigInteger rem = mag.subtract(hi.shiftLeft(shift));
        BigInteger half = BigInteger.ONE.shiftLeft(shift - 1);
        int cmp = rem.compareTo(half);
        if (cmp == 0 && sticky) cmp = 1;
        boolean inexact = rem.signum() != 0 || sticky;
        boolean inc = switch (rc) {
            case 0 -> cmp > 0 || (cmp == 0 && hi.testBit(0));
            case 1 -> inexact && sign != 0;
            case 2 -> inexact && sign == 0;
            default -> false;
        };
        if (inc) hi = hi.add(BigInteger.ONE);
        return new Rounded(hi, quantum, inexact, inc);
    }

    // ---- exact operations

    static Result add(long ase, long am, long bse, long bm, int rc, int prec) {
        Exact a = exact(ase, am), b = exact(bse, bm);
        int q = Math.min(a.exp, b.exp);
        BigInteger va = signed(a).shiftLeft(a.exp - q), vb = signed(b).shiftLeft(b.exp - q);
        BigInteger s = va.add(vb);
        if (s.signum() == 0) {
            int sign = a.sign == b.sign ? a.sign : rc == 1 ? 1 : 0;
            return new Result((long) sign << 15, 0, 0);
        }
        return round(s.signum() < 0 ? 1 : 0, s.abs(), q, false, rc, prec);
    }

    static Result mul(long ase, long am, long bse, long bm, int rc, int prec) {
        Exact a = exact(ase, am), b = exact(bse, bm);
        return round(a.sign ^ b.sign, a.mag.multiply(b.mag), a.exp + b.exp, false, rc, prec);
    }

    static Result div(long ase, long am, long bse, long bm, int rc, int prec) {
        Exact a = exact(ase, am), b = exact(bse, bm);
        int s = 200 + b.mag.bitLength() - a.mag.bitLength();
        BigInteger[] qr = a.mag.shiftLeft(s).divideAndRemainder(b.mag);
        return round(a.sign ^ b.sign, qr[0], a.exp - b.exp - s, qr[1].signum() != 0, rc, prec);
    }

    static Result sqrt(long se, long m, int rc, int prec) {
        Exact a = exact(se, m);
        int t = 300 - a.mag.bitLength();
        if (((a.exp - t) & 1) != 0) t++;
        BigInteger x = a.mag.shiftLeft(t);
        BigInteger r = x.sqrt();
        return round(0, r, (a.exp - t) / 2, !r.multiply(r).equals(x), rc, prec);
    }

    private static BigInteger signed(Exact x) { return x.sign != 0 ? x.mag.negate() : x.mag; }
}

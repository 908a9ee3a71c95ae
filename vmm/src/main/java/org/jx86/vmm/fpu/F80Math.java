package org.jx86.vmm.fpu;

import java.math.BigInteger;

/**
 * The x87 transcendental instructions: F2XM1, FYL2X, FYL2XP1, FPATAN, FSIN, FCOS, FSINCOS and
 * FPTAN. Special operands follow the SDM's result tables; ordinary ones are evaluated in
 * {@link XReal} (200-bit) arithmetic and rounded once to 64 bits with the context's rounding
 * control, which gives the correctly rounded result except in table-maker's-dilemma cases.
 *
 * <p>FSIN, FCOS, FSINCOS and FPTAN reduce their argument the way the hardware does, modulo
 * pi/2 with the 66-bit approximation of pi (SDM Vol. 1 §8.3.8), exactly; so sin(pi rounded
 * to 64 bits) is -2^-64 as on the host, not the true -5.0165e-20. Operands with
 * |x| &gt;= 2^63 leave ST0 unchanged and set C2 (the methods return false).
 */
public final class F80Math {
    private F80Math() {}

    /** pi = PI66 * 2^-64 with the 66-bit approximation the x87 uses for argument reduction. */
    private static final BigInteger PI66 = new BigInteger("3243F6A8885A308D3", 16);

    /** Constants computed once at PREC + 32 bits. */
    private static final class K {
        static final XReal PI = machinPi();
        static final XReal LN2 = atanh(XReal.ONE.div(3)).shl(1);
    }

    // ---- F2XM1

    public static void f2xm1(FpCtx c, long se, long m) {
        if (F80.screen1(c, se, m)) return;
        int k = F80.classify(se, m);
        int sign = F80.sign(se);
        if (k == F80.ZERO) {
            F80.zero(c, sign);
            return;
        }
        if (k == F80.INF) {
            if (sign == 0) F80.inf(c, 0);
            else c.set(0xBFFF, F80.J);
            return;
        }
        if (F80.nexp(se, m) >= F80.BIAS) {
            // |x| >= 1: the host computes +-1 (flagging PE, and C1 for +1) and returns
            // operands outside [-1, 1] unchanged with PE
            c.exc |= FpCtx.PE;
            if (((int) se & 0x7FFF) == F80.BIAS && m == F80.J) {
                if (sign == 0) F80.round(c, 64, 0, F80.BIAS - 1, -1L, -1L);  // the host behaves as for 1 - tiny
                else c.set(0xBFFE, F80.J);
            } else {
                c.set(se & 0xFFFF, m);
            }
            return;
        }
        expm1(XReal.of(se, m).mul(K.LN2)).toF80(c);
    }

    // ---- FYL2X, FYL2XP1

    /** FYL2X: y * log2(x); x = ST0, y = ST1. */
    public static void fyl2x(FpCtx c, long xse, long xm, long yse, long ym) {
        if (F80.screen2(c, xse, xm, yse, ym)) return;
        int kx = F80.classify(xse, xm), ky = F80.classify(yse, ym);
        int sx = F80.sign(xse), sy = F80.sign(yse);
        if (sx != 0 && kx != F80.ZERO) {
            F80.invalid(c);
            return;
        }
        if (kx == F80.ZERO) {
            if (ky == F80.ZERO) F80.invalid(c);
            else {
                if (ky != F80.INF) c.exc = (c.exc & ~FpCtx.DE) | FpCtx.ZE;  // ZE alone, as on the host
                F80.inf(c, sy ^ 1);
            }
            return;
        }
        if (kx == F80.INF) {
            if (ky == F80.ZERO) F80.invalid(c);
            else F80.inf(c, sy);
            return;
        }
        boolean one = ((int) xse & 0x7FFF) == F80.BIAS && xm == F80.J;
        if (one) {
            if (ky == F80.INF) F80.invalid(c);
            else F80.zero(c, sy);
            return;
        }
        boolean below1 = ((int) xse & 0x7FFF) < F80.BIAS || F80.nexp(xse, xm) < F80.BIAS;
        if (ky == F80.INF) {
            F80.inf(c, sy ^ (below1 ? 1 : 0));
            return;
        }
        if (ky == F80.ZERO) {
            F80.zero(c, sy ^ (below1 ? 1 : 0));
            return;
        }
        long sig = F80.nsig(xse, xm);
        if (sig == F80.J) {                                  // x = 2^k: y * k, one rounding
            long kk = F80.nexp(xse, xm) - F80.BIAS;
            int before = c.exc;
            F80Convert.fromInt(c, kk);
            c.exc = before;
            long kse = c.se, km = c.m;
            int saved = c.prec;
            c.prec = 64;
            F80Arith.mul(c, yse, ym, kse, km);
            c.prec = saved;
            return;
        }
        XReal x = XReal.of(xse, xm);
        ln(x).div(K.LN2).mul(XReal.of(yse, ym)).toF80(c);
    }

    /** FYL2XP1: y * log2(x + 1); x = ST0, y = ST1. */
    public static void fyl2xp1(FpCtx c, long xse, long xm, long yse, long ym) {
        if (F80.screen2(c, xse, xm, yse, ym)) return;
        int kx = F80.classify(xse, xm), ky = F80.classify(yse, ym);
        int sx = F80.sign(xse), sy = F80.sign(yse);
        if (kx == F80.ZERO) {
            if (ky == F80.INF) F80.invalid(c);
            else F80.zero(c, sx ^ sy);
            return;
        }
        if (kx == F80.INF) {
            if (sx != 0 || ky == F80.ZERO) F80.invalid(c);
            else F80.inf(c, sy);
            return;
        }
        XReal x = XReal.of(xse, xm);
        if (sx != 0 && x.compareTo(XReal.of(-1)) <= 0) {     // outside the domain: the host returns x
            if (ky == F80.ZERO) {                            // (a zero or an infinity for such y)
                F80.zero(c, sx ^ sy);
            } else if (ky == F80.INF) {
                F80.inf(c, sy ^ 1);
            } else {
                c.exc |= FpCtx.PE;
                c.set(xse & 0xFFFF, xm);
            }
            return;
        }
        if (ky == F80.INF) {
            F80.inf(c, sy ^ sx);
            return;
        }
        if (ky == F80.ZERO) {
            F80.zero(c, sy ^ sx);
            return;
        }
        XReal l;
        if (x.exponent() < -1) l = atanh(x.div(x.add(XReal.of(2)))).shl(1);
        else l = ln(x.add(XReal.ONE));
        l.div(K.LN2).mul(XReal.of(yse, ym)).toF80(c);
    }

    // ---- FPATAN

    /** FPATAN: atan(y / x) with the quadrant of (x, y); x = ST0, y = ST1. */
    public static void fpatan(FpCtx c, long xse, long xm, long yse, long ym) {
        if (F80.screen2(c, xse, xm, yse, ym)) return;
        int kx = F80.classify(xse, xm), ky = F80.classify(yse, ym);
        int sx = F80.sign(xse), sy = F80.sign(yse);
        XReal pi = K.PI;
        XReal r;
        if (ky == F80.ZERO) {
            if (sx == 0) {
                F80.zero(c, sy);
                return;
            }
            r = pi;
        } else if (kx == F80.ZERO) {
            r = pi.shl(-1);
        } else if (ky == F80.INF) {
            if (kx == F80.INF) r = sx == 0 ? pi.shl(-2) : pi.mul(XReal.of(3)).shl(-2);
            else r = pi.shl(-1);
        } else if (kx == F80.INF) {
            if (sx == 0) {
                F80.zero(c, sy);
                return;
            }
            r = pi;
        } else {
            XReal x = XReal.of(xse, xm).abs(), y = XReal.of(yse, ym).abs();
            if (y.compareTo(x) <= 0) r = atan(y.div(x));
            else r = pi.shl(-1).sub(atan(x.div(y)));
            if (sx != 0) r = pi.sub(r);
        }
        (sy != 0 ? r.neg() : r).toF80(c);
    }

    // ---- FSIN, FCOS, FSINCOS, FPTAN

    /** Screens a trigonometric operand: returns 0 to compute, 1 when c holds the result, 2 out of range. */
    private static int trigScreen(FpCtx c, long se, long m) {
        if (F80.screen1(c, se, m)) return 1;
        int k = F80.classify(se, m);
        if (k == F80.INF) {
            F80.invalid(c);
            return 1;
        }
        if (k != F80.ZERO && F80.nexp(se, m) - F80.BIAS >= 63) return 2;
        return 0;
    }

    /** FSIN; false when |x| &gt;= 2^63 (set C2, leave ST0). */
    public static boolean sin(FpCtx c, long se, long m) {
        int s = trigScreen(c, se, m);
        if (s != 0) return s == 1;
        if (F80.classify(se, m) == F80.ZERO) {
            c.set(se & 0xFFFF, 0);
            return true;
        }
        Reduced r = reduce(se, m);
        if (tiny(r)) r.r.toF80(c, -1);                       // sin x = x - x^3/6
        else trig(r, false).toF80(c);
        return true;
    }

    /** Below this |x| the Taylor corrections of sin/cos/tan are beyond the working precision. */
    private static boolean tiny(Reduced r) { return r.q == 0 && r.r.exponent() < -80; }

    /** FCOS; false when |x| &gt;= 2^63. */
    public static boolean cos(FpCtx c, long se, long m) {
        int s = trigScreen(c, se, m);
        if (s != 0) return s == 1;
        if (F80.classify(se, m) == F80.ZERO) {
            c.set(0x3FFF, F80.J);
            return true;
        }
        Reduced r = reduce(se, m);
        if (tiny(r)) XReal.ONE.toF80(c, -1);                 // cos x = 1 - x^2/2
        else trig(r, true).toF80(c);
        return true;
    }

    /**
     * FSINCOS: leaves cos(x) in c (se, m) and sin(x) in (c.w0, c.w1); false when out of
     * range. The host clears C1 for this instruction, so C1 is dropped from the flags.
     */
    public static boolean sincos(FpCtx c, long se, long m) {
        int s = trigScreen(c, se, m);
        if (s == 2) return false;
        if (s == 1) {
            c.w0 = c.se;
            c.w1 = c.m;
            return true;
        }
        if (F80.classify(se, m) == F80.ZERO) {
            c.w0 = se & 0xFFFF;
            c.w1 = 0;
            c.set(0x3FFF, F80.J);
            return true;
        }
        Reduced r = reduce(se, m);
        boolean t = tiny(r);
        if (t) r.r.toF80(c, -1);
        else trig(r, false).toF80(c);
        c.w0 = c.se;
        c.w1 = c.m;
        if (t) XReal.ONE.toF80(c, -1);
        else trig(r, true).toF80(c);
        c.exc &= ~FpCtx.C1;
        return true;
    }

    /** FPTAN: tan(x) in c (the caller pushes 1.0); false when out of range. */
    public static boolean tan(FpCtx c, long se, long m) {
        int s = trigScreen(c, se, m);
        if (s != 0) return s == 1;
        if (F80.classify(se, m) == F80.ZERO) {
            c.set(se & 0xFFFF, 0);
            return true;
        }
        Reduced r = reduce(se, m);
        if (tiny(r)) {
            r.r.toF80(c, 1);                                 // tan x = x + x^3/3
            return true;
        }
        XReal sn = trig(new Reduced(r.r, 0), false), cs = trig(new Reduced(r.r, 0), true);
        ((r.q & 1) == 0 ? sn.div(cs) : cs.div(sn).neg()).toF80(c);
        return true;
    }

    /** x = q * (pi66 / 2) + r exactly, |r| &lt;= pi66 / 4. */
    private record Reduced(XReal r, int q) {}

    private static Reduced reduce(long se, long m) {
        XReal x = XReal.of(se, m);                           // exact: 64-bit significand
        // x / (PI66 * 2^-65) = x.m * 2^(x.e + 65) / PI66
        BigInteger num = x.m;
        int sh = x.e + 65;
        BigInteger den = PI66;
        if (sh >= 0) num = num.shiftLeft(sh);
        else den = den.shiftLeft(-sh);
        BigInteger[] qr = num.divideAndRemainder(den);
        BigInteger k = qr[0];
        BigInteger twice = qr[1].abs().shiftLeft(1);
        int cmp = twice.compareTo(den.abs());
        if (cmp > 0 || (cmp == 0 && k.testBit(0))) k = k.add(BigInteger.valueOf(num.signum()));
        if (k.signum() == 0) return new Reduced(x, 0);
        // r = x - k * PI66 * 2^-65, computed at exponent min(x.e, -65)
        int emin = Math.min(x.e, -65);
        BigInteger rm = x.m.shiftLeft(x.e - emin).subtract(k.multiply(PI66).shiftLeft(-65 - emin));
        return new Reduced(new XReal(rm, emin), k.intValue() & 3);
    }

    /** sin (cos when {@code cosine}) of q * pi/2 + r. */
    private static XReal trig(Reduced red, boolean cosine) {
        int q = (red.q + (cosine ? 1 : 0)) & 3;              // cos(x) = sin(x + pi/2)
        XReal v = (q & 1) == 0 ? sinSeries(red.r) : cosSeries(red.r);
        return (q & 2) != 0 ? v.neg() : v;
    }

    // ---- series (all in XReal)

    private static boolean small(XReal term, XReal sum) {
        return term.isZero() || term.exponent() < sum.exponent() - XReal.PREC - 4;
    }

    private static XReal sinSeries(XReal r) {
        XReal r2 = r.mul(r), term = r, sum = r;
        for (int n = 1; !small(term, sum); n++) {
            term = term.mul(r2).div((long) (2 * n) * (2 * n + 1)).neg();
            sum = sum.add(term);
        }
        return sum;
    }

    private static XReal cosSeries(XReal r) {
        XReal r2 = r.mul(r), term = XReal.ONE, sum = XReal.ONE;
        for (int n = 1; !small(term, sum); n++) {
            term = term.mul(r2).div((long) (2 * n - 1) * (2 * n)).neg();
            sum = sum.add(term);
        }
        return sum;
    }

    /** e^t - 1 for |t| &lt;= 1. */
    private static XReal expm1(XReal t) {
        XReal term = t, sum = t;
        for (int n = 2; !small(term, sum); n++) {
            term = term.mul(t).div(n);
            sum = sum.add(term);
        }
        return sum;
    }

    /** atanh(z) for |z| &lt;= 1/2. */
    static XReal atanh(XReal z) {
        XReal z2 = z.mul(z), pow = z, sum = z;
        for (int n = 3; ; n += 2) {
            pow = pow.mul(z2);
            XReal term = pow.div(n);
            if (small(term, sum)) return sum;
            sum = sum.add(term);
        }
    }

    /** Natural logarithm of x &gt; 0. */
    private static XReal ln(XReal x) {
        int k = x.exponent();
        XReal f = x.shl(-k);                                 // [1, 2)
        if (f.compareTo(new XReal(BigInteger.valueOf(181), -7)) > 0) {   // > 1.414: use [0.707, 1.414)
            f = f.shl(-1);
            k++;
        }
        XReal z = f.sub(XReal.ONE).div(f.add(XReal.ONE));
        return atanh(z).shl(1).add(K.LN2.mul(XReal.of(k)));
    }

    /** atan(t) for 0 &lt;= t &lt;= 1: two argument halvings, then the Taylor series. */
    private static XReal atan(XReal t) {
        for (int i = 0; i < 2; i++) t = t.div(XReal.ONE.add(XReal.ONE.add(t.mul(t)).sqrt()));
        XReal t2 = t.mul(t), pow = t, sum = t;
        for (int n = 3; ; n += 2) {
            pow = pow.mul(t2).neg();
            XReal term = pow.div(n);
            if (small(term, sum)) return sum.shl(2);
            sum = sum.add(term);
        }
    }

    /** pi = 16 atan(1/5) - 4 atan(1/239), in fixed point. */
    private static XReal machinPi() {
        int bits = XReal.PREC + 32;
        BigInteger one = BigInteger.ONE.shiftLeft(bits);
        BigInteger p = acot(5, one).shiftLeft(4).subtract(acot(239, one).shiftLeft(2));
        return new XReal(p, -bits);
    }

    private static BigInteger acot(int n, BigInteger one) {
        BigInteger nn = BigInteger.valueOf((long) n * n);
        BigInteger pow = one.divide(BigInteger.valueOf(n)), sum = pow;
        for (int k = 1; pow.signum() != 0; k++) {
            pow = pow.divide(nn);
            BigInteger term = pow.divide(BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) != 0 ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }

    /** pi at working precision, for tests. */
    static XReal pi() { return K.PI; }
}

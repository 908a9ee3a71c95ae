package org.jx86.vmm.fpu;

import static org.jx86.vmm.fpu.F80.BIAS;
import static org.jx86.vmm.fpu.F80.EXP_MAX;
import static org.jx86.vmm.fpu.F80.J;

/**
 * Correctly rounded x87 arithmetic on (se, m) pairs: add, sub, mul, div and sqrt honour the
 * context's rounding control and precision; remainders, scaling, round-to-integer,
 * exponent extraction and comparison follow the SDM's special-case tables. Results and
 * flags are left in the {@link FpCtx}; nothing allocates.
 */
public final class F80Arith {
    private F80Arith() {}

    /** Condition-code results of {@link #compare}, in status-word positions (C3, C2, C0). */
    public static final int GT = 0, LT = 0x0100, EQ = 0x4000, UNORDERED = 0x4500;
    /** {@link #rem} result meaning: clear C1 and C2, leave C0 and C3 as they were (the host's behaviour). */
    public static final int KEEP_C0_C3 = -1;

    public static void add(FpCtx c, long ase, long am, long bse, long bm) { addSub(c, ase, am, bse, bm, 0); }

    public static void sub(FpCtx c, long ase, long am, long bse, long bm) { addSub(c, ase, am, bse, bm, 1); }

    private static void addSub(FpCtx c, long ase, long am, long bse, long bm, int negB) {
        if (F80.screen2(c, ase, am, bse, bm)) return;
        int sa = F80.sign(ase), sb = F80.sign(bse) ^ negB;
        int ka = F80.classify(ase, am), kb = F80.classify(bse, bm);
        if (ka == F80.INF || kb == F80.INF) {
            if (ka == F80.INF && kb == F80.INF && sa != sb) F80.invalid(c);
            else F80.inf(c, ka == F80.INF ? sa : sb);
            return;
        }
        if (ka == F80.ZERO || kb == F80.ZERO) {
            if (ka == kb) {
                F80.zero(c, sa == sb ? sa : c.rc == FpCtx.RC_DOWN ? 1 : 0);
            } else if (ka == F80.ZERO) {
                F80.round(c, c.prec, sb, F80.nexp(bse, bm), F80.nsig(bse, bm), 0);
            } else {
                F80.round(c, c.prec, sa, F80.nexp(ase, am), F80.nsig(ase, am), 0);
            }
            return;
        }
        int ea = F80.nexp(ase, am), eb = F80.nexp(bse, bm);
        long ma = F80.nsig(ase, am), mb = F80.nsig(bse, bm);
        if (sa == sb) addMags(c, sa, ea, ma, eb, mb);
        else subMags(c, sa, ea, ma, eb, mb);
    }

    private static void addMags(FpCtx c, int sign, int ea, long ma, int eb, long mb) {
        if (ea < eb) {
            int te = ea; ea = eb; eb = te;
            long tm = ma; ma = mb; mb = tm;
        }
        int d = ea - eb;
        long bh, bl;
        if (d == 0) { bh = mb; bl = 0; }
        else if (d < 64) { bh = mb >>> d; bl = mb << (64 - d); }
        else if (d == 64) { bh = 0; bl = mb; }
        else { bh = 0; bl = F80.shrJam(mb, d - 64); }
        long hi = ma + bh;
        if (Long.compareUnsigned(hi, ma) < 0) {
            bl = bl >>> 1 | (bl & 1) | hi << 63;
            hi = hi >>> 1 | J;
            ea++;
        }
        F80.round(c, c.prec, sign, ea, hi, bl);
    }

    private static void subMags(FpCtx c, int sign, int ea, long ma, int eb, long mb) {
        if (ea < eb || (ea == eb && Long.compareUnsigned(ma, mb) < 0)) {
            int te = ea; ea = eb; eb = te;
            long tm = ma; ma = mb; mb = tm;
            sign ^= 1;
        } else if (ea == eb && ma == mb) {
            F80.zero(c, c.rc == FpCtx.RC_DOWN ? 1 : 0);
            return;
        }
        int d = ea - eb;
        long bh, bl;
        if (d == 0) { bh = mb; bl = 0; }
        else if (d < 64) { bh = mb >>> d; bl = mb << (64 - d); }
        else if (d == 64) { bh = 0; bl = mb; }
        else { bh = 0; bl = F80.shrJam(mb, d - 64); }
        long lo = -bl;
        long hi = ma - bh - (bl != 0 ? 1 : 0);
        F80.normRound(c, c.prec, sign, ea, hi, lo);
    }

    public static void mul(FpCtx c, long ase, long am, long bse, long bm) {
        if (F80.screen2(c, ase, am, bse, bm)) return;
        int sign = F80.sign(ase) ^ F80.sign(bse);
        int ka = F80.classify(ase, am), kb = F80.classify(bse, bm);
        if (ka == F80.INF || kb == F80.INF) {
            if (ka == F80.ZERO || kb == F80.ZERO) F80.invalid(c);
            else F80.inf(c, sign);
            return;
        }
        if (ka == F80.ZERO || kb == F80.ZERO) {
            F80.zero(c, sign);
            return;
        }
        long ma = F80.nsig(ase, am), mb = F80.nsig(bse, bm);
        int e = F80.nexp(ase, am) + F80.nexp(bse, bm) - BIAS + 1;
        long hi = F80.umulh(ma, mb), lo = ma * mb;
        if (hi >= 0) {
            hi = hi << 1 | lo >>> 63;
            lo <<= 1;
            e--;
        }
        F80.round(c, c.prec, sign, e, hi, lo);
    }

    public static void div(FpCtx c, long ase, long am, long bse, long bm) {
        int ka = F80.classify(ase, am), kb = F80.classify(bse, bm);
        int sign = F80.sign(ase) ^ F80.sign(bse);
        if (kb == F80.ZERO && (ka == F80.NORMAL || ka == F80.DENORMAL)) {
            c.exc |= FpCtx.ZE; // the host reports ZE alone, even for a denormal dividend
            F80.inf(c, sign);
            return;
        }
        if (F80.screen2(c, ase, am, bse, bm)) return;
        if (ka == F80.INF) {
            if (kb == F80.INF) F80.invalid(c);
            else F80.inf(c, sign);
            return;
        }
        if (kb == F80.INF) {
            F80.zero(c, sign);
            return;
        }
        if (ka == F80.ZERO) {
            if (kb == F80.ZERO) F80.invalid(c);
            else F80.zero(c, sign);
            return;
        }
        long ma = F80.nsig(ase, am), mb = F80.nsig(bse, bm);
        int e = F80.nexp(ase, am) - F80.nexp(bse, bm) + BIAS;
        long u1, u0;
        if (Long.compareUnsigned(ma, mb) >= 0) {
            u1 = ma >>> 1;
            u0 = ma << 63;
        } else {
            u1 = ma;
            u0 = 0;
            e--;
        }
        long q1 = F80.div128(c, u1, u0, mb);
        long q0 = F80.div128(c, c.w0, 0, mb);
        F80.round(c, c.prec, sign, e, q1, q0 | (c.w0 != 0 ? 1 : 0));
    }

    public static void sqrt(FpCtx c, long se, long m) {
        if (F80.screen1(c, se, m)) return;
        int k = F80.classify(se, m);
        int sign = F80.sign(se);
        if (k == F80.ZERO) {
            F80.zero(c, sign);
            return;
        }
        if (sign != 0) {
            F80.invalid(c);
            return;
        }
        if (k == F80.INF) {
            F80.inf(c, 0);
            return;
        }
        int e = F80.nexp(se, m) - BIAS;
        long sig = F80.nsig(se, m);
        int shift = 65 + (e & 1);               // X = sig << shift, a 129- or 130-bit radicand
        long rh = 0, rl = 0, qh = 0, ql = 0;    // remainder and root, 128 bits each
        for (int i = 64; i >= 0; i--) {
            int j = 2 * i;                       // bits j+1, j of X
            long pair = (bitOf(sig, j + 1 - shift) << 1) | bitOf(sig, j - shift);
            rh = rh << 2 | rl >>> 62;
            rl = rl << 2 | pair;
            long th = qh << 2 | ql >>> 62, tl = ql << 2 | 1;
            qh = qh << 1 | ql >>> 63;
            ql <<= 1;
            if (Long.compareUnsigned(rh, th) > 0 || (rh == th && Long.compareUnsigned(rl, tl) >= 0)) {
                long nl = rl - tl;
                rh = rh - th - (Long.compareUnsigned(rl, tl) < 0 ? 1 : 0);
                rl = nl;
                ql |= 1;
            }
        }
        // root (qh:ql) is in [2^64, 2^65): bit 64 is qh's bit 0
        long sig0 = qh << 63 | ql >>> 1;
        long sig1 = ql << 63 | ((rh | rl) != 0 ? 1 : 0);
        F80.round(c, c.prec, 0, BIAS + (e >> 1), sig0, sig1);
    }

    private static long bitOf(long v, int i) { return i < 0 || i > 63 ? 0 : (v >>> i) & 1; }

    /**
     * Compares a with b and returns {@link #GT}, {@link #LT}, {@link #EQ} or {@link #UNORDERED}.
     * Unsupported operands and SNaNs raise IE; QNaNs too when {@code quiet} is false
     * (FCOM, FICOM, FTST, FCOMI), not for FUCOM*; denormals raise DE.
     */
    public static int compare(FpCtx c, long ase, long am, long bse, long bm, boolean quiet) {
        int ka = F80.classify(ase, am), kb = F80.classify(bse, bm);
        if (ka == F80.UNSUPPORTED || kb == F80.UNSUPPORTED) {
            c.exc |= FpCtx.IE;
            return UNORDERED;
        }
        if (ka >= F80.QNAN || kb >= F80.QNAN) {
            if (!quiet || ka == F80.SNAN || kb == F80.SNAN) c.exc |= FpCtx.IE;
            return UNORDERED;
        }
        if (ka == F80.DENORMAL || kb == F80.DENORMAL) c.exc |= FpCtx.DE;
        if (ka == F80.ZERO && kb == F80.ZERO) return EQ;
        int sa = F80.sign(ase), sb = F80.sign(bse);
        if (ka == F80.ZERO) return sb != 0 ? GT : LT;
        if (kb == F80.ZERO) return sa != 0 ? LT : GT;
        if (sa != sb) return sa != 0 ? LT : GT;
        int ea = F80.nexp(ase, am), eb = F80.nexp(bse, bm);
        int mag = ea != eb ? Integer.compare(ea, eb)
            : Long.compareUnsigned(F80.nsig(ase, am), F80.nsig(bse, bm));
        if (mag == 0) return EQ;
        return (mag > 0) ^ (sa != 0) ? GT : LT;
    }

    /**
     * FPREM ({@code ieee} false: quotient truncated) and FPREM1 ({@code ieee} true: quotient
     * rounded to nearest-even) of a by b. Returns the status-word condition bits: C2 when
     * the reduction is partial (exponent difference d of 64 or more: the exponent drops by
     * about n = 32 + d mod 32 per step, as on the host), otherwise C0, C3, C1 = quotient bits
     * 2, 1, 0. The result is exact. Returns {@link #KEEP_C0_C3} for NaN and invalid results.
     */
    public static int rem(FpCtx c, long ase, long am, long bse, long bm, boolean ieee) {
        if (F80.screen2(c, ase, am, bse, bm)) return KEEP_C0_C3;
        int ka = F80.classify(ase, am), kb = F80.classify(bse, bm);
        if (ka == F80.INF || kb == F80.ZERO) {
            F80.invalid(c);
            return KEEP_C0_C3;
        }
        if (ka == F80.ZERO || kb == F80.INF) {
            if (ka == F80.ZERO) c.set(ase & 0xFFFF, am);
            else F80.round(c, 64, F80.sign(ase), F80.nexp(ase, am), F80.nsig(ase, am), 0);  // normalized
            return 0;
        }
        int sign = F80.sign(ase);
        int ea = F80.nexp(ase, am), eb = F80.nexp(bse, bm);
        long ma = F80.nsig(ase, am), mb = F80.nsig(bse, bm);
        int d = ea - eb;
        if (d < 0) {
            if (ieee && d == -1 && Long.compareUnsigned(ma, mb) > 0) {
                // |a| > |b|/2: quotient rounds to 1, remainder |b| - |a| = (2mb - ma) * 2^(eb - 1 - BIAS - 63)
                long x = 2 * mb - ma;
                int n = Long.numberOfLeadingZeros(x);
                F80.round(c, 64, sign ^ 1, eb - 1 - n, x << n, 0);
                return 0x0200;
            }
            F80.round(c, 64, sign, ea, ma, 0);  // unchanged (denormals stay denormal)
            return 0;
        }
        long q, r;
        int scale;
        int cc;
        if (d >= 64) {
            // partial: QQ = trunc(a / (b * 2^(d - n))) with n = 32 + d mod 32, as the host does
            int n = 32 + (d & 31);
            q = F80.div128(c, ma >>> (64 - n), ma << n, mb);
            r = c.w0;
            scale = ea - n;
            cc = 0x0400;
        } else {
            q = F80.div128(c, d == 0 ? 0 : ma >>> (64 - d), ma << d, mb);
            r = c.w0;
            scale = eb;
            if (ieee && r != 0) {
                int cmp = Long.compareUnsigned(r, mb - r);  // r vs mb/2, exactly
                if (cmp > 0 || (cmp == 0 && (q & 1) != 0)) {
                    q++;
                    r = mb - r;
                    sign ^= 1;
                }
            }
            cc = ((int) (q >>> 2) & 1) << 8 | ((int) (q >>> 1) & 1) << 14 | ((int) q & 1) << 9;
        }
        if (r == 0) {
            F80.zero(c, F80.sign(ase));
        } else {
            int n = Long.numberOfLeadingZeros(r);
            F80.round(c, 64, sign, scale - n, r << n, 0);
        }
        return cc;
    }

    /** FSCALE: a * 2^trunc(b), rounded to 64 bits (precision control does not apply). */
    public static void scale(FpCtx c, long ase, long am, long bse, long bm) {
        if (F80.screen2(c, ase, am, bse, bm)) return;
        int ka = F80.classify(ase, am), kb = F80.classify(bse, bm);
        int sa = F80.sign(ase), sb = F80.sign(bse);
        if (kb == F80.INF) {
            if (sb != 0) {
                if (ka == F80.INF) F80.invalid(c);
                else F80.zero(c, sa);
            } else {
                if (ka == F80.ZERO) F80.invalid(c);
                else F80.inf(c, sa);
            }
            return;
        }
        if (ka == F80.INF || ka == F80.ZERO) {
            c.set(ase & 0xFFFF, am);
            return;
        }
        int eb = F80.nexp(bse, bm) - BIAS;
        long n;
        if (eb < 0) n = 0;
        else if (eb > 30) n = 1 << 20;                 // beyond any exponent range: saturate
        else n = F80.nsig(bse, bm) >>> (63 - eb);
        if (sb != 0) n = -n;
        F80.round(c, 64, sa, F80.nexp(ase, am) + (int) n, F80.nsig(ase, am), 0);
    }

    /** FRNDINT: rounds to an integral value with the context's rounding control. */
    public static void roundInt(FpCtx c, long se, long m) {
        if (F80.screen1(c, se, m)) return;
        int k = F80.classify(se, m);
        if (k == F80.ZERO || k == F80.INF) {
            c.set(se & 0xFFFF, m);
            return;
        }
        int e = F80.nexp(se, m) - BIAS;
        if (e >= 63) {
            c.set(se & 0xFFFF, m);
            return;
        }
        int sign = F80.sign(se);
        long mag = roundMagnitude(c, sign, e, F80.nsig(se, m), c.rc);
        F80.fromMagnitude(c, sign, mag);
    }

    /**
     * The integer magnitude of |sig * 2^(e - 63)| (e &lt; 64) rounded with rc; raises PE when
     * inexact and C1 when the magnitude was rounded up.
     */
    static long roundMagnitude(FpCtx c, int sign, int e, long sig, int rc) {
        long ip, frac;
        if (e >= 63) {
            ip = sig;
            frac = 0;
        } else if (e >= 0) {
            ip = sig >>> (63 - e);
            frac = sig << (e + 1);
        } else {
            ip = 0;
            frac = F80.shrJam(sig, -e - 1);
        }
        if (frac == 0) return ip;
        c.exc |= FpCtx.PE;
        boolean inc = switch (rc) {
            case FpCtx.RC_NEAREST -> frac < 0 && (frac << 1 != 0 || (ip & 1) != 0);
            case FpCtx.RC_DOWN -> sign != 0;
            case FpCtx.RC_UP -> sign == 0;
            default -> false;
        };
        if (inc) {
            c.exc |= FpCtx.C1;
            ip++;
        }
        return ip;
    }

    /**
     * FXTRACT: leaves the significand (exponent forced to BIAS, sign kept) in c and returns
     * the exponent as an F80 in {@code c.w0} (se) and {@code c.w1} (m).
     */
    public static void xtract(FpCtx c, long se, long m) {
        int k = F80.classify(se, m);
        if (k == F80.UNSUPPORTED) {
            F80.invalid(c);
            c.w0 = F80.INDEF_SE;
            c.w1 = F80.INDEF_M;
            return;
        }
        if (k >= F80.QNAN) {
            F80.quiet(c, se, m);
            c.w0 = c.se;
            c.w1 = c.m;
            return;
        }
        int sign = F80.sign(se);
        if (k == F80.ZERO) {
            c.exc |= FpCtx.ZE;
            c.w0 = F80.packSe(1, EXP_MAX);
            c.w1 = J;
            F80.zero(c, sign);
            return;
        }
        if (k == F80.INF) {
            c.w0 = EXP_MAX;
            c.w1 = J;
            F80.inf(c, sign);
            return;
        }
        if (k == F80.DENORMAL) c.exc |= FpCtx.DE;
        int e = F80.nexp(se, m) - BIAS;
        long sig = F80.nsig(se, m);
        F80.fromMagnitude(c, e < 0 ? 1 : 0, Math.abs((long) e));
        c.w0 = c.se;
        c.w1 = c.m;
        c.set(F80.packSe(sign, BIAS), sig);
    }
}

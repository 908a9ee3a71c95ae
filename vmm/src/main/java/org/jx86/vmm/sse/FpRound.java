package org.jx86.vmm.sse;

/**
 * Rounding of an exactly known value to binary32 or binary64 under MXCSR, with the flags x86
 * raises: the slow path of the SSE arithmetic (directed rounding, underflow, FTZ).
 *
 * <p>The value is given as {@code (hi + err) * 2^-k}: {@code hi} a double in the normal range
 * (the operation's round-to-nearest result on operands scaled by powers of two, so nothing
 * under- or overflows), {@code es} the sign of {@code err} (found exactly with TwoSum or an
 * FMA residual), |err| below half an ulp of hi. Tininess is detected after rounding, as on
 * x86 (SoftFloat's 8086-SSE specialisation): the result is tiny when rounding it to the
 * format's precision with unbounded exponent gives a magnitude below the smallest normal.
 * Masked underflow sets UE only when the denormal result is also inexact; unmasked, every tiny
 * result raises UE. FZ (with UE masked) flushes a tiny result to zero and sets UE and PE.
 */
final class FpRound {
    private FpRound() {}

    /** Rounds; returns the result bits (binary32 in the low 32 bits) or, if {@code flags}, the flags. */
    static long round(double hi, int es, int k, boolean f32, long mx, boolean flags) {
        int p = f32 ? 24 : 53, emin = f32 ? -126 : -1022, emax = f32 ? 127 : 1023;
        boolean neg = hi < 0;
        double a = Math.abs(hi);
        int esm = neg ? -es : es;
        int rc = Mxcsr.rc(mx);
        boolean away = rc == 2 ? !neg : rc == 1 && neg;
        boolean nearest = rc == 0;
        int e = Math.getExponent(a);
        double g = Math.scalb(1.0, e - p + 1);
        double u = grid(a, esm, g, a == Math.scalb(1.0, e) ? g / 2 : g, nearest, away);
        boolean inexact = !(Math.floor(a / g) * g == a && esm == 0);
        int eu = Math.getExponent(u) - k;
        long fl;
        double r;
        // Unmasked overflow and underflow deliver no result; their PE then says whether the
        // result rounded to the format's precision with unbounded exponent is inexact.
        long pe = inexact ? Mxcsr.PE : 0;
        if (eu > emax) {
            fl = (mx & Mxcsr.OM) != 0 ? Mxcsr.OE | Mxcsr.PE : Mxcsr.OE | pe;
            r = nearest || away ? Double.POSITIVE_INFINITY : (f32 ? Float.MAX_VALUE : Double.MAX_VALUE);
            return flags ? fl : bits(neg ? -r : r, f32);
        }
        if (eu < emin) {
            boolean um = (mx & Mxcsr.UM) != 0;
            if ((mx & Mxcsr.FZ) != 0 && um) return flags ? Mxcsr.UE | Mxcsr.PE : bits(neg ? -0.0 : 0.0, f32);
            int dexp = emin - p + 1;                     // exponent of the smallest denormal
            boolean dInexact;
            if (e - k < dexp - 2) {
                // far below half the smallest denormal: zero, or the smallest denormal when rounding away
                r = away ? Math.scalb(1.0, dexp) : 0;
                dInexact = true;
            } else {
                double gd = Math.scalb(1.0, dexp + k);
                r = Math.scalb(grid(a, esm, gd, gd, nearest, away), -k);
                dInexact = !(Math.floor(a / gd) * gd == a && esm == 0);
            }
            fl = um ? (dInexact ? Mxcsr.UE | Mxcsr.PE : 0) : Mxcsr.UE | pe;
            return flags ? fl : bits(neg ? -r : r, f32);
        }
        r = Math.scalb(u, -k);
        return flags ? (inexact ? Mxcsr.PE : 0) : bits(neg ? -r : r, f32);
    }

    private static long bits(double r, boolean f32) {
        return f32 ? Float.floatToRawIntBits((float) r) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(r);
    }

    /**
     * a (a magnitude) plus a residual of sign esm rounded to a multiple of g: to nearest (ties
     * to even), away from zero, or toward zero. {@code below} is the spacing just under a when a
     * is on the grid (half of g at a power of two, where the binade below is finer).
     */
    private static double grid(double a, int esm, double g, double below, boolean nearest, boolean away) {
        double m = a / g, fl = Math.floor(m), frac = m - fl;
        if (frac == 0) {
            if (esm > 0 && away) return a + g;
            if (esm < 0 && !nearest && !away) return a - below;
            return a;
        }
        double lo = fl * g, hi = (fl + 1) * g;
        if (away) return hi;
        if (!nearest) return lo;
        if (frac < 0.5) return lo;
        if (frac > 0.5) return hi;
        if (esm != 0) return esm > 0 ? hi : lo;
        return fl % 2 == 0 ? lo : hi;
    }
}

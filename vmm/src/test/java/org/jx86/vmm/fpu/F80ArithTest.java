package org.jx86.vmm.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** F80 arithmetic against exact BigInteger reference rounding ({@link RefF80}). */
class F80ArithTest {
    static final long SEED = 0x5EED_F80L;

    /** Random finite non-zero operands with exponents clustered so that every path is hit. */
    static long[] operand(SplittableRandom r, int nearExp) {
        long m = switch (r.nextInt(6)) {
            case 0 -> -1L;                                       // all ones
            case 1 -> F80.J | (1L << r.nextInt(63));             // sparse
            case 2 -> F80.J | (r.nextLong() & 0xFFFF_FF00_0000_0000L); // short significand
            default -> F80.J | r.nextLong();
        };
        int e = switch (r.nextInt(8)) {
            case 0 -> 1 + r.nextInt(0x7FFE);                     // anywhere
            case 1 -> r.nextInt(70);                             // tiny and denormal
            case 2 -> 0x7FFE - r.nextInt(70);                    // huge
            default -> Math.max(0, Math.min(0x7FFE, nearExp + r.nextInt(140) - 70));
        };
        if (e == 0) {
            m >>>= 1 + r.nextInt(63);
            if (m == 0) m = 1;
        }
        long se = (long) r.nextInt(2) << 15 | e;
        return new long[] {se, m};
    }

    private static int flagsOf(FpCtx c) { return c.exc & (FpCtx.PE | FpCtx.UE | FpCtx.OE | FpCtx.C1); }

    @Test
    void randomAgainstExactReference() {
        System.out.println("F80ArithTest seed 0x" + Long.toHexString(SEED));
        SplittableRandom r = new SplittableRandom(SEED);
        FpCtx c = new FpCtx();
        int[] precs = {24, 53, 64};
        for (int n = 0; n < 100_000; n++) {
            long[] a = operand(r, 0x3FFF);
            long[] b = operand(r, (int) a[0] & 0x7FFF);
            int op = r.nextInt(5), rc = r.nextInt(4), prec = precs[r.nextInt(3)];
            c.rc = rc;
            c.prec = prec;
            c.exc = 0;
            RefF80.Result want;
            switch (op) {
                case 0 -> {
                    F80Arith.add(c, a[0], a[1], b[0], b[1]);
                    want = RefF80.add(a[0], a[1], b[0], b[1], rc, prec);
                }
                case 1 -> {
                    F80Arith.sub(c, a[0], a[1], b[0], b[1]);
                    want = RefF80.add(a[0], a[1], b[0] ^ 0x8000, b[1], rc, prec);
                }
                case 2 -> {
                    F80Arith.mul(c, a[0], a[1], b[0], b[1]);
                    want = RefF80.mul(a[0], a[1], b[0], b[1], rc, prec);
                }
                case 3 -> {
                    F80Arith.div(c, a[0], a[1], b[0], b[1]);
                    want = RefF80.div(a[0], a[1], b[0], b[1], rc, prec);
                }
                default -> {
                    a[0] &= 0x7FFF;
                    F80Arith.sqrt(c, a[0], a[1]);
                    want = RefF80.sqrt(a[0], a[1], rc, prec);
                }
            }
            String what = "case " + n + " op " + op + " rc " + rc + " prec " + prec + ": "
                + F80.toString(a[0], a[1]) + ", " + F80.toString(b[0], b[1]);
            assertEquals(want.toString(), new RefF80.Result(c.se, c.m, flagsOf(c)).toString(), what);
            boolean den = (a[0] & 0x7FFF) == 0 || (op < 4 && (b[0] & 0x7FFF) == 0);
            assertEquals(den, (c.exc & FpCtx.DE) != 0, what + " DE");
        }
    }

    /** The rounding step alone, at the edges of the exponent range where the special paths are. */
    @Test
    void roundingAtRangeEdges() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        FpCtx c = new FpCtx();
        int[] precs = {24, 53, 64};
        long[] sigs = {-1L, F80.J, 0xFFFF_FFFF_FFFF_F800L, 0xFFFF_FF00_0000_0000L, 0xFFFF_FFFF_FFFF_FC00L,
            0xFFFF_FF80_0000_0000L, 0x8000_0000_0000_0400L};
        long[] lows = {0, F80.J, 1, -1L, 0x4000_0000_0000_0000L};
        for (int n = 0; n < 50_000; n++) {
            int exp = r.nextBoolean() ? r.nextInt(-3, 3) : 0x7FFE + r.nextInt(-2, 2);
            if (r.nextInt(10) == 0) exp = r.nextInt(-70, 1);
            long sig0 = r.nextInt(3) == 0 ? F80.J | r.nextLong() : sigs[r.nextInt(sigs.length)];
            long sig1 = r.nextInt(3) == 0 ? r.nextLong() : lows[r.nextInt(lows.length)];
            int rc = r.nextInt(4), prec = precs[r.nextInt(3)], sign = r.nextInt(2);
            c.rc = rc;
            c.exc = 0;
            F80.round(c, prec, sign, exp, sig0, sig1);
            java.math.BigInteger mag = new java.math.BigInteger(Long.toUnsignedString(sig0)).shiftLeft(64)
                .or(new java.math.BigInteger(Long.toUnsignedString(sig1)));
            RefF80.Result want = RefF80.round(sign, mag, exp - 16383 - 127, false, rc, prec);
            assertEquals(want.toString(), new RefF80.Result(c.se, c.m, flagsOf(c)).toString(),
                "exp " + exp + " sig " + Long.toHexString(sig0) + ":" + Long.toHexString(sig1) + " rc " + rc + " prec " + prec);
        }
    }

    @Test
    void specialOperands() {
        FpCtx c = new FpCtx();
        // inf - inf, 0 * inf, 0/0, inf/inf, sqrt(-1): invalid -> indefinite
        long inf = 0x7FFF, one = 0x3FFF;
        F80Arith.sub(c, inf, F80.J, inf, F80.J);
        assertIndefinite(c);
        F80Arith.mul(c.reset(0x37F), 0, 0, inf, F80.J);
        assertIndefinite(c);
        F80Arith.div(c.reset(0x37F), 0, 0, 0x8000, 0);
        assertIndefinite(c);
        F80Arith.sqrt(c.reset(0x37F), 0xBFFF, F80.J);
        assertIndefinite(c);
        // 1/0 -> ZE, +inf; -0 sqrt -> -0
        F80Arith.div(c.reset(0x37F), one, F80.J, 0x8000, 0);
        assertEquals("ffff:8000000000000000", F80.toString(c.se, c.m));
        assertEquals(FpCtx.ZE, c.exc);
        F80Arith.sqrt(c.reset(0x37F), 0x8000, 0);
        assertEquals("8000:0000000000000000", F80.toString(c.se, c.m));
        // unnormal operand -> invalid
        F80Arith.add(c.reset(0x37F), one, 0x4000_0000_0000_0000L, one, F80.J);
        assertIndefinite(c);
        // NaN propagation: larger significand among QNaNs, QNaN over SNaN
        F80Arith.add(c.reset(0x37F), 0x7FFF, 0xC000_0000_0000_0001L, 0xFFFF, 0xC000_0000_0000_0002L);
        assertEquals("ffff:c000000000000002", F80.toString(c.se, c.m));
        assertEquals(0, c.exc);
        F80Arith.add(c.reset(0x37F), 0x7FFF, 0x8000_0000_0000_0009L, 0xFFFF, 0xC000_0000_0000_0002L);
        assertEquals("ffff:c000000000000002", F80.toString(c.se, c.m));
        assertEquals(FpCtx.IE, c.exc);
        // x - x = +0, or -0 when rounding down
        F80Arith.sub(c.reset(0x37F), one, F80.J, one, F80.J);
        assertEquals("0000:0000000000000000", F80.toString(c.se, c.m));
        F80Arith.sub(c.reset(0x77F), one, F80.J, one, F80.J);
        assertEquals("8000:0000000000000000", F80.toString(c.se, c.m));
    }

    private static void assertIndefinite(FpCtx c) {
        assertEquals("ffff:c000000000000000", F80.toString(c.se, c.m));
        assertTrue((c.exc & FpCtx.IE) != 0);
    }

    @Test
    void remainderAgainstBigInteger() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        FpCtx c = new FpCtx();
        for (int n = 0; n < 20_000; n++) {
            long[] a = operand(r, 0x3FFF);
            long[] b = operand(r, (int) a[0] & 0x7FFF);
            int ea = F80.nexp(a[0], a[1]), eb = F80.nexp(b[0], b[1]);
            if (ea - eb >= 64) continue;                         // partial: checked by the oracle test
            boolean ieee = r.nextBoolean();
            c.reset(0x37F);
            int cc = F80Arith.rem(c, a[0], a[1], b[0], b[1], ieee);
            RefF80.Exact x = RefF80.exact(a[0], a[1]), y = RefF80.exact(b[0], b[1]);
            int q0 = Math.min(x.exp(), y.exp());
            java.math.BigInteger X = x.mag().shiftLeft(x.exp() - q0), Y = y.mag().shiftLeft(y.exp() - q0);
            java.math.BigInteger[] qr = X.divideAndRemainder(Y);
            java.math.BigInteger q = qr[0], rem = qr[1];
            int sign = x.sign();
            if (ieee) {
                int cmp = rem.shiftLeft(1).compareTo(Y);
                if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
                    q = q.add(java.math.BigInteger.ONE);
                    rem = Y.subtract(rem);
                    sign ^= 1;
                }
            }
            RefF80.Result want = rem.signum() == 0 ? new RefF80.Result((long) x.sign() << 15, 0, 0)
                : RefF80.round(sign, rem, q0, false, 0, 64);
            String what = "case " + n + " ieee " + ieee + " " + F80.toString(a[0], a[1]) + " rem " + F80.toString(b[0], b[1]);
            assertEquals(F80.toString(want.se(), want.m()), F80.toString(c.se, c.m), what);
            int qb = q.intValue() & 7;
            int wantCc = (qb >> 2 & 1) << 8 | (qb >> 1 & 1) << 14 | (qb & 1) << 9;
            assertEquals(wantCc, cc, what + " cc");
            assertEquals(0, c.exc & (FpCtx.PE | FpCtx.IE), what);
        }
    }
}

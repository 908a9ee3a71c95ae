package org.jx86.vmm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.jx86.vmm.GuestFault;

/** 128/64 DIV and IDIV against BigInteger, including the #DE cases. */
class DivTest {
    private static final long SEED = 0xD1D1_5EEDL;
    private static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);
    private static final long[] EDGES = {0, 1, -1, 2, 7, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
        0xFFFF_FFFFL, 0x1_0000_0000L, 12345678901234L, -12345678901234L};

    private static BigInteger u(long v) { return BigInteger.valueOf(v).and(TWO64.subtract(BigInteger.ONE)); }

    private static void checkUnsigned(long hi, long lo, long d) {
        String where = String.format("divq 0x%x:0x%x / 0x%x (seed 0x%x)", hi, lo, d, SEED);
        BigInteger n = u(hi).shiftLeft(64).or(u(lo));
        if (d == 0 || u(hi).compareTo(u(d)) >= 0) {
            assertThrows(GuestFault.class, () -> Div.divq(hi, lo, d), where);
            return;
        }
        BigInteger[] qr = n.divideAndRemainder(u(d));
        assertEquals(qr[0].longValue(), Div.divq(hi, lo, d), where);
        assertEquals(qr[1].longValue(), Div.remq(hi, lo, d), where);
    }

    private static void checkSigned(long hi, long lo, long d) {
        String where = String.format("idivq 0x%x:0x%x / 0x%x (seed 0x%x)", hi, lo, d, SEED);
        BigInteger n = BigInteger.valueOf(hi).shiftLeft(64).or(u(lo));
        if (d == 0) {
            assertThrows(GuestFault.class, () -> Div.idivq(hi, lo, d), where);
            return;
        }
        BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(d));
        if (qr[0].bitLength() > 63) {
            assertThrows(GuestFault.class, () -> Div.idivq(hi, lo, d), where);
            return;
        }
        assertEquals(qr[0].longValue(), Div.idivq(hi, lo, d), where);
        assertEquals(qr[1].longValue(), Div.iremq(hi, lo, d), where);
    }

    @Test
    void edgeValues() {
        for (long hi : EDGES)
            for (long lo : EDGES)
                for (long d : EDGES) {
                    checkUnsigned(hi, lo, d);
                    checkSigned(hi, lo, d);
                }
    }

    @Test
    void randomValues() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < 20_000; i++) {
            long lo = r.nextLong(), d = r.nextLong() >> r.nextInt(64);
            long hi = switch (i % 3) {
                case 0 -> lo >> 63;                       // the CQO case
                case 1 -> r.nextLong() >>> r.nextInt(1, 64);
                default -> r.nextLong();
            };
            checkUnsigned(hi, lo, d);
            checkSigned(hi, lo, d);
        }
    }

    @Test
    void narrowChecks() {
        assertEquals(0x1234_5678L, Div.checkU(0x1234, 0x5678, 0x2000, 2), "dx:ax dividend");
        assertThrows(GuestFault.class, () -> Div.checkU(0x1234, 0x5678, 0x100, 2)); // 0x123456 > 0xFFFF
        assertThrows(GuestFault.class, () -> Div.checkU(1, 0, 1, 4));       // quotient 2^32 does not fit
        assertThrows(GuestFault.class, () -> Div.checkS(0xFF, 0x80, -1, 1)); // -128 / -1 = 128 does not fit
        assertEquals(-128, Div.checkS(0xFF, 0x80, 1, 1));
    }
}

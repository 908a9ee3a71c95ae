package org.jx86.vmm.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Conversions: exact round trips, and narrowing against Java's correctly rounded casts. */
class F80ConvertTest {
    static final long SEED = 0xC0DEL;

    @Test
    void binary64RoundTripAndNarrowing() {
        System.out.println("F80ConvertTest seed 0x" + Long.toHexString(SEED));
        SplittableRandom r = new SplittableRandom(SEED);
        FpCtx c = new FpCtx();
        for (int n = 0; n < 100_000; n++) {
            long bits = r.nextLong();
            if (n % 4 == 0) bits &= 0x800F_FFFF_FFFF_FFFFL;         // subnormals
            double d = Double.longBitsToDouble(bits);
            if (Double.isNaN(d)) continue;
            c.reset(0x037F);
            F80Convert.fromF64(c, bits, true);
            long se = c.se, m = c.m;
            assertEquals(bits, F80Convert.toF64(c, se, m), "f64 round trip " + Long.toHexString(bits));
            // binary64 -> F80 -> binary32 must equal Java's (float) cast (round to nearest even)
            c.reset(0x037F);
            long f = F80Convert.toF32(c, se, m);
            assertEquals(Float.floatToRawIntBits((float) d) & 0xFFFF_FFFFL, f, "to f32 " + d);
        }
    }

    @Test
    void binary32RoundTrip() {
        FpCtx c = new FpCtx();
        for (long bits = 0; bits < 0x1_0000_0000L; bits += 0x1357) {
            if (Float.isNaN(Float.intBitsToFloat((int) bits))) continue;
            c.reset(0x037F);
            F80Convert.fromF32(c, bits, true);
            assertEquals(bits, F80Convert.toF32(c, c.se, c.m), Long.toHexString(bits));
        }
    }

    @Test
    void nanConversions() {
        FpCtx c = new FpCtx();
        c.reset(0x037F);
        F80Convert.fromF32(c, 0x7FA0_0001L, true);                // SNaN: quieted, IE
        assertEquals("7fff:e000010000000000", F80.toString(c.se, c.m));
        assertEquals(FpCtx.IE, c.exc);
        c.reset(0x037F);
        assertEquals(0xFFF8_0000_0000_0000L, F80Convert.toF64(c, F80.INDEF_SE, F80.INDEF_M));
        assertEquals(0xFFC0_0000L, F80Convert.toF32(c, 0x3FFF, 0x4000_0000_0000_0000L)); // unnormal
        assertEquals(FpCtx.IE, c.exc);
    }

    @Test
    void integers() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        FpCtx c = new FpCtx();
        for (int n = 0; n < 20_000; n++) {
            long v = r.nextLong() >> r.nextInt(64);
            c.reset(0x037F);
            F80Convert.fromInt(c, v);
            long se = c.se, m = c.m;
            assertEquals(v, F80Convert.toInt(c, se, m, 64, FpCtx.RC_NEAREST));
            assertEquals(0, c.exc);
        }
        // rounding modes on 2.5 and -2.5; out of range gives the indefinite with IE
        long se = 0x4000, m = 0xA000_0000_0000_0000L;
        int[] want = {2, 2, 3, 2};
        for (int rc = 0; rc < 4; rc++) {
            c.reset(rc << 10 | 0x37F);
            assertEquals(want[rc], F80Convert.toInt(c, se, m, 32, rc));
            assertEquals(FpCtx.PE | (rc == 2 ? FpCtx.C1 : 0), c.exc);
            c.reset(rc << 10 | 0x37F);
            assertEquals(rc == 1 ? -3 : -2, F80Convert.toInt(c, se | 0x8000, m, 32, rc));
        }
        c.reset(0x037F);
        assertEquals(0x8000, F80Convert.toInt(c, 0x400E, F80.J, 16, 0));   // 32768
        assertEquals(FpCtx.IE, c.exc);
        c.reset(0x037F);
        assertEquals(-32768, F80Convert.toInt(c, 0xC00E, F80.J, 16, 0));   // -32768 fits
        assertEquals(Long.MIN_VALUE, F80Convert.toInt(c, 0xC03E, F80.J, 64, 0));
    }

    @Test
    void packedBcd() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        FpCtx c = new FpCtx();
        for (int n = 0; n < 20_000; n++) {
            long v = r.nextLong(1_000_000_000_000_000_000L) * (r.nextBoolean() ? 1 : -1);
            c.reset(0x037F);
            F80Convert.fromInt(c, v);
            long lo = F80Convert.toBcd(c, c.se, c.m), hi = c.w0;
            String digits = String.format("%018d", Math.abs(v));
            assertEquals(digits, String.format("%02x%016x", hi & 0xFF, lo), "bcd " + v);
            assertEquals(v < 0 ? 0x8000 : 0, hi & 0x8000);
            F80Convert.fromBcd(c, lo, hi);
            assertEquals(v, F80Convert.toInt(c, c.se, c.m, 64, 0));
        }
        c.reset(0x037F);
        long lo = F80Convert.toBcd(c, 0x403B, F80.J);                 // 2^60 > 10^18 - 1
        assertEquals(F80Convert.BCD_INDEF_LO, lo);
        assertEquals(F80Convert.BCD_INDEF_HI, c.w0);
        assertEquals(FpCtx.IE, c.exc);
    }
}

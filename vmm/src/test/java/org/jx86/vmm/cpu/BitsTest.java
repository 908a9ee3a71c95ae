package org.jx86.vmm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rotates through carry against a bit-by-bit reference; PDEP/PEXT and CRC32C against definitions. */
class BitsTest {
    private static final long SEED = 0xB175_5EEDL;

    private static long mask(int size) { return size == 8 ? -1L : (1L << (8 * size)) - 1; }

    /** Reference: one position at a time through the carry; returns value | carry << 64 split in two. */
    private static long[] refRc(int size, long value, int count, long cf, boolean left) {
        int bits = 8 * size;
        long v = value & mask(size);
        for (int i = 0; i < count % (bits + 1); i++) {
            long out = left ? (v >>> (bits - 1)) & 1 : v & 1;
            v = left ? ((v << 1) | cf) & mask(size) : (v >>> 1) | (cf << (bits - 1));
            cf = out;
        }
        return new long[] {v, cf};
    }

    @Test
    void rotateThroughCarry() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int size : new int[] {1, 2, 4, 8}) {
            int maxCount = size == 8 ? 63 : 31;
            for (int i = 0; i < 5_000; i++) {
                long v = r.nextLong(), flags = r.nextLong() & 0x8D5;
                int count = r.nextInt(maxCount + 1);
                String where = "size " + size + " value 0x" + Long.toHexString(v) + " count " + count + " seed 0x"
                    + Long.toHexString(SEED);
                long[] l = refRc(size, v, count, flags & 1, true);
                long[] rr = refRc(size, v, count, flags & 1, false);
                assertEquals(l[0], Bits.rcl(size, v, count, flags & 1), "rcl " + where);
                assertEquals(rr[0], Bits.rcr(size, v, count, flags & 1), "rcr " + where);
                if (count % (8 * size + 1) != 0) {
                    assertEquals(l[1], Bits.rclFlags(size, v, count, flags) & 1, "rcl CF " + where);
                    assertEquals(rr[1], Bits.rcrFlags(size, v, count, flags) & 1, "rcr CF " + where);
                }
            }
        }
    }

    @Test
    void pdepPextRoundTrip() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < 10_000; i++) {
            long src = r.nextLong(), m = r.nextLong();
            long dep = Bits.pdep(src, m);
            assertEquals(0, dep & ~m);
            long low = Long.bitCount(m) == 64 ? -1L : (1L << Long.bitCount(m)) - 1;
            assertEquals(src & low, Bits.pext(dep, m));
        }
        assertEquals(0x50L, Bits.pdep(0b101, 0xF0));
        assertEquals(0xF0L, Bits.pext(0xF0F0L, 0xFF00L));
    }

    @Test
    void crc32cKnownVector() {
        // CRC-32C of "123456789" is 0xE3069283 (RFC 3720 check value): pre/post inversion by the caller.
        long crc = 0xFFFF_FFFFL;
        for (byte b : "123456789".getBytes()) crc = Bits.crc32c(crc, b, 1);
        assertEquals(0xE306_9283L, crc ^ 0xFFFF_FFFFL);
    }
}

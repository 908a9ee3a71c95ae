package org.jx86.vmm.cpu;

import org.jx86.vmm.Flags;

/**
 * Bit-twiddling instructions whose semantics are easier as Java than as IR: rotates
 * through carry, BMI2 PDEP/PEXT, and the flag rules of rotates. All pure.
 */
public final class Bits {
    private Bits() {}

    private static long mask(long size) { return size == 8 ? -1L : (1L << (8 * size)) - 1; }

    /** RCL result: value (size bytes) rotated left through carry cf by count (already masked to 5/6 bits). */
    public static long rcl(long size, long value, long count, long cf) {
        int bits = 8 * (int) size;
        int n = (int) (count % (bits + 1));
        long v = value & mask(size);
        if (n == 0) return v;
        // Rotating the (bits+1)-bit quantity cf:v left by n.
        long r = (v << n) | (cf << (n - 1));
        if (n > 1) r |= v >>> (bits + 1 - n);
        return r & mask(size);
    }

    /** RFLAGS image after RCL: CF is the last bit rotated out, OF = MSB(result) XOR CF. */
    public static long rclFlags(long size, long value, long count, long flags) {
        int bits = 8 * (int) size;
        int n = (int) (count % (bits + 1));
        if ((count & (size == 8 ? 63 : 31)) == 0) return flags;
        if (n == 0) return flags;   // a full rotation of the bits+1 positions changes nothing but OF's basis
        long cfOut = (value >>> (bits - n)) & 1;
        long v = rcl(size, value, count, flags & 1);
        long of = ((v >>> (bits - 1)) & 1) ^ cfOut;
        return (flags & ~(Flags.CF | Flags.OF)) | cfOut | (of != 0 ? Flags.OF : 0);
    }

    public static long rcr(long size, long value, long count, long cf) {
        int bits = 8 * (int) size;
        int n = (int) (count % (bits + 1));
        long v = value & mask(size);
        if (n == 0) return v;
        // Rotating cf:v right by n: v's low n-1 bits wrap to the top, cf lands at bit bits-n.
        long r = (v >>> n) | (cf << (bits - n));
        if (n > 1) r |= v << (bits + 1 - n);
        return r & mask(size);
    }

    /** RFLAGS after RCR: CF is the last bit rotated out, OF = MSB(result) XOR next-to-MSB(result). */
    public static long rcrFlags(long size, long value, long count, long flags) {
        int bits = 8 * (int) size;
        int n = (int) (count % (bits + 1));
        if ((count & (size == 8 ? 63 : 31)) == 0) return flags;
        if (n == 0) return flags;
        long cfOut = (value >>> (n - 1)) & 1;
        long v = rcr(size, value, count, flags & 1);
        long of = ((v >>> (bits - 1)) ^ (v >>> (bits - 2))) & 1;
        return (flags & ~(Flags.CF | Flags.OF)) | cfOut | (of != 0 ? Flags.OF : 0);
    }

    /** RFLAGS after ROL/ROR by a non-zero masked count: CF and OF change, the rest stays. */
    public static long rotFlags(long size, long result, long left, long flags) {
        int bits = 8 * (int) size;
        long r = result & mask(size);
        long msb = (r >>> (bits - 1)) & 1;
        long cf, of;
        if (left != 0) {
            cf = r & 1;
            of = msb ^ cf;
        } else {
            cf = msb;
            of = msb ^ ((r >>> (bits - 2)) & 1);
        }
        return (flags & ~(Flags.CF | Flags.OF)) | cf | (of != 0 ? Flags.OF : 0);
    }

    public static long pdep(long src, long mask) {
        long r = 0;
        for (long m = mask, k = 0; m != 0; m &= m - 1, k++) {
            if (((src >>> k) & 1) != 0) r |= Long.lowestOneBit(m);
        }
        return r;
    }

    public static long pext(long src, long mask) {
        long r = 0;
        int k = 0;
        for (long m = mask; m != 0; m &= m - 1, k++) {
            if ((src & Long.lowestOneBit(m)) != 0) r |= 1L << k;
        }
        return r;
    }

    /** CRC32C (Castagnoli), as the SSE4.2 CRC32 instruction computes it, over size bytes of data. */
    public static long crc32c(long crc, long data, long size) {
        int c = (int) crc;
        for (int i = 0; i < size; i++) {
            c ^= (int) (data >>> (8 * i)) & 0xFF;
            for (int k = 0; k < 8; k++) c = (c >>> 1) ^ (0x82F63B78 & -(c & 1));
        }
        return c & 0xFFFF_FFFFL;
    }
}

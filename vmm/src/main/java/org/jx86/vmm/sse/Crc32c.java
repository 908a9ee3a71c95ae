package org.jx86.vmm.sse;

/**
 * SSE4.2 CRC32: CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) without the initial
 * and final inversions, exactly as the instruction computes it.
 */
public final class Crc32c {
    private Crc32c() {}

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c >>> 1) ^ ((c & 1) != 0 ? 0x82F6_3B78 : 0);
            TABLE[i] = c;
        }
    }

    /** Folds the low {@code sizeBytes} (1, 2, 4 or 8) bytes of data, least significant first, into crc. */
    public static long crc32(long crc, long data, long sizeBytes) {
        int c = (int) crc;
        for (int k = 0; k < sizeBytes; k++) c = (c >>> 8) ^ TABLE[(c ^ (int) (data >>> (8 * k))) & 0xFF];
        return c & 0xFFFF_FFFFL;
    }
}

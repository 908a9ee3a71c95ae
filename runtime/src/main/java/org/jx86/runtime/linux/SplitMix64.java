package org.jx86.runtime.linux;

/**
 * The SplitMix64 generator (Steele, Lea, Flood 2014): tiny, fast, and fully specified here,
 * so the bytes a guest gets from AT_RANDOM and getrandom depend only on the seed, never on
 * the JDK version. Not for cryptography; a guest asking for randomness under jx86 gets
 * reproducibility instead.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) { this.state = seed; }

    public long nextLong() {
        long z = (state += 0x9e37_79b9_7f4a_7c15L);
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }

    public void nextBytes(byte[] b, int off, int len) {
        int i = 0;
        while (i < len) {
            long v = nextLong();
            for (int k = 0; k < 8 && i < len; k++, i++) b[off + i] = (byte) (v >>> (8 * k));
        }
    }
}

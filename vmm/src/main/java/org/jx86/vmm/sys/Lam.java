package org.jx86.vmm.sys;

/**
 * LAM untagging and canonical checks (spec §4). Pure functions of the address and the
 * two sign-extension positions the current mode selects. Translated code inlines the same
 * arithmetic (org.jx86.x86.lift.LamUntag, built from {@link #shift} and {@link #KEEP}) when
 * the translation's {@link #mode} key says LAM is on.
 */
public final class Lam {
    private Lam() {}

    /** Sign-extension bit for user pointers from CR3: 56 (LAM_U57 wins), 47 (LAM_U48), or 0 = off. */
    public static int userBit(long cr3) {
        if ((cr3 & Cr.CR3_LAM_U57) != 0) return 56;
        if ((cr3 & Cr.CR3_LAM_U48) != 0) return 47;
        return 0;
    }

    /** Sign-extension bit for supervisor pointers from CR4: 56/47 with LAM_SUP by LA57, else 0. */
    public static int supervisorBit(long cr4) {
        if ((cr4 & Cr.CR4_LAM_SUP) == 0) return 0;
        return (cr4 & Cr.CR4_LA57) != 0 ? 56 : 47;
    }

    /**
     * The formula of spec §4.2 (KVM's vmx_get_untagged_addr): sign-extend from bit b of the
     * pointer's class, then put the original bit 63 back so untagging never turns a user
     * pointer into a supervisor one. b = 0 means that class has no LAM.
     */
    public static long untag(long la, int userBit, int supBit) {
        int b = la >= 0 ? userBit : supBit;
        if (b == 0) return la;
        long ext = (la << shift(b)) >> shift(b);
        return (ext & Long.MAX_VALUE) | (la & KEEP);
    }

    /** The shift that sign-extends from bit b: {@code (la << shift(b)) >> shift(b)}. */
    public static int shift(int b) { return 63 - b; }

    /** The bit untagging keeps from the original address (bit 63, the pointer's class). */
    public static final long KEEP = Long.MIN_VALUE;

    /** Number of distinct LAM modes: {@link #mode} returns 0 .. MODES - 1. */
    public static final int MODES = 9;

    /**
     * The LAM mode as a small key, 0 when untagging is off for both pointer classes: what a
     * translation that inlines {@link #untag} depends on (spec §7.4, first design).
     */
    public static int mode(int userBit, int supBit) { return code(userBit) * 3 + code(supBit); }

    /** The user sign-extension bit of a {@link #mode} key. */
    public static int userBitOf(int mode) { return BITS[mode / 3]; }

    /** The supervisor sign-extension bit of a {@link #mode} key. */
    public static int supervisorBitOf(int mode) { return BITS[mode % 3]; }

    private static final int[] BITS = {0, 47, 56};

    private static int code(int bit) {
        return switch (bit) {
            case 0 -> 0;
            case 47 -> 1;
            case 56 -> 2;
            default -> throw new IllegalArgumentException("LAM sign-extension bit " + bit);
        };
    }

    /** True if la is canonical for a linear width of 48 or 57 bits. */
    public static boolean isCanonical(long la, int width) {
        long top = la >> (width - 1);
        return top == 0 || top == -1;
    }
}

package org.jx86.vmm.sys;

/**
 * LAM untagging and canonical checks (spec §4). Pure functions of the address and the
 * two sign-extension positions the current mode selects, so translated code can inline
 * them with constants when the mode key says LAM is on.
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
        long ext = (la << (63 - b)) >> (63 - b);
        return (ext & Long.MAX_VALUE) | (la & Long.MIN_VALUE);
    }

    /** True if la is canonical for a linear width of 48 or 57 bits. */
    public static boolean isCanonical(long la, int width) {
        long top = la >> (width - 1);
        return top == 0 || top == -1;
    }
}

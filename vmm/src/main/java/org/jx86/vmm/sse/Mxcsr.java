package org.jx86.vmm.sse;

import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/**
 * MXCSR, the SSE control and status register, and the SIMD floating-point exception (#XM).
 *
 * <pre>
 *  15  14 13  12  11  10   9   8   7   6   5   4   3   2   1   0
 * | FZ | RC  | PM| UM| OM| ZM| DM| IM|DAZ| PE| UE| OE| ZE| DE| IE|
 * </pre>
 * Bits 31:16 are reserved: LDMXCSR and FXRSTOR with any of them set raise #GP. (This AMD host
 * also accepts bit 17, its "misaligned SSE mode"; jx86 models the Intel register, where it is
 * reserved.)
 *
 * <p>Every SSE floating-point helper in this package returns its result and, separately,
 * the exception flags the instruction raises (bits 5:0 of a long, the {@code ...Flags}
 * helpers). The lifter ORs the flags of all lanes and calls {@link #update}, which returns
 * the new MXCSR, or raises #XM when a raised exception is unmasked. The fast path is taken
 * when the control bits that change results (RC, DAZ, FZ) are all clear: see {@link #CTL}.
 */
public final class Mxcsr {
    private Mxcsr() {}

    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32;
    public static final int DAZ = 1 << 6, IM = 1 << 7, DM = 1 << 8, ZM = 1 << 9, OM = 1 << 10, UM = 1 << 11,
        PM = 1 << 12, FZ = 1 << 15;
    public static final int RC_SHIFT = 13, RC_MASK = 3 << RC_SHIFT;
    public static final int DEFAULT = 0x1F80;
    /** Control bits that change results: when none is set, results are IEEE round-to-nearest. */
    public static final long CTL = RC_MASK | DAZ | FZ;
    /** The bits software may set; the others are reserved (MXCSR_MASK). */
    public static final long WRITABLE = 0xFFFF;
    /** Pre-computation exceptions: if one of them is unmasked, no post-computation flag is set. */
    static final int PRE = IE | DE | ZE;

    /** RC: 0 nearest even, 1 down, 2 up, 3 toward zero. */
    public static int rc(long mx) { return (int) (mx >> RC_SHIFT) & 3; }

    /**
     * The MXCSR after an instruction that raised {@code flags} (IE..PE, ORed over its lanes).
     * When one of them is unmasked the instruction does not complete: #XM is raised, and the
     * MXCSR it leaves (the one the kernel saves in the signal frame) has the flags set, only the
     * pre-computation ones if one of those is unmasked (SDM Vol. 1 §11.5.2).
     */
    public static long update(long mx, long flags) {
        long unmasked = flags & ~(mx >> 7) & 0x3F;
        if (unmasked == 0) return mx | flags;
        long set = (unmasked & PRE) != 0 ? flags & PRE : flags;
        throw new GuestFault(Vector.XM, mx | set, 0);
    }

    /**
     * {@link #update} for DPPS/DPPD, whose multiply step reports all its flags, pre- and
     * post-computation, before an unmasked one faults (as this CPU does).
     */
    public static long updateAll(long mx, long flags) {
        if ((flags & ~(mx >> 7) & 0x3F) == 0) return mx | flags;
        throw new GuestFault(Vector.XM, mx | flags, 0);
    }

    /** LDMXCSR: #GP(0) when a reserved bit is set. */
    public static long load(long value) {
        if ((value & ~WRITABLE) != 0) throw GuestFault.of(Vector.GP);
        return value;
    }

    /**
     * The MXCSR a #XM fault leaves in the vCPU: {@link #update} carries it in the fault's error
     * code field (#XM pushes none), and the runtime applies it where it turns the fault into a
     * signal, after the translation has restored the state from before the instruction.
     */
    public static long afterFault(GuestFault f, long mx) { return f.vector == Vector.XM ? f.errorCode : mx; }

    /** si_code of the SIGFPE for an #XM with this MXCSR, as Linux computes it (fpu__exception_code). */
    public static int siCode(long mx) {
        return siCodeForUnmasked(~(mx >> 7) & mx);
    }

    /**
     * si_code for a set of unmasked exception flags in the common x87/SSE bit order (IE 0, DE 1,
     * ZE 2, OE 3, UE 4, PE 5); the x87 #MF passes status & ~control.
     */
    public static int siCodeForUnmasked(long err) {
        if ((err & IE) != 0) return 7;                  // FPE_FLTINV
        if ((err & ZE) != 0) return 3;                  // FPE_FLTDIV
        if ((err & OE) != 0) return 4;                  // FPE_FLTOVF
        if ((err & (DE | UE)) != 0) return 5;           // FPE_FLTUND
        if ((err & PE) != 0) return 6;                  // FPE_FLTRES
        return 0;
    }
}

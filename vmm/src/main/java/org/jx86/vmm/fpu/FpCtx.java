package org.jx86.vmm.fpu;

/**
 * The mutable context every {@link F80} operation works in: rounding inputs, the result
 * registers and the exception flags raised so far. One instance per vCPU (in
 * {@link X87State#ctx}) so that operations on (signExp, mantissa) pairs return their
 * 80-bit result without allocating.
 *
 * <pre>
 *  inputs   rc     rounding control: 0 nearest-even, 1 down (-inf), 2 up (+inf), 3 toward zero
 *           prec   significand precision in bits: 24, 53 or 64 (x87 precision control)
 *  outputs  se     sign &lt;&lt; 15 | biased exponent of the result
 *           m      64-bit significand of the result (explicit integer bit)
 *           unmaskedOU  OE/UE bits that are unmasked (biased-exponent responses)
 *           exc    raised flags, in status-word positions:
 *                    bit 0 IE, 1 DE, 2 ZE, 3 OE, 4 UE, 5 PE, 6 SF, 9 C1 ("rounded up")
 *  scratch  w0, w1 second results of the wide-arithmetic helpers (remainder, low words)
 * </pre>
 */
public final class FpCtx {
    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20, SF = 0x40, C1 = 0x200;
    public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;

    public int rc;
    public int prec = 64;
    public long se, m;
    public int exc;
    /** OE and/or UE when unmasked: results are then delivered with the exponent biased by -+24576. */
    public int unmaskedOU;
    long w0, w1;

    /** Clears the flags and loads rounding control and precision from an x87 control word. */
    public FpCtx reset(int cw) {
        rc = (cw >> 10) & 3;
        int pc = (cw >> 8) & 3;
        prec = pc == 0 ? 24 : pc == 2 ? 53 : 64; // PC=01 is reserved; the host treats it as 64 bits
        exc = 0;
        unmaskedOU = ~cw & (OE | UE);
        return this;
    }

    /** Sets the result. */
    void set(long se, long m) {
        this.se = se;
        this.m = m;
    }
}

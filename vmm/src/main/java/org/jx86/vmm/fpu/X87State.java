package org.jx86.vmm.fpu;

/**
 * The x87 FPU (and MMX) register state of one vCPU.
 *
 * <pre>
 *  se[p], m[p]  physical register p (0..7): sign/exponent and 64-bit significand;
 *               ST(i) is physical register (top + i) &amp; 7
 *  valid        abridged tag word: bit p set when physical register p is not empty
 *               (the full 2-bit tags of FSTENV/FSAVE are computed from the contents)
 *  cw           control word: 12 IC | 11-10 RC | 9-8 PC | 6 (reads as 1) | 5-0 exception masks
 *  sw           status word without TOP: 15 B | 14 C3 | 10 C2 | 9 C1 | 8 C0 | 7 ES | 6 SF |
 *               5 PE | 4 UE | 3 OE | 2 ZE | 1 DE | 0 IE   (B and ES mirror "unmasked flag set")
 *  top          TOP (0..7), bits 13-11 of the architectural status word
 *  fip, fdp     last non-control instruction's address and memory operand address
 *  fop          its opcode: (first byte &amp; 7) &lt;&lt; 8 | ModRM (11 bits)
 * </pre>
 *
 * <p>MMX register i aliases the significand of physical register i; every MMX instruction
 * but EMMS sets TOP = 0 and all tags valid, and an MMX write sets the exponent to 0xFFFF.
 */
public final class X87State {
    public static final int CW_DEFAULT = 0x037F;
    public static final int SW_C0 = 0x0100, SW_C1 = 0x0200, SW_C2 = 0x0400, SW_C3 = 0x4000;
    public static final int SW_CC = SW_C0 | SW_C1 | SW_C2 | SW_C3;
    public static final int SW_ES = 0x0080, SW_B = 0x8000;

    public final long[] se = new long[8];
    public final long[] m = new long[8];
    public int valid;
    public int top;
    public int cw = CW_DEFAULT;
    public int sw;
    public long fip, fdp;
    public int fop;
    /** Scratch context for the arithmetic helpers. */
    public final FpCtx ctx = new FpCtx();

    /** FNINIT (and reset): default control word, everything else cleared, all registers empty. */
    public void init() {
        cw = CW_DEFAULT;
        sw = 0;
        top = 0;
        valid = 0;
        fip = fdp = 0;
        fop = 0;
    }

    // ---- the register stack

    public int phys(int i) { return (top + i) & 7; }

    public boolean isEmpty(int i) { return (valid & (1 << phys(i))) == 0; }

    public long stSe(int i) { return se[phys(i)]; }

    public long stM(int i) { return m[phys(i)]; }

    /** Writes ST(i) and marks it valid. */
    public void setSt(int i, long sExp, long mant) {
        int p = phys(i);
        se[p] = sExp & 0xFFFF;
        m[p] = mant;
        valid |= 1 << p;
    }

    public void push(long sExp, long mant) {
        top = (top - 1) & 7;
        setSt(0, sExp, mant);
    }

    public void pop() {
        valid &= ~(1 << top);
        top = (top + 1) & 7;
    }

    public void free(int i) { valid &= ~(1 << phys(i)); }

    // ---- status and control words

    /** The architectural status word, with TOP, ES and B. */
    public int statusWord() {
        return (sw & ~(0x3800 | SW_ES | SW_B)) | top << 11 | (pending() ? SW_ES | SW_B : 0);
    }

    /** Loads the architectural status word (FLDENV, FRSTOR, FXRSTOR). */
    public void setStatusWord(int v) {
        top = (v >> 11) & 7;
        sw = v & 0xFFFF & ~(0x3800 | SW_ES | SW_B);
    }

    /** Loads the control word the way FLDCW does: bit 6 reads as 1, bits 7 and 13-15 as 0. */
    /** Becomes a copy of from: the whole FPU context a forked process or a new thread inherits. */
    public void copyFrom(X87State from) {
        System.arraycopy(from.se, 0, se, 0, 8);
        System.arraycopy(from.m, 0, m, 0, 8);
        valid = from.valid;
        top = from.top;
        cw = from.cw;
        sw = from.sw;
        fip = from.fip;
        fdp = from.fdp;
        fop = from.fop;
    }

    public void setControlWord(int v) { cw = (v & 0x1F3F) | 0x40; }

    /** True when an unmasked exception flag is set: the next waiting instruction raises #MF. */
    public boolean pending() { return (sw & ~cw & 0x3F) != 0; }

    /** Sets C3..C0 to {@code cc} (given in status-word positions). */
    public void setCc(int cc) { sw = (sw & ~SW_CC) | (cc & SW_CC); }

    /** The full 2-bit tag of physical register p: 0 valid, 1 zero, 2 special, 3 empty. */
    public int tag(int p) {
        if ((valid & (1 << p)) == 0) return 3;
        int e = (int) se[p] & 0x7FFF;
        if (e == 0x7FFF) return 2;
        if (e == 0) return m[p] == 0 ? 1 : 2;
        return m[p] < 0 ? 0 : 2;
    }

    /** The full tag word of FSTENV/FSAVE. */
    public int tagWord() {
        int t = 0;
        for (int p = 0; p < 8; p++) t |= tag(p) << (2 * p);
        return t;
    }

    /** Loads a full tag word: any tag other than 3 (empty) makes the register valid. */
    public void setTagWord(int t) {
        valid = 0;
        for (int p = 0; p < 8; p++) if (((t >> (2 * p)) & 3) != 3) valid |= 1 << p;
    }

    // ---- MMX aliasing

    /** Reads MMi (an MMX instruction: TOP = 0, all tags valid). */
    public long mmxRead(int i) {
        top = 0;
        valid = 0xFF;
        return m[i & 7];
    }

    /** Writes MMi: significand = v, exponent field 0xFFFF, TOP = 0, all tags valid. */
    public void mmxWrite(int i, long v) {
        top = 0;
        valid = 0xFF;
        m[i & 7] = v;
        se[i & 7] = 0xFFFF;
    }

    /** EMMS: all registers empty. */
    public void emms() { valid = 0; }
}

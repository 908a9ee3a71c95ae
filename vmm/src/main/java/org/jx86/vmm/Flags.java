package org.jx86.vmm;

/**
 * Lazy arithmetic flags (STYLE.md §8), as in QEMU's {@code cc_op}: a flag-setting
 * instruction stores what it computed, not the flags. The four slots are
 * {@link Slots#CC_OP}, {@link Slots#CC_SRC1}, {@link Slots#CC_SRC2}, {@link Slots#CC_RES}.
 *
 * <pre>
 *  CC_OP = kind &lt;&lt; 2 | log2(operand size in bytes)
 *
 *  kind     CC_SRC1                     CC_SRC2            CC_RES
 *  EFLAGS   RFLAGS image (CF..OF bits)  -                  -
 *  ADD      a                           b                  a + b
 *  ADC      a                           b                  a + b + cf_in  (cf_in recovered as res - a - b)
 *  SUB      a                           b                  a - b
 *  SBB      a                           b                  a - b - cf_in
 *  LOGIC    -                           -                  result (CF = OF = AF = 0)
 *  INC/DEC  CF before the instruction   -                  result
 *  SHL      a &lt;&lt; (count - 1)          -                  result
 *  SHR      a &gt;&gt;&gt; (count - 1)         a                  result
 *  SAR      a &gt;&gt; (count - 1)          -                  result
 *  MUL      non-zero iff CF = OF = 1    -                  low half of the product
 * </pre>
 * The lifter evaluates conditions inline when it knows the kind statically (compare and
 * branch fused); otherwise translated code calls {@link #cond}. {@link #compute} builds the
 * RFLAGS image only for PUSHF, LAHF, signal delivery and debuggers.
 */
public final class Flags {
    private Flags() {}

    public static final long CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, DF = 0x400, OF = 0x800;
    public static final long ARITH = CF | PF | AF | ZF | SF | OF;

    public static final int EFLAGS = 0, ADD = 1, ADC = 2, SUB = 3, SBB = 4, LOGIC = 5, INC = 6, DEC = 7,
        SHL = 8, SHR = 9, SAR = 10, MUL = 11;

    public static int op(int kind, int size) {
        return kind << 2 | Integer.numberOfTrailingZeros(size);
    }

    public static int kind(long ccOp) { return (int) (ccOp >>> 2); }
    public static int size(long ccOp) { return 1 << (ccOp & 3); }

    private static long mask(int size) { return size == 8 ? -1L : (1L << (8 * size)) - 1; }

    /** The six arithmetic flags as an RFLAGS image. */
    public static long compute(long ccOp, long s1, long s2, long res) {
        int size = size(ccOp);
        long m = mask(size);
        long sign = 1L << (8 * size - 1);
        long r = res & m;
        long a = s1 & m, b = s2 & m;
        long cf, of, af;
        switch (kind(ccOp)) {
            case EFLAGS -> { return s1 & ARITH; }
            case ADD -> {
                cf = Long.compareUnsigned(r, a) < 0 ? 1 : 0;
                of = ((a ^ r) & (b ^ r) & sign) != 0 ? 1 : 0;
                af = (a ^ b ^ r) & AF;
            }
            case ADC -> {
                long cin = (r - a - b) & m;
                cf = (cin != 0 ? Long.compareUnsigned(r, a) <= 0 : Long.compareUnsigned(r, a) < 0) ? 1 : 0;
                of = ((a ^ r) & (b ^ r) & sign) != 0 ? 1 : 0;
                af = (a ^ b ^ r) & AF;
            }
            case SUB -> {
                cf = Long.compareUnsigned(a, b) < 0 ? 1 : 0;
                of = ((a ^ b) & (a ^ r) & sign) != 0 ? 1 : 0;
                af = (a ^ b ^ r) & AF;
            }
            case SBB -> {
                long cin = (a - b - r) & m;
                cf = (cin != 0 ? Long.compareUnsigned(a, b) <= 0 : Long.compareUnsigned(a, b) < 0) ? 1 : 0;
                of = ((a ^ b) & (a ^ r) & sign) != 0 ? 1 : 0;
                af = (a ^ b ^ r) & AF;
            }
            case LOGIC -> { cf = 0; of = 0; af = 0; }
            case INC -> {
                cf = s1 & 1;
                of = r == sign ? 1 : 0;
                af = (r & 0xF) == 0 ? AF : 0;
            }
            case DEC -> {
                cf = s1 & 1;
                of = r == sign - 1 ? 1 : 0;
                af = (r & 0xF) == 0xF ? AF : 0;
            }
            case SHL -> {
                cf = (s1 & sign) != 0 ? 1 : 0;
                of = cf ^ ((r & sign) != 0 ? 1 : 0);
                af = 0;
            }
            case SHR -> {
                cf = s1 & 1;
                of = (b & sign) != 0 ? 1 : 0;
                af = 0;
            }
            case SAR -> { cf = s1 & 1; of = 0; af = 0; }
            case MUL -> {
                cf = s1 != 0 ? 1 : 0;
                of = cf;
                af = 0;
            }
            default -> throw new IllegalStateException("bad cc_op " + ccOp);
        }
        return cf | (parity(r) ? PF : 0) | af | (r == 0 ? ZF : 0) | ((r & sign) != 0 ? SF : 0) | (of != 0 ? OF : 0);
    }

    /** True when the low byte has an even number of one bits (x86 PF). */
    public static boolean parity(long r) { return (Integer.bitCount((int) r & 0xFF) & 1) == 0; }

    /** Evaluates x86 condition code cc (0..15, the Jcc low nibble): 1 if it holds, else 0. */
    public static long cond(long cc, long ccOp, long s1, long s2, long res) {
        return test(cc, compute(ccOp, s1, s2, res));
    }

    /** CF alone, for ADC, SBB, RCL, RCR, CMC and SETC. */
    public static long carry(long ccOp, long s1, long s2, long res) {
        return compute(ccOp, s1, s2, res) & CF;
    }

    /** Evaluates condition cc against an RFLAGS image. */
    public static long test(long cc, long f) {
        boolean cf = (f & CF) != 0, zf = (f & ZF) != 0, sf = (f & SF) != 0, of = (f & OF) != 0, pf = (f & PF) != 0;
        boolean v = switch ((int) (cc >> 1) & 7) {
            case 0 -> of;
            case 1 -> cf;
            case 2 -> zf;
            case 3 -> cf || zf;
            case 4 -> sf;
            case 5 -> pf;
            case 6 -> sf != of;
            default -> zf || sf != of;
        };
        return (v ^ ((cc & 1) != 0)) ? 1 : 0;
    }

    /** The full RFLAGS value of a vCPU (bit 1 always reads as 1). */
    public static long rflags(Cpu cpu) {
        long[] s = cpu.s;
        return compute(s[Slots.CC_OP], s[Slots.CC_SRC1], s[Slots.CC_SRC2], s[Slots.CC_RES])
            | (s[Slots.DF] != 0 ? DF : 0) | s[Slots.RFLAGS_OTHER] | 2;
    }

    /** Loads RFLAGS into the lazy representation (POPF, SAHF, sigreturn, debuggers). */
    public static void setRflags(Cpu cpu, long f) {
        long[] s = cpu.s;
        s[Slots.CC_OP] = op(EFLAGS, 8);
        s[Slots.CC_SRC1] = f & ARITH;
        s[Slots.DF] = (f & DF) != 0 ? 1 : 0;
        s[Slots.RFLAGS_OTHER] = f & ~(ARITH | DF | 2) & 0x3F_7FD5L;
    }
}

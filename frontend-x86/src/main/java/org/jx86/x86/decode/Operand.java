package org.jx86.x86.decode;

/**
 * One explicit operand of a decoded instruction. Mutable and reused by the decoder; which fields
 * mean something depends on {@link #kind}.
 */
public final class Operand {
  /** {@link #base} value of a RIP-relative memory operand. */
  public static final int RIP = 16;

  public OpKind kind = OpKind.NONE;
  /** GPR 0..15 (rax=0 ... r15), XMM 0..15, MMX 0..7, ST(i) 0..7, SEG 0..5 (ES CS SS DS FS GS),
   *  CR/DR number. */
  public int reg;
  /** 8-bit GPR AH/CH/DH/BH (then reg is 0..3 = rax..rbx); only possible without REX. */
  public boolean highByte;
  /**
   * Operand size in bytes: 1, 2, 4, 8, 10 (m80, ST registers), 16; 0 for memory operands that
   * have no size (LEA, NOP, prefetches, FXSAVE, FLDENV ...). For XMM and MMX registers it is the
   * part the instruction uses: 4 for ADDSS's operands, 16 for packed ones. For IMM it is the size
   * the value is used at (after sign extension), for REL 8.
   */
  public int size;
  /** IMM: the value as the instruction uses it (sign-extended where the SDM says so);
   *  REL: the absolute branch target. */
  public long imm;
  /** MEM: base register, -1 for none, or {@link #RIP}; disp is then the raw disp32. */
  public int base;
  /** MEM: index register or -1. */
  public int index;
  /** MEM: 1, 2, 4 or 8. */
  public int scale;
  /** MEM: sign-extended displacement (for moffs the zero-extended absolute address). */
  public long disp;
  /** MEM: segment override as in {@link Insn#segment}. */
  public int segment;

  void clear() {
    kind = OpKind.NONE;
    reg = 0;
    highByte = false;
    size = 0;
    imm = 0;
    base = -1;
    index = -1;
    scale = 1;
    disp = 0;
    segment = -1;
  }

  @Override
  public String toString() {
    switch (kind) {
      case MEM:
        return "MEM" + size + "[b=" + base + " i=" + index + "*" + scale + " d=" + disp
            + " s=" + segment + "]";
      case IMM:
      case REL:
        return kind + "" + size + "(0x" + Long.toHexString(imm) + ")";
      default:
        return kind + "" + size + "(" + reg + (highByte ? "h" : "") + ")";
    }
  }
}

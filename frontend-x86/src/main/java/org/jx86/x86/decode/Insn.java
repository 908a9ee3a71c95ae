package org.jx86.x86.decode;

/**
 * One decoded instruction. Mutable and reused: {@link Decoder#decode} resets every field, so a
 * caller that keeps an instruction across decodes must copy what it needs.
 *
 * <p>Besides the fields the lifter uses, the decoder keeps the raw bytes, the SIB byte and the
 * table {@link Form} that matched; the disassembler needs them to print what objdump prints
 * (unused prefixes, {@code riz}, implicit operands).
 */
public final class Insn {
  public static final int PFX_LOCK = 1;
  public static final int PFX_REP = 2;
  public static final int PFX_REPNE = 4;
  public static final int PFX_OPSIZE = 8;
  public static final int PFX_ADSIZE = 16;

  public long rip;
  public int length;
  public Sem sem;
  /** Lower-case, exactly as objdump -M intel prints it, prefixes excluded. */
  public String mnemonic;
  /** 0 one-byte, 1 = 0F, 2 = 0F38, 3 = 0F3A; for VEX the VEX.mmmmm map. */
  public int map;
  /** The opcode byte within its map. */
  public int opcode;
  /** 0..15 for Jcc/SETcc/CMOVcc/FCMOVcc (the low nibble of the Jcc opcode), else -1. */
  public int cond = -1;
  /** Legacy prefixes present (PFX_*), without a mandatory 66/F2/F3 that selected the opcode. */
  public int prefixes;
  /** 0 if no (effective) REX, else the byte 0x40..0x4F. */
  public int rex;
  public boolean vex;
  public int vexL;
  public int vexW;
  /** VEX.vvvv already inverted: a register number 0..15. */
  public int vexVvvv;
  /** Segment override: -1 none, 0 ES, 1 CS, 2 SS, 3 DS, 4 FS, 5 GS (the last one wins). */
  public int segment = -1;
  /** Effective operand size in bytes for v-sized operands: 2, 4 or 8 (1 for byte string ops). */
  public int opSize;
  /** Address size in bytes: 8, or 4 with 0x67. */
  public int addrSize;
  /** Raw ModRM byte or -1. */
  public int modrm = -1;
  /** Raw SIB byte or -1. */
  public int sib = -1;
  /** Number of explicit operands in {@link #ops}. */
  public int nops;
  public final Operand[] ops = {new Operand(), new Operand(), new Operand(), new Operand()};
  /** The instruction bytes; the first {@link #length} are valid. */
  public final byte[] bytes = new byte[Decoder.MAX_LENGTH];
  /** The table row that decoded this instruction. */
  public Form form;

  void reset(long rip) {
    this.rip = rip;
    length = 0;
    sem = null;
    mnemonic = null;
    map = 0;
    opcode = 0;
    cond = -1;
    prefixes = 0;
    rex = 0;
    vex = false;
    vexL = 0;
    vexW = 0;
    vexVvvv = 0;
    segment = -1;
    opSize = 0;
    addrSize = 8;
    modrm = -1;
    sib = -1;
    nops = 0;
    form = null;
    for (Operand op : ops) {
      op.clear();
    }
  }

  /** Address of the next instruction. */
  public long next() {
    return rip + length;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(Long.toHexString(rip)).append(':');
    for (int i = 0; i < length; i++) {
      sb.append(' ').append(String.format("%02x", bytes[i] & 0xff));
    }
    sb.append(' ').append(mnemonic);
    for (int i = 0; i < nops; i++) {
      sb.append(i == 0 ? " " : ", ").append(ops[i]);
    }
    return sb.toString();
  }
}

package org.jx86.x86.decode;

/**
 * One decodable instruction form: a leaf row of an opcode map. Immutable and shared; the decoder
 * points {@link Insn#form} at it so that the disassembler and the lifter can read the operand
 * specs ({@link Spec}) and attributes without another table lookup.
 */
public final class Form {
  /** LOCK is allowed when the first operand is memory. */
  public static final int LOCKABLE = 1;
  /** Operand size defaults to 64 bits in 64-bit mode; 66 selects 16 (SDM "d64"). */
  public static final int D64 = 1 << 1;
  /** Operand size is forced to 64 bits; 66 and REX.W are ignored (SDM "f64"). */
  public static final int F64 = 1 << 2;
  /** String instruction: operands are implicit, F3/F2 repeat it. */
  public static final int STRING = 1 << 3;
  /** String instruction whose F3/F2 test ZF (CMPS, SCAS): printed repz/repnz, not rep. */
  public static final int REPZ = 1 << 4;
  /** F2 is the MPX BND prefix (near branches and RET). */
  public static final int BND = 1 << 5;
  /** 3E is the CET NOTRACK prefix (indirect CALL/JMP). */
  public static final int NOTRACK = 1 << 6;
  /** F2/F3 are XACQUIRE/XRELEASE even without LOCK (XCHG with memory). */
  public static final int HLE_ANY = 1 << 7;
  /** F3 is XRELEASE even without LOCK (MOV to memory). */
  public static final int HLE_REL = 1 << 8;
  /** SSE compare whose imm8 predicate 0..7 is folded into the mnemonic (cmpltps ...). */
  public static final int CMP_PRED = 1 << 9;
  /** VEX.vvvv must be 1111b. */
  public static final int NO_VVVV = 1 << 10;

  public final Sem sem;
  /** Mnemonic as objdump -M intel prints it (condition-code forms already resolved). */
  public final String mnemonic;
  /** Condition code 0..15 for Jcc, SETcc, CMOVcc, FCMOVcc, else -1. */
  public final int cond;
  private final int[] specs;
  private final int attrs;
  private final int mandatory;
  private final int key;
  final boolean needsModrm;
  /** Some operand is a ModRM r/m that may be memory (E, M, W, Q): SIB and displacement follow. */
  final boolean memoryRm;

  Form(Sem sem, String mnemonic, int cond, int[] specs, int attrs, int mandatory, int key) {
    this.sem = sem;
    this.mnemonic = mnemonic;
    this.cond = cond;
    this.specs = specs.clone();
    this.attrs = attrs;
    this.mandatory = mandatory;
    boolean modrm = false;
    boolean memory = false;
    for (int s : specs) {
      int m = Spec.method(s);
      modrm |= Spec.usesModrmReg(m) || Spec.usesModrmRm(m);
      memory |= m == Spec.E || m == Spec.M || m == Spec.W || m == Spec.Q;
    }
    this.key = key;
    this.needsModrm = modrm;
    this.memoryRm = memory;
  }

  public int specCount() {
    return specs.length;
  }

  /** The i-th operand spec, in Intel order, hidden ones included. */
  public int spec(int i) {
    return specs[i];
  }

  public boolean has(int attr) {
    return (attrs & attr) != 0;
  }

  /** The mandatory prefix byte that selected this form (0x66, 0xF3, 0xF2), else 0. */
  public int mandatoryPrefix() {
    return mandatory;
  }

  /** True if the row was selected by the operand size (CBW/CWDE/CDQE, movabs, retfq ...). */
  public boolean keyedByOperandSize() {
    return Key.specifies(key, Key.OSZ);
  }

  /** True if the row was selected by REX.W / VEX.W (MOVD/MOVQ, FXSAVE64, CMPXCHG16B ...). */
  public boolean keyedByRexW() {
    return Key.specifies(key, Key.W);
  }

  /** True if the row was selected by the address size (JRCXZ/JECXZ, mov/movabs moffs). */
  public boolean keyedByAddressSize() {
    return Key.specifies(key, Key.ASZ);
  }

  @Override
  public String toString() {
    return mnemonic + "/" + sem;
  }
}

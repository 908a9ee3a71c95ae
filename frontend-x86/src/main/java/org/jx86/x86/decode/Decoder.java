package org.jx86.x86.decode;

/**
 * Table-driven x86-64 instruction decoder (64-bit mode).
 *
 * <p>Decoding is four steps: legacy prefixes and REX; the opcode escape (0F, 0F 38, 0F 3A, VEX)
 * that picks a map; a walk down the map's decode tree ({@link Node}), which selects on the
 * mandatory prefix, REX.W, operand size and ModRM fields as the tables ask; and operand
 * decoding driven by the {@link Form}'s {@link Spec}s. No instruction has its own code here.
 *
 * <p>A Decoder is not thread-safe but is reusable and allocates nothing per instruction.
 */
public final class Decoder {
  /** Architectural limit of an instruction's length in bytes. */
  public static final int MAX_LENGTH = 15;

  private static final Node[] ONE_BYTE = OneByteMap.TABLE;
  private static final Node[] TWO_BYTE = TwoByteMap.TABLE;
  private static final Node[] MAP_0F38 = Map0F38.TABLE;
  private static final Node[] MAP_0F3A = Map0F3A.TABLE;

  /** Raised internally past 15 bytes; caught in {@link #decode}, so it never escapes. */
  private static final class TooLong extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLong() {
      super(null, null, false, false);
    }
  }

  private static final TooLong TOO_LONG = new TooLong();

  /** objdump's pseudo-op names for CMPPS/PD/SS/SD with predicates 0..7. */
  private static final String[] CMP_PREDICATES = {
    "eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"
  };
  private static final String[][] CMP_NAMES = new String[4][8];
  private static final String[] PCLMUL_NAMES = {
    "pclmullqlqdq", "pclmulhqlqdq", "pclmullqhqdq", "pclmulhqhqdq"
  };

  static {
    String[] suffix = {"ps", "pd", "ss", "sd"};
    for (int i = 0; i < 4; i++) {
      for (int p = 0; p < 8; p++) {
        CMP_NAMES[i][p] = "cmp" + CMP_PREDICATES[p] + suffix[i];
      }
    }
  }

  // ---- state of the instruction being decoded ----
  private CodeReader code;
  private Insn out;
  private long rip;
  private int pos;
  private int modrm;
  private int rexR;
  private int rexX;
  private int rexB;
  private int rexW;
  private boolean rexPresent;
  private int vvvv;
  private int vexPp;
  private int legacy;
  private int rex;
  private boolean has66;
  private boolean has67;
  private int column;
  private int map;
  private int opcode;
  private int segment;
  private int memBase;
  private int memIndex;
  private int memScale;
  private long memDisp;

  public Decoder() {}

  /**
   * Decodes one instruction at rip (64-bit mode). Returns true and fills out; returns false for
   * an invalid, undefined or unsupported encoding (the caller raises #UD), including one longer
   * than 15 bytes. Never throws anything except what the CodeReader throws.
   */
  public boolean decode(CodeReader code, long rip, Insn out) {
    this.code = code;
    this.out = out;
    this.rip = rip;
    pos = 0;
    modrm = -1;
    out.reset(rip);
    try {
      boolean ok = decodeOne();
      if (!ok) {
        out.sem = null;
      }
      return ok;
    } catch (TooLong e) {
      out.sem = null;
      return false;
    } finally {
      this.code = null;
      this.out = null;
    }
  }

  private boolean decodeOne() {
    int b = prefixes();
    Node[] table = escape(b);
    if (table == null) {
      return false;
    }
    Form f = select(table[opcode]);
    if (f == null) {
      return false;
    }
    boolean opsize66 = has66;
    int reported = legacy;
    switch (f.mandatoryPrefix()) {
      case 0x66: reported &= ~Insn.PFX_OPSIZE; opsize66 = false; break;
      case 0xf3: reported &= ~Insn.PFX_REP; break;
      case 0xf2: reported &= ~Insn.PFX_REPNE; break;
      default: break;
    }
    if (f.needsModrm && modrm < 0) {
      modrm();
    }
    if (!valid(f)) {
      return false;
    }
    int opSize = operandSize(f, opsize66);
    if (f.memoryRm && modrm < 0xc0) {
      address();
    }
    int k = 0;
    for (int i = 0; i < f.specCount(); i++) {
      int s = f.spec(i);
      if (!Spec.isHidden(s) && !operand(s, out.ops[k++], opSize, i == 0)) {
        return false;
      }
    }
    out.nops = k;
    out.length = pos;
    for (int i = 0; i < k; i++) {
      Operand o = out.ops[i];
      if (o.kind == OpKind.REL) {
        o.imm += rip + pos;
        if (opSize == 2) {
          o.imm &= 0xffff; // a 16-bit branch (XBEGIN with 66) truncates the target like IP
        }
      }
    }
    out.sem = f.sem;
    out.mnemonic = f.has(Form.CMP_PRED) ? predicateName(f, out.ops[k - 1].imm) : f.mnemonic;
    out.form = f;
    out.map = map;
    out.opcode = opcode;
    out.cond = f.cond;
    out.prefixes = reported;
    out.rex = rex;
    out.segment = segment;
    out.opSize = opSize;
    out.addrSize = has67 ? 4 : 8;
    return true;
  }

  /** Consumes legacy prefixes and REX; returns the first byte after them. */
  private int prefixes() {
    legacy = 0;
    rex = 0;
    segment = -1;
    int rep = 0;
    for (;;) {
      int b = next();
      switch (b) {
        case 0xf0: legacy |= Insn.PFX_LOCK; break;
        case 0xf2: legacy |= Insn.PFX_REPNE; rep = b; break;
        case 0xf3: legacy |= Insn.PFX_REP; rep = b; break;
        case 0x66: legacy |= Insn.PFX_OPSIZE; break;
        case 0x67: legacy |= Insn.PFX_ADSIZE; break;
        case 0x26: segment = 0; break;
        case 0x2e: segment = 1; break;
        case 0x36: segment = 2; break;
        case 0x3e: segment = 3; break;
        case 0x64: segment = 4; break;
        case 0x65: segment = 5; break;
        default:
          if ((b & 0xf0) != 0x40) {
            has66 = (legacy & Insn.PFX_OPSIZE) != 0;
            has67 = (legacy & Insn.PFX_ADSIZE) != 0;
            // objdump's rule, also what CPUs do: the last of F2/F3 wins, then 66
            column = rep == 0xf3 ? 2 : rep == 0xf2 ? 3 : has66 ? 1 : 0;
            rexPresent = rex != 0;
            rexW = rex >> 3 & 1;
            rexR = rex >> 2 & 1;
            rexX = rex >> 1 & 1;
            rexB = rex & 1;
            return b;
          }
          rex = b;
          continue;
      }
      rex = 0; // a REX prefix counts only immediately before the opcode
    }
  }

  /** Follows the 0F, 0F 38, 0F 3A and VEX escapes; sets map and opcode, returns the table. */
  private Node[] escape(int b) {
    vvvv = 0;
    Node[] table;
    if (b == 0x0f) {
      b = next();
      if (b == 0x38 || b == 0x3a) {
        map = b == 0x38 ? 2 : 3;
        table = b == 0x38 ? MAP_0F38 : MAP_0F3A;
        b = next();
      } else {
        map = 1;
        table = TWO_BYTE;
      }
    } else if (b == 0xc4 || b == 0xc5) {
      // In 64-bit mode C4/C5 are always VEX; REX or a 66/F2/F3/F0 prefix before it is #UD.
      if (rex != 0 || (legacy & (Insn.PFX_LOCK | Insn.PFX_REP | Insn.PFX_REPNE
          | Insn.PFX_OPSIZE)) != 0) {
        return null;
      }
      map = vex(b);
      if (map < 1 || map > 3) {
        return null;
      }
      table = VexMap.TABLES[map];
      column = vexPp; // VEX.pp is the mandatory prefix column
      b = next();
    } else {
      map = 0;
      table = ONE_BYTE;
    }
    opcode = b;
    return table;
  }

  /** Walks a decode tree down to its form, reading ModRM when a level needs it. */
  private Form select(Node n) {
    while (n != null && n.level >= 0) {
      int i;
      switch (n.level) {
        case Key.PREFIX: i = column; break;
        case Key.W: i = rexW; break;
        case Key.OSZ: i = rexW == 1 ? 2 : has66 ? 0 : 1; break;
        case Key.ASZ: i = has67 ? 0 : 1; break;
        case Key.REXB: i = rexB; break;
        case Key.MOD: i = modrm() >= 0xc0 ? 1 : 0; break;
        case Key.REG: i = modrm() >> 3 & 7; break;
        default: i = modrm() & 7; break;
      }
      n = n.kids[i];
    }
    return n == null ? null : n.form;
  }

  /** Effective operand size: REX.W wins over 66; d64 and f64 forms default to 64 bits. */
  private int operandSize(Form f, boolean opsize66) {
    if (f.has(Form.STRING) && Spec.size(f.spec(0)) == Spec.SZ_B) {
      return 1;
    }
    if (f.has(Form.F64)) {
      return 8;
    }
    if (f.has(Form.D64)) {
      return opsize66 && rexW == 0 ? 2 : 8;
    }
    return rexW == 1 ? 8 : opsize66 ? 2 : 4;
  }

  /** Parses the VEX prefix after C4/C5; returns VEX.mmmmm. */
  private int vex(int b) {
    int p1 = next();
    rexR = ~p1 >> 7 & 1;
    int mmmmm;
    int p2;
    if (b == 0xc5) {
      mmmmm = 1;
      p2 = p1 & 0x7f;
    } else {
      rexX = ~p1 >> 6 & 1;
      rexB = ~p1 >> 5 & 1;
      mmmmm = p1 & 0x1f;
      if (mmmmm < 1 || mmmmm > 3) {
        return mmmmm;
      }
      p2 = next();
    }
    rexW = p2 >> 7 & 1;
    vvvv = ~p2 >> 3 & 0xf;
    vexPp = p2 & 3;
    out.vex = true;
    out.vexW = rexW;
    out.vexL = p2 >> 2 & 1;
    out.vexVvvv = vvvv;
    return mmmmm;
  }

  /** Encoding rules that the tables cannot express as rows. */
  private boolean valid(Form f) {
    boolean regForm = modrm >= 0xc0;
    if ((legacy & Insn.PFX_LOCK) != 0 && !(f.has(Form.LOCKABLE) && modrm >= 0 && !regForm)) {
      return false; // LOCK needs a lockable instruction with a memory destination
    }
    if (out.vex && (out.vexL != 0 || (f.has(Form.NO_VVVV) && vvvv != 0))) {
      return false; // every supported VEX instruction is VEX.LZ
    }
    for (int i = 0; i < f.specCount(); i++) {
      int m = Spec.method(f.spec(i));
      if (m == Spec.M && regForm) {
        return false;
      }
      if ((m == Spec.R || m == Spec.U || m == Spec.N) && modrm >= 0 && !regForm) {
        return false;
      }
    }
    return true;
  }

  private String predicateName(Form f, long imm) {
    int p = (int) imm & 0xff;
    switch (f.sem) {
      case CMPPS: return p < 8 ? CMP_NAMES[0][p] : f.mnemonic;
      case CMPPD: return p < 8 ? CMP_NAMES[1][p] : f.mnemonic;
      case CMPSS: return p < 8 ? CMP_NAMES[2][p] : f.mnemonic;
      case CMPSD: return p < 8 ? CMP_NAMES[3][p] : f.mnemonic;
      case PCLMULQDQ:
        return (p & 0xee) == 0 ? PCLMUL_NAMES[(p & 1) | (p >> 3 & 2)] : f.mnemonic;
      default: return f.mnemonic;
    }
  }

  private int next() {
    if (pos >= MAX_LENGTH) {
      throw TOO_LONG;
    }
    int b = code.readByte(rip + pos) & 0xff;
    out.bytes[pos++] = (byte) b;
    return b;
  }

  private long read(int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) next() << (8 * i);
    }
    return v;
  }

  private int modrm() {
    if (modrm < 0) {
      modrm = next();
      out.modrm = modrm;
    }
    return modrm;
  }

  /** Decodes SIB and displacement of a memory ModRM (64- or 32-bit addressing). */
  private void address() {
    int mod = modrm >> 6;
    int rm = modrm & 7;
    memIndex = -1;
    memScale = 1;
    memDisp = 0;
    if (rm == 4) {
      int sib = next();
      out.sib = sib;
      memScale = 1 << (sib >> 6);
      int index = (sib >> 3 & 7) | rexX << 3;
      memIndex = index == 4 ? -1 : index;
      if ((sib & 7) == 5 && mod == 0) {
        memBase = -1;
        memDisp = (int) read(4);
      } else {
        memBase = (sib & 7) | rexB << 3;
      }
    } else if (rm == 5 && mod == 0) {
      memBase = Operand.RIP;
      memDisp = (int) read(4);
    } else {
      memBase = rm | rexB << 3;
    }
    if (mod == 1) {
      memDisp = (byte) next();
    } else if (mod == 2) {
      memDisp = (int) read(4);
    }
  }

  /** Fills one explicit operand; false if the encoding is invalid. */
  private boolean operand(int s, Operand o, int opSize, boolean first) {
    int size = Spec.size(s);
    boolean w = rexW == 1;
    int regField = (modrm >> 3 & 7) | rexR << 3;
    int rmField = (modrm & 7) | rexB << 3;
    boolean regForm = modrm >= 0xc0;
    switch (Spec.method(s)) {
      case Spec.E:
        if (regForm) {
          gpr(o, rmField, Spec.regSize(size, opSize, w));
        } else {
          mem(o, Spec.memSize(size, opSize, w));
        }
        return true;
      case Spec.M:
        mem(o, Spec.memSize(size, opSize, w));
        return true;
      case Spec.R:
      case Spec.RA:
        gpr(o, rmField, Spec.regSize(size, opSize, w));
        return true;
      case Spec.G:
        gpr(o, regField, Spec.regSize(size, opSize, w));
        return true;
      case Spec.Z:
        gpr(o, (opcode & 7) | rexB << 3, Spec.regSize(size, opSize, w));
        return true;
      case Spec.B:
        gpr(o, vvvv, Spec.regSize(size, opSize, w));
        return true;
      case Spec.FIX_GPR:
        gpr(o, Spec.reg(s), Spec.regSize(size, opSize, w));
        return true;
      case Spec.I:
        immediate(o, size, opSize);
        return true;
      case Spec.IS:
        o.kind = OpKind.IMM;
        o.imm = (byte) next();
        o.size = opSize;
        return true;
      case Spec.ONE:
        o.kind = OpKind.IMM;
        o.imm = 1;
        o.size = 1;
        return true;
      case Spec.J:
        o.kind = OpKind.REL;
        o.size = 8;
        if (size == Spec.SZ_B) {
          o.imm = (byte) next();
        } else {
          o.imm = opSize == 2 ? (short) read(2) : (int) read(4);
        }
        return true;
      case Spec.O:
        o.kind = OpKind.MEM;
        o.disp = read(has67 ? 4 : 8);
        o.size = Spec.regSize(size, opSize, w);
        o.segment = segment;
        return true;
      case Spec.V:
        reg(o, OpKind.XMM, regField, Spec.regSize(size, opSize, w));
        return true;
      case Spec.W:
        if (regForm) {
          reg(o, OpKind.XMM, rmField, Spec.regSize(size, opSize, w));
        } else {
          mem(o, Spec.memSize(size, opSize, w));
        }
        return true;
      case Spec.U:
        reg(o, OpKind.XMM, rmField, Spec.regSize(size, opSize, w));
        return true;
      case Spec.P:
        reg(o, OpKind.MMX, modrm >> 3 & 7, Spec.regSize(size, opSize, w));
        return true;
      case Spec.Q:
        if (regForm) {
          reg(o, OpKind.MMX, modrm & 7, Spec.regSize(size, opSize, w));
        } else {
          mem(o, Spec.memSize(size, opSize, w));
        }
        return true;
      case Spec.N:
        reg(o, OpKind.MMX, modrm & 7, Spec.regSize(size, opSize, w));
        return true;
      case Spec.S: {
        int sreg = modrm >> 3 & 7;
        reg(o, OpKind.SEG, sreg, 2);
        return sreg < 6 && !(first && sreg == 1); // no such register; MOV to CS is #UD
      }
      case Spec.FIX_SEG:
        reg(o, OpKind.SEG, Spec.reg(s), 2);
        return true;
      case Spec.C:
        reg(o, OpKind.CR, regField, 8);
        return regField == 0 || regField == 2 || regField == 3 || regField == 4 || regField == 8;
      case Spec.D:
        reg(o, OpKind.DR, regField, 8);
        return regField < 8;
      case Spec.ST0:
        reg(o, OpKind.ST, 0, 10);
        return true;
      case Spec.STREG:
        reg(o, OpKind.ST, modrm & 7, 10);
        return true;
      case Spec.FIX_XMM:
        reg(o, OpKind.XMM, Spec.reg(s), 16);
        return true;
      default:
        throw new IllegalStateException("operand method " + Spec.method(s) + " is implicit only");
    }
  }

  private void immediate(Operand o, int size, int opSize) {
    o.kind = OpKind.IMM;
    switch (size) {
      case Spec.SZ_B: o.imm = next(); o.size = 1; break;
      case Spec.SZ_W: o.imm = read(2); o.size = 2; break;
      case Spec.SZ_D: o.imm = read(4); o.size = 4; break;
      case Spec.SZ_Z:
        // imm16 or imm32; with a 64-bit operand size the imm32 is sign-extended
        o.imm = opSize == 2 ? read(2) : opSize == 8 ? (int) read(4) : read(4);
        o.size = opSize;
        break;
      default: // SZ_V: the full operand size (MOV r64, imm64)
        o.imm = read(opSize);
        o.size = opSize;
        break;
    }
  }

  private void gpr(Operand o, int reg, int size) {
    o.kind = OpKind.GPR;
    o.size = size;
    if (size == 1 && !rexPresent && reg >= 4 && reg < 8) {
      o.reg = reg - 4; // AH, CH, DH, BH
      o.highByte = true;
    } else {
      o.reg = reg;
    }
  }

  private static void reg(Operand o, OpKind kind, int reg, int size) {
    o.kind = kind;
    o.reg = reg;
    o.size = size;
  }

  private void mem(Operand o, int size) {
    o.kind = OpKind.MEM;
    o.size = size;
    o.base = memBase;
    o.index = memIndex;
    o.scale = memScale;
    o.disp = memDisp;
    o.segment = segment;
  }
}

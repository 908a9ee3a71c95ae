package org.jx86.x86.disasm;

import org.jx86.x86.decode.Form;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Spec;

/**
 * The prefix names objdump prints before a mnemonic. Following i386-dis.c, every prefix byte is
 * printed by name in byte order unless the instruction used it; a used prefix hides only its last
 * occurrence, so {@code 66 66 2e 0f 1f 84 ..} prints as {@code data16 cs nop ...}. Some used
 * prefixes are renamed instead of hidden: rep, bnd, notrack, xacquire, xrelease.
 */
final class PrefixPrinter {
  private PrefixPrinter() {}

  private static final String[] REX_NAMES = new String[16];

  static {
    for (int i = 0; i < 16; i++) {
      StringBuilder sb = new StringBuilder("rex");
      if (i != 0) {
        sb.append('.');
        sb.append((i & 8) != 0 ? "W" : "").append((i & 4) != 0 ? "R" : "");
        sb.append((i & 2) != 0 ? "X" : "").append((i & 1) != 0 ? "B" : "");
      }
      REX_NAMES[i] = sb.toString();
    }
  }

  static boolean isPrefix(int b) {
    switch (b) {
      case 0xf0: case 0xf2: case 0xf3: case 0x66: case 0x67:
      case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
        return true;
      default:
        return (b & 0xf0) == 0x40;
    }
  }

  /** Appends the printed prefixes, each followed by a space. */
  static void append(StringBuilder sb, Insn insn) {
    byte[] bytes = insn.bytes;
    int n = 0;
    while (n < insn.length && isPrefix(bytes[n] & 0xff)) {
      n++;
    }
    int last66 = -1;
    int last67 = -1;
    int lastF2 = -1;
    int lastF3 = -1;
    int lastSeg = -1;
    boolean has3e = false;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      switch (b) {
        case 0x66: last66 = i; break;
        case 0x67: last67 = i; break;
        case 0xf2: lastF2 = i; break;
        case 0xf3: lastF3 = i; break;
        case 0x3e: has3e = true; lastSeg = i; break;
        case 0x26: case 0x2e: case 0x36: case 0x64: case 0x65: lastSeg = i; break;
        default: break;
      }
    }
    Form f = insn.form;
    String[] names = new String[n];
    boolean lock = (insn.prefixes & Insn.PFX_LOCK) != 0;
    boolean memory = hasMemory(insn);
    for (int i = 0; i < n; i++) {
      names[i] = name(bytes[i] & 0xff);
    }
    boolean rexW = (insn.rex & 8) != 0;
    if (last66 >= 0 && (f.mandatoryPrefix() == 0x66 || (!rexW && sizeUsed(insn, false))
        || farPointer(f))) {
      names[last66] = null;
    }
    if (last67 >= 0 && addressSizeUsed(insn, memory)) {
      names[last67] = null;
    }
    if (lastF3 >= 0 && f.mandatoryPrefix() == 0xf3) {
      names[lastF3] = null;
    } else if (lastF2 >= 0 && f.mandatoryPrefix() == 0xf2) {
      names[lastF2] = null;
    }
    if (f.has(Form.STRING)) {
      if (lastF3 >= 0 && !f.has(Form.REPZ)) {
        names[lastF3] = "rep";
      }
    } else if (f.has(Form.BND)) {
      if (lastF2 >= 0) {
        names[lastF2] = "bnd";
      }
    } else if (memory && ((lock && f.has(Form.LOCKABLE)) || f.has(Form.HLE_ANY))) {
      rename(names, lastF2, "xacquire");
      rename(names, lastF3, "xrelease");
    } else if (memory && f.has(Form.HLE_REL) && lastF3 > lastF2) {
      rename(names, lastF3, "xrelease");
    }
    if (f.has(Form.NOTRACK) && has3e && last66 < 0) {
      names[lastSeg] = "notrack";
    } else if (lastSeg >= 0 && (hasSourceString(f)
        || (memory && (insn.segment == 4 || insn.segment == 5)))) {
      names[lastSeg] = null; // printed in the operand: fs:/gs:, or ds: of a string source
    }
    if (n > 0 && (bytes[n - 1] & 0xf0) == 0x40) {
      names[n - 1] = rexUsed(insn) ? null : REX_NAMES[bytes[n - 1] & 0xf];
    }
    for (String s : names) {
      if (s != null) {
        sb.append(s).append(' ');
      }
    }
  }

  private static void rename(String[] names, int i, String name) {
    if (i >= 0 && names[i] != null) {
      names[i] = name;
    }
  }

  private static String name(int b) {
    switch (b) {
      case 0xf0: return "lock";
      case 0xf2: return "repnz";
      case 0xf3: return "repz";
      case 0x66: return "data16";
      case 0x67: return "addr32";
      case 0x26: return "es";
      case 0x2e: return "cs";
      case 0x36: return "ss";
      case 0x3e: return "ds";
      case 0x64: return "fs";
      case 0x65: return "gs";
      default: return REX_NAMES[b & 0xf]; // a REX that is not the last prefix is ignored
    }
  }

  /**
   * True if the operand size (66 when forW is false, REX.W when true) changed what objdump
   * prints: a v-sized operand, a name chosen by size, and for 66 also a z-sized operand. A
   * register-or-word operand (MOV Sreg, SLDT) uses it only in its register form.
   */
  static boolean sizeUsed(Insn insn, boolean forW) {
    Form f = insn.form;
    if (f.has(Form.F64) || (forW && f.has(Form.D64))) {
      return false;
    }
    if (f.keyedByOperandSize() || (forW && f.keyedByRexW())) {
      return true;
    }
    int k = 0;
    for (int i = 0; i < f.specCount(); i++) {
      int s = f.spec(i);
      boolean register = !Spec.isHidden(s) && insn.ops[k++].kind != OpKind.MEM;
      switch (Spec.size(s)) {
        case Spec.SZ_V: case Spec.SZ_NONE_V: case Spec.SZ_P:
          return true;
        case Spec.SZ_Z:
          if (!forW) {
            return true;
          }
          break;
        case Spec.SZ_VW:
          if (register) {
            return true;
          }
          break;
        case Spec.SZ_Y:
          if (forW) {
            return true;
          }
          break;
        case Spec.SZ_YW:
          if (forW && register) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    return false;
  }

  /** objdump's far-pointer operand consults 66 even when REX.W overrides it (LSS, LFS, LGS). */
  private static boolean farPointer(Form f) {
    for (int i = 0; i < f.specCount(); i++) {
      if (Spec.size(f.spec(i)) == Spec.SZ_P) {
        return true;
      }
    }
    return false;
  }

  /** 67 is used by memory operands other than moffs, string operations and JECXZ. */
  private static boolean addressSizeUsed(Insn insn, boolean memory) {
    Form f = insn.form;
    boolean moffs = false;
    for (int i = 0; i < f.specCount(); i++) {
      moffs |= Spec.method(f.spec(i)) == Spec.O;
    }
    if (moffs) {
      return false;
    }
    return memory || f.has(Form.STRING) || f.keyedByAddressSize();
  }

  /** A DS:rSI string source or XLAT consumes the last segment prefix, whichever it is. */
  private static boolean hasSourceString(Form f) {
    for (int i = 0; i < f.specCount(); i++) {
      int m = Spec.method(f.spec(i));
      if (m == Spec.X || m == Spec.XB) {
        return true;
      }
    }
    return false;
  }

  /** True if the instruction addresses memory (explicitly, as a string operand, or XLAT). */
  static boolean hasMemory(Insn insn) {
    for (int i = 0; i < insn.nops; i++) {
      if (insn.ops[i].kind == OpKind.MEM) {
        return true;
      }
    }
    Form f = insn.form;
    for (int i = 0; i < f.specCount(); i++) {
      int m = Spec.method(f.spec(i));
      if (m == Spec.X || m == Spec.XB) {
        return true;
      }
    }
    return false;
  }

  /**
   * objdump hides the REX prefix only if every bit in it changed the decoding and at least one
   * bit (or the byte-register choice of a bare 40) was consulted.
   */
  private static boolean rexUsed(Insn insn) {
    Form f = insn.form;
    int used = sizeUsed(insn, true) ? 8 : 0;
    boolean byteReg = false;
    int k = 0;
    for (int i = 0; i < f.specCount(); i++) {
      int s = f.spec(i);
      int m = Spec.method(s);
      if (Spec.isHidden(s)) {
        continue;
      }
      var o = insn.ops[k++];
      if (m == Spec.G || m == Spec.V || m == Spec.C || m == Spec.D) {
        used |= 4;
      }
      if (m == Spec.Z || ((m == Spec.E || m == Spec.R || m == Spec.RA || m == Spec.M
          || m == Spec.W || m == Spec.U) && o.kind != OpKind.MEM)) {
        used |= 1;
      }
      if (o.kind == OpKind.MEM && m != Spec.O) {
        used |= 1;
        if (insn.sib >= 0) {
          used |= 2;
        }
      }
      if (o.kind == OpKind.GPR && o.size == 1 && (o.reg & 4) != 0) {
        byteReg = true;
      }
    }
    int rex = insn.rex & 0xf;
    boolean consulted = (rex & used) != 0 || byteReg;
    return consulted && (rex & ~used) == 0;
  }
}

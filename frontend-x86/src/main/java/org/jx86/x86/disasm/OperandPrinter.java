package org.jx86.x86.disasm;

import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Spec;

/**
 * Prints operands the way binutils' i386-dis.c does in Intel mode, including its quirks:
 * {@code riz}/{@code eiz} for a SIB byte without index, {@code ds:} before a bare absolute
 * address, an unsigned 64-bit displacement after {@code rip}, and size keywords chosen by the
 * table spec rather than the access size (NOP, prefetch, far pointers, OWORD).
 */
final class OperandPrinter {
  private OperandPrinter() {}

  /** Appends an explicit operand decoded from spec. */
  static void explicit(StringBuilder sb, Insn insn, int spec, Operand o) {
    switch (o.kind) {
      case GPR:
        sb.append(Registers.gpr(o.reg, o.size, o.highByte));
        return;
      case XMM:
        sb.append(Registers.xmm(o.reg));
        return;
      case MMX:
        sb.append(Registers.mmx(o.reg));
        return;
      case SEG:
        sb.append(Registers.seg(o.reg));
        return;
      case CR:
        sb.append(Registers.cr(o.reg));
        return;
      case DR:
        sb.append(Registers.dr(o.reg));
        return;
      case ST:
        sb.append(Spec.method(spec) == Spec.ST0 ? "st" : Registers.st(o.reg));
        return;
      case IMM:
        if (Spec.method(spec) == Spec.ONE) {
          sb.append('1');
        } else {
          hex(sb, o.imm & mask(o.size));
        }
        return;
      case REL:
        hex(sb, o.imm);
        return;
      case MEM:
        if (Spec.method(spec) == Spec.O) {
          segmentOrDs(sb, insn);
          hex(sb, o.disp);
        } else {
          sizeKeyword(sb, insn, Spec.size(spec), o.size);
          segment(sb, insn);
          address(sb, insn, o);
        }
        return;
      default:
        throw new IllegalStateException("operand kind " + o.kind);
    }
  }

  /** Appends an implicit operand that objdump prints: string operands, XLAT, AL/rAX/DX, XMM0. */
  static void hidden(StringBuilder sb, Insn insn, int spec) {
    int size = Spec.size(spec);
    String si = insn.addrSize == 4 ? "esi" : "rsi";
    String di = insn.addrSize == 4 ? "edi" : "rdi";
    switch (Spec.method(spec)) {
      case Spec.X:
        sizeKeyword(sb, insn, size, stringSize(insn, size));
        segmentOrDs(sb, insn);
        sb.append('[').append(si).append(']');
        return;
      case Spec.Y:
        sizeKeyword(sb, insn, size, stringSize(insn, size));
        sb.append("es:[").append(di).append(']');
        return;
      case Spec.XB:
        sb.append("BYTE PTR ");
        segmentOrDs(sb, insn);
        sb.append('[').append(insn.addrSize == 4 ? "ebx" : "rbx").append(']');
        return;
      case Spec.FIX_GPR:
        sb.append(Registers.gpr(Spec.reg(spec), stringSize(insn, size), false));
        return;
      case Spec.FIX_XMM:
        sb.append(Registers.xmm(Spec.reg(spec)));
        return;
      default:
        throw new IllegalStateException("no implicit text for method " + Spec.method(spec));
    }
  }

  private static int stringSize(Insn insn, int size) {
    switch (size) {
      case Spec.SZ_B: return 1;
      case Spec.SZ_W: return 2;
      case Spec.SZ_Z: return insn.opSize == 2 ? 2 : 4;
      default: return insn.opSize;
    }
  }

  private static long mask(int size) {
    return size >= 8 ? -1L : (1L << (8 * size)) - 1;
  }

  static void hex(StringBuilder sb, long v) {
    sb.append("0x").append(Long.toHexString(v));
  }

  private static void sizeKeyword(StringBuilder sb, Insn insn, int sizeCode, int bytes) {
    String k;
    switch (sizeCode) {
      case Spec.SZ_NONE: case Spec.SZ_X_NOPTR: return;
      case Spec.SZ_NONE_B: k = "BYTE"; break;
      case Spec.SZ_NONE_V: k = keyword(insn.opSize); break;
      case Spec.SZ_O: k = "OWORD"; break;
      case Spec.SZ_P: k = (insn.prefixes & Insn.PFX_OPSIZE) != 0 ? "DWORD" : "FWORD"; break;
      default: k = keyword(bytes); break;
    }
    sb.append(k).append(" PTR ");
  }

  private static String keyword(int bytes) {
    switch (bytes) {
      case 1: return "BYTE";
      case 2: return "WORD";
      case 4: return "DWORD";
      case 8: return "QWORD";
      case 10: return "TBYTE";
      case 16: return "XMMWORD";
      default: throw new IllegalStateException("no size keyword for " + bytes + " bytes");
    }
  }

  /** In 64-bit mode only FS and GS overrides are shown in the operand (the others do nothing). */
  private static boolean activeSegment(Insn insn) {
    return insn.segment == 4 || insn.segment == 5;
  }

  private static void segment(StringBuilder sb, Insn insn) {
    if (activeSegment(insn)) {
      sb.append(Registers.seg(insn.segment)).append(':');
    }
  }

  private static void segmentOrDs(StringBuilder sb, Insn insn) {
    sb.append(activeSegment(insn) ? Registers.seg(insn.segment) : "ds").append(':');
  }

  /** The bracketed address, following OP_E_memory of i386-dis.c (Intel syntax, 64-bit mode). */
  private static void address(StringBuilder sb, Insn insn, Operand o) {
    int mod = insn.modrm >> 6;
    boolean addr32 = insn.addrSize == 4;
    boolean haveSib = insn.sib >= 0;
    int scaleBits = haveSib ? insn.sib >> 6 : 0;
    boolean ripRel = o.base == Operand.RIP;
    boolean haveBase = o.base >= 0 && !ripRel;
    boolean haveIndex = o.index >= 0;
    long disp = o.disp;
    boolean needIndex = false;
    if (haveSib && !haveBase && !haveIndex && addr32) {
      disp &= 0xffffffffL; // zero-extended 32-bit absolute address, printed as [eiz*1+disp]
      needIndex = true;
    }
    boolean haveDisp = haveBase || needIndex || (haveSib && (haveIndex || scaleBits != 0));
    // the 3-bit base field is 101 with mod 00: disp32 without base, or RIP-relative
    boolean noBaseField = mod == 0 && !haveBase;
    if (!haveDisp && !ripRel) {
      if (!activeSegment(insn)) {
        sb.append("ds:");
      }
      hex(sb, disp);
      return;
    }
    sb.append('[');
    if (ripRel) {
      sb.append(addr32 ? "eip" : "rip");
    }
    if (haveBase) {
      sb.append(Registers.gpr(o.base, addr32 ? 4 : 8, false));
    }
    if (haveSib && (scaleBits != 0 || needIndex || haveIndex
        || (haveBase && (insn.sib & 7) != 4))) {
      if (haveBase) {
        sb.append('+');
      }
      if (haveIndex) {
        sb.append(Registers.gpr(o.index, addr32 ? 4 : 8, false));
      } else {
        sb.append(addr32 ? "eiz" : "riz");
      }
      sb.append('*').append(1 << scaleBits);
    }
    if (disp != 0 || mod != 0 || noBaseField) {
      if (!haveDisp || disp >= 0) {
        sb.append('+');
        hex(sb, disp);
      } else {
        sb.append('-');
        sb.append("0x").append(Long.toHexString(-disp));
      }
    }
    sb.append(']');
  }
}

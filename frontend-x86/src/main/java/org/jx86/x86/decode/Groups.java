package org.jx86.x86.decode;

import static org.jx86.x86.decode.Sem.*;
import static org.jx86.x86.decode.Spec.*;

/**
 * The opcode extension groups (Intel SDM Vol. 2, Table A-6): instructions selected by the ModRM
 * reg field, sometimes also by mod, r/m and a mandatory prefix. Each method installs one group at
 * an opcode of the map being built, one row per member; the operand specs that differ between
 * the opcodes sharing a group (80/81/83, C0/C1/D0-D3 ...) are parameters.
 */
final class Groups {
  private Groups() {}

  private static final int[] R = {
    MapBuilder.r(0), MapBuilder.r(1), MapBuilder.r(2), MapBuilder.r(3),
    MapBuilder.r(4), MapBuilder.r(5), MapBuilder.r(6), MapBuilder.r(7)
  };
  private static final int MEM = MapBuilder.MEM;
  private static final int REG = MapBuilder.REG;
  private static final int LOCK = MapBuilder.LOCK;

  /** Group 1 (80, 81, 83): ALU operation with an immediate. */
  static void group1(MapBuilder m, int op, int dst, int src) {
    m.row(op, R[0], ADD, dst, src, LOCK);
    m.row(op, R[1], OR, dst, src, LOCK);
    m.row(op, R[2], ADC, dst, src, LOCK);
    m.row(op, R[3], SBB, dst, src, LOCK);
    m.row(op, R[4], AND, dst, src, LOCK);
    m.row(op, R[5], SUB, dst, src, LOCK);
    m.row(op, R[6], XOR, dst, src, LOCK);
    m.row(op, R[7], CMP, dst, src);
  }

  /** Group 1A (8F): POP Ev; the other reg values are XOP on AMD and invalid here. */
  static void group1a(MapBuilder m, int op) {
    m.row(op, R[0], POP, Ev, MapBuilder.D64);
  }

  /** Group 2 (C0, C1, D0-D3): rotates and shifts; /6 is the undocumented alias of SHL. */
  static void group2(MapBuilder m, int op, int dst, int count) {
    m.row(op, R[0], ROL, dst, count);
    m.row(op, R[1], ROR, dst, count);
    m.row(op, R[2], RCL, dst, count);
    m.row(op, R[3], RCR, dst, count);
    m.row(op, R[4], SHL, dst, count);
    m.row(op, R[5], SHR, dst, count);
    m.row(op, R[6], SHL, dst, count);
    m.row(op, R[7], SAR, dst, count);
  }

  /** Group 3 (F6, F7): unary arithmetic; /1 is the undocumented alias of TEST. */
  static void group3(MapBuilder m, int op, int e, int imm) {
    m.row(op, R[0], TEST, e, imm);
    m.row(op, R[1], TEST, e, imm);
    m.row(op, R[2], NOT, e, LOCK);
    m.row(op, R[3], NEG, e, LOCK);
    m.row(op, R[4], MUL, e);
    m.row(op, R[5], IMUL, e);
    m.row(op, R[6], DIV, e);
    m.row(op, R[7], IDIV, e);
  }

  /** Group 4 (FE): byte INC/DEC. */
  static void group4(MapBuilder m, int op) {
    m.row(op, R[0], INC, Eb, LOCK);
    m.row(op, R[1], DEC, Eb, LOCK);
  }

  /** Group 5 (FF); the far forms /3 and /5 are not supported. */
  static void group5(MapBuilder m, int op) {
    m.row(op, R[0], INC, Ev, LOCK);
    m.row(op, R[1], DEC, Ev, LOCK);
    m.row(op, R[2], CALL, Ev, MapBuilder.F64, MapBuilder.BND, MapBuilder.NOTRACK);
    m.row(op, R[4], JMP, Ev, MapBuilder.F64, MapBuilder.BND, MapBuilder.NOTRACK);
    m.row(op, R[6], PUSH, Ev, MapBuilder.D64);
  }

  /** Group 11 (C6, C7): MOV immediate, and the RTM XABORT/XBEGIN at ModRM F8. */
  static void group11(MapBuilder m, int op, int dst, int imm) {
    m.row(op, R[0], MOV, dst, imm, MapBuilder.HLE_REL);
    if (op == 0xc6) {
      m.row(op, MapBuilder.modrm(0xf8), XABORT, Ib);
    } else {
      m.row(op, MapBuilder.modrm(0xf8), XBEGIN, Jz);
      m.row(op, MapBuilder.modrm(0xf8) | MapBuilder.O16, XBEGIN, "xbeginw", Jz);
    }
  }

  /** Group 6 (0F 00): descriptor-table registers. */
  static void group6(MapBuilder m, int op) {
    m.row(op, R[0], SLDT, Evw);
    m.row(op, R[1], STR, Evw);
    m.row(op, R[2], LLDT, Ew);
    m.row(op, R[3], LTR, Ew);
    m.row(op, R[4], VERR, Ew);
    m.row(op, R[5], VERW, Ew);
  }

  /** Group 7 (0F 01): system instructions; register forms are selected by the whole ModRM. */
  static void group7(MapBuilder m, int op) {
    m.row(op, MEM | R[0], SGDT, M0);
    m.row(op, MEM | R[1], SIDT, M0);
    m.row(op, MEM | R[2], LGDT, M0);
    m.row(op, MEM | R[3], LIDT, M0);
    m.row(op, R[4], SMSW, Evw);
    m.row(op, R[6], LMSW, Ew);
    m.row(op, MEM | R[7], INVLPG, Mb0);
    m.row(op, MapBuilder.modrm(0xc8), MONITOR);
    m.row(op, MapBuilder.modrm(0xc9), MWAIT);
    m.row(op, MapBuilder.modrm(0xca), CLAC);
    m.row(op, MapBuilder.modrm(0xcb), STAC);
    m.row(op, MapBuilder.modrm(0xd0), XGETBV);
    m.row(op, MapBuilder.modrm(0xd1), XSETBV);
    m.row(op, MapBuilder.modrm(0xd5), XEND);
    m.row(op, MapBuilder.modrm(0xd6), XTEST);
    m.row(op, MapBuilder.NP | MapBuilder.modrm(0xee), RDPKRU); // F3: CLUI/STUI
    m.row(op, MapBuilder.NP | MapBuilder.modrm(0xef), WRPKRU);
    m.row(op, MapBuilder.modrm(0xf8), SWAPGS);
    m.row(op, MapBuilder.modrm(0xf9), RDTSCP);
  }

  /** Group 8 (0F BA): bit test with an immediate bit offset. */
  static void group8(MapBuilder m, int op) {
    m.row(op, R[4], BT, Ev, Ib);
    m.row(op, R[5], BTS, Ev, Ib, LOCK);
    m.row(op, R[6], BTR, Ev, Ib, LOCK);
    m.row(op, R[7], BTC, Ev, Ib, LOCK);
  }

  /** Group 9 (0F C7): CMPXCHG8B/16B, XSAVEC/XRSTORS/XSAVES, RDRAND/RDSEED/RDPID. */
  static void group9(MapBuilder m, int op) {
    m.row(op, MEM | R[1] | MapBuilder.W0, CMPXCHG8B, Mq, LOCK);
    m.row(op, MEM | R[1] | MapBuilder.W1, CMPXCHG16B, Mo, LOCK);
    m.row(op, MEM | R[3] | MapBuilder.W0, XRSTORS, M0);
    m.row(op, MEM | R[3] | MapBuilder.W1, XRSTORS64, M0);
    m.row(op, MEM | R[4] | MapBuilder.W0, XSAVEC, M0);
    m.row(op, MEM | R[4] | MapBuilder.W1, XSAVEC64, M0);
    m.row(op, MEM | R[5] | MapBuilder.W0, XSAVES, M0);
    m.row(op, MEM | R[5] | MapBuilder.W1, XSAVES64, M0);
    m.row(op, REG | R[6], RDRAND, Rv);
    m.bad(op, MapBuilder.PF3 | REG | R[6]); // SENDUIPI
    m.bad(op, MapBuilder.PF2 | REG | R[6]);
    m.row(op, REG | R[7], RDSEED, Rv);
    m.row(op, MapBuilder.PF3 | REG | R[7], RDPID, Rq);
    m.bad(op, MapBuilder.PF2 | REG | R[7]);
  }

  /** Group 10 (0F B9): UD1. */
  static void group10(MapBuilder m, int op) {
    m.row(op, UD1, Gv, Ev);
  }

  /** Groups 12-14 (0F 71-73): MMX/SSE shifts by an immediate; 66 selects the XMM form. */
  static void shiftImm(MapBuilder m, int op, Sem r2, Sem r4, Sem r6) {
    shiftImm(m, op, 2, r2);
    shiftImm(m, op, 4, r4);
    shiftImm(m, op, 6, r6);
  }

  static void shiftImm(MapBuilder m, int op, int reg, Sem sem) {
    if (sem != null) {
      m.row(op, MapBuilder.NP | REG | R[reg], sem, Nq, Ib);
      m.row(op, MapBuilder.P66 | REG | R[reg], sem, Ux, Ib);
    }
  }

  /** Group 14's byte shifts of the whole XMM register (66 only). */
  static void shiftBytes(MapBuilder m, int op) {
    m.row(op, MapBuilder.P66 | REG | R[3], PSRLDQ, Ux, Ib);
    m.row(op, MapBuilder.P66 | REG | R[7], PSLLDQ, Ux, Ib);
  }

  /**
   * Group 15 (0F AE): state save/restore, MXCSR, fences, cache flushes, FS/GS base. The first
   * four memory forms and SFENCE ignore 66/F2/F3; elsewhere the prefix selects another
   * instruction (TPAUSE, UMONITOR, UMWAIT, PTWRITE, CLRSSBSY are not supported).
   */
  static void group15(MapBuilder m, int op) {
    m.row(op, MEM | R[0] | MapBuilder.W0, FXSAVE, M0);
    m.row(op, MEM | R[0] | MapBuilder.W1, FXSAVE64, M0);
    m.row(op, MEM | R[1] | MapBuilder.W0, FXRSTOR, M0);
    m.row(op, MEM | R[1] | MapBuilder.W1, FXRSTOR64, M0);
    m.row(op, MEM | R[2], LDMXCSR, Md);
    m.row(op, MEM | R[3], STMXCSR, Md);
    int np = MapBuilder.NP | MEM;
    m.row(op, np | R[4] | MapBuilder.W0, XSAVE, M0);
    m.row(op, np | R[4] | MapBuilder.W1, XSAVE64, M0);
    m.row(op, np | R[5] | MapBuilder.W0, XRSTOR, M0);
    m.row(op, np | R[5] | MapBuilder.W1, XRSTOR64, M0);
    m.row(op, np | R[6] | MapBuilder.W0, XSAVEOPT, M0);
    m.row(op, np | R[6] | MapBuilder.W1, XSAVEOPT64, M0);
    m.row(op, np | R[7], CLFLUSH, Mb0);
    m.row(op, MapBuilder.P66 | MEM | R[6], CLWB, Mb0);
    m.row(op, MapBuilder.P66 | MEM | R[7], CLFLUSHOPT, Mb0);
    m.row(op, MapBuilder.NP | REG | R[5], LFENCE);
    m.row(op, MapBuilder.NP | MapBuilder.modrm(0xf0), MFENCE);
    m.row(op, MapBuilder.modrm(0xf8), SFENCE);
    int f3 = MapBuilder.PF3 | REG;
    m.row(op, f3 | R[0], RDFSBASE, Ry);
    m.row(op, f3 | R[1], RDGSBASE, Ry);
    m.row(op, f3 | R[2], WRFSBASE, Ry);
    m.row(op, f3 | R[3], WRGSBASE, Ry);
    m.row(op, f3 | R[5] | MapBuilder.W0, INCSSPD, Rd);
    m.row(op, f3 | R[5] | MapBuilder.W1, INCSSPQ, Rq);
  }

  /** Group 16 (0F 18): prefetch hints; the rest of 0F 18 is hint NOP space. */
  static void group16(MapBuilder m, int op) {
    m.row(op, NOP, Enop);
    m.row(op, MEM | R[0], NOP, "prefetchnta", Mb0);
    m.row(op, MEM | R[1], NOP, "prefetcht0", Mb0);
    m.row(op, MEM | R[2], NOP, "prefetcht1", Mb0);
    m.row(op, MEM | R[3], NOP, "prefetcht2", Mb0);
  }

  /** 0F 0D: the AMD PREFETCH/PREFETCHW group, a hint NOP for the emulator. */
  static void prefetchw(MapBuilder m, int op) {
    m.row(op, MEM, NOP, "prefetch", Mb0);
    m.row(op, MEM | R[1], NOP, "prefetchw", Mb0);
    m.row(op, MEM | R[2], NOP, "prefetchwt1", Mb0);
  }

  /** Group 17 (VEX.0F38 F3): BMI1 bit manipulation with the destination in VEX.vvvv. */
  static void group17(MapBuilder m, int op) {
    m.row(op, MapBuilder.NP | R[1], BLSR, By, Ey);
    m.row(op, MapBuilder.NP | R[2], BLSMSK, By, Ey);
    m.row(op, MapBuilder.NP | R[3], BLSI, By, Ey);
  }
}

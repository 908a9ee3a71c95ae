package org.jx86.x86.decode;

import static org.jx86.x86.decode.Sem.*;
import static org.jx86.x86.decode.Spec.*;

/**
 * The x87 escape opcodes D8-DF (Intel SDM Vol. 2, Tables ). Memory forms are selected
 * by ModRM reg and carry the memory format's size (m32fp, m64fp, m80, m16int ...); register forms
 * by reg and, where the SDM lists single instructions, by the whole ModRM byte. DC/DE E0-FF
 * follow the SDM (and objdump's Intel mode): DC E0+i is FSUBR ST(i),ST(0).
 */
final class X87Map {
  private X87Map() {}

  private static final int Mfs = Md;
  private static final int Mfd = Mq;

  static void install(MapBuilder m) {
    d8(m);
    d9(m);
    da(m);
    db(m);
    dc(m);
    dd(m);
    de(m);
    df(m);
  }

  private static int mem(int reg) {
    return MapBuilder.MEM | MapBuilder.r(reg);
  }

  private static int reg(int reg) {
    return MapBuilder.REG | MapBuilder.r(reg);
  }

  /** The eight arithmetic operations shared by D8, DA, DC and DE memory forms. */
  private static void arith(MapBuilder m, int op, int size, boolean integer) {
    m.row(op, mem(0), integer ? FIADD : FADD, size);
    m.row(op, mem(1), integer ? FIMUL : FMUL, size);
    m.row(op, mem(2), integer ? FICOM : FCOM, size);
    m.row(op, mem(3), integer ? FICOMP : FCOMP, size);
    m.row(op, mem(4), integer ? FISUB : FSUB, size);
    m.row(op, mem(5), integer ? FISUBR : FSUBR, size);
    m.row(op, mem(6), integer ? FIDIV : FDIV, size);
    m.row(op, mem(7), integer ? FIDIVR : FDIVR, size);
  }

  private static void d8(MapBuilder m) {
    arith(m, 0xd8, Mfs, false);
    m.row(0xd8, reg(0), FADD, St0, Sti);
    m.row(0xd8, reg(1), FMUL, St0, Sti);
    m.row(0xd8, reg(2), FCOM, Sti);
    m.row(0xd8, reg(3), FCOMP, Sti);
    m.row(0xd8, reg(4), FSUB, St0, Sti);
    m.row(0xd8, reg(5), FSUBR, St0, Sti);
    m.row(0xd8, reg(6), FDIV, St0, Sti);
    m.row(0xd8, reg(7), FDIVR, St0, Sti);
  }

  private static void d9(MapBuilder m) {
    m.row(0xd9, mem(0), FLD, Mfs);
    m.row(0xd9, mem(2), FST, Mfs);
    m.row(0xd9, mem(3), FSTP, Mfs);
    // with 66 the environment and state images have their 16-bit layout
    m.row(0xd9, mem(4), FLDENV, M0);
    m.row(0xd9, mem(4) | MapBuilder.O16, FLDENV, "fldenvw", M0);
    m.row(0xd9, mem(5), FLDCW, Mw);
    m.row(0xd9, mem(6), FNSTENV, M0);
    m.row(0xd9, mem(6) | MapBuilder.O16, FNSTENV, "fnstenvw", M0);
    m.row(0xd9, mem(7), FNSTCW, Mw);
    m.row(0xd9, reg(0), FLD, Sti);
    m.row(0xd9, reg(1), FXCH, Sti);
    Sem[] e0 = {FCHS, FABS, null, null, FTST, FXAM, null, null};
    Sem[] e8 = {FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ, null};
    Sem[] f0 = {F2XM1, FYL2X, FPTAN, FPATAN, FXTRACT, FPREM1, FDECSTP, FINCSTP};
    Sem[] f8 = {FPREM, FYL2XP1, FSQRT, FSINCOS, FRNDINT, FSCALE, FSIN, FCOS};
    m.row(0xd9, MapBuilder.modrm(0xd0), FNOP);
    for (int i = 0; i < 8; i++) {
      single(m, 0xd9, 0xe0 + i, e0[i]);
      single(m, 0xd9, 0xe8 + i, e8[i]);
      single(m, 0xd9, 0xf0 + i, f0[i]);
      single(m, 0xd9, 0xf8 + i, f8[i]);
    }
  }

  private static void single(MapBuilder m, int op, int modrm, Sem sem) {
    if (sem != null) {
      m.row(op, MapBuilder.modrm(modrm), sem);
    }
  }

  private static void da(MapBuilder m) {
    arith(m, 0xda, Md, true);
    m.row(0xda, reg(0), FCMOVCC, MapBuilder.cc(0x2), St0, Sti);
    m.row(0xda, reg(1), FCMOVCC, MapBuilder.cc(0x4), St0, Sti);
    m.row(0xda, reg(2), FCMOVCC, MapBuilder.cc(0x6), St0, Sti);
    m.row(0xda, reg(3), FCMOVCC, MapBuilder.cc(0xa), St0, Sti);
    m.row(0xda, MapBuilder.modrm(0xe9), FUCOMPP);
  }

  private static void db(MapBuilder m) {
    m.row(0xdb, mem(0), FILD, Md);
    m.row(0xdb, mem(1), FISTTP, Md);
    m.row(0xdb, mem(2), FIST, Md);
    m.row(0xdb, mem(3), FISTP, Md);
    m.row(0xdb, mem(5), FLD, Mt);
    m.row(0xdb, mem(7), FSTP, Mt);
    m.row(0xdb, reg(0), FCMOVCC, MapBuilder.cc(0x3), St0, Sti);
    m.row(0xdb, reg(1), FCMOVCC, MapBuilder.cc(0x5), St0, Sti);
    m.row(0xdb, reg(2), FCMOVCC, MapBuilder.cc(0x7), St0, Sti);
    m.row(0xdb, reg(3), FCMOVCC, MapBuilder.cc(0xb), St0, Sti);
    m.row(0xdb, MapBuilder.modrm(0xe2), FNCLEX);
    m.row(0xdb, MapBuilder.modrm(0xe3), FNINIT);
    m.row(0xdb, reg(5), FUCOMI, St0, Sti);
    m.row(0xdb, reg(6), FCOMI, St0, Sti);
  }

  private static void dc(MapBuilder m) {
    arith(m, 0xdc, Mfd, false);
    m.row(0xdc, reg(0), FADD, Sti, St0);
    m.row(0xdc, reg(1), FMUL, Sti, St0);
    m.row(0xdc, reg(4), FSUBR, Sti, St0);
    m.row(0xdc, reg(5), FSUB, Sti, St0);
    m.row(0xdc, reg(6), FDIVR, Sti, St0);
    m.row(0xdc, reg(7), FDIV, Sti, St0);
  }

  private static void dd(MapBuilder m) {
    m.row(0xdd, mem(0), FLD, Mfd);
    m.row(0xdd, mem(1), FISTTP, Mq);
    m.row(0xdd, mem(2), FST, Mfd);
    m.row(0xdd, mem(3), FSTP, Mfd);
    m.row(0xdd, mem(4), FRSTOR, M0);
    m.row(0xdd, mem(4) | MapBuilder.O16, FRSTOR, "frstorw", M0);
    m.row(0xdd, mem(6), FNSAVE, M0);
    m.row(0xdd, mem(6) | MapBuilder.O16, FNSAVE, "fnsavew", M0);
    m.row(0xdd, mem(7), FNSTSW, Mw);
    m.row(0xdd, reg(0), FFREE, Sti);
    m.row(0xdd, reg(2), FST, Sti);
    m.row(0xdd, reg(3), FSTP, Sti);
    m.row(0xdd, reg(4), FUCOM, Sti);
    m.row(0xdd, reg(5), FUCOMP, Sti);
  }

  private static void de(MapBuilder m) {
    arith(m, 0xde, Mw, true);
    m.row(0xde, reg(0), FADDP, Sti, St0);
    m.row(0xde, reg(1), FMULP, Sti, St0);
    m.row(0xde, MapBuilder.modrm(0xd9), FCOMPP);
    m.row(0xde, reg(4), FSUBRP, Sti, St0);
    m.row(0xde, reg(5), FSUBP, Sti, St0);
    m.row(0xde, reg(6), FDIVRP, Sti, St0);
    m.row(0xde, reg(7), FDIVP, Sti, St0);
  }

  private static void df(MapBuilder m) {
    m.row(0xdf, mem(0), FILD, Mw);
    m.row(0xdf, mem(1), FISTTP, Mw);
    m.row(0xdf, mem(2), FIST, Mw);
    m.row(0xdf, mem(3), FISTP, Mw);
    m.row(0xdf, mem(4), FBLD, Mt);
    m.row(0xdf, mem(5), FILD, Mq);
    m.row(0xdf, mem(6), FBSTP, Mt);
    m.row(0xdf, mem(7), FISTP, Mq);
    m.row(0xdf, reg(0), FFREEP, Sti);
    m.row(0xdf, MapBuilder.modrm(0xe0), FNSTSW, AX);
    m.row(0xdf, reg(5), FUCOMIP, St0, Sti);
    m.row(0xdf, reg(6), FCOMIP, St0, Sti);
  }
}

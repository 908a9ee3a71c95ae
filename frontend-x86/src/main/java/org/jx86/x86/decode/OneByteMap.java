package org.jx86.x86.decode;

import static org.jx86.x86.decode.Sem.*;
import static org.jx86.x86.decode.Spec.*;

/**
 * The one-byte opcode map (Intel SDM Vol. 2, Table A-2), 64-bit mode. Prefix bytes (26 2E 36 3E
 * 40-4F 64-67 F0 F2 F3) are consumed by the decoder before the map is consulted, C4/C5 are VEX
 * (see {@link VexMap}), D8-DF come from {@link X87Map} and the group opcodes from {@link Groups}.
 * Slots without a row (06 07 0E 16 17 1E 1F 27 2F 37 3F 60-62 82 9A CE D4-D6 EA ...) are invalid
 * in 64-bit mode.
 */
final class OneByteMap extends MapBuilder {
  static final Node[] TABLE = new OneByteMap().build();

  private OneByteMap() {
    super("one-byte map");
    alu(0x00, ADD);
    alu(0x08, OR);
    alu(0x10, ADC);
    alu(0x18, SBB);
    alu(0x20, AND);
    alu(0x28, SUB);
    alu(0x30, XOR);
    alu(0x38, CMP);
    for (int r = 0; r < 8; r++) {
      row(0x50 + r, PUSH, Zv, D64);
      row(0x58 + r, POP, Zv, D64);
    }
    row(0x63, MOVSXD, Gv, Ed);
    row(0x68, PUSH, Iz, D64);
    row(0x68, O16, PUSH, "pushw", Iz, D64);
    row(0x69, IMUL, Gv, Ev, Iz);
    row(0x6a, PUSH, IbS, D64);
    row(0x6a, O16, PUSH, "pushw", IbS, D64);
    row(0x6b, IMUL, Gv, Ev, IbS);
    row(0x6c, INS, Yb, hDX, STR);
    row(0x6d, INS, Yz, hDX, STR);
    row(0x6e, OUTS, hDX, Xb, STR);
    row(0x6f, OUTS, hDX, Xz, STR);
    for (int c = 0; c < 16; c++) {
      row(0x70 + c, JCC, cc(c), Jb, F64, BND);
    }
    Groups.group1(this, 0x80, Eb, Ib);
    Groups.group1(this, 0x81, Ev, Iz);
    Groups.group1(this, 0x83, Ev, IbS);
    row(0x84, TEST, Eb, Gb);
    row(0x85, TEST, Ev, Gv);
    row(0x86, XCHG, Eb, Gb, LOCK, HLE_ANY);
    row(0x87, XCHG, Ev, Gv, LOCK, HLE_ANY);
    row(0x88, MOV, Eb, Gb, HLE_REL);
    row(0x89, MOV, Ev, Gv, HLE_REL);
    row(0x8a, MOV, Gb, Eb);
    row(0x8b, MOV, Gv, Ev);
    row(0x8c, MOV, Evw, Sw);
    row(0x8d, LEA, Gv, M0);
    row(0x8e, MOV, Sw, Evw);
    Groups.group1a(this, 0x8f);
    // 90 is NOP unless REX.B makes it XCHG r8,rAX; with 66 objdump shows it as xchg ax,ax
    row(0x90, B0, NOP);
    row(0x90, P66 | B0, NOP, "xchg", rAX, rAX, KEEP_PREFIX);
    row(0x90, PF2 | B0 | O16, NOP, "xchg", rAX, rAX, KEEP_PREFIX);
    row(0x90, B1, XCHG, Zv, rAX);
    row(0x90, PF3 | B0, PAUSE);
    for (int r = 1; r < 8; r++) {
      row(0x90 + r, XCHG, Zv, rAX);
    }
    row(0x98, O16, CBW);
    row(0x98, O32, CWDE);
    row(0x98, O64, CDQE);
    row(0x99, O16, CWD);
    row(0x99, O32, CDQ);
    row(0x99, O64, CQO);
    row(0x9b, FWAIT);
    row(0x9c, PUSHF, "pushf", D64);
    row(0x9c, O16, PUSHF, "pushfw", D64);
    row(0x9d, POPF, "popf", D64);
    row(0x9d, O16, POPF, "popfw", D64);
    row(0x9e, SAHF);
    row(0x9f, LAHF);
    // moffs is as wide as the address: 8 bytes, 4 with 67 (then objdump says mov)
    row(0xa0, A64, MOV, "movabs", AL, Ob);
    row(0xa0, A32, MOV, AL, Ob);
    row(0xa1, A64, MOV, "movabs", rAX, Ov);
    row(0xa1, A32, MOV, rAX, Ov);
    row(0xa2, A64, MOV, "movabs", Ob, AL);
    row(0xa2, A32, MOV, Ob, AL);
    row(0xa3, A64, MOV, "movabs", Ov, rAX);
    row(0xa3, A32, MOV, Ov, rAX);
    row(0xa4, MOVS, Yb, Xb, STR);
    row(0xa5, MOVS, Yv, Xv, STR);
    row(0xa6, CMPS, Xb, Yb, REPZ);
    row(0xa7, CMPS, Xv, Yv, REPZ);
    row(0xa8, TEST, AL, Ib);
    row(0xa9, TEST, rAX, Iz);
    row(0xaa, STOS, Yb, hAL, STR);
    row(0xab, STOS, Yv, hrAX, STR);
    row(0xac, LODS, hAL, Xb, STR);
    row(0xad, LODS, hrAX, Xv, STR);
    row(0xae, SCAS, hAL, Yb, REPZ);
    row(0xaf, SCAS, hrAX, Yv, REPZ);
    for (int r = 0; r < 8; r++) {
      row(0xb0 + r, MOV, Zb, Ib);
      row(0xb8 + r, MOV, Zv, Iv);
      row(0xb8 + r, O64, MOV, "movabs", Zv, Iv);
    }
    Groups.group2(this, 0xc0, Eb, Ib);
    Groups.group2(this, 0xc1, Ev, Ib);
    // unlike near JMP/CALL/Jcc, RET honours 66 in 64-bit mode (a 16-bit pop of IP)
    row(0xc2, RET, Iw, D64, BND);
    row(0xc2, O16, RET, "retw", Iw, D64, BND);
    row(0xc3, RET, D64, BND);
    row(0xc3, O16, RET, "retw", D64, BND);
    Groups.group11(this, 0xc6, Eb, Ib);
    Groups.group11(this, 0xc7, Ev, Iz);
    row(0xc8, ENTER, Iw, Ib, D64);
    row(0xc8, O16, ENTER, "enterw", Iw, Ib, D64);
    row(0xc9, LEAVE, D64);
    row(0xc9, O16, LEAVE, "leavew", D64);
    row(0xca, RETF, Iw);
    row(0xca, O64, RETF, "retfq", Iw);
    row(0xca, O16, RETF, "retfw", Iw);
    row(0xcb, RETF);
    row(0xcb, O64, RETF, "retfq");
    row(0xcb, O16, RETF, "retfw");
    row(0xcc, INT3);
    row(0xcd, INT, Ib);
    row(0xcf, O16, IRET, "iretw");
    row(0xcf, O32, IRETD, "iret");
    row(0xcf, O64, IRETQ);
    Groups.group2(this, 0xd0, Eb, One);
    Groups.group2(this, 0xd1, Ev, One);
    Groups.group2(this, 0xd2, Eb, CL);
    Groups.group2(this, 0xd3, Ev, CL);
    row(0xd7, XLAT, XBb);
    X87Map.install(this);
    row(0xe0, LOOPNE, Jb, F64);
    row(0xe1, LOOPE, Jb, F64);
    row(0xe2, LOOP, Jb, F64);
    row(0xe3, A64, JRCXZ, Jb, F64);
    row(0xe3, A32, JRCXZ, "jecxz", Jb, F64);
    row(0xe4, IN, AL, Ib);
    row(0xe5, IN, eAX, Ib);
    row(0xe6, OUT, Ib, AL);
    row(0xe7, OUT, Ib, eAX);
    row(0xe8, CALL, Jz, F64, BND);
    row(0xe9, JMP, Jz, F64, BND);
    row(0xeb, JMP, Jb, F64, BND);
    row(0xec, IN, AL, DX);
    row(0xed, IN, eAX, DX);
    row(0xee, OUT, DX, AL);
    row(0xef, OUT, DX, eAX);
    row(0xf1, INT1);
    row(0xf4, HLT);
    row(0xf5, CMC);
    Groups.group3(this, 0xf6, Eb, Ib);
    Groups.group3(this, 0xf7, Ev, Iz);
    row(0xf8, CLC);
    row(0xf9, STC);
    row(0xfa, CLI);
    row(0xfb, STI);
    row(0xfc, CLD);
    row(0xfd, STD);
    Groups.group4(this, 0xfe);
    Groups.group5(this, 0xff);
  }

  /** The six classic ALU encodings at base..base+5; all but CMP may be locked. */
  private void alu(int base, Sem sem) {
    int lock = sem == CMP ? 0 : LOCK;
    row(base, sem, Eb, Gb, lock);
    row(base + 1, sem, Ev, Gv, lock);
    row(base + 2, sem, Gb, Eb);
    row(base + 3, sem, Gv, Ev);
    row(base + 4, sem, AL, Ib);
    row(base + 5, sem, rAX, Iz);
  }
}

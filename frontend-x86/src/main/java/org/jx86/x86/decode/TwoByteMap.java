package org.jx86.x86.decode;

import static org.jx86.x86.decode.Sem.*;
import static org.jx86.x86.decode.Spec.*;

/**
 * The two-byte opcode map, 0F xx (Intel SDM Vol. 2, Table A-3), 64-bit mode. SSE rows name their
 * mandatory prefix column (NP, 66, F3, F2); MMX integer rows are the NP column of the same
 * opcode as their SSE2 twin. 0F 38 and 0F 3A are the escapes to {@link Map0F38} and
 * {@link Map0F3A}.
 */
final class TwoByteMap extends MapBuilder {
  static final Node[] TABLE = new TwoByteMap().build();

  private TwoByteMap() {
    super("0F map");
    system();
    sseMoves();
    sseArith();
    mmxSse();
    general();
  }

  private void system() {
    Groups.group6(this, 0x00);
    Groups.group7(this, 0x01);
    row(0x02, LAR, Gv, Evw);
    row(0x03, LSL, Gv, Evw);
    row(0x05, SYSCALL);
    row(0x06, CLTS);
    row(0x07, W0, SYSRET, "sysretd");
    row(0x07, W1, SYSRET, "sysretq");
    row(0x08, INVD);
    row(0x09, NP, WBINVD);
    row(0x09, PF3, WBNOINVD);
    row(0x0b, UD2);
    Groups.prefetchw(this, 0x0d);
    Groups.group16(this, 0x18);
    for (int op = 0x19; op <= 0x1f; op++) {
      if (op != 0x1a && op != 0x1b) {
        row(op, NOP, Enop);
      }
    }
    // 0F 1A/1B memory forms and prefixed register forms are MPX (not supported)
    row(0x1a, NP | REG, NOP, Enop);
    row(0x1b, NP | REG, NOP, Enop);
    row(0x1b, PF3 | REG, NOP, Enop, KEEP_PREFIX);
    row(0x1c, NP | MEM | r(0), NOP, "cldemote", Mb0);
    row(0x1e, PF3 | modrm(0xfa), NOP, "endbr64");
    row(0x1e, PF3 | modrm(0xfb), NOP, "endbr32");
    row(0x1e, PF3 | REG | r(1) | W0, RDSSPD, Rd);
    row(0x1e, PF3 | REG | r(1) | W1, RDSSPQ, Rq);
    row(0x20, MOV, RAq, Cq);
    row(0x21, MOV, RAq, Dq);
    row(0x22, MOV, Cq, RAq);
    row(0x23, MOV, Dq, RAq);
    row(0x30, WRMSR);
    row(0x31, RDTSC);
    row(0x32, RDMSR);
    row(0x33, RDPMC);
    row(0x34, SYSENTER);
    row(0x35, W0, SYSEXIT, "sysexitd");
    row(0x35, W1, SYSEXIT, "sysexitq");
    row(0xa0, PUSH, FS, D64);
    row(0xa0, O16, PUSH, "pushw", FS, D64);
    row(0xa1, POP, FS, D64);
    row(0xa1, O16, POP, "popw", FS, D64);
    row(0xa2, CPUID);
    row(0xa8, PUSH, GS, D64);
    row(0xa8, O16, PUSH, "pushw", GS, D64);
    row(0xa9, POP, GS, D64);
    row(0xa9, O16, POP, "popw", GS, D64);
    row(0xaa, RSM);
    Groups.group15(this, 0xae);
    row(0xff, UD0, Gv, Ev);
  }

  /** 0F 10-17, 28-2F, 50, C2-C6, D6, E6-E7, F0, F7: SSE data movement and conversion. */
  private void sseMoves() {
    row(0x10, NP, MOVUPS, Vx, Wx);
    row(0x10, P66, MOVUPD, Vx, Wx);
    row(0x10, PF3, MOVSS, Vx, Wd);
    row(0x10, PF2, MOVSD, Vx, Wq);
    row(0x11, NP, MOVUPS, Wx, Vx);
    row(0x11, P66, MOVUPD, Wx, Vx);
    row(0x11, PF3, MOVSS, Wd, Vd);
    row(0x11, PF2, MOVSD, Wq, Vq);
    row(0x12, NP | MEM, MOVLPS, Vq, Mq);
    row(0x12, NP | REG, MOVHLPS, Vq, Ux);
    row(0x12, P66 | MEM, MOVLPD, Vq, Mq);
    row(0x12, PF3, MOVSLDUP, Vx, Wx);
    row(0x12, PF2, MOVDDUP, Vx, Wq);
    row(0x13, NP | MEM, MOVLPS, Mq, Vq);
    row(0x13, P66 | MEM, MOVLPD, Mq, Vq);
    row(0x14, NP, UNPCKLPS, Vx, Wx);
    row(0x14, P66, UNPCKLPD, Vx, Wx);
    row(0x15, NP, UNPCKHPS, Vx, Wx);
    row(0x15, P66, UNPCKHPD, Vx, Wx);
    row(0x16, NP | MEM, MOVHPS, Vq, Mq);
    row(0x16, NP | REG, MOVLHPS, Vq, Uq);
    row(0x16, P66 | MEM, MOVHPD, Vq, Mq);
    row(0x16, PF3, MOVSHDUP, Vx, Wx);
    row(0x17, NP | MEM, MOVHPS, Mq, Vq);
    row(0x17, P66 | MEM, MOVHPD, Mq, Vq);
    row(0x28, NP, MOVAPS, Vx, Wx);
    row(0x28, P66, MOVAPD, Vx, Wx);
    row(0x29, NP, MOVAPS, Wx, Vx);
    row(0x29, P66, MOVAPD, Wx, Vx);
    row(0x2a, NP, CVTPI2PS, Vx, Qq);
    row(0x2a, P66, CVTPI2PD, Vx, Qq);
    row(0x2a, PF3, CVTSI2SS, Vd, Ey);
    row(0x2a, PF2, CVTSI2SD, Vq, Ey);
    row(0x2b, NP | MEM, MOVNTPS, Mx, Vx);
    row(0x2b, P66 | MEM, MOVNTPD, Mx, Vx);
    row(0x2c, NP, CVTTPS2PI, Pq, Wq);
    row(0x2c, P66, CVTTPD2PI, Pq, Wx);
    row(0x2c, PF3, CVTTSS2SI, Gy, Wd);
    row(0x2c, PF2, CVTTSD2SI, Gy, Wq);
    row(0x2d, NP, CVTPS2PI, Pq, Wq);
    row(0x2d, P66, CVTPD2PI, Pq, Wx);
    row(0x2d, PF3, CVTSS2SI, Gy, Wd);
    row(0x2d, PF2, CVTSD2SI, Gy, Wq);
    row(0x2e, NP, UCOMISS, Vd, Wd);
    row(0x2e, P66, UCOMISD, Vq, Wq);
    row(0x2f, NP, COMISS, Vd, Wd);
    row(0x2f, P66, COMISD, Vq, Wq);
    row(0x50, NP | REG, MOVMSKPS, Gy, Ux);
    row(0x50, P66 | REG, MOVMSKPD, Gy, Ux);
    row(0x5a, NP, CVTPS2PD, Vx, Wq);
    row(0x5a, P66, CVTPD2PS, Vx, Wx);
    row(0x5a, PF3, CVTSS2SD, Vq, Wd);
    row(0x5a, PF2, CVTSD2SS, Vd, Wq);
    row(0x5b, NP, CVTDQ2PS, Vx, Wx);
    row(0x5b, P66, CVTPS2DQ, Vx, Wx);
    row(0x5b, PF3, CVTTPS2DQ, Vx, Wx);
    row(0xc2, NP, CMPPS, Vx, Wx, Ib, CMP_PRED);
    row(0xc2, P66, CMPPD, Vx, Wx, Ib, CMP_PRED);
    row(0xc2, PF3, CMPSS, Vd, Wd, Ib, CMP_PRED);
    row(0xc2, PF2, CMPSD, Vq, Wq, Ib, CMP_PRED);
    row(0xc3, NP | MEM, MOVNTI, My, Gy);
    row(0xc4, NP, PINSRW, Pq, Edw, Ib);
    row(0xc4, P66, PINSRW, Vx, Edw, Ib);
    row(0xc5, NP | REG, PEXTRW, Gd, Nq, Ib);
    row(0xc5, P66 | REG, PEXTRW, Gd, Ux, Ib);
    row(0xc6, NP, SHUFPS, Vx, Wx, Ib);
    row(0xc6, P66, SHUFPD, Vx, Wx, Ib);
    row(0xd6, P66, MOVQ, Wq, Vq);
    row(0xd6, PF3 | REG, MOVQ2DQ, Vx, Nq);
    row(0xd6, PF2 | REG, MOVDQ2Q, Pq, Uq);
    row(0xe6, P66, CVTTPD2DQ, Vx, Wx);
    row(0xe6, PF3, CVTDQ2PD, Vx, Wq);
    row(0xe6, PF2, CVTPD2DQ, Vx, Wx);
    row(0xe7, NP | MEM, MOVNTQ, Mq, Pq);
    row(0xe7, P66 | MEM, MOVNTDQ, Mx, Vx);
    row(0xf0, PF2 | MEM, LDDQU, Vx, Mxn);
    row(0xf7, NP | REG, MASKMOVQ, Pq, Nq);
    row(0xf7, P66 | REG, MASKMOVDQU, Vx, Ux);
  }

  /** 0F 51-5F, 7C-7D, D0: packed and scalar floating-point arithmetic. */
  private void sseArith() {
    fp(0x51, SQRTPS, SQRTPD, SQRTSS, SQRTSD);
    fp(0x52, RSQRTPS, null, RSQRTSS, null);
    fp(0x53, RCPPS, null, RCPSS, null);
    fp(0x54, ANDPS, ANDPD, null, null);
    fp(0x55, ANDNPS, ANDNPD, null, null);
    fp(0x56, ORPS, ORPD, null, null);
    fp(0x57, XORPS, XORPD, null, null);
    fp(0x58, ADDPS, ADDPD, ADDSS, ADDSD);
    fp(0x59, MULPS, MULPD, MULSS, MULSD);
    fp(0x5c, SUBPS, SUBPD, SUBSS, SUBSD);
    fp(0x5d, MINPS, MINPD, MINSS, MINSD);
    fp(0x5e, DIVPS, DIVPD, DIVSS, DIVSD);
    fp(0x5f, MAXPS, MAXPD, MAXSS, MAXSD);
    row(0x7c, P66, HADDPD, Vx, Wx);
    row(0x7c, PF2, HADDPS, Vx, Wx);
    row(0x7d, P66, HSUBPD, Vx, Wx);
    row(0x7d, PF2, HSUBPS, Vx, Wx);
    row(0xd0, P66, ADDSUBPD, Vx, Wx);
    row(0xd0, PF2, ADDSUBPS, Vx, Wx);
  }

  private void fp(int op, Sem ps, Sem pd, Sem ss, Sem sd) {
    if (ps != null) {
      row(op, NP, ps, Vx, Wx);
    }
    if (pd != null) {
      row(op, P66, pd, Vx, Wx);
    }
    if (ss != null) {
      row(op, PF3, ss, Vd, Wd);
    }
    if (sd != null) {
      row(op, PF2, sd, Vq, Wq);
    }
  }

  /** 0F 60-7F and D1-FE: integer SIMD, MMX form without prefix and SSE2 form with 66. */
  private void mmxSse() {
    pair(0x60, PUNPCKLBW, Qd);
    pair(0x61, PUNPCKLWD, Qd);
    pair(0x62, PUNPCKLDQ, Qd);
    pair(0x63, PACKSSWB, Qq);
    pair(0x64, PCMPGTB, Qq);
    pair(0x65, PCMPGTW, Qq);
    pair(0x66, PCMPGTD, Qq);
    pair(0x67, PACKUSWB, Qq);
    pair(0x68, PUNPCKHBW, Qq);
    pair(0x69, PUNPCKHWD, Qq);
    pair(0x6a, PUNPCKHDQ, Qq);
    pair(0x6b, PACKSSDW, Qq);
    row(0x6c, P66, PUNPCKLQDQ, Vx, Wx);
    row(0x6d, P66, PUNPCKHQDQ, Vx, Wx);
    row(0x6e, NP | W0, MOVD, Pq, Ey);
    row(0x6e, NP | W1, MOVQ, Pq, Ey);
    row(0x6e, P66 | W0, MOVD, Vx, Ey);
    row(0x6e, P66 | W1, MOVQ, Vx, Ey);
    row(0x6f, NP, MOVQ, Pq, Qq);
    row(0x6f, P66, MOVDQA, Vx, Wx);
    row(0x6f, PF3, MOVDQU, Vx, Wx);
    row(0x70, NP, PSHUFW, Pq, Qq, Ib);
    row(0x70, P66, PSHUFD, Vx, Wx, Ib);
    row(0x70, PF3, PSHUFHW, Vx, Wx, Ib);
    row(0x70, PF2, PSHUFLW, Vx, Wx, Ib);
    Groups.shiftImm(this, 0x71, PSRLW, PSRAW, PSLLW);
    Groups.shiftImm(this, 0x72, PSRLD, PSRAD, PSLLD);
    Groups.shiftImm(this, 0x73, PSRLQ, null, PSLLQ);
    Groups.shiftBytes(this, 0x73);
    pair(0x74, PCMPEQB, Qq);
    pair(0x75, PCMPEQW, Qq);
    pair(0x76, PCMPEQD, Qq);
    row(0x77, NP, EMMS);
    row(0x7e, NP | W0, MOVD, Ey, Pq);
    row(0x7e, NP | W1, MOVQ, Ey, Pq);
    row(0x7e, P66 | W0, MOVD, Ey, Vx);
    row(0x7e, P66 | W1, MOVQ, Ey, Vx);
    row(0x7e, PF3, MOVQ, Vx, Wq);
    row(0x7f, NP, MOVQ, Qq, Pq);
    row(0x7f, P66, MOVDQA, Wx, Vx);
    row(0x7f, PF3, MOVDQU, Wx, Vx);
    Sem[] d0 = {null, PSRLW, PSRLD, PSRLQ, PADDQ, PMULLW, null, null,
      PSUBUSB, PSUBUSW, PMINUB, PAND, PADDUSB, PADDUSW, PMAXUB, PANDN};
    Sem[] e0 = {PAVGB, PSRAW, PSRAD, PAVGW, PMULHUW, PMULHW, null, null,
      PSUBSB, PSUBSW, PMINSW, POR, PADDSB, PADDSW, PMAXSW, PXOR};
    Sem[] f0 = {null, PSLLW, PSLLD, PSLLQ, PMULUDQ, PMADDWD, PSADBW, null,
      PSUBB, PSUBW, PSUBD, PSUBQ, PADDB, PADDW, PADDD, null};
    for (int i = 0; i < 16; i++) {
      pairIf(0xd0 + i, d0[i]);
      pairIf(0xe0 + i, e0[i]);
      pairIf(0xf0 + i, f0[i]);
    }
    row(0xd7, REG, PMOVMSKB, Gy, Nq); // F3/F2 do not select anything here
    row(0xd7, P66 | REG, PMOVMSKB, Gy, Ux);
  }

  private void pair(int op, Sem sem, int mmxSource) {
    row(op, NP, sem, Pq, mmxSource);
    row(op, P66, sem, Vx, Wx);
  }

  private void pairIf(int op, Sem sem) {
    if (sem != null) {
      pair(op, sem, Qq);
    }
  }

  /** 0F 40-4F, 80-BF (general-purpose part), C0-C1, C7-CF. */
  private void general() {
    for (int c = 0; c < 16; c++) {
      row(0x40 + c, CMOVCC, cc(c), Gv, Ev);
      row(0x80 + c, JCC, cc(c), Jz, F64, BND);
      row(0x90 + c, SETCC, cc(c), Eb);
    }
    row(0xa3, BT, Ev, Gv);
    row(0xa4, SHLD, Ev, Gv, Ib);
    row(0xa5, SHLD, Ev, Gv, CL);
    row(0xab, BTS, Ev, Gv, LOCK);
    row(0xac, SHRD, Ev, Gv, Ib);
    row(0xad, SHRD, Ev, Gv, CL);
    row(0xaf, IMUL, Gv, Ev);
    row(0xb0, CMPXCHG, Eb, Gb, LOCK);
    row(0xb1, CMPXCHG, Ev, Gv, LOCK);
    row(0xb2, LSS, Gv, Mp);
    row(0xb3, BTR, Ev, Gv, LOCK);
    row(0xb4, LFS, Gv, Mp);
    row(0xb5, LGS, Gv, Mp);
    row(0xb6, MOVZX, Gv, Eb);
    row(0xb7, MOVZX, Gv, Ew);
    row(0xb8, PF3, POPCNT, Gv, Ev);
    Groups.group10(this, 0xb9);
    Groups.group8(this, 0xba);
    row(0xbb, BTC, Ev, Gv, LOCK);
    row(0xbc, BSF, Gv, Ev);
    row(0xbc, PF3, TZCNT, Gv, Ev);
    row(0xbd, BSR, Gv, Ev);
    row(0xbd, PF3, LZCNT, Gv, Ev);
    row(0xbe, MOVSX, Gv, Eb);
    row(0xbf, MOVSX, Gv, Ew);
    row(0xc0, XADD, Eb, Gb, LOCK);
    row(0xc1, XADD, Ev, Gv, LOCK);
    Groups.group9(this, 0xc7);
    for (int r = 0; r < 8; r++) {
      row(0xc8 + r, BSWAP, Zv); // with 66 the result is undefined, but the encoding is valid
    }
  }
}

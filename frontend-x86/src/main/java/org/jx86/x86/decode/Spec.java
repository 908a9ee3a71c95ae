package org.jx86.x86.decode;

/**
 * Operand specifications of the opcode tables: an SDM addressing-method letter combined with an
 * SDM operand-size code, packed into one {@code int} so that a table row is a few ints.
 *
 * <pre>
 *  31    24 23    16 15   12 11      6 5       0
 * | unused |  flags | reg   |  size   | method  |
 * </pre>
 *
 * <p>{@code reg} is the register number of the fixed-register methods ({@link #FIX_GPR},
 * {@link #FIX_SEG}, {@link #FIX_XMM}). The only flag is {@link #HIDDEN}: the operand is implicit
 * (not listed in {@link Insn#ops}) but objdump prints it, e.g. the {@code es:[rdi]} of
 * {@code stos} or the {@code xmm0} of {@code pblendvb}.
 *
 * <p>The constants named like the SDM ({@code Ev}, {@code Gb}, {@code Iz}, {@code Wx} ...) are what
 * the table rows use; see Intel SDM Vol. 2, Appendix A.2 for the letters. The method and size
 * codes and the accessors are public for the disassembler and the lifter, which read the specs
 * of {@link Insn#form}.
 */
public final class Spec {
  private Spec() {}

  // ---- addressing methods (SDM A.2.1 letters, plus what the SDM writes out in words) ----
  /** ModRM r/m: general register or memory. */
  public static final int E = 1;
  /** ModRM reg: general register. */
  public static final int G = 2;
  /** ModRM r/m: memory only (a register form is invalid). */
  public static final int M = 3;
  /** ModRM r/m: general register only (a memory form is invalid). */
  public static final int R = 4;
  /** ModRM r/m: general register whatever the mod bits say (MOV to/from CRn/DRn ignore mod). */
  public static final int RA = 5;
  /** Low three opcode bits extended by REX.B: general register ("rAX/r8" in the SDM map). */
  public static final int Z = 6;
  /** VEX.vvvv: general register. */
  public static final int B = 7;
  /** Immediate, zero-extended. */
  public static final int I = 8;
  /** Immediate byte sign-extended to the operand size (the SDM's "Ib" of 6A, 6B, 83). */
  public static final int IS = 9;
  /** Relative branch offset; decoded to the absolute target. */
  public static final int J = 10;
  /** Absolute memory offset (moffs) of the size of the address. */
  public static final int O = 11;
  /** ModRM reg: XMM register. */
  public static final int V = 12;
  /** ModRM r/m: XMM register or memory. */
  public static final int W = 13;
  /** ModRM r/m: XMM register only. */
  public static final int U = 14;
  /** ModRM reg: MMX register. */
  public static final int P = 15;
  /** ModRM r/m: MMX register or memory. */
  public static final int Q = 16;
  /** ModRM r/m: MMX register only. */
  public static final int N = 17;
  /** ModRM reg: segment register. */
  public static final int S = 18;
  /** ModRM reg: control register. */
  public static final int C = 19;
  /** ModRM reg: debug register. */
  public static final int D = 20;
  /** A fixed general register (number in the reg field). */
  public static final int FIX_GPR = 21;
  /** A fixed segment register (number in the reg field). */
  public static final int FIX_SEG = 22;
  /** A fixed XMM register (number in the reg field). */
  public static final int FIX_XMM = 23;
  /** The constant 1 of the D0-D3 shifts. */
  public static final int ONE = 24;
  /** ST(0), printed {@code st}. */
  public static final int ST0 = 25;
  /** ST(i) selected by ModRM r/m. */
  public static final int STREG = 26;
  /** String source {@code ds:[rsi]} (segment overridable). */
  public static final int X = 27;
  /** String destination {@code es:[rdi]} (never overridden). */
  public static final int Y = 28;
  /** XLAT table {@code ds:[rbx]}. */
  public static final int XB = 29;
  static final int METHOD_COUNT = 30;

  // ---- size codes (SDM A.2.2), plus the register/memory splits the SDM writes as "Rd/Mb" ----
  /** Byte. */
  public static final int SZ_B = 1;
  /** Word. */
  public static final int SZ_W = 2;
  /** Doubleword. */
  public static final int SZ_D = 3;
  /** Quadword. */
  public static final int SZ_Q = 4;
  /** Word, doubleword or quadword by operand size. */
  public static final int SZ_V = 5;
  /** Word for 16-bit operand size, else doubleword. */
  public static final int SZ_Z = 6;
  /** Doubleword, or quadword with REX.W / VEX.W. */
  public static final int SZ_Y = 7;
  /** 16 bytes, printed XMMWORD. */
  public static final int SZ_X = 8;
  /** 16 bytes, printed OWORD (CMPXCHG16B). */
  public static final int SZ_O = 9;
  /** Ten bytes (m80), printed TBYTE. */
  public static final int SZ_T = 10;
  /** No size (LEA, FXSAVE, LGDT, FLDENV ...): memory size 0, nothing printed. */
  public static final int SZ_NONE = 11;
  /** No size, but objdump prints BYTE PTR (prefetch, clflush, invlpg). */
  public static final int SZ_NONE_B = 12;
  /** Hint NOP: register of operand size; memory of size 0 printed with the operand size. */
  public static final int SZ_NONE_V = 13;
  /** Register of operand size, memory word (SLDT, STR, SMSW, MOV Sreg). */
  public static final int SZ_VW = 14;
  /** Register doubleword, memory word (PEXTRW, PINSRW). */
  public static final int SZ_DW = 15;
  /** Register doubleword, memory byte (PEXTRB, PINSRB). */
  public static final int SZ_DB = 16;
  /** Far pointer m16:16/32/64 (LSS, LFS, LGS). */
  public static final int SZ_P = 17;
  /** Register y-sized, memory word (the r/m of LAR/LSL takes a word from memory). */
  public static final int SZ_YW = 18;
  /** 16 bytes, but objdump prints no size keyword (LDDQU). */
  public static final int SZ_X_NOPTR = 19;
  static final int SIZE_COUNT = 20;

  /** Flag: implicit operand printed by objdump but not listed in {@link Insn#ops}. */
  public static final int HIDDEN = 1 << 16;

  /** Packs a method and a size code. */
  static int spec(int method, int size) {
    return method | size << 6;
  }

  /** Packs a fixed-register method with its register number. */
  static int fixed(int method, int reg, int size) {
    return spec(method, size) | reg << 12;
  }

  /** Marks a spec as implicit. */
  static int hidden(int spec) {
    return spec | HIDDEN;
  }

  public static int method(int spec) {
    return spec & 0x3f;
  }

  public static int size(int spec) {
    return spec >>> 6 & 0x3f;
  }

  public static int reg(int spec) {
    return spec >>> 12 & 0xf;
  }

  public static boolean isHidden(int spec) {
    return (spec & HIDDEN) != 0;
  }

  /** True if the method reads the ModRM reg field. */
  public static boolean usesModrmReg(int method) {
    return method == G || method == V || method == P || method == S || method == C || method == D;
  }

  /** True if the method reads the ModRM r/m field (register or memory). */
  public static boolean usesModrmRm(int method) {
    return method == E || method == M || method == R || method == RA || method == W
        || method == U || method == Q || method == N || method == STREG;
  }

  /** True if the size code depends on the operand-size attribute (66 or REX.W). */
  public static boolean dependsOnOperandSize(int size) {
    return size == SZ_V || size == SZ_Z || size == SZ_NONE_V || size == SZ_VW || size == SZ_P;
  }

  /** True if the size code depends on REX.W alone (the SDM's "y"). */
  public static boolean dependsOnRexW(int size) {
    return size == SZ_Y || size == SZ_YW;
  }

  /** Register operand size in bytes for a size code, given the effective operand size. */
  static int regSize(int size, int opSize, boolean w) {
    switch (size) {
      case SZ_B: return 1;
      case SZ_W: return 2;
      case SZ_D: case SZ_DW: case SZ_DB: return 4;
      case SZ_Q: return 8;
      case SZ_V: case SZ_NONE_V: case SZ_VW: case SZ_P: return opSize;
      case SZ_Z: return opSize == 2 ? 2 : 4;
      case SZ_Y: case SZ_YW: return w ? 8 : 4;
      case SZ_X: case SZ_O: case SZ_X_NOPTR: return 16;
      case SZ_T: return 10;
      default: return 0;
    }
  }

  /** Memory operand size in bytes for a size code; 0 for operands without a size. */
  static int memSize(int size, int opSize, boolean w) {
    switch (size) {
      case SZ_NONE: case SZ_NONE_B: case SZ_NONE_V: return 0;
      case SZ_VW: case SZ_DW: case SZ_YW: return 2;
      case SZ_DB: return 1;
      case SZ_P: return opSize + 2;
      default: return regSize(size, opSize, w);
    }
  }

  // ---- the SDM-style constants the tables use ----
  static final int Eb = spec(E, SZ_B);
  static final int Ew = spec(E, SZ_W);
  static final int Ed = spec(E, SZ_D);
  static final int Eq = spec(E, SZ_Q);
  static final int Ev = spec(E, SZ_V);
  static final int Ey = spec(E, SZ_Y);
  static final int Evw = spec(E, SZ_VW);
  static final int Eyw = spec(E, SZ_YW);
  static final int Edb = spec(E, SZ_DB);
  static final int Edw = spec(E, SZ_DW);
  static final int Enop = spec(E, SZ_NONE_V);
  static final int Gb = spec(G, SZ_B);
  static final int Gw = spec(G, SZ_W);
  static final int Gd = spec(G, SZ_D);
  static final int Gq = spec(G, SZ_Q);
  static final int Gv = spec(G, SZ_V);
  static final int Gy = spec(G, SZ_Y);
  static final int Gz = spec(G, SZ_Z);
  static final int M0 = spec(M, SZ_NONE);
  static final int Mb0 = spec(M, SZ_NONE_B);
  static final int Mb = spec(M, SZ_B);
  static final int Mw = spec(M, SZ_W);
  static final int Md = spec(M, SZ_D);
  static final int Mq = spec(M, SZ_Q);
  static final int Mv = spec(M, SZ_V);
  static final int My = spec(M, SZ_Y);
  static final int Mx = spec(M, SZ_X);
  static final int Mo = spec(M, SZ_O);
  static final int Mxn = spec(M, SZ_X_NOPTR);
  static final int Mt = spec(M, SZ_T);
  static final int Mp = spec(M, SZ_P);
  static final int Rv = spec(R, SZ_V);
  static final int Ry = spec(R, SZ_Y);
  static final int Rd = spec(R, SZ_D);
  static final int Rq = spec(R, SZ_Q);
  static final int Rvw = spec(R, SZ_VW);
  static final int RAq = spec(RA, SZ_Q);
  static final int Zb = spec(Z, SZ_B);
  static final int Zv = spec(Z, SZ_V);
  static final int Zy = spec(Z, SZ_Y);
  static final int By = spec(B, SZ_Y);
  static final int Ib = spec(I, SZ_B);
  static final int Iw = spec(I, SZ_W);
  static final int Iz = spec(I, SZ_Z);
  static final int Iv = spec(I, SZ_V);
  static final int IbS = spec(IS, SZ_V);
  static final int Jb = spec(J, SZ_B);
  static final int Jz = spec(J, SZ_Z);
  static final int Ob = spec(O, SZ_B);
  static final int Ov = spec(O, SZ_V);
  static final int Vx = spec(V, SZ_X);
  static final int Vq = spec(V, SZ_Q);
  static final int Vd = spec(V, SZ_D);
  static final int Vy = spec(V, SZ_Y);
  static final int Wx = spec(W, SZ_X);
  static final int Wq = spec(W, SZ_Q);
  static final int Wd = spec(W, SZ_D);
  static final int Ww = spec(W, SZ_W);
  static final int Wy = spec(W, SZ_Y);
  static final int Ux = spec(U, SZ_X);
  static final int Uq = spec(U, SZ_Q);
  static final int Pq = spec(P, SZ_Q);
  static final int Pd = spec(P, SZ_D);
  static final int Py = spec(P, SZ_Y);
  static final int Qq = spec(Q, SZ_Q);
  static final int Qd = spec(Q, SZ_D);
  static final int Nq = spec(N, SZ_Q);
  static final int Sw = spec(S, SZ_W);
  static final int Cq = spec(C, SZ_Q);
  static final int Dq = spec(D, SZ_Q);
  static final int AL = fixed(FIX_GPR, 0, SZ_B);
  static final int CL = fixed(FIX_GPR, 1, SZ_B);
  static final int DX = fixed(FIX_GPR, 2, SZ_W);
  static final int AX = fixed(FIX_GPR, 0, SZ_W);
  static final int rAX = fixed(FIX_GPR, 0, SZ_V);
  static final int eAX = fixed(FIX_GPR, 0, SZ_Z);
  static final int FS = fixed(FIX_SEG, 4, SZ_W);
  static final int GS = fixed(FIX_SEG, 5, SZ_W);
  static final int One = spec(ONE, SZ_B);
  static final int St0 = spec(ST0, SZ_T);
  static final int Sti = spec(STREG, SZ_T);
  /** Implicit XMM0 of the SSE4.1 variable blends and SHA256RNDS2. */
  static final int Xmm0 = hidden(fixed(FIX_XMM, 0, SZ_X));
  /** Implicit string operands. */
  static final int Xb = hidden(spec(X, SZ_B));
  static final int Xv = hidden(spec(X, SZ_V));
  static final int Yb = hidden(spec(Y, SZ_B));
  static final int Yv = hidden(spec(Y, SZ_V));
  static final int Yz = hidden(spec(Y, SZ_Z));
  static final int Xz = hidden(spec(X, SZ_Z));
  static final int XBb = hidden(spec(XB, SZ_B));
  static final int hAL = hidden(AL);
  static final int hrAX = hidden(rAX);
  static final int hDX = hidden(DX);
}

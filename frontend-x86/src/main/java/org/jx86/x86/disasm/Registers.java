package org.jx86.x86.disasm;

/** Register names as objdump -M intel prints them. */
final class Registers {
  private Registers() {}

  private static final String[] R64 = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"
  };
  private static final String[] R32 = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"
  };
  private static final String[] R16 = {
    "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"
  };
  private static final String[] R8 = {
    "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"
  };
  private static final String[] R8_HIGH = {"ah", "ch", "dh", "bh"};
  private static final String[] SEG = {"es", "cs", "ss", "ds", "fs", "gs"};
  private static final String[] XMM = new String[16];
  private static final String[] MMX = new String[8];
  private static final String[] CR = new String[16];
  private static final String[] DR = new String[16];
  private static final String[] ST = new String[8];

  static {
    for (int i = 0; i < 16; i++) {
      XMM[i] = "xmm" + i;
      CR[i] = "cr" + i;
      DR[i] = "dr" + i;
    }
    for (int i = 0; i < 8; i++) {
      MMX[i] = "mm" + i;
      ST[i] = "st(" + i + ")";
    }
  }

  static String gpr(int reg, int size, boolean highByte) {
    switch (size) {
      case 1: return highByte ? R8_HIGH[reg] : R8[reg];
      case 2: return R16[reg];
      case 4: return R32[reg];
      default: return R64[reg];
    }
  }

  static String seg(int reg) {
    return SEG[reg];
  }

  static String xmm(int reg) {
    return XMM[reg];
  }

  static String mmx(int reg) {
    return MMX[reg];
  }

  static String cr(int reg) {
    return CR[reg];
  }

  static String dr(int reg) {
    return DR[reg];
  }

  static String st(int reg) {
    return ST[reg];
  }
}

package org.jx86.x86.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoded fields of hand-picked encodings: every addressing form, the prefixes that matter,
 * high-byte and REX registers, SSE mandatory prefixes, x87 and VEX BMI. Operands are compared
 * in a compact notation (see {@link #describe}): {@code r8:3} is a 64-bit GPR 3 (rbx),
 * {@code r1:0h} AH, {@code m4[b+i*s+disp]} a 4-byte memory operand, {@code i8:0x..} an
 * immediate as the instruction uses it, {@code rel:0x..} an absolute branch target.
 */
class KnownEncodingsTest {
  /** Instructions are decoded at this address. */
  static final long RIP = 0x401000;

  static Stream<Arguments> encodings() {
    return Stream.<Expect>of(
        // ---- ALU, register forms, REX, high bytes ----
        ok("48 01 d8", Sem.ADD, 3, "r8:0,r8:3"),
        ok("00 e0", Sem.ADD, 2, "r1:0,r1:0h"),
        ok("40 00 e0", Sem.ADD, 3, "r1:0,r1:4"),
        ok("45 00 c8", Sem.ADD, 3, "r1:8,r1:9"),
        ok("66 05 34 12", Sem.ADD, 4, "r2:0,i2:0x1234"),
        ok("05 00 00 00 80", Sem.ADD, 5, "r4:0,i4:0x80000000"),
        ok("48 05 00 00 00 80", Sem.ADD, 6, "r8:0,i8:0xffffffff80000000"),
        ok("83 c0 f0", Sem.ADD, 3, "r4:0,i4:0xfffffffffffffff0"),
        ok("48 83 c0 f0", Sem.ADD, 4, "r8:0,i8:0xfffffffffffffff0"),
        ok("80 f4 01", Sem.XOR, 3, "r1:0h,i1:0x1"),
        ok("48 3b 0c 24", Sem.CMP, 4, "r8:1,m8[4+-1*1+0x0]"),
        ok("48 85 c0", Sem.TEST, 3, "r8:0,r8:0"),
        // ---- every addressing form ----
        ok("8b 00", Sem.MOV, 2, "r4:0,m4[0+-1*1+0x0]"),
        ok("8b 04 24", Sem.MOV, 3, "r4:0,m4[4+-1*1+0x0]"),
        ok("8b 44 8d f0", Sem.MOV, 4, "r4:0,m4[5+1*4+-0x10]"),
        ok("8b 84 c8 00 01 00 00", Sem.MOV, 7, "r4:0,m4[0+1*8+0x100]"),
        ok("8b 04 25 78 56 34 12", Sem.MOV, 7, "r4:0,m4[-1+-1*1+0x12345678]"),
        ok("8b 04 cd 10 00 00 00", Sem.MOV, 7, "r4:0,m4[-1+1*8+0x10]"),
        ok("8b 05 10 00 00 00", Sem.MOV, 6, "r4:0,m4[16+-1*1+0x10]"),
        ok("42 8b 04 20", Sem.MOV, 4, "r4:0,m4[0+12*1+0x0]"),
        ok("41 8b 04 24", Sem.MOV, 4, "r4:0,m4[12+-1*1+0x0]"),
        ok("41 8b 45 00", Sem.MOV, 4, "r4:0,m4[13+-1*1+0x0]"),
        ok("41 8b 04 25 10 00 00 00", Sem.MOV, 8, "r4:0,m4[-1+-1*1+0x10]"),
        ok("4f 8b 44 ed 08", Sem.MOV, 5, "r8:8,m8[13+13*8+0x8]"),
        ok("67 8b 00", Sem.MOV, 3, "r4:0,m4[0+-1*1+0x0]").addr(4).pfx(Insn.PFX_ADSIZE),
        ok("64 48 8b 04 25 28 00 00 00", Sem.MOV, 9, "r8:0,m8[-1+-1*1+0x28 s4]").seg(4),
        ok("88 25 00 00 00 00", Sem.MOV, 6, "m1[16+-1*1+0x0],r1:0h"),
        ok("48 8d 05 f9 ff ff ff", Sem.LEA, 7, "r8:0,m0[16+-1*1+-0x7]"),
        ok("a1 88 77 66 55 44 33 22 11", Sem.MOV, 9, "r4:0,m4[-1+-1*1+0x1122334455667788]")
            .mnem("movabs"),
        ok("48 b8 88 77 66 55 44 33 22 11", Sem.MOV, 10, "r8:0,i8:0x1122334455667788")
            .mnem("movabs"),
        ok("c7 44 24 08 ff ff ff ff", Sem.MOV, 8, "m4[4+-1*1+0x8],i4:0xffffffff"),
        // ---- stack, branches (64-bit default operand size) ----
        ok("55", Sem.PUSH, 1, "r8:5").size(8),
        ok("66 55", Sem.PUSH, 2, "r2:5").size(2),
        ok("41 5f", Sem.POP, 2, "r8:15").size(8),
        ok("6a ff", Sem.PUSH, 2, "i8:0xffffffffffffffff").size(8),
        ok("74 05", Sem.JCC, 2, "rel:0x401007").cond(4).size(8),
        ok("0f 85 00 01 00 00", Sem.JCC, 6, "rel:0x401106").cond(5),
        ok("0f 8f fa fe ff ff", Sem.JCC, 6, "rel:0x400f00").cond(15),
        ok("e8 fb ff ff ff", Sem.CALL, 5, "rel:0x401000"),
        ok("66 e8 00 00 00 00", Sem.CALL, 6, "rel:0x401006").size(8),
        ok("ff 15 10 00 00 00", Sem.CALL, 6, "m8[16+-1*1+0x10]"),
        ok("ff e0", Sem.JMP, 2, "r8:0"),
        ok("3e ff e0", Sem.JMP, 3, "r8:0").seg(3),
        ok("eb fe", Sem.JMP, 2, "rel:0x401000"),
        ok("c3", Sem.RET, 1, "").size(8),
        ok("c2 08 00", Sem.RET, 3, "i2:0x8"),
        ok("e2 fe", Sem.LOOP, 2, "rel:0x401000"),
        ok("e3 00", Sem.JRCXZ, 2, "rel:0x401002").addr(8).mnem("jrcxz"),
        ok("67 e3 00", Sem.JRCXZ, 3, "rel:0x401003").addr(4).mnem("jecxz"),
        ok("c8 10 00 01", Sem.ENTER, 4, "i2:0x10,i1:0x1"),
        ok("c9", Sem.LEAVE, 1, "").size(8),
        // ---- condition-code families ----
        ok("0f 44 c1", Sem.CMOVCC, 3, "r4:0,r4:1").cond(4).mnem("cmove"),
        ok("48 0f 42 c1", Sem.CMOVCC, 4, "r8:0,r8:1").cond(2).mnem("cmovb"),
        ok("0f 9f c0", Sem.SETCC, 3, "r1:0").cond(15).mnem("setg"),
        ok("0f 9a c4", Sem.SETCC, 3, "r1:0h").cond(10).mnem("setp"),
        // ---- multiply, shifts, sign extension ----
        ok("f7 e1", Sem.MUL, 2, "r4:1"),
        ok("48 f7 7d f8", Sem.IDIV, 4, "m8[5+-1*1+-0x8]"),
        ok("0f af c1", Sem.IMUL, 3, "r4:0,r4:1"),
        ok("48 6b c1 f0", Sem.IMUL, 4, "r8:0,r8:1,i8:0xfffffffffffffff0"),
        ok("69 c1 10 27 00 00", Sem.IMUL, 6, "r4:0,r4:1,i4:0x2710"),
        ok("d1 e0", Sem.SHL, 2, "r4:0,i1:0x1"),
        ok("d3 e0", Sem.SHL, 2, "r4:0,r1:1"),
        ok("48 c1 f8 3f", Sem.SAR, 4, "r8:0,i1:0x3f"),
        ok("0f a5 c2", Sem.SHLD, 3, "r4:2,r4:0,r1:1"),
        ok("98", Sem.CWDE, 1, "").size(4),
        ok("48 98", Sem.CDQE, 2, "").size(8),
        ok("66 98", Sem.CBW, 2, "").size(2),
        ok("48 99", Sem.CQO, 2, ""),
        ok("99", Sem.CDQ, 1, ""),
        ok("48 63 c1", Sem.MOVSXD, 3, "r8:0,r4:1"),
        ok("0f b6 c4", Sem.MOVZX, 3, "r4:0,r1:0h"),
        ok("48 0f bf 00", Sem.MOVSX, 4, "r8:0,m2[0+-1*1+0x0]"),
        // ---- strings and REP ----
        ok("f3 48 ab", Sem.STOS, 3, "").size(8).pfx(Insn.PFX_REP),
        ok("f3 aa", Sem.STOS, 2, "").size(1).pfx(Insn.PFX_REP),
        ok("66 a5", Sem.MOVS, 2, "").size(2).pfx(Insn.PFX_OPSIZE),
        ok("f2 ae", Sem.SCAS, 2, "").size(1).pfx(Insn.PFX_REPNE),
        ok("f3 a6", Sem.CMPS, 2, "").size(1),
        ok("ac", Sem.LODS, 1, "").size(1),
        ok("d7", Sem.XLAT, 1, ""),
        // ---- LOCK, atomics, bit operations ----
        ok("f0 0f b1 0a", Sem.CMPXCHG, 4, "m4[2+-1*1+0x0],r4:1").pfx(Insn.PFX_LOCK),
        ok("f0 48 0f c7 0e", Sem.CMPXCHG16B, 5, "m16[6+-1*1+0x0]").pfx(Insn.PFX_LOCK),
        ok("0f c7 0e", Sem.CMPXCHG8B, 3, "m8[6+-1*1+0x0]"),
        ok("f0 48 0f c1 07", Sem.XADD, 5, "m8[7+-1*1+0x0],r8:0"),
        ok("87 07", Sem.XCHG, 2, "m4[7+-1*1+0x0],r4:0"),
        ok("0f ba e0 05", Sem.BT, 4, "r4:0,i1:0x5"),
        ok("f0 0f ab 07", Sem.BTS, 4, "m4[7+-1*1+0x0],r4:0"),
        ok("0f c8", Sem.BSWAP, 2, "r4:0"),
        ok("49 0f c8", Sem.BSWAP, 3, "r8:8"),
        ok("f3 0f b8 c1", Sem.POPCNT, 4, "r4:0,r4:1").pfx(0),
        ok("f3 48 0f bc c1", Sem.TZCNT, 5, "r8:0,r8:1"),
        ok("f3 0f bd c1", Sem.LZCNT, 4, "r4:0,r4:1"),
        ok("0f bc c1", Sem.BSF, 3, "r4:0,r4:1"),
        ok("0f 38 f0 00", Sem.MOVBE, 4, "r4:0,m4[0+-1*1+0x0]"),
        ok("66 0f 38 f1 00", Sem.MOVBE, 5, "m2[0+-1*1+0x0],r2:0").pfx(Insn.PFX_OPSIZE),
        ok("f2 0f 38 f0 c1", Sem.CRC32, 5, "r4:0,r1:1"),
        ok("f2 48 0f 38 f1 c1", Sem.CRC32, 6, "r8:0,r8:1"),
        ok("66 0f 38 f6 c1", Sem.ADCX, 5, "r4:0,r4:1").pfx(0),
        ok("f3 48 0f 38 f6 c1", Sem.ADOX, 6, "r8:0,r8:1"),
        // ---- NOPs and hints ----
        ok("90", Sem.NOP, 1, ""),
        ok("66 90", Sem.NOP, 2, "r2:0,r2:0").mnem("xchg"),
        ok("41 90", Sem.XCHG, 2, "r4:8,r4:0"),
        ok("49 90", Sem.XCHG, 2, "r8:8,r8:0"),
        ok("f3 90", Sem.PAUSE, 2, "").pfx(0),
        ok("0f 1f 44 00 00", Sem.NOP, 5, "m0[0+0*1+0x0]"),
        ok("66 2e 0f 1f 84 00 00 00 00 00", Sem.NOP, 10, "m0[0+0*1+0x0 s1]").seg(1),
        ok("f3 0f 1e fa", Sem.NOP, 4, "").mnem("endbr64").pfx(0),
        ok("0f 18 08", Sem.NOP, 3, "m0[0+-1*1+0x0]").mnem("prefetcht0"),
        // ---- system ----
        ok("0f 05", Sem.SYSCALL, 2, ""),
        ok("0f 0b", Sem.UD2, 2, ""),
        ok("cc", Sem.INT3, 1, ""),
        ok("cd 80", Sem.INT, 2, "i1:0x80"),
        ok("f4", Sem.HLT, 1, ""),
        ok("0f a2", Sem.CPUID, 2, ""),
        ok("0f 31", Sem.RDTSC, 2, ""),
        ok("0f 01 f9", Sem.RDTSCP, 3, ""),
        ok("0f 01 d0", Sem.XGETBV, 3, ""),
        ok("48 cf", Sem.IRETQ, 2, ""),
        ok("48 0f 07", Sem.SYSRET, 3, "").mnem("sysretq"),
        ok("0f 01 f8", Sem.SWAPGS, 3, ""),
        ok("0f 22 d8", Sem.MOV, 3, "cr:3,r8:0"),
        ok("44 0f 20 c0", Sem.MOV, 4, "r8:0,cr:8"),
        ok("0f 23 f8", Sem.MOV, 3, "dr:7,r8:0"),
        ok("0f 30", Sem.WRMSR, 2, ""),
        ok("0f 32", Sem.RDMSR, 2, ""),
        ok("0f 01 38", Sem.INVLPG, 3, "m0[0+-1*1+0x0]"),
        ok("66 0f 38 82 01", Sem.INVPCID, 5, "r8:0,m0[1+-1*1+0x0]").pfx(0),
        ok("0f 01 10", Sem.LGDT, 3, "m0[0+-1*1+0x0]"),
        ok("0f 01 cb", Sem.STAC, 3, ""),
        ok("fa", Sem.CLI, 1, ""),
        ok("ec", Sem.IN, 1, "r1:0,r2:2"),
        ok("66 ef", Sem.OUT, 2, "r2:2,r2:0"),
        ok("e6 80", Sem.OUT, 2, "i1:0x80,r1:0"),
        ok("8e d8", Sem.MOV, 2, "seg3,r4:0"),
        ok("0f ae 10", Sem.LDMXCSR, 3, "m4[0+-1*1+0x0]"),
        ok("48 0f ae 00", Sem.FXSAVE64, 4, "m0[0+-1*1+0x0]"),
        ok("0f ae f0", Sem.MFENCE, 3, ""),
        ok("f3 48 0f ae c0", Sem.RDFSBASE, 5, "r8:0"),
        // ---- x87 ----
        ok("d8 c1", Sem.FADD, 2, "st0,st1"),
        ok("dc c1", Sem.FADD, 2, "st1,st0"),
        ok("dd 00", Sem.FLD, 2, "m8[0+-1*1+0x0]"),
        ok("d9 00", Sem.FLD, 2, "m4[0+-1*1+0x0]"),
        ok("db 28", Sem.FLD, 2, "m10[0+-1*1+0x0]"),
        ok("df 2c 24", Sem.FILD, 3, "m8[4+-1*1+0x0]"),
        ok("de 00", Sem.FIADD, 2, "m2[0+-1*1+0x0]"),
        ok("df e0", Sem.FNSTSW, 2, "r2:0"),
        ok("d9 7c 24 fe", Sem.FNSTCW, 4, "m2[4+-1*1+-0x2]"),
        ok("d9 20", Sem.FLDENV, 2, "m0[0+-1*1+0x0]"),
        ok("da c1", Sem.FCMOVCC, 2, "st0,st1").cond(2).mnem("fcmovb"),
        ok("db d1", Sem.FCMOVCC, 2, "st0,st1").cond(7).mnem("fcmovnbe"),
        ok("da d9", Sem.FCMOVCC, 2, "st0,st1").cond(10).mnem("fcmovu"),
        ok("d9 e8", Sem.FLD1, 2, ""),
        ok("de f9", Sem.FDIVP, 2, "st1,st0"),
        ok("9b", Sem.FWAIT, 1, ""),
        // ---- SSE: mandatory prefixes are not reported ----
        ok("f3 0f 10 c1", Sem.MOVSS, 4, "x16:0,x4:1").pfx(0),
        ok("f2 0f 10 00", Sem.MOVSD, 4, "x16:0,m8[0+-1*1+0x0]").pfx(0),
        ok("66 0f 6f c1", Sem.MOVDQA, 4, "x16:0,x16:1").pfx(0).size(4),
        ok("66 44 0f 6f 04 24", Sem.MOVDQA, 6, "x16:8,m16[4+-1*1+0x0]"),
        ok("0f 28 c1", Sem.MOVAPS, 3, "x16:0,x16:1"),
        ok("66 0f ef c0", Sem.PXOR, 4, "x16:0,x16:0"),
        ok("0f ef c0", Sem.PXOR, 3, "mm0,mm0"),
        ok("f2 0f 2a c0", Sem.CVTSI2SD, 4, "x8:0,r4:0"),
        ok("f2 48 0f 2c c0", Sem.CVTTSD2SI, 5, "r8:0,x8:0"),
        ok("66 48 0f 6e c0", Sem.MOVQ, 5, "x16:0,r8:0"),
        ok("66 0f 7e c0", Sem.MOVD, 4, "r4:0,x16:0"),
        ok("0f c2 c1 01", Sem.CMPPS, 4, "x16:0,x16:1,i1:0x1").mnem("cmpltps"),
        ok("f2 0f c2 c1 04", Sem.CMPSD, 5, "x8:0,x8:1,i1:0x4").mnem("cmpneqsd"),
        ok("66 0f 3a 0f c1 08", Sem.PALIGNR, 6, "x16:0,x16:1,i1:0x8"),
        ok("66 0f 38 10 c1", Sem.PBLENDVB, 5, "x16:0,x16:1"),
        ok("66 0f 3a 63 c1 0c", Sem.PCMPISTRI, 6, "x16:0,x16:1,i1:0xc"),
        ok("66 0f 3a 16 c0 01", Sem.PEXTRD, 6, "r4:0,x16:0,i1:0x1"),
        ok("66 48 0f 3a 22 c0 01", Sem.PINSRQ, 7, "x16:0,r8:0,i1:0x1"),
        ok("66 0f 38 20 00", Sem.PMOVSXBW, 5, "x16:0,m8[0+-1*1+0x0]"),
        ok("66 0f 3a 0b c1 04", Sem.ROUNDSD, 6, "x8:0,x8:1,i1:0x4"),
        ok("66 0f 38 17 c1", Sem.PTEST, 5, "x16:0,x16:1"),
        ok("66 0f 73 d8 08", Sem.PSRLDQ, 5, "x16:0,i1:0x8"),
        ok("0f 71 d0 03", Sem.PSRLW, 4, "mm0,i1:0x3"),
        // ---- VEX BMI ----
        ok("c4 e2 60 f2 c1", Sem.ANDN, 5, "r4:0,r4:3,r4:1").vex(2),
        ok("c4 e2 e0 f2 01", Sem.ANDN, 5, "r8:0,r8:3,m8[1+-1*1+0x0]").vex(2),
        ok("c4 e2 68 f7 c1", Sem.BEXTR, 5, "r4:0,r4:1,r4:2"),
        ok("c4 e2 78 f3 d9", Sem.BLSI, 5, "r4:0,r4:1"),
        ok("c4 e2 f8 f3 d1", Sem.BLSMSK, 5, "r8:0,r8:1"),
        ok("c4 e2 78 f3 0a", Sem.BLSR, 5, "r4:0,m4[2+-1*1+0x0]"),
        ok("c4 e2 68 f5 c1", Sem.BZHI, 5, "r4:0,r4:1,r4:2"),
        ok("c4 e2 e3 f6 c1", Sem.MULX, 5, "r8:0,r8:3,r8:1"),
        ok("c4 e2 63 f5 c1", Sem.PDEP, 5, "r4:0,r4:3,r4:1"),
        ok("c4 e2 e2 f5 c1", Sem.PEXT, 5, "r8:0,r8:3,r8:1"),
        ok("c4 e3 7b f0 c1 05", Sem.RORX, 6, "r4:0,r4:1,i1:0x5").vex(3),
        ok("c4 e2 6a f7 c1", Sem.SARX, 5, "r4:0,r4:1,r4:2"),
        ok("c4 e2 e9 f7 c1", Sem.SHLX, 5, "r8:0,r8:1,r8:2"),
        ok("c4 e2 33 f7 c1", Sem.SHRX, 5, "r4:0,r4:1,r4:9"),
        // ---- prefixes: REX only counts right before the opcode; 15 bytes is the limit ----
        ok("48 66 90", Sem.NOP, 3, "r2:0,r2:0").rex(0).mnem("xchg"),
        ok("66 66 66 66 66 66 66 66 66 66 66 66 66 66 90", Sem.NOP, 15, "r2:0,r2:0")
            .mnem("xchg"),
        ok("2e 74 00", Sem.JCC, 3, "rel:0x401003").seg(1))
        .map(Expect::args);
  }

  /** Encodings that must be rejected (#UD): invalid in 64-bit mode, unsupported, too long. */
  static Stream<String> invalid() {
    return Stream.of(
        "06", "07", "0e", "16", "17", "1e", "1f", "27", "2f", "37", "3f", "60", "61",
        "62 f1 7c 48 10 06", "82 c0 01", "9a 00 00 00 00 00 00", "c4 e2 7d 18 00", "c5 f8 77",
        "d4 0a", "d5 0a", "d6", "ea 00 00 00 00 00 00", "ce",
        "ff 18", "ff 28", "8e c8", "0f 20 c8", "44 0f 21 c0",
        "f0 01 c0", "f0 90", "f0 8b 00", "0f 04", "0f 1a 00",
        "8d c0", "c4 e2 64 f2 c1", "c4 e3 73 f0 c1 05",
        "66 c4 e2 60 f2 c1", "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90",
        "f3 0f 60 c1", "0f 0f c1 9e");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void decodesFields(String hex, Expect e) {
    Insn insn = decode(hex);
    assertTrue(insn.sem != null, hex + " must decode");
    assertEquals(e.sem, insn.sem, "sem");
    assertEquals(e.length, insn.length, "length");
    assertEquals(e.ops, describe(insn), "operands");
    assertEquals(RIP, insn.rip);
    if (e.cond != null) {
      assertEquals((int) e.cond, insn.cond, "cond");
    } else if (insn.sem != Sem.JCC && insn.sem != Sem.SETCC && insn.sem != Sem.CMOVCC
        && insn.sem != Sem.FCMOVCC) {
      assertEquals(-1, insn.cond, "cond");
    }
    if (e.opSize != null) {
      assertEquals((int) e.opSize, insn.opSize, "opSize");
    }
    if (e.addrSize != null) {
      assertEquals((int) e.addrSize, insn.addrSize, "addrSize");
    }
    if (e.prefixes != null) {
      assertEquals((int) e.prefixes, insn.prefixes, "prefixes");
    }
    if (e.segment != null) {
      assertEquals((int) e.segment, insn.segment, "segment");
    }
    if (e.mnemonic != null) {
      assertEquals(e.mnemonic, insn.mnemonic, "mnemonic");
    } else if (insn.cond < 0) {
      assertEquals(insn.sem.name().toLowerCase(java.util.Locale.ROOT), insn.mnemonic);
    }
    if (e.vexMap != null) {
      assertTrue(insn.vex, "vex");
      assertEquals((int) e.vexMap, insn.map, "map");
    }
    if (e.rex != null) {
      assertEquals((int) e.rex, insn.rex, "rex");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(String hex) {
    Insn insn = new Insn();
    byte[] b = bytes(hex);
    assertFalse(new Decoder().decode(reader(b), RIP, insn), hex + " must be invalid");
  }

  @Test
  void fieldsOfOneInstruction() {
    // lock add QWORD PTR fs:[r12+r13*4+0x12345678],0xffffffffffffff80
    Insn insn = decode("f0 64 4b 83 84 ac 78 56 34 12 80");
    assertEquals(11, insn.length);
    assertEquals(0, insn.map);
    assertEquals(0x83, insn.opcode);
    assertEquals(0x84, insn.modrm);
    assertEquals(0xac, insn.sib);
    assertEquals(0x4b, insn.rex);
    assertEquals(Insn.PFX_LOCK, insn.prefixes);
    assertEquals(4, insn.segment);
    assertEquals(8, insn.opSize);
    assertEquals(8, insn.addrSize);
    assertEquals(2, insn.nops);
    Operand m = insn.ops[0];
    assertEquals(OpKind.MEM, m.kind);
    assertEquals(12, m.base);
    assertEquals(13, m.index);
    assertEquals(4, m.scale);
    assertEquals(0x12345678L, m.disp);
    assertEquals(4, m.segment);
    assertEquals(8, m.size);
    assertEquals(-128L, insn.ops[1].imm);
    assertEquals(RIP + 11, insn.next());
    assertFalse(insn.vex);
  }

  @Test
  void mapsAndOpcodes() {
    assertEquals(1, decode("0f af c1").map);
    assertEquals(2, decode("66 0f 38 00 c1").map);
    assertEquals(0x00, decode("66 0f 38 00 c1").opcode);
    assertEquals(3, decode("66 0f 3a 0f c1 01").map);
    Insn vex = decode("c4 e2 e9 f7 c1");
    assertEquals(2, vex.map);
    assertEquals(0xf7, vex.opcode);
    assertEquals(1, vex.vexW);
    assertEquals(0, vex.vexL);
    assertEquals(2, vex.vexVvvv);
    assertEquals(0, vex.rex);
  }

  @Test
  void readerFaultsPropagateUnchanged() {
    RuntimeException fault = new IllegalStateException("page fault");
    CodeReader faulting = addr -> {
      if (addr >= RIP + 2) {
        throw fault;
      }
      return 0x48;
    };
    Insn insn = new Insn();
    try {
      new Decoder().decode(faulting, RIP, insn);
    } catch (IllegalStateException e) {
      assertTrue(e == fault);
      return;
    }
    throw new AssertionError("the fault was swallowed");
  }

  @Test
  void readsNoByteBeyondTheInstruction() {
    byte[] b = bytes("48 89 c0");
    CodeReader strict = addr -> {
      int i = (int) (addr - RIP);
      if (i >= b.length) {
        throw new IndexOutOfBoundsException("read past the end: " + i);
      }
      return b[i] & 0xff;
    };
    Insn insn = new Insn();
    assertTrue(new Decoder().decode(strict, RIP, insn));
    assertEquals(3, insn.length);
  }

  @Test
  void insnIsResetBetweenDecodes() {
    Decoder d = new Decoder();
    Insn insn = new Insn();
    assertTrue(d.decode(reader(bytes("f0 64 4b 83 84 ac 78 56 34 12 80")), RIP, insn));
    assertTrue(d.decode(reader(bytes("90")), RIP, insn));
    assertEquals(0, insn.nops);
    assertEquals(0, insn.prefixes);
    assertEquals(-1, insn.segment);
    assertEquals(-1, insn.modrm);
    assertEquals(-1, insn.sib);
    assertEquals(0, insn.rex);
    assertEquals(OpKind.NONE, insn.ops[0].kind);
  }

  // ---- helpers ----

  static Insn decode(String hex) {
    Insn insn = new Insn();
    new Decoder().decode(reader(bytes(hex)), RIP, insn);
    return insn;
  }

  static CodeReader reader(byte[] b) {
    return addr -> {
      int i = (int) (addr - RIP);
      return i < b.length ? b[i] & 0xff : 0;
    };
  }

  static byte[] bytes(String hex) {
    String[] parts = hex.trim().split("\\s+");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      b[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return b;
  }

  static String describe(Insn insn) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < insn.nops; i++) {
      parts.add(describe(insn.ops[i]));
    }
    return String.join(",", parts);
  }

  static String describe(Operand o) {
    switch (o.kind) {
      case GPR: return "r" + o.size + ":" + o.reg + (o.highByte ? "h" : "");
      case MEM: return "m" + o.size + "[" + o.base + "+" + o.index + "*" + o.scale + "+"
          + (o.disp < 0 && o.base >= 0 ? "-0x" + Long.toHexString(-o.disp)
              : "0x" + Long.toHexString(o.disp))
          + (o.segment >= 0 ? " s" + o.segment : "") + "]";
      case IMM: return "i" + o.size + ":0x" + Long.toHexString(o.imm);
      case REL: return "rel:0x" + Long.toHexString(o.imm);
      case XMM: return "x" + o.size + ":" + o.reg;
      case MMX: return "mm" + o.reg;
      case ST: return "st" + o.reg;
      case SEG: return "seg" + o.reg;
      case CR: return "cr:" + o.reg;
      case DR: return "dr:" + o.reg;
      default: return "?";
    }
  }

  static Expect ok(String hex, Sem sem, int length, String ops) {
    return new Expect(hex, sem, length, ops);
  }

  /** Expected decoding; optional fields are checked only when set. */
  static final class Expect {
    final String hex;
    final Sem sem;
    final int length;
    final String ops;
    Integer cond;
    Integer opSize;
    Integer addrSize;
    Integer prefixes;
    Integer segment;
    Integer vexMap;
    Integer rex;
    String mnemonic;

    Expect(String hex, Sem sem, int length, String ops) {
      this.hex = hex;
      this.sem = sem;
      this.length = length;
      this.ops = ops;
    }

    Arguments args() {
      return Arguments.of(hex, this);
    }

    Expect cond(int c) {
      cond = c;
      return this;
    }

    Expect size(int s) {
      opSize = s;
      return this;
    }

    Expect addr(int a) {
      addrSize = a;
      return this;
    }

    Expect pfx(int p) {
      prefixes = p;
      return this;
    }

    Expect seg(int s) {
      segment = s;
      return this;
    }

    Expect mnem(String m) {
      mnemonic = m;
      return this;
    }

    Expect vex(int map) {
      vexMap = map;
      return this;
    }

    Expect rex(int r) {
      rex = r;
      return this;
    }

    @Override
    public String toString() {
      return sem + " " + ops;
    }
  }
}

package org.jx86.x86.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.jx86.x86.decode.Decoder;
import org.jx86.x86.decode.Insn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pinned objdump output (binutils 2.40, {@code objdump -d -M intel -w} of a gas-assembled file,
 * symbolic addresses rewritten to {@code 0x...}) for the formatting rules that matter: prefix
 * names, padding, every addressing syntax, RIP-relative comments, branch targets, x87 register
 * names, SSE pseudo-ops and implicit operands. Runs without objdump.
 */
class DisassemblerTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        c(0x0, "48 01 d8", "add    rax,rbx"),
        c(0x3, "00 e0", "add    al,ah"),
        c(0x5, "44 00 cc", "add    spl,r9b"),
        c(0x8, "8b 04 24", "mov    eax,DWORD PTR [rsp]"),
        c(0xb, "8b 04 20", "mov    eax,DWORD PTR [rax+riz*1]"),
        c(0xe, "8b 04 60", "mov    eax,DWORD PTR [rax+riz*2]"),
        c(0x11, "8b 04 25 78 56 34 12", "mov    eax,DWORD PTR ds:0x12345678"),
        c(0x18, "67 8b 04 25 80 ff ff ff", "mov    eax,DWORD PTR [eiz*1+0xffffff80]"),
        c(0x20, "8b 04 c5 f0 ff ff ff", "mov    eax,DWORD PTR [rax*8-0x10]"),
        c(0x27, "48 8b 45 f8", "mov    rax,QWORD PTR [rbp-0x8]"),
        c(0x2b, "49 8b 45 00", "mov    rax,QWORD PTR [r13+0x0]"),
        c(0x2f, "49 8b 04 24", "mov    rax,QWORD PTR [r12]"),
        c(0x33, "48 8b 05 00 01 00 00", "mov    rax,QWORD PTR [rip+0x100]        # 0x13a"),
        c(0x3a, "48 8d 05 f0 ff ff ff", "lea    rax,[rip+0xfffffffffffffff0]        # 0x31"),
        c(0x41, "67 8b 05 10 00 00 00", "mov    eax,DWORD PTR [eip+0x10]        # 0x58"),
        c(0x48, "64 48 8b 04 25 28 00 00 00", "mov    rax,QWORD PTR fs:0x28"),
        c(0x51, "64 48 8b 00", "mov    rax,QWORD PTR fs:[rax]"),
        c(0x55, "65 c6 44 4b 7f ff", "mov    BYTE PTR gs:[rbx+rcx*2+0x7f],0xff"),
        c(0x5b, "2e 48 8b 00", "cs mov rax,QWORD PTR [rax]"),
        c(0x5f, "48 b8 88 77 66 55 44 33 22 11", "movabs rax,0x1122334455667788"),
        c(0x69, "a0 01 02 03 04 05 06 07 08", "movabs al,ds:0x807060504030201"),
        c(0x72, "67 a1 01 02 03 04", "addr32 mov eax,ds:0x4030201"),
        c(0x78, "f3 48 ab", "rep stos QWORD PTR es:[rdi],rax"),
        c(0x7b, "f3 a4", "rep movs BYTE PTR es:[rdi],BYTE PTR ds:[rsi]"),
        c(0x7d, "f3 a6", "repz cmps BYTE PTR ds:[rsi],BYTE PTR es:[rdi]"),
        c(0x7f, "f2 ae", "repnz scas al,BYTE PTR es:[rdi]"),
        c(0x81, "64 a4", "movs   BYTE PTR es:[rdi],BYTE PTR fs:[rsi]"),
        c(0x83, "f0 48 0f b1 0f", "lock cmpxchg QWORD PTR [rdi],rcx"),
        c(0x88, "f0 0f c1 00", "lock xadd DWORD PTR [rax],eax"),
        c(0x8c, "f2 f0 01 00", "xacquire lock add DWORD PTR [rax],eax"),
        c(0x90, "f3 f0 01 00", "xrelease lock add DWORD PTR [rax],eax"),
        c(0x94, "f3 89 00", "xrelease mov DWORD PTR [rax],eax"),
        c(0x97, "f2 86 00", "xacquire xchg BYTE PTR [rax],al"),
        c(0x9a, "66 66 2e 0f 1f 84 00 00 00 00 00", "data16 cs nop WORD PTR [rax+rax*1+0x0]"),
        c(0xa5, "66 90", "xchg   ax,ax"),
        c(0xa7, "48 50", "rex.W push rax"),
        c(0xa9, "40 89 c0", "rex mov eax,eax"),
        c(0xac, "4a 89 c0", "rex.WX mov rax,rax"),
        c(0xaf, "66 48 89 c0", "data16 mov rax,rax"),
        c(0xb3, "3e ff e0", "notrack jmp rax"),
        c(0xb6, "f2 ff e0", "bnd jmp rax"),
        c(0xb9, "f2 c3", "bnd ret"),
        c(0xbb, "f3 c3", "repz ret"),
        c(0xbd, "67 90", "addr32 nop"),
        c(0xbf, "3e 74 00", "ds je  0xc2"),
        c(0xc2, "eb 0e", "jmp    0xd2"),
        c(0xc4, "e8 fb 00 00 00", "call   0x1c4"),
        c(0xc9, "e3 00", "jrcxz  0xcb"),
        c(0xcb, "67 e3 00", "jecxz  0xce"),
        c(0xce, "d7", "xlat   BYTE PTR ds:[rbx]"),
        c(0xcf, "48 d1 e0", "shl    rax,1"),
        c(0xd2, "48 d3 e0", "shl    rax,cl"),
        c(0xd5, "48 c1 f8 05", "sar    rax,0x5"),
        c(0xd9, "48 6b c1 f0", "imul   rax,rcx,0xfffffffffffffff0"),
        c(0xdd, "6a ff", "push   0xffffffffffffffff"),
        c(0xdf, "66 6a ff", "pushw  0xffff"),
        c(0xe2, "c8 10 00 00", "enter  0x10,0x0"),
        c(0xe6, "c2 08 00", "ret    0x8"),
        c(0xe9, "cd 80", "int    0x80"),
        c(0xeb, "ec", "in     al,dx"),
        c(0xec, "e7 80", "out    0x80,eax"),
        c(0xee, "d8 c1", "fadd   st,st(1)"),
        c(0xf0, "dc c1", "fadd   st(1),st"),
        c(0xf2, "d9 c0", "fld    st(0)"),
        c(0xf4, "db 28", "fld    TBYTE PTR [rax]"),
        c(0xf6, "df 28", "fild   QWORD PTR [rax]"),
        c(0xf8, "df e0", "fnstsw ax"),
        c(0xfa, "d9 30", "fnstenv [rax]"),
        c(0xfc, "db d3", "fcmovnbe st,st(3)"),
        c(0xfe, "0f c2 c1 01", "cmpltps xmm0,xmm1"),
        c(0x102, "0f c2 c1 09", "cmpps  xmm0,xmm1,0x9"),
        c(0x106, "f2 0f c2 00 04", "cmpneqsd xmm0,QWORD PTR [rax]"),
        c(0x10b, "66 0f 3a 44 c1 10", "pclmullqhqdq xmm0,xmm1"),
        c(0x111, "66 0f 38 10 ca", "pblendvb xmm1,xmm2,xmm0"),
        c(0x116, "66 48 0f 6e c0", "movq   xmm0,rax"),
        c(0x11b, "0f 7e c0", "movd   eax,mm0"),
        c(0x11e, "66 0f 3a 14 00 01", "pextrb BYTE PTR [rax],xmm0,0x1"),
        c(0x124, "66 0f c4 c0 02", "pinsrw xmm0,eax,0x2"),
        c(0x129, "f3 0f 7f 3e", "movdqu XMMWORD PTR [rsi],xmm7"),
        c(0x12d, "f2 48 0f 2a 00", "cvtsi2sd xmm0,QWORD PTR [rax]"),
        c(0x132, "48 0f c7 08", "cmpxchg16b OWORD PTR [rax]"),
        c(0x136, "48 0f ae 04 24", "fxsave64 [rsp]"),
        c(0x13b, "f2 0f f0 00", "lddqu  xmm0,[rax]"),
        c(0x13f, "66 0f 38 82 01", "invpcid rax,[rcx]"),
        c(0x144, "0f b2 00", "lss    eax,FWORD PTR [rax]"),
        c(0x147, "8c c0", "mov    eax,es"),
        c(0x149, "8c 18", "mov    WORD PTR [rax],ds"),
        c(0x14b, "0f 20 d8", "mov    rax,cr3"),
        c(0x14e, "0f 23 f8", "mov    dr7,rax"),
        c(0x151, "c4 e2 e0 f2 01", "andn   rax,rbx,QWORD PTR [rcx]"),
        c(0x156, "c4 e3 7b f0 c1 05", "rorx   eax,ecx,0x5"),
        c(0x15c, "66 90", "xchg   ax,ax"),
        c(0x15e, "41 90", "xchg   r8d,eax"),
        c(0x160, "f3 90", "pause"),
        c(0x162, "f3 0f 1e fa", "endbr64"),
        c(0x166, "0f 18 08", "prefetcht0 BYTE PTR [rax]"),
        c(0x169, "0f 1f 04 00", "nop    DWORD PTR [rax+rax*1]"),
        c(0x16d, "48 cf", "iretq"),
        c(0x16f, "66 cf", "iretw"),
        c(0x171, "48 0f 07", "sysretq"),
        c(0x174, "0f 07", "sysretd"),
        c(0x176, "66 9c", "pushfw"),
        c(0x178, "48 98", "cdqe"),
        c(0x17a, "98", "cwde"),
        c(0x17b, "48 99", "cqo"));
  }

  static Arguments c(long address, String hex, String objdump) {
    return Arguments.of(address, hex, objdump);
  }

  @ParameterizedTest(name = "{1} -> {2}")
  @MethodSource("cases")
  void formatsLikeObjdump(long address, String hex, String expected) {
    assertEquals(expected, format(address, hex));
  }

  @Test
  void invalidInstructionsFormatAsBad() {
    assertEquals("(bad)", Disassembler.format(new Insn()));
  }

  @Test
  void fwaitIsItsOwnInstruction() {
    assertEquals("fwait", format(0, "9b"));
  }

  @Test
  void branchTargetsWrapAt64Bits() {
    assertEquals("jmp    0x3", format(0xfffffffffffffffeL, "eb 03"));
  }

  static String format(long address, String hex) {
    String[] parts = hex.split(" ");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    Insn insn = new Insn();
    boolean ok = new Decoder().decode(a -> b[(int) (a - address)] & 0xff, address, insn);
    assertTrue(ok, hex + " must decode");
    assertEquals(b.length, insn.length, "length of " + hex);
    return Disassembler.format(insn);
  }
}

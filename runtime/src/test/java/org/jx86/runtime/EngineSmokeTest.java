package org.jx86.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;

/** End-to-end snippets through decoder, lifter, passes and both execution tiers. */
class EngineSmokeTest {
    @BeforeAll
    static void tools() { assumeTrue(AsmSnippet.toolsAvailable(), "GNU as not installed"); }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void loopSumsOneToHundred(Tier tier) throws Exception {
        AsmSnippet r = AsmSnippet.run("""
            xor eax, eax
            mov ecx, 100
        1:  add rax, rcx
            dec ecx
            jnz 1b
            """, tier);
        assertEquals(5050, r.reg(Slots.RAX));
        assertEquals(0, r.reg(Slots.RCX));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void callRetAndStack(Tier tier) throws Exception {
        AsmSnippet r = AsmSnippet.run("""
            mov rdi, 7
            call 2f
            jmp 3f
        2:  lea rax, [rdi*8 + rdi]
            push rax
            pop rbx
            ret
        3:  nop
            """, tier);
        assertEquals(63, r.reg(Slots.RAX));
        assertEquals(63, r.reg(Slots.RBX));
        assertEquals(AsmSnippet.STACK_TOP - 64, r.reg(Slots.RSP));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void partialRegistersAndFlags(Tier tier) throws Exception {
        AsmSnippet r = AsmSnippet.run("""
            mov rax, -1
            mov al, 0x12
            mov ah, 0x34
            mov ebx, eax
            mov cx, 0xffff
            add cx, 1
            setc dl
            seto dh
            """, tier, 0, 0x1111_2222_3333_4444L, 0);
        assertEquals(0xFFFF_FFFF_FFFF_3412L, r.reg(Slots.RAX));
        assertEquals(0xFFFF_3412L, r.reg(Slots.RBX));
        assertEquals(0x1111_2222_3333_0000L, r.reg(Slots.RCX));
        assertEquals(0x01, r.reg(Slots.RDX) & 0xFFFF);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void signedUnsignedCompareBranches(Tier tier) throws Exception {
        AsmSnippet r = AsmSnippet.run("""
            xor esi, esi
            mov eax, -5
            cmp eax, 3
            jl 1f
            or esi, 1
        1:  cmp eax, 3
            jb 2f
            or esi, 2
        2:  test eax, eax
            js 3f
            or esi, 4
        3:  nop
            """, tier);
        assertEquals(2, r.reg(Slots.RSI));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void memoryAndDivision(Tier tier) throws Exception {
        AsmSnippet r = AsmSnippet.run("""
            mov rbx, 0x20000
            mov qword ptr [rbx+8], 1000003
            mov rax, [rbx+8]
            xor edx, edx
            mov ecx, 97
            div rcx
            mov [rbx], edx
            movzx esi, byte ptr [rbx]
            """, tier);
        assertEquals(1000003 / 97, r.reg(Slots.RAX));
        assertEquals(1000003 % 97, r.reg(Slots.RDX));
        assertEquals((1000003 % 97) & 0xFF, r.reg(Slots.RSI));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void faultIsPrecise(Tier tier) {
        GuestCrash c = assertThrows(GuestCrash.class, () -> AsmSnippet.run("""
            mov eax, 1
            mov ebx, 2
            add eax, ebx
            mov rcx, [0x500000]
            mov eax, 99
            """, tier));
        assertEquals(Vector.PF, c.fault.vector);
        assertEquals(0x500000, c.fault.address);
        assertEquals(AsmSnippet.CODE + 12, c.rip);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void pushfSeesLazyFlags(Tier tier) throws Exception {
        AsmSnippet r = AsmSnippet.run("""
            mov eax, 0x7fffffff
            add eax, 1
            pushfq
            pop rbx
            """, tier);
        assertEquals(Flags.OF | Flags.SF | Flags.PF | Flags.AF, r.reg(Slots.RBX) & Flags.ARITH);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void mmxAliasesX87AndComputesLanes(Tier tier) throws Exception {
        AsmSnippet r = AsmSnippet.run("""
            mov rax, 0x01020304050607f0
            mov rbx, 0x1010101010101020
            movq mm0, rax
            movq mm1, rbx
            paddb mm0, mm1
            pcmpeqb mm1, mm1
            movq rcx, mm0
            movq rdx, mm1
            pmovmskb esi, mm0
            emms
            """, tier);
        assertEquals(0x1112131415161710L, r.reg(Slots.RCX));
        assertEquals(-1L, r.reg(Slots.RDX));
        assertEquals(0x00, r.reg(Slots.RSI));
    }
}

package org.jx86.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jx86.vmm.Slots;

/**
 * Linked calls ({@link CallLinks}): a region runs its callees' translations directly. Whatever
 * the callee does (return normally, recurse deeper than the link depth, return somewhere
 * else, fault), the guest must end in the state the IR interpreter reaches.
 */
class CallLinkTest {
    @BeforeAll
    static void tools() { assumeTrue(AsmSnippet.toolsAvailable(), "GNU as not installed"); }

    private static EngineOptions options(Tier tier, int regionThreshold) {
        return RegionTest.options(tier, regionThreshold, CodeCache.DEFAULT_LIMIT);
    }

    private static long[] state(AsmSnippet r) { return RegionTest.state(r); }

    /** Runs asm in the interpreter and with regions (threshold 3); both must agree. */
    private static AsmSnippet agree(String asm) throws Exception {
        AsmSnippet ref = AsmSnippet.run(asm, options(Tier.INTERP, 0));
        AsmSnippet t2 = AsmSnippet.run(asm, options(Tier.MIXED, 3));
        assertEquals(ref.crash == null, t2.crash == null, "both or neither fault");
        if (ref.crash != null) assertEquals(ref.crash.rip, t2.crash.rip, "faulting instruction");
        assertArrayEquals(state(ref), state(t2));
        return t2;
    }

    /**
     * A loop calls a two-block leaf function directly, a one-block function through a
     * register, and a recursive function 60 deep (deeper than the link depth limit), with
     * memory traffic on the stack and in data; often enough that every callee is linked.
     */
    @Test
    void directIndirectAndRecursiveCallsAgree() throws Exception {
        AsmSnippet t2 = agree("""
                xor eax, eax
                xor ebx, ebx
                mov r8, 0x20000
                lea r9, [rip + sq]
                mov ecx, 3000
            1:  mov edi, ecx
                call leaf
                add rbx, rax
                mov edi, ecx
                call r9
                add rbx, rax
                mov edi, 60
                call rec
                add rbx, rax
                mov [r8 + rcx*8], rbx
                dec ecx
                jnz 1b
                jmp 9f
            leaf:
                mov eax, edi
                test edi, 1
                jz 2f
                imul eax, eax, 3
            2:  add eax, 7
                ret
            sq: mov rax, rdi
                imul rax, rdi
                ret
            rec:
                test edi, edi
                jnz 3f
                xor eax, eax
                ret
            3:  push rdi
                dec edi
                call rec
                pop rdi
                add rax, rdi
                ret
            9:  nop
                """);
        assertTrue(t2.engine.stats.regions > 0, "regions were formed");
        assertTrue(t2.engine.regionFormer().links.linked() > 0, "calls were linked");
    }

    /**
     * A callee that drops its return address and jumps elsewhere (as longjmp does); called
     * more often than {@link CallLinks#PROMOTE_AFTER}, so it is linked as a function region.
     */
    @Test
    void calleeThatDoesNotReturnAgrees() throws Exception {
        agree("""
                xor ebx, ebx
                mov ecx, 5000
            1:  call f
                add rbx, 1
            back:
                dec ecx
                jnz 1b
                jmp 9f
            f:  add rbx, rcx
                test ecx, 7
                jz 2f
                ret
            2:  add rsp, 8
                jmp back
            9:  nop
                """);
    }

    /** A linked callee faults after many good calls: the fault and state are the callee's. */
    @Test
    void faultInsideALinkedCalleeIsPrecise() throws Exception {
        AsmSnippet t2 = agree("""
                mov rsi, 0x20000
                xor eax, eax
            1:  call load
                add rsi, 8
                jmp 1b
            load:
                add rax, [rsi]
                inc rdx
                ret
                """);
        assertNotNull(t2.crash);
        assertEquals(0x30000, t2.reg(Slots.RSI), "the load of the first unmapped address faulted");
    }

    /** With linking off (-Djx86.region.noCallLinks) nothing is linked: a sanity check of the counter. */
    @Test
    void noRegionsNoLinks() throws Exception {
        AsmSnippet t1 = AsmSnippet.run("""
                mov ecx, 50
            1:  call f
                dec ecx
                jnz 1b
                jmp 9f
            f:  ret
            9:  nop
                """, options(Tier.JIT, 0));
        assertNull(t1.crash);
        assertEquals(0, t1.engine.regionFormer().links.linked());
    }
}

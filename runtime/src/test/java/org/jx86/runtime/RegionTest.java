package org.jx86.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;

/**
 * Tier-2 regions: formed from hot blocks, they compute what the IR interpreter and tier 1
 * compute (registers, flags, memory, the faulting instruction), also when the code cache is
 * so small that it is flushed all the time.
 */
class RegionTest {
    @BeforeAll
    static void tools() { assumeTrue(AsmSnippet.toolsAvailable(), "GNU as not installed"); }

    /**
     * Nested loops with both sides of a branch taken, a call and its return inside the loop
     * (a guarded computed exit), memory stores and loads, and flags live out of the loops.
     */
    static final String NESTED = """
            xor eax, eax
            xor ebx, ebx
            mov r8, 0x20000
            mov ecx, 300
        1:  mov edx, 40
        2:  lea rsi, [rcx + rdx]
            test esi, 1
            jz 3f
            add rax, rsi
            jmp 4f
        3:  call 5f
        4:  mov [r8 + rdx*8], rax
            dec edx
            jnz 2b
            add rbx, [r8 + 8]
            dec ecx
            jnz 1b
            cmp rax, rbx
            jmp 6f
        5:  imul rsi, rsi, 3
            xor rax, rsi
            ret
        6:  nop
            """;

    static EngineOptions options(Tier tier, int regionThreshold, int cacheLimit) {
        EngineOptions o = new EngineOptions();
        o.tier = tier;
        o.regionThreshold = regionThreshold;
        o.codeCacheLimit = cacheLimit;
        o.jitThreshold = 2;
        return o;
    }

    /** The vCPU's state with lazy flags made architectural, and rip last: what tiers must agree on. */
    static long[] state(AsmSnippet r) {
        long[] s = Arrays.copyOf(r.cpu.s, Slots.COUNT + 1);
        // lazy flags compare as architectural flags: the compact form may differ between tiers
        s[Slots.CC_OP] = Flags.compute(s[Slots.CC_OP], s[Slots.CC_SRC1], s[Slots.CC_SRC2], s[Slots.CC_RES]) & Flags.ARITH;
        s[Slots.CC_SRC1] = s[Slots.CC_SRC2] = s[Slots.CC_RES] = 0;
        s[Slots.SCRATCH3] = 0;
        s[Slots.COUNT] = r.cpu.rip;
        return s;
    }

    @Test
    void regionAgreesWithInterpreterAndTier1() throws Exception {
        AsmSnippet ref = AsmSnippet.run(NESTED, options(Tier.INTERP, 0, 1000));
        AsmSnippet t1 = AsmSnippet.run(NESTED, options(Tier.JIT, 0, 1000));
        AsmSnippet t2 = AsmSnippet.run(NESTED, options(Tier.MIXED, 3, 1000));
        assertNull(ref.crash);
        assertArrayEquals(state(ref), state(t1), "tier 1");
        assertArrayEquals(state(ref), state(t2), "tier 2");
        assertEquals(0, t1.engine.stats.regions);
        assertTrue(t2.engine.stats.regions > 0, "regions were formed");
    }

    @Test
    void tinyCodeCacheIsFlushedAndStillRight() throws Exception {
        AsmSnippet ref = AsmSnippet.run(NESTED, options(Tier.INTERP, 0, 1000));
        AsmSnippet t2 = AsmSnippet.run(NESTED, options(Tier.JIT, 3, 3));
        assertArrayEquals(state(ref), state(t2));
        assertTrue(t2.engine.cache().flushes > 0, "the cache was flushed");
        assertTrue(t2.engine.cache().size() <= 3);
    }

    /** A loop that reads past the end of its data mapping: the fault stays precise in a region. */
    @Test
    void faultInsideARegionLoopIsPrecise() throws Exception {
        String walk = """
                mov rsi, 0x20000
                xor eax, eax
                xor ecx, ecx
            1:  add rax, [rsi]
                add rsi, 8
                inc ecx
                cmp ecx, 100000
                jne 1b
                """;
        AsmSnippet ref = AsmSnippet.run(walk, options(Tier.INTERP, 0, 1000));
        AsmSnippet t2 = AsmSnippet.run(walk, options(Tier.MIXED, 3, 1000));
        assertNotNull(ref.crash);
        assertNotNull(t2.crash);
        assertEquals(ref.crash.rip, t2.crash.rip);
        assertArrayEquals(state(ref), state(t2));
        assertEquals(0x30000, t2.reg(Slots.RSI), "the load of the first unmapped address faulted");
        assertTrue(t2.engine.stats.regions > 0);
    }
}

package org.jx86.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stitching lifted blocks into a region: exits into the region become jumps, branches and guards. */
class RegionBuilderTest {
    static final long A = 0x1000, B = 0x1010, C = 0x1020, OUT = 0x2000;
    static final int SCRATCH = 28;

    /** A: slot0 += 1; if slot0 < slot1 goto A else B. */
    static IrFunction loopBlock() {
        IrFunction f = new IrFunction(A);
        IrBuilder b = new IrBuilder(f);
        b.insn(A);
        Node i = b.add(b.get(0), b.konst(1));
        b.set(0, i);
        b.exit(b.select(b.ltu(i, b.get(1)), b.konst(A), b.konst(B)), 0);
        return f;
    }

    /** B: slot2 = slot0 * 2; call C with return address OUT pushed nowhere: goto C. */
    static IrFunction straightBlock() {
        IrFunction f = new IrFunction(B);
        IrBuilder b = new IrBuilder(f);
        b.insn(B);
        b.set(2, b.mul(b.get(0), b.konst(2)));
        b.exit(b.konst(C), 0);
        return f;
    }

    /** C: computed exit to slot3 (like a return). */
    static IrFunction computedExitBlock() {
        IrFunction f = new IrFunction(C);
        IrBuilder b = new IrBuilder(f);
        b.insn(C);
        b.set(4, b.konst(7));
        b.exit(b.get(3), 0);
        return f;
    }

    static IrFunction region(long[] seenFromC) {
        return RegionBuilder.stitch(List.of(new RegionBuilder.Part(loopBlock(), null),
            new RegionBuilder.Part(straightBlock(), null), new RegionBuilder.Part(computedExitBlock(), seenFromC)), SCRATCH);
    }

    @Test
    void exitsIntoTheRegionBecomeBranchesAndJumps() {
        IrFunction r = region(new long[] {A, OUT});
        IrVerifier.verify(r);
        Node t0 = r.blocks().get(0).terminator();
        assertEquals(Op.BRANCH, t0.op);
        assertSame(r.blocks().get(0), t0.target(), "the loop's back edge");
        assertSame(r.blocks().get(1), t0.other());
        Node t1 = r.blocks().get(1).terminator();
        assertEquals(Op.JUMP, t1.op);
        assertSame(r.blocks().get(2), t1.target());
        // C's computed exit: guarded jump to A (in the region); OUT is not, so it stays an exit
        Node t2 = r.blocks().get(2).terminator();
        assertEquals(Op.BRANCH, t2.op);
        assertSame(r.blocks().get(0), t2.target());
        assertEquals(Op.EXIT, t2.other().terminator().op);
    }

    @Test
    void regionComputesWhatTheBlocksCompute() {
        for (long ret : new long[] {OUT, 0x3000}) {
            TestEnv ref = new TestEnv();   // block by block, as the dispatcher runs them
            ref.slots[1] = 10;
            ref.slots[3] = ret;
            long pc = A;
            while (pc == A || pc == B || pc == C)
                pc = IrInterpreter.run(pc == A ? loopBlock() : pc == B ? straightBlock() : computedExitBlock(), ref);
            TestEnv env = new TestEnv();
            env.slots[1] = 10;
            env.slots[3] = ret;
            long next = IrInterpreter.run(region(new long[] {A, OUT}), env);
            assertEquals(pc, next);
            env.slots[SCRATCH] = 0;  // the guard chain's scratch slot
            for (int s = 0; s < 64; s++) assertEquals(ref.slots[s], env.slots[s], "slot " + s);
        }
    }
}

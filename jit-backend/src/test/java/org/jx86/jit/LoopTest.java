package org.jx86.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jx86.ir.Block;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.IrFunction;
import org.jx86.ir.Node;
import org.junit.jupiter.api.Test;

/** IR blocks with back-edges become JVM loops (tier 2), faults inside them stay precise. */
class LoopTest {
    private static final BytecodeCompiler JIT = new BytecodeCompiler(true);
    static final long E = 0x600000, L = 0x600010, L2 = 0x600014, O = 0x600020, NEXT = 0x600030;

    static Machine.Outcome both(IrFunction fn, long... slots) {
        Machine.Outcome i = Machine.withMemory(slots).runInterpreted(fn);
        Machine.Outcome c = Machine.withMemory(slots).runCompiled(JIT.compile(fn));
        assertEquals(i, c, () -> "interpreter vs compiled:\n" + i.diff(c) + fn);
        return c;
    }

    @Test
    void aCounterLoopTo1000() {
        IrFunction f = new IrFunction(E);
        IrBuilder b = new IrBuilder(f);
        Block loop = b.newBlock(), out = b.newBlock();
        b.insn(E);
        b.set(0, b.konst(0));
        b.set(1, b.konst(0));
        b.jump(loop);
        b.setBlock(loop);
        b.insn(L);
        Node i = b.get(0);
        b.set(1, b.add(b.get(1), i));
        Node next = b.add(i, b.konst(1));
        b.set(0, next);
        b.branch(b.ltu(next, b.konst(1000)), loop, out);
        b.setBlock(out);
        b.insn(O);
        b.exit(b.konst(NEXT), 0);

        Machine.Outcome o = both(f, 7, 7);
        assertNull(o.fault());
        assertEquals(NEXT, o.next());
        assertEquals(1000, o.slots()[0]);
        assertEquals(999 * 1000 / 2, o.slots()[1]);
        assertTrue(JIT.listing(f).contains("GOTO") || JIT.listing(f).contains("IFNE"), "a JVM branch backwards");
    }

    /**
     * The loop header has no INSN of its own: on the first pass its load belongs to E, on
     * later passes to L2, which branched back. A fault there must report whichever ran last.
     */
    static IrFunction loopWithSharedHeader() {
        IrFunction f = new IrFunction(E);
        IrBuilder b = new IrBuilder(f);
        Block header = b.newBlock(), out = b.newBlock();
        b.insn(E);
        b.set(0, b.konst(0));
        b.jump(header);
        b.setBlock(header);
        // rdx = [rsi + rax * 0x400]: the header belongs to E or L2, whichever jumped here
        Node addr = b.add(b.get(6), b.shl(b.get(0), b.konst(10)));
        Node v = b.load(8, addr);
        b.insn(L);
        b.set(2, b.add(b.get(2), v));
        b.insn(L2);
        Node i = b.add(b.get(0), b.konst(1));
        b.set(0, i);
        b.branch(b.ltu(i, b.get(1)), header, out);
        b.setBlock(out);
        b.insn(O);
        b.exit(b.konst(NEXT), 0);
        return f;
    }

    @Test
    void aFaultInALoopHeaderReportsTheInstructionThatEnteredIt() {
        IrFunction f = loopWithSharedHeader();
        // 16 iterations from RW: iterations 0-7 read RW, 8-11 RO, 12 faults on the unmapped page
        Machine.Outcome o = both(f, 0, 16, 0, 0, 0, 0, Machine.RW);
        assertTrue(o.fault().startsWith("GuestFault #PF"), o.fault());
        assertEquals(L2, o.rip());
        assertEquals(12, o.slots()[0]);
        // the first pass faults: the header then belongs to E
        Machine.Outcome first = both(f, 0, 16, 0, 0, 0, 0, Machine.UNMAPPED);
        assertEquals(E, first.rip());
        assertEquals(0, first.slots()[0]);
        // no fault: runs to the end
        Machine.Outcome ok = both(f, 0, 12, 0, 0, 0, 0, Machine.RW);
        assertNull(ok.fault());
        assertEquals(12, ok.slots()[0]);
    }

    @Test
    void theEntryBlockCanBeALoopHeader() {
        IrFunction f = new IrFunction(E);
        IrBuilder b = new IrBuilder(f);
        Block entry = b.block(), out = b.newBlock();
        Node v = b.load(4, b.add(b.get(6), b.shl(b.get(0), b.konst(11))));  // before any INSN
        b.insn(L);
        b.set(2, b.xor(b.get(2), v));
        Node i = b.add(b.get(0), b.konst(1));
        b.set(0, i);
        b.branch(b.ltu(i, b.get(1)), entry, out);
        b.setBlock(out);
        b.exit(b.get(0), 2);
        Machine.Outcome o = both(f, 0, 100, 0, 0, 0, 0, Machine.RW);
        assertEquals(L, o.rip(), "iteration 6 faults; L branched back to the entry");
        assertEquals(6, o.slots()[0]);
        Machine.Outcome ok = both(f, 0, 3, 0, 0, 0, 0, Machine.RW);
        assertEquals(3, ok.next());
        assertEquals(2, ok.exitCode());
        assertEquals(E, both(f, 0, 3, 0, 0, 0, 0, Machine.UNMAPPED).rip());
    }

    @Test
    void nestedLoops() {
        IrFunction f = new IrFunction(E);
        IrBuilder b = new IrBuilder(f);
        Block outer = b.newBlock(), inner = b.newBlock(), latch = b.newBlock(), out = b.newBlock();
        b.insn(E);
        b.set(0, b.konst(0));
        b.set(2, b.konst(0));
        b.jump(outer);
        b.setBlock(outer);
        b.insn(L);
        b.set(1, b.konst(0));
        b.jump(inner);
        b.setBlock(inner);
        b.insn(L2);
        b.set(2, b.add(b.get(2), b.mul(b.get(0), b.get(1))));
        Node j = b.add(b.get(1), b.konst(1));
        b.set(1, j);
        b.branch(b.ltu(j, b.konst(30)), inner, latch);
        b.setBlock(latch);
        Node i = b.add(b.get(0), b.konst(1));
        b.set(0, i);
        b.branch(b.ltu(i, b.konst(40)), outer, out);
        b.setBlock(out);
        b.exit(b.konst(NEXT), 0);
        long expected = 0;
        for (long x = 0; x < 40; x++) for (long y = 0; y < 30; y++) expected += x * y;
        assertEquals(expected, both(f).slots()[2]);
    }
}

package org.jx86.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Slot forwarding and dead-code elimination, checked by the verifier and by running the IR. */
class PassesTest {
    static List<Op> ops(Block b) { return b.nodes().stream().map(n -> n.op).collect(Collectors.toList()); }

    public static final class Helpers {
        private Helpers() {}

        public static void sync(Object cpu) { }

        public static long pure(long a) { return a + 1; }

        public static long impure(long a) { return a; }
    }

    @Test
    void getAfterSetUsesTheStoredValue() {
        IrFunction fn = new IrFunction(0);
        IrBuilder b = new IrBuilder(fn);
        Node v = b.add(b.get(1), b.get(2));
        b.set(0, v);
        Node again = b.get(0);
        b.set(3, again);
        b.exit(b.konst(0), 0);
        Passes.forwardSlots(fn);
        IrVerifier.verify(fn);
        Node set3 = fn.entry().nodes().stream().filter(n -> n.op == Op.SET && n.c == 3).findFirst().orElseThrow();
        assertSame(v, set3.arg(0));
        assertEquals(2, fn.entry().nodes().stream().filter(n -> n.op == Op.GET).count());
    }

    @Test
    void getAfterGetIsShared() {
        IrFunction fn = new IrFunction(0);
        IrBuilder b = new IrBuilder(fn);
        Node first = b.get(5);
        Node second = b.get(5);
        b.set(0, b.add(first, second));
        b.exit(b.konst(0), 0);
        Passes.forwardSlots(fn);
        IrVerifier.verify(fn);
        Node add = fn.entry().nodes().stream().filter(n -> n.op == Op.ADD).findFirst().orElseThrow();
        assertSame(add.arg(0), add.arg(1));
    }

    @Test
    void aSyncStateCallStopsForwarding() {
        Helper sync = Helper.of(Helpers.class, "sync", Helper.SYNC_STATE);
        IrFunction fn = new IrFunction(0);
        IrBuilder b = new IrBuilder(fn);
        b.set(0, b.konst(7));
        b.call(sync);
        b.set(1, b.get(0));   // must read the slot again: the helper may have changed it
        b.exit(b.konst(0), 0);
        Passes.optimize(fn, true);
        assertEquals(1, fn.entry().nodes().stream().filter(n -> n.op == Op.GET).count());
    }

    @Test
    void forwardingStaysInsideABlock() {
        IrFunction fn = new IrFunction(0);
        IrBuilder b = new IrBuilder(fn);
        Block next = b.newBlock();
        b.set(0, b.konst(7));
        b.jump(next);
        b.setBlock(next);
        b.set(1, b.get(0));
        b.exit(b.konst(0), 0);
        Passes.optimize(fn, true);
        assertEquals(Op.GET, fn.blocks().get(1).nodes().get(0).op);
    }

    @Test
    void deadCodeRemovesUnusedPureValuesAndKeepsEffects() {
        Helper pure = Helper.of(Helpers.class, "pure", Helper.PURE);
        Helper impure = Helper.of(Helpers.class, "impure", 0);
        IrFunction fn = new IrFunction(0);
        IrBuilder b = new IrBuilder(fn);
        b.insn(0x10);
        Node x = b.get(0);
        b.mul(x, b.get(1));                 // unused: goes, and so does get.1
        b.call(pure, x);                    // unused pure call: goes
        b.call(impure, x);                  // unused, but may have effects: stays
        b.load(4, x);                       // unused load: stays (it may fault)
        b.store(8, x, b.konst(3));
        b.set(2, b.xor(x, b.konst(-1)));
        b.exit(b.konst(0x20), 0);
        Passes.optimize(fn, true);
        assertEquals(List.of(Op.INSN, Op.GET, Op.CALL, Op.LOAD, Op.CONST, Op.STORE, Op.CONST, Op.XOR, Op.SET,
            Op.CONST, Op.EXIT), ops(fn.entry()), IrPrinter.format(fn));
        assertTrue(fn.entry().nodes().stream().filter(n -> n.op == Op.CALL).allMatch(n -> n.helper == impure));
    }

    @Test
    void optimizeRenumbersDensely() {
        IrFunction fn = new IrFunction(0);
        IrBuilder b = new IrBuilder(fn);
        b.add(b.get(0), b.get(1));
        b.set(0, b.get(2));
        b.exit(b.konst(0), 0);
        Passes.optimize(fn, true);
        int id = 0;
        for (Block blk : fn.blocks()) for (Node n : blk.nodes()) assertEquals(id++, n.id());
        assertEquals(id, fn.idLimit());
    }

    @Test
    void optimizedIrComputesTheSame() {
        IrFunction plain = program(), opt = program();
        Passes.optimize(opt, true);
        TestEnv e1 = new TestEnv(), e2 = new TestEnv();
        for (int i = 0; i < 8; i++) e1.slots[i] = e2.slots[i] = i * 0x0123_4567L + 3;
        assertEquals(IrInterpreter.run(plain, e1), IrInterpreter.run(opt, e2));
        assertTrue(java.util.Arrays.equals(e1.slots, e2.slots));
        assertTrue(java.util.Arrays.equals(e1.memory, e2.memory));
    }

    static IrFunction program() {
        IrFunction fn = new IrFunction(0);
        IrBuilder b = new IrBuilder(fn);
        Block loop = b.newBlock(), out = b.newBlock();
        b.set(7, b.konst(5));
        b.jump(loop);
        b.setBlock(loop);
        b.set(0, b.add(b.get(0), b.get(1)));
        b.set(1, b.xor(b.get(0), b.shl(b.get(1), b.konst(3))));
        b.store(8, b.add(b.and(b.get(0), b.konst(0xFF8)), b.konst(TestEnv.BASE)), b.get(1));
        Node n = b.sub(b.get(7), b.konst(1));
        b.set(7, n);
        b.branch(n, loop, out);
        b.setBlock(out);
        b.exit(b.get(0), 0);
        return fn;
    }
}

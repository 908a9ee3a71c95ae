package org.jx86.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.jx86.ir.Helper;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.IrFunction;
import org.jx86.ir.Node;
import org.jx86.ir.Op;
import org.jx86.ir.Passes;
import org.junit.jupiter.api.Test;

/** CALL: CONTEXT, SYNC_STATE, PURE and void helpers, and faults inside helpers. */
class HelperCallTest {
    private static final BytecodeCompiler JIT = new BytecodeCompiler(true);
    static final long A = 0x500000, B = 0x500004, C = 0x500008, NEXT = 0x500010;

    static IrFunction fn(Consumer<IrBuilder> body) {
        IrFunction f = new IrFunction(A);
        IrBuilder b = new IrBuilder(f);
        b.insn(A);
        body.accept(b);
        if (!b.terminated()) b.exit(b.konst(NEXT), 0);
        return f;
    }

    static Machine.Outcome both(IrFunction fn, long... slots) {
        Machine.Outcome i = Machine.withoutMemory().reset(slots).runInterpreted(fn);
        Machine.Outcome c = Machine.withoutMemory().reset(slots).runCompiled(JIT.compile(fn));
        assertEquals(i, c, () -> "interpreter vs compiled:\n" + i.diff(c) + fn);
        return c;
    }

    @Test
    void contextHelperGetsTheCpu() {
        Helper acc = Helper.of(TestHelpers.class, "accumulate", Helper.CONTEXT);
        IrFunction f = fn(b -> {
            b.set(3, b.call(acc, b.get(0)));
            b.set(4, b.call(acc, b.get(1)));
        });
        Machine.Outcome o = both(f, 5, 7);
        assertEquals(5, o.slots()[3]);
        assertEquals(12, o.slots()[4]);
        assertEquals(12, o.owner()[0]);
    }

    @Test
    void syncStateHelperSeesAndChangesTheSlots() {
        Helper swap = Helper.of(TestHelpers.class, "swapDouble", Helper.SYNC_STATE);
        for (boolean optimize : new boolean[] {false, true}) {
            IrFunction f = fn(b -> {
                b.set(0, b.add(b.get(0), b.konst(1)));   // the helper must see rax + 1
                Node before = b.get(1);                 // read before the call
                b.call(swap);
                b.insn(B);
                b.set(3, b.get(0));                     // the helper's new rax
                b.set(4, b.get(1));                     // the helper's new rcx
                b.set(5, before);
            });
            if (optimize) Passes.optimize(f, true);     // forwarding must not cross the call
            Machine.Outcome o = both(f, 10, 20);
            assertEquals(20, o.slots()[0]);
            assertEquals(22, o.slots()[1]);
            assertEquals(20, o.slots()[3]);
            assertEquals(22, o.slots()[4]);
            assertEquals(20, o.slots()[5]);
        }
    }

    @Test
    void syncStateHelperWithAResultAndSlotsOnlyRead() {
        Helper sum = Helper.of(TestHelpers.class, "syncSum", Helper.SYNC_STATE);
        IrFunction f = fn(b -> {
            // rdx is only read by the function, never SET: the helper's write to it must survive
            b.set(3, b.call(sum, b.get(2)));
            b.set(4, b.get(2));
        });
        Machine.Outcome o = both(f, 1, 2, 3);
        assertEquals(3, o.slots()[3]);
        assertEquals(6, o.slots()[2]);
        assertEquals(6, o.slots()[4]);
    }

    @Test
    void pureHelpersFoldOnConstantsAndRunOtherwise() {
        Helper mix = Helper.of(TestHelpers.class, "mix", Helper.PURE);
        IrFunction f = fn(b -> {
            Node k = b.call(mix, b.konst(1), b.konst(2), b.konst(3));
            assertEquals(Op.CONST, k.op, "folded by the builder");
            b.set(3, k);
            b.set(4, b.call(mix, b.get(0), b.get(1), b.get(2)));
            b.call(mix, b.get(0), b.get(0), b.get(0));     // unused: dead code removes it
        });
        Machine.Outcome o = both(f, 4, 5, 6);
        assertEquals(TestHelpers.mix(1, 2, 3), o.slots()[3]);
        assertEquals(TestHelpers.mix(4, 5, 6), o.slots()[4]);
        Passes.optimize(f, true);
        long calls = f.blocks().get(0).nodes().stream().filter(n -> n.op == Op.CALL).count();
        assertEquals(1, calls);
        assertEquals(o, both(f, 4, 5, 6));
    }

    @Test
    void voidHelpersProduceNoValue() {
        Helper log = Helper.of(TestHelpers.class, "log", Helper.CONTEXT);
        Helper count = Helper.of(TestHelpers.class, "count", 0);
        IrFunction f = fn(b -> {
            assertNull(b.call(log, b.get(0)));
            assertNull(b.call(count, b.konst(1)));
            b.call(log, b.get(1));
        });
        long before = TestHelpers.calls;
        Machine.Outcome o = both(f, 3, 4);
        assertEquals(3 * 31 + 4, o.owner()[1]);
        assertEquals(before + 2, TestHelpers.calls, "once per tier");
    }

    @Test
    void aFaultingHelperIsPrecise() {
        Helper div = Helper.of(TestHelpers.class, "checkedDiv", Helper.PURE | Helper.MAY_FAULT);
        IrFunction f = fn(b -> {
            b.set(0, b.konst(11));
            b.insn(B);
            b.set(1, b.call(div, b.get(2), b.get(3)));
            b.insn(C);
            b.set(4, b.konst(1));
        });
        Machine.Outcome o = both(f, 0, 0, 100, 0);
        assertTrue(o.fault().startsWith("GuestFault #DE"), o.fault());
        assertEquals(B, o.rip());
        assertEquals(11, o.slots()[0]);
        assertEquals(0, o.slots()[1]);
        Machine.Outcome ok = both(f, 0, 0, 100, 7);
        assertEquals(14, ok.slots()[1]);
    }

    @Test
    void aSyncStateHelperThatFaultsKeepsItsOwnWrites() {
        Helper h = Helper.of(TestHelpers.class, "syncThenFault", Helper.SYNC_STATE | Helper.MAY_FAULT);
        IrFunction f = fn(b -> {
            b.set(3, b.konst(1));
            b.insn(B);
            b.set(0, b.konst(2));      // written back before the call, kept after the fault
            b.set(1, b.call(h, b.get(2)));
            b.set(3, b.konst(3));
        });
        Machine.Outcome o = both(f, 0, 0, 0);
        assertEquals(B, o.rip());
        assertEquals(2, o.slots()[0]);
        assertEquals(0x5555, o.slots()[3], "the helper's write to rbx survives the fault");
        Machine.Outcome ok = both(f, 0, 0, 9);
        assertNull(ok.fault());
        assertEquals(9, ok.slots()[1]);
        assertEquals(3, ok.slots()[3]);
    }

    /** A helper in a class generated code cannot link to. */
    static final class Hidden {
        public static long f(long a) { return a; }
    }

    @Test
    void helpersInNonPublicClassesAreRejectedAtCompileTime() {
        Helper h = Helper.of(Hidden.class, "f", Helper.PURE);
        IrFunction f = fn(b -> b.set(0, b.call(h, b.get(0))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JIT.compile(f));
        assertTrue(e.getMessage().contains("not in a public class"), e.getMessage());
    }

    @Test
    void contextHelpersMustAcceptACpu() {
        Helper h = Helper.of(TestHelpers.class, "wrongContext", Helper.CONTEXT);
        IrFunction f = fn(b -> b.set(0, b.call(h, b.get(0))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JIT.compile(f));
        assertTrue(e.getMessage().contains("context parameter"), e.getMessage());
    }
}

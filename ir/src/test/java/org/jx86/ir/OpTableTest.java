package org.jx86.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The op table is the single declaration of the IR (STYLE.md §5); these check it is complete. */
class OpTableTest {
    @Test
    void everyOpHasADocString() {
        for (Op op : Op.values()) {
            assertTrue(op.doc != null && !op.doc.isBlank(), op + " has no doc string");
        }
    }

    @Test
    void docStringsAreDistinct() {
        Set<String> seen = new HashSet<>();
        for (Op op : Op.values()) assertTrue(seen.add(op.doc), op + " repeats another op's doc string");
    }

    @Test
    void theTableIsConsistent() {
        for (Op op : Op.values()) {
            assertEquals(op.kind == Op.Kind.TERMINATOR, op.isTerminator(), op.name());
            if (op.isTerminator()) assertFalse(op.hasValue(), op + ": terminators define no value");
            if (op.kind == Op.Kind.PURE) assertTrue(op.hasValue() && op.removableIfUnused(), op.name());
            if (op.kind == Op.Kind.EFFECT || op.kind == Op.Kind.MEMORY || op.kind == Op.Kind.CALL)
                assertFalse(op.removableIfUnused(), op + " has effects");
            assertTrue(op.arity >= -1 && op.arity <= 3, op.name());
            assertEquals(op == Op.CALL, op.arity == -1, op.name());
        }
        assertTrue(Op.FADD.isFloat() && Op.F2F.isFloat() && !Op.ADD.isFloat());
        assertFalse(Op.STORE.hasValue());
        assertTrue(Op.LOAD.hasValue());
    }

    /** Every pure op has an interpreter meaning (Semantics.eval1/eval2 or a case of its own). */
    @Test
    void everyPureOpHasAnInterpreterMeaning() {
        for (Op op : Op.values()) {
            if (op.kind != Op.Kind.PURE || op == Op.CONST) continue;
            IrFunction fn = new IrFunction(0);
            IrBuilder b = new IrBuilder(fn);
            Node[] args = new Node[op.arity];
            for (int i = 0; i < args.length; i++) args[i] = b.get(i);
            int size = op.isFloat() ? 8 : op == Op.BSWAP ? 4 : 8;
            b.set(9, InterpreterTest.raw(b, op, size, args));
            b.exit(b.konst(0), 0);
            IrVerifier.verify(fn);
            TestEnv env = new TestEnv();
            env.slots[1] = 3;   // divisors are non-zero
            IrInterpreter.run(fn, env);
        }
    }
}

package org.jx86.ir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@link IrVerifier} accepts well-formed IR and rejects each kind of malformed IR. */
class VerifierTest {
    /** Node construction without the builder's checks, as a buggy pass might do. */
    static Node append(Block b, IrFunction fn, Op op, int size, long c, Node... args) {
        Node n = new Node(op, size, c, args, null);
        n.id = fn.nextId();
        b.nodes.add(n);
        return n;
    }

    static void rejects(String expected, Consumer<IrFunction> build) {
        IrFunction fn = new IrFunction(0x1000);
        build.accept(fn);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> IrVerifier.verify(fn));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("function @1000"), "the message includes the IR");
    }

    @Test
    void wellFormedIrPasses() {
        IrFunction fn = new IrFunction(0x1000);
        IrBuilder b = new IrBuilder(fn);
        Block loop = b.newBlock(), out = b.newBlock();
        b.insn(0x1000);
        b.jump(loop);
        b.setBlock(loop);
        b.set(0, b.add(b.get(0), b.konst(1)));
        b.branch(b.get(1), loop, out);
        b.setBlock(out);
        b.store(4, b.get(2), b.load(2, b.get(3)));
        b.exit(b.konst(0x1004), 0);
        IrVerifier.verify(fn);
    }

    @Test
    void wrongArity() {
        rejects("wrong argument count", fn -> {
            Block b = fn.newBlock();
            Node k = append(b, fn, Op.CONST, 8, 1);
            append(b, fn, Op.ADD, 8, 0, k);
            append(b, fn, Op.EXIT, 0, 0, k);
        });
        rejects("wrong argument count", fn -> {
            Block b = fn.newBlock();
            Node k = append(b, fn, Op.CONST, 8, 1);
            append(b, fn, Op.EXIT, 0, 0, k, k);
        });
    }

    @Test
    void useBeforeDefinition() {
        rejects("not defined earlier", fn -> {
            Block b = fn.newBlock();
            Node later = new Node(Op.CONST, 8, 1, null, null);
            append(b, fn, Op.SET, 8, 0, later);
            later.id = fn.nextId();
            b.nodes.add(later);
            append(b, fn, Op.EXIT, 0, 0, later);
        });
    }

    @Test
    void useAcrossBlocks() {
        rejects("not defined earlier in b1", fn -> {
            Block b0 = fn.newBlock(), b1 = fn.newBlock();
            Node k = append(b0, fn, Op.CONST, 8, 1);
            Node j = append(b0, fn, Op.JUMP, 0, 0);
            j.target = b1;
            append(b1, fn, Op.EXIT, 0, 0, k);
        });
    }

    @Test
    void missingTerminator() {
        rejects("terminator", fn -> {   // reported as "terminator must be last" for a non-empty block
            Block b = fn.newBlock();
            append(b, fn, Op.SET, 8, 0, append(b, fn, Op.CONST, 8, 1));
        });
        rejects("has no terminator", fn -> fn.newBlock());
    }

    @Test
    void terminatorInTheMiddle() {
        rejects("terminator must be last", fn -> {
            Block b = fn.newBlock();
            Node k = append(b, fn, Op.CONST, 8, 1);
            append(b, fn, Op.EXIT, 0, 0, k);
            append(b, fn, Op.EXIT, 0, 0, k);
        });
    }

    @Test
    void anArgumentWithoutAValue() {
        rejects("argument has no value", fn -> {
            Block b = fn.newBlock();
            Node k = append(b, fn, Op.CONST, 8, 1);
            Node set = append(b, fn, Op.SET, 8, 0, k);
            append(b, fn, Op.EXIT, 0, 0, set);
        });
    }

    @Test
    void badSizesAndSlots() {
        for (Object[] bad : new Object[][] {{Op.LOAD, 3}, {Op.ZEXT, 0}, {Op.BSWAP, 1}, {Op.FADD, 2}, {Op.ROTL, 16}}) {
            Op op = (Op) bad[0];
            int size = (Integer) bad[1];
            rejects("malformed node", fn -> {
                Block b = fn.newBlock();
                Node k = append(b, fn, Op.CONST, 8, 1);
                Node[] args = new Node[op.arity];
                java.util.Arrays.fill(args, k);
                Node n = append(b, fn, op, size, 0, args);
                append(b, fn, Op.EXIT, 0, 0, op.hasValue() ? n : k);
            });
        }
        rejects("malformed node", fn -> {
            Block b = fn.newBlock();
            Node k = append(b, fn, Op.CONST, 8, 1);
            append(b, fn, Op.SET, 8, 4096, k);
            append(b, fn, Op.EXIT, 0, 0, k);
        });
    }

    @Test
    void aJumpOutOfTheFunction() {
        rejects("malformed node", fn -> {
            Block b = fn.newBlock();
            Node j = append(b, fn, Op.JUMP, 0, 0);
            j.target = new IrFunction(0).newBlock();
        });
    }

    @Test
    void anEmptyFunction() {
        rejects("no blocks", fn -> { });
    }
}

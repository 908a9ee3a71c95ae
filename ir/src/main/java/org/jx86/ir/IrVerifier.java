package org.jx86.ir;

import java.util.HashSet;
import java.util.Set;

/** Checks the structural rules of the IR; run after every pass in tests (STYLE.md §6). */
public final class IrVerifier {
    private IrVerifier() {}

    public static void verify(IrFunction fn) {
        if (fn.blocks.isEmpty()) throw fail(fn, "function has no blocks");
        Set<Block> blocks = new HashSet<>(fn.blocks);
        for (Block b : fn.blocks) {
            Set<Node> defined = new HashSet<>();
            for (int i = 0; i < b.nodes.size(); i++) {
                Node n = b.nodes.get(i);
                boolean last = i == b.nodes.size() - 1;
                if (n.op.isTerminator() != last)
                    throw fail(fn, "b" + b.index + ": terminator must be last and only last: " + n);
                int arity = n.op == Op.CALL ? n.helper.valueArgs : n.op.arity;
                if (n.args.length != arity) throw fail(fn, "wrong argument count: " + n);
                for (Node a : n.args) {
                    if (!defined.contains(a)) throw fail(fn, "argument not defined earlier in b" + b.index + ": " + n);
                    if (!a.op.hasValue() || (a.op == Op.CALL && !a.helper.returnsValue))
                        throw fail(fn, "argument has no value: " + n);
                }
                switch (n.op) {
                    case LOAD, STORE -> check(fn, n, n.size == 1 || n.size == 2 || n.size == 4 || n.size == 8);
                    case ZEXT, SEXT, ROTL, ROTR -> check(fn, n, n.size == 1 || n.size == 2 || n.size == 4 || n.size == 8);
                    case BSWAP -> check(fn, n, n.size == 2 || n.size == 4 || n.size == 8);
                    case FADD, FSUB, FMUL, FDIV, FSQRT, I2F, F2F -> check(fn, n, n.size == 4 || n.size == 8);
                    case GET, SET -> check(fn, n, n.c >= 0 && n.c < 4096);
                    case JUMP -> check(fn, n, blocks.contains(n.target));
                    case BRANCH -> check(fn, n, blocks.contains(n.target) && blocks.contains(n.other));
                    default -> { }
                }
                defined.add(n);
            }
            if (b.terminator() == null) throw fail(fn, "b" + b.index + " has no terminator");
        }
    }

    private static void check(IrFunction fn, Node n, boolean ok) {
        if (!ok) throw fail(fn, "malformed node: " + n);
    }

    private static IllegalStateException fail(IrFunction fn, String msg) {
        return new IllegalStateException("IR verification failed: " + msg + "\n" + IrPrinter.format(fn));
    }
}

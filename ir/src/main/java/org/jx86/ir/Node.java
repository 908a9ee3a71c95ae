package org.jx86.ir;

/**
 * One IR instruction and the value it defines. Nodes are in SSA form inside a {@link Block}:
 * every argument is defined earlier in the same block. Values flow between blocks only
 * through guest state slots ({@link Op#GET}/{@link Op#SET}), which the backend keeps in JVM
 * locals, so no phi nodes are needed.
 */
public final class Node {
    private static final Node[] NO_ARGS = new Node[0];

    public final Op op;
    /** Operand width in bytes for ops that take one (LOAD, STORE, ZEXT, SEXT, ROTL, BSWAP, F*). */
    public final int size;
    /** Constant operand: CONST value, GET/SET slot, INSN address, EXIT code. */
    public final long c;
    public final Node[] args;
    public final Helper helper;
    /** Successor blocks of JUMP (target) and BRANCH (target, other). */
    Block target;
    Block other;
    /** Position-independent identity for printing and for interpreter value tables. */
    int id;

    Node(Op op, int size, long c, Node[] args, Helper helper) {
        this.op = op;
        this.size = size;
        this.c = c;
        this.args = args == null ? NO_ARGS : args;
        this.helper = helper;
    }

    public int id() { return id; }
    public Node arg(int i) { return args[i]; }
    public Block target() { return target; }
    public Block other() { return other; }
    public boolean isConst() { return op == Op.CONST; }
    public boolean isConst(long v) { return op == Op.CONST && c == v; }

    @Override
    public String toString() { return IrPrinter.format(this); }
}

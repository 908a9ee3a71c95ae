package org.jx86.ir;

/**
 * Test-only access to IR construction without the builder's folding, so the backend can be
 * tested on every op and size the verifier accepts (e.g. {@code zext.8}, which the builder
 * never emits). Lives in org.jx86.ir to reach the package-private constructor.
 */
public final class RawIr {
    private RawIr() {}

    /** Appends an unfolded node to the builder's current block. */
    public static Node node(IrBuilder b, Op op, int size, long c, Node... args) {
        if (b.terminated()) throw new IllegalStateException("block is terminated");
        Node n = new Node(op, size, c, args, null);
        n.id = b.function().nextId();
        b.block().nodes.add(n);
        return n;
    }
}

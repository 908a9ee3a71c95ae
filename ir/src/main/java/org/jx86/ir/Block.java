package org.jx86.ir;

import java.util.ArrayList;
import java.util.List;

/** A straight-line list of nodes that ends in exactly one terminator (JUMP, BRANCH or EXIT). */
public final class Block {
    final List<Node> nodes = new ArrayList<>();
    int index;

    public List<Node> nodes() { return nodes; }
    public int index() { return index; }

    public Node terminator() {
        if (nodes.isEmpty()) return null;
        Node last = nodes.get(nodes.size() - 1);
        return last.op.isTerminator() ? last : null;
    }
}

package org.jx86.ir;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The optimisation pipeline, in one place (STYLE.md §7). Folding happens in {@link IrBuilder};
 * what remains here needs a whole function.
 */
public final class Passes {
    private Passes() {}

    /** Runs the default pipeline; with verify, checks the IR after every pass. */
    public static void optimize(IrFunction fn, boolean verify) {
        forwardSlots(fn);
        if (verify) IrVerifier.verify(fn);
        deadSlotStores(fn);
        if (verify) IrVerifier.verify(fn);
        deadCode(fn);
        if (verify) IrVerifier.verify(fn);
        fn.renumber();
    }

    /**
     * Within a block, a GET of a slot that was SET or GET earlier in the same block, with
     * no SYNC_STATE helper call in between, is replaced by the known value (guest-register
     * load forwarding).
     */
    public static void forwardSlots(IrFunction fn) {
        for (Block b : fn.blocks) {
            java.util.Map<Long, Node> known = new java.util.HashMap<>();
            java.util.Map<Node, Node> replace = new java.util.HashMap<>();
            List<Node> out = new ArrayList<>(b.nodes.size());
            for (Node n : b.nodes) {
                remapArgs(n, replace);
                if (n.op == Op.GET) {
                    Node k = known.get(n.c);
                    if (k != null) {
                        replace.put(n, k);
                        continue;
                    }
                    known.put(n.c, n);
                } else if (n.op == Op.SET) {
                    known.put(n.c, n.args[0]);
                } else if (n.op == Op.CALL && n.helper.has(Helper.SYNC_STATE)) {
                    known.clear();
                }
                out.add(n);
            }
            b.nodes.clear();
            b.nodes.addAll(out);
        }
    }

    private static void remapArgs(Node n, java.util.Map<Node, Node> replace) {
        if (replace.isEmpty()) return;
        for (int i = 0; i < n.args.length; i++) {
            Node r = replace.get(n.args[i]);
            if (r != null) n.args[i] = r;
        }
    }

    /**
     * Removes a SET whose slot is SET again later in the same block with nothing in
     * between that could observe it: no GET of the slot, no helper that syncs state, and
     * nothing that may fault (a fault must see every earlier store, so exceptions stay
     * precise). This is what kills the flags of most instructions (dead-flag elimination).
     */
    public static void deadSlotStores(IrFunction fn) {
        for (Block b : fn.blocks) {
            java.util.Set<Node> dead = new java.util.HashSet<>();
            java.util.Map<Long, Node> lastSet = new java.util.HashMap<>();
            for (Node n : b.nodes) {
                switch (n.op) {
                    case SET -> {
                        Node prev = lastSet.put(n.c, n);
                        if (prev != null) dead.add(prev);
                    }
                    case GET -> lastSet.remove(n.c);
                    case LOAD, STORE -> lastSet.clear();
                    case CALL -> {
                        if (n.helper.has(Helper.MAY_FAULT) || n.helper.has(Helper.SYNC_STATE)) lastSet.clear();
                    }
                    default -> { }
                }
            }
            if (!dead.isEmpty()) b.nodes.removeIf(dead::contains);
        }
    }

    /** Removes pure nodes and pure helper calls whose values are never used. */
    public static void deadCode(IrFunction fn) {
        fn.renumber();
        BitSet used = new BitSet(fn.idLimit());
        for (int bi = fn.blocks.size() - 1; bi >= 0; bi--) {
            Block b = fn.blocks.get(bi);
            for (int i = b.nodes.size() - 1; i >= 0; i--) {
                Node n = b.nodes.get(i);
                if (!removable(n) || used.get(n.id)) for (Node a : n.args) used.set(a.id);
            }
        }
        for (Block b : fn.blocks) b.nodes.removeIf(n -> removable(n) && !used.get(n.id));
    }

    private static boolean removable(Node n) {
        if (n.op == Op.CALL)   // a helper that may fault must run even when its value is unused
            return n.helper.has(Helper.PURE) && n.helper.returnsValue && !n.helper.has(Helper.MAY_FAULT);
        return n.op.removableIfUnused();
    }
}

package org.jx86.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A unit of translation: one guest basic block (tier 1) or a region of blocks with loops
 * (tier 2). Block 0 is the entry.
 */
public final class IrFunction {
    final List<Block> blocks = new ArrayList<>();
    /** Guest address of the first instruction; used for naming and profiling. */
    public final long guestEntry;
    private int nextId;
    /**
     * For a guest block that ends in a CALL: the return address it pushed (the address after
     * the call). 0 otherwise. Region forming links calls instead of following them.
     */
    public long callReturn;
    /** True for a guest block that ends in a RET (its exit goes wherever the stack says). */
    public boolean endsInReturn;
    /** True for a tier-2 region made by {@link RegionBuilder} (its class is named R_, not T_). */
    public boolean region;

    public IrFunction(long guestEntry) { this.guestEntry = guestEntry; }

    public List<Block> blocks() { return Collections.unmodifiableList(blocks); }
    public Block entry() { return blocks.get(0); }

    public Block newBlock() {
        Block b = new Block();
        b.index = blocks.size();
        blocks.add(b);
        return b;
    }

    int nextId() { return nextId++; }

    /** Upper bound of node ids, for tables indexed by {@link Node#id()}. */
    public int idLimit() { return nextId; }

    /** Renumbers node ids densely in block order (after passes delete nodes). */
    public void renumber() {
        int id = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            b.index = i;
            for (Node n : b.nodes) n.id = id++;
        }
        nextId = id;
    }

    /** Removes blocks for which keep is false and renumbers; callers ensure no branch targets them. */
    void retainBlocks(java.util.function.Predicate<Block> keep) {
        blocks.removeIf(b -> !keep.test(b));
        renumber();
    }

    /** Every slot read or written by the function, for the backend's local allocation. */
    public java.util.BitSet slotsUsed() {
        java.util.BitSet s = new java.util.BitSet();
        for (Block b : blocks)
            for (Node n : b.nodes)
                if (n.op == Op.GET || n.op == Op.SET) s.set((int) n.c);
        return s;
    }

    /** Every slot written by the function: what exits write back. */
    public java.util.BitSet slotsWritten() {
        java.util.BitSet s = new java.util.BitSet();
        for (Block b : blocks)
            for (Node n : b.nodes)
                if (n.op == Op.SET) s.set((int) n.c);
        return s;
    }

    /** Number of guest instructions (INSN markers). */
    public int guestInsnCount() {
        int k = 0;
        for (Block b : blocks) for (Node n : b.nodes) if (n.op == Op.INSN) k++;
        return k;
    }

    @Override
    public String toString() { return IrPrinter.format(this); }
}

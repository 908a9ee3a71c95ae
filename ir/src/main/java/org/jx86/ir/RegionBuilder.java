package org.jx86.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stitches freshly lifted guest blocks into one tier-2 region (DESIGN.md §3): an exit to a
 * guest address whose block is in the region becomes a jump to that block, so guest loops
 * become loops of the IR (and JVM loops in the generated method); every other exit stays an
 * exit to the dispatcher.
 *
 * <ul>
 *   <li>{@code EXIT(c)} with c in the region: {@code JUMP}.</li>
 *   <li>{@code EXIT(SELECT(cond, c1, c2))} (a conditional branch) with c1 or c2 in the
 *       region: {@code BRANCH(cond, ...)}, the side outside the region going to a new block
 *       that exits there. The compare that made cond is then used directly by the branch.</li>
 *   <li>{@code EXIT(x)} with x computed (return, indirect jump or call) and candidate
 *       targets known from profiling: a chain of guarded jumps, {@code x == t ? block(t) :
 *       ...}, ending in the original exit. A guard is always correct, whatever x is.</li>
 * </ul>
 * Exits with a non-zero exit code (system calls, traps) are left alone. A CALL may instead be
 * <em>linked</em>: the callee's own translation is run from here, and the region goes on at
 * the return address when the callee came back to it (see {@link #stitch(List, int, Helper)}).
 *
 * <p>The parts are moved, not copied: they must not be used afterwards.
 */
public final class RegionBuilder {
    private RegionBuilder() {}

    /**
     * One lifted guest block and, for a computed exit, the guest addresses it was seen to go
     * to. For a block that ends in a CALL ({@link IrFunction#callReturn} set) that is to be
     * linked rather than followed, indirectTargets are the callees and callSites the link
     * ids made for them (same order).
     */
    public record Part(IrFunction fn, long[] indirectTargets, long[] callSites) {
        public Part(IrFunction fn, long[] indirectTargets) { this(fn, indirectTargets, null); }
    }

    /**
     * Builds the region; parts.get(0) is its entry. Block i of the result is part i's block.
     * scratchSlot is a guest state slot nothing else keeps live across blocks.
     */
    public static IrFunction stitch(List<Part> parts, int scratchSlot) { return stitch(parts, scratchSlot, null); }

    /**
     * As {@link #stitch(List, int)}; a call with link ids (see {@link Part}) becomes
     * {@code ok = callLink(site, ret); ok ? <return site> : EXIT(scratch)}: callLink runs
     * the callee's translation and returns 1 if it came back to the return address, else 0
     * with the address to go on at in scratchSlot. The return site is a jump when its block
     * is in the region.
     */
    public static IrFunction stitch(List<Part> parts, int scratchSlot, Helper callLink) {
        IrFunction region = new IrFunction(parts.get(0).fn().guestEntry);
        region.region = true;
        Map<Long, Block> entryOf = new java.util.HashMap<>();
        List<Block> moved = new ArrayList<>();
        for (Part p : parts) {
            if (p.fn().blocks.size() != 1)
                throw new IllegalArgumentException("a region part must be one block: " + p.fn());
            Block b = p.fn().blocks.get(0);
            region.blocks.add(b);
            moved.add(b);
            entryOf.putIfAbsent(p.fn().guestEntry, b);
        }
        region.renumber();
        IrBuilder ir = new IrBuilder(region);
        for (int i = 0; i < moved.size(); i++) {
            Block b = moved.get(i);
            Node t = b.terminator();
            if (t == null || t.op != Op.EXIT || t.c != 0) continue;
            Node target = t.args[0];
            Part part = parts.get(i);
            if (part.callSites() != null && part.fn().callReturn != 0 && callLink != null) {
                b.nodes.remove(b.nodes.size() - 1);
                linkCall(ir, b, target, part, entryOf.get(part.fn().callReturn), scratchSlot, callLink);
            } else if (target.isConst()) {
                Block to = entryOf.get(target.c);
                if (to == null) continue;
                b.nodes.remove(b.nodes.size() - 1);
                ir.setBlock(b);
                ir.jump(to);
            } else if (target.op == Op.SELECT && target.args[1].isConst() && target.args[2].isConst()) {
                Block yes = entryOf.get(target.args[1].c), no = entryOf.get(target.args[2].c);
                if (yes == null && no == null) continue;
                b.nodes.remove(b.nodes.size() - 1);
                if (yes == null) yes = exitBlock(ir, target.args[1].c);
                if (no == null) no = exitBlock(ir, target.args[2].c);
                ir.setBlock(b);
                ir.branch(target.args[0], yes, no);
            } else {
                long[] seen = parts.get(i).indirectTargets();
                if (seen == null) continue;
                List<Block> to = new ArrayList<>();
                List<Long> addr = new ArrayList<>();
                for (long s : seen) {
                    Block x = entryOf.get(s);
                    if (x != null && !addr.contains(s)) {
                        to.add(x);
                        addr.add(s);
                    }
                }
                if (to.isEmpty()) continue;
                b.nodes.remove(b.nodes.size() - 1);
                guardChain(ir, b, target, to, addr, scratchSlot);
            }
        }
        region.renumber();
        return region;
    }

    /**
     * From b: {@code x == a0 ? to0 : x == a1 ? to1 : ... : EXIT(x)}. Values never outlive
     * their block, so x travels down the chain in the scratch slot.
     */
    private static void guardChain(IrBuilder ir, Block b, Node x, List<Block> to, List<Long> addr, int scratch) {
        ir.setBlock(b);
        ir.set(scratch, x);
        Node v = x;
        for (int k = 0; k < to.size(); k++) {
            Block next = ir.newBlock();
            ir.branch(ir.eq(v, ir.konst(addr.get(k))), to.get(k), next);
            ir.setBlock(next);
            v = ir.get(scratch);
        }
        ir.exit(v, 0);
    }

    /** From b: the guarded linked calls of a CALL part (one per known callee), then the return site. */
    private static void linkCall(IrBuilder ir, Block b, Node x, Part part, Block retBlock, int scratch, Helper callLink) {
        long ret = part.fn().callReturn;
        Block cont = retBlock != null ? retBlock : exitBlock(ir, ret);
        Block out = ir.newBlock();
        ir.setBlock(out);
        ir.exit(ir.get(scratch), 0);
        long[] callees = part.indirectTargets(), sites = part.callSites();
        ir.setBlock(b);
        if (x.isConst()) {
            for (int k = 0; k < callees.length; k++) {
                if (callees[k] != x.c) continue;
                ir.branch(ir.call(callLink, ir.konst(sites[k]), ir.konst(ret)), cont, out);
                return;
            }
            ir.exit(x, 0);
            return;
        }
        ir.set(scratch, x);
        Node v = x;
        for (int k = 0; k < callees.length; k++) {
            Block call = ir.newBlock(), next = ir.newBlock();
            ir.branch(ir.eq(v, ir.konst(callees[k])), call, next);
            ir.setBlock(call);
            ir.branch(ir.call(callLink, ir.konst(sites[k]), ir.konst(ret)), cont, out);
            ir.setBlock(next);
            v = ir.get(scratch);
        }
        ir.exit(v, 0);
    }

    private static Block exitBlock(IrBuilder ir, long address) {
        Block e = ir.newBlock();
        ir.setBlock(e);
        ir.exit(ir.konst(address), 0);
        return e;
    }
}

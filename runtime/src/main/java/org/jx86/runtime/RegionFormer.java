package org.jx86.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jx86.ir.IrFunction;
import org.jx86.ir.Node;
import org.jx86.ir.Op;
import org.jx86.ir.Passes;
import org.jx86.ir.RegionBuilder;
import org.jx86.jit.BytecodeCompiler;
import org.jx86.jit.CompiledBlock;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;

/**
 * Tier 2 (DESIGN.md §3): grows a region from a hot block and compiles it into one JVM method.
 *
 * <p>Starting at the hot block, a breadth-first walk follows each block's successors: the
 * constant targets of jumps, both sides of conditional branches, and for returns, indirect
 * jumps and calls the targets the dispatcher recorded in the block's successor links (free
 * edge profiling). Only blocks that have run (they have a translation) join, so cold paths
 * stay exits; the walk stops at {@link #MAX_BLOCKS} blocks, {@link #MAX_INSNS} guest
 * instructions or {@link #MAX_PAGES} guest pages. The blocks are lifted again, stitched by
 * {@link RegionBuilder} (exits into the region become jumps, so guest loops become JVM
 * loops), optimised and compiled. If the method would be too large for HotSpot to compile,
 * the last quarter of the blocks (those found last, farthest from the entry) is dropped and it tries again.
 *
 * <p>The region then replaces the hot block's translation in the code cache; the dispatcher
 * picks it up at its next lookup of that address, without stopping the guest.
 */
final class RegionFormer {
    /** Most guest blocks in a region. */
    static final int MAX_BLOCKS = Integer.getInteger("jx86.region.blocks", 48);
    /** Most guest instructions in a region (HotSpot's 8000-byte method limit is checked too). */
    static final int MAX_INSNS = Integer.getInteger("jx86.region.insns", 400);
    /**
     * Most bytecode in a region's method: under HotSpot's 8000-byte compile limit, and
     * smaller still because C2's compile time grows faster than linearly with method size
     * (about 1 s of C2 time for an 8000-byte region on this machine).
     */
    static final int MAX_BYTECODE = Math.min(BytecodeCompiler.HUGE_METHOD_LIMIT, Integer.getInteger("jx86.region.bytes", 3000));
    /** Most guest pages a region's code may come from. */
    static final int MAX_PAGES = Integer.getInteger("jx86.region.pages", 4);

    private static final boolean DEBUG = Boolean.getBoolean("jx86.debugRegions");

    private final Translator translator;
    private final CodeCache cache;
    /** The call sites of the regions made here. */
    final CallLinks.Table links = new CallLinks.Table(this);
    long formed, tooLarge, failed;
    /** Bytecode length of the last region method generated (how far over the limit it was; racing threads only misjudge a shrink). */
    private final int[] lastSize = new int[1];

    /** Linked calls on: a region stops at CALLs and RETs; see {@link CallLinks}. */
    private final boolean linkCalls;

    RegionFormer(Translator translator, CodeCache cache, boolean linkCalls) {
        this.translator = translator;
        this.cache = cache;
        this.linkCalls = linkCalls;
    }

    /**
     * One block chosen for the region: its address and, for a computed exit, the targets
     * seen; for a linked CALL (call = true), the callees.
     */
    private record Member(long rip, long[] indirect, boolean call) {}


    CodeCache cache() { return cache; }

    Translator translator() { return translator; }

    /**
     * Forms, compiles and publishes the region that starts at hot; returns it, or null when
     * no region worth having (more than one block, or a loop) came out.
     */
    Translation promote(Cpu cpu, Translation hot) { return promote(cpu, hot, false); }

    /**
     * A region for the function whose entry block is hot, for {@link CallLinks}: as
     * {@link #promote}, but a region without a loop is worth having too (the callers' links
     * save a trip through the dispatcher for every block of the function).
     */
    Translation promoteFunction(Cpu cpu, Translation hot) { return promote(cpu, hot, true); }

    /** Times a region is re-formed at most (each makes a new class for C2 to compile). */
    static final int MAX_GENERATIONS = Integer.getInteger("jx86.region.generations", 3);

    /**
     * Forms region again from its entry, now that blocks it left for have run and can join
     * (a region is grown only from blocks that have run, so paths first taken after it was
     * made are exits). Returns the new region, or null when it may not grow again or came
     * out no different.
     */
    Translation reform(Cpu cpu, Translation region) {
        if (!region.isRegion() || !region.valid || region.generation >= MAX_GENERATIONS) return null;
        region.generation++; // no second try for this one, whatever happens
        Translation r = promote(cpu, region, true);
        if (r != null) r.generation = region.generation;
        return r;
    }

    private Translation promote(Cpu cpu, Translation hot, boolean function) {
        List<Member> members = choose(cpu, hot);
        if (DEBUG) System.err.printf("jx86: region candidate 0x%x: %d blocks%n", hot.rip, members.size());
        while (!members.isEmpty()) {
            Translation r;
            try {
                r = build(cpu, hot, members, function);
            } catch (RuntimeException e) {
                // A region is an optimisation: if making one fails, tier 1 keeps running the
                // code. With checks on (tests), the failure is reported instead.
                if (translator.checks() || DEBUG) throw e;
                failed++;
                return null;
            }
            if (r == NOT_WORTH_IT) {
                if (DEBUG) System.err.printf("jx86: region 0x%x: not worth it (no loop)%n", hot.rip);
                return null;
            }
            if (r != null) {
                if (DEBUG) System.err.printf("jx86: region 0x%x: %d blocks, %d insns%n", hot.rip, members.size(), r.regionInsns);
                formed++;
                cache.replace(hot, r);
                return r;
            }
            tooLarge++;
            if (DEBUG) System.err.printf("jx86: region 0x%x: %d blocks too large%n", hot.rip, members.size());
            if (members.size() == 1) break;
            // Drop the blocks found last (farthest from the entry): at least a quarter, or as
            // many as the overshoot suggests, so a large region takes few attempts.
            int n = members.size();
            int keep = (int) Math.min(n * 3L / 4, lastSize[0] == Integer.MAX_VALUE ? n / 4 : (long) n * MAX_BYTECODE * 9 / 10 / lastSize[0]);
            members = members.subList(0, Math.max(1, keep));
        }
        return null;
    }

    /** The tier-1 translation that describes the block at rip, or null if it never ran. */
    private Translation blockAt(long rip) {
        Translation t = cache.get(rip);
        if (t == null || !t.valid) return null;
        return t.isRegion() ? t.tier1 : t;
    }

    private List<Member> choose(Cpu cpu, Translation hot) {
        Map<Long, Member> chosen = new LinkedHashMap<>();
        List<Long> pages = new ArrayList<>();
        ArrayDeque<Long> work = new ArrayDeque<>();
        work.add(hot.rip);
        int insns = 0;
        while (!work.isEmpty() && chosen.size() < MAX_BLOCKS) {
            long rip = work.poll();
            if (chosen.containsKey(rip)) continue;
            Translation t = rip == hot.rip ? (hot.isRegion() ? hot.tier1 : hot) : blockAt(rip);
            if (t == null) continue;
            IrFunction fn;
            try {
                fn = translator.liftBlock(cpu, rip);
            } catch (GuestFault f) {
                continue; // unmapped since it ran: leave it to the dispatcher
            }
            long end = translator.lastEnd();
            int n = fn.guestInsnCount();
            if (insns + n > MAX_INSNS) break;
            List<Long> newPages = new ArrayList<>();
            for (long p = rip >>> 12; p <= (end - 1) >>> 12; p++) if (!pages.contains(p)) newPages.add(p);
            if (pages.size() + newPages.size() > MAX_PAGES) continue;
            pages.addAll(newPages);
            insns += n;
            long[] indirect = null;
            boolean call = false;
            Node exit = fn.entry().terminator();
            if (exit != null && exit.op == Op.EXIT && exit.c == 0 && linkCalls && fn.callReturn != 0) {
                // link the call and go on at the return site, instead of following the callee
                Node target = exit.arg(0);
                indirect = target.isConst() ? new long[] {target.c} : seenTargets(t);
                call = true;
                work.add(fn.callReturn);
            } else if (exit != null && exit.op == Op.EXIT && exit.c == 0 && linkCalls && fn.endsInReturn) {
                // a return leaves: the caller's link goes on at its return site
            } else if (exit != null && exit.op == Op.EXIT && exit.c == 0) {
                Node target = exit.arg(0);
                if (target.isConst()) {
                    work.add(target.c);
                } else if (target.op == Op.SELECT && target.arg(1).isConst() && target.arg(2).isConst()) {
                    work.add(target.arg(1).c);
                    work.add(target.arg(2).c);
                } else {
                    indirect = seenTargets(t);
                    for (long s : indirect) work.add(s);
                }
            }
            chosen.put(rip, new Member(rip, indirect, call));
        }
        return new ArrayList<>(chosen.values());
    }

    /** A new link site for each callee, or null (no linking) when the site table is full. */
    private long[] sitesFor(long[] callees) {
        long[] ids = new long[callees.length];
        for (int i = 0; i < ids.length; i++) if ((ids[i] = links.register(callees[i])) < 0) return null;
        return ids;
    }

    /** The successors the dispatcher linked from t (its last two distinct ones). */
    private static long[] seenTargets(Translation t) {
        Translation a = t.link0, b = t.link1;
        if (a != null && b != null && a.rip != b.rip) return new long[] {a.rip, b.rip};
        if (a != null) return new long[] {a.rip};
        if (b != null) return new long[] {b.rip};
        return new long[0];
    }

    static final boolean LOOPS_ONLY = !Boolean.getBoolean("jx86.region.any");

    /** True if some jump or branch of fn goes backwards: the region holds a guest loop. */
    private static boolean hasLoop(IrFunction fn) {
        for (org.jx86.ir.Block b : fn.blocks()) {
            Node t = b.terminator();
            if (t == null) continue;
            if (t.op == Op.JUMP && t.target().index() <= b.index()) return true;
            if (t.op == Op.BRANCH && (t.target().index() <= b.index() || t.other().index() <= b.index())) return true;
        }
        return false;
    }

    /** What {@link #build} returns for a lone block that does not even loop: tier 1 already has it. */
    private static final Translation NOT_WORTH_IT = new Translation(0, 1, null, null);

    private Translation build(Cpu cpu, Translation hot, List<Member> members, boolean function) {
        List<RegionBuilder.Part> parts = new ArrayList<>();
        List<Long> pages = new ArrayList<>();
        for (Member m : members) {
            IrFunction fn;
            try {
                fn = translator.liftBlock(cpu, m.rip());
            } catch (GuestFault f) {
                return null;
            }
            long end = translator.lastEnd();
            for (long p = m.rip() >>> 12; p <= (end - 1) >>> 12; p++) if (!pages.contains(p)) pages.add(p);
            parts.add(m.call() ? new RegionBuilder.Part(fn, m.indirect(), sitesFor(m.indirect()))
                : new RegionBuilder.Part(fn, m.indirect()));
        }
        IrFunction region = RegionBuilder.stitch(parts, CallLinks.EXIT_SLOT, CallLinks.ENTER);
        if (LOOPS_ONLY && !function && !hasLoop(region)) return NOT_WORTH_IT;
        if (region.blocks().size() == 1 && region.entry().terminator().op == Op.EXIT) return NOT_WORTH_IT;
        Passes.optimize(region, translator.checks());
        int insns = region.guestInsnCount();
        CompiledBlock code = translator.compileRegion(region, lastSize);
        if (DEBUG) System.err.println(region + "\n" + translator.listing(region));
        if (code == null) return null;
        long[] p = new long[pages.size()];
        for (int i = 0; i < p.length; i++) p[i] = pages.get(i);
        Translation r = new Translation(hot.rip, hot.end, code, region, p, Math.max(1, insns));
        r.tier1 = hot.isRegion() ? hot.tier1 : hot;
        r.blockRips = members.stream().mapToLong(Member::rip).toArray();
        return r;
    }
}

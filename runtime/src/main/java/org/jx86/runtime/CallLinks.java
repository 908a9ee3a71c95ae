package org.jx86.runtime;

import org.jx86.ir.Helper;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;

/**
 * Linked calls: a tier-2 region runs the translation of a function it calls directly, as a
 * JVM call, instead of leaving for the dispatcher at the CALL and coming back at the RET.
 * The callee is the function's own region (or, for a one-block function, its tier-1 block),
 * so one translation of strlen serves every caller. When the callee returns to the return
 * address the caller goes on in place, with its registers reloaded; otherwise (it left for
 * the dispatcher midway, made a system call, or a longjmp went elsewhere) the caller leaves
 * for the address the callee stopped at. Either way the guest state is exactly what the
 * dispatcher would have had, so linking never changes what the guest sees. A callee region
 * that leaves for other compiled code (a loop or tail of the function that did not fit in
 * it) goes on there within the call, while nothing (a signal, a code write, a TLB change) asks for the
 * dispatcher.
 *
 * <p>Call sites are numbered per code cache ({@link Table}); a site finds its callee in that
 * cache when first used and again after the callee is invalidated.
 */
public final class CallLinks {
    private CallLinks() {}

    /** The helper regions call at a linked CALL. */
    static final Helper ENTER = Helper.of(CallLinks.class, "enter", Helper.OWN_FAULTS);
    /** Where {@link #enter} leaves the address to go on at when it returns 0. */
    static final int EXIT_SLOT = Slots.SCRATCH3;
    /** Linked calls nested deeper than this leave for the dispatcher (bounds the JVM stack). */
    static final int MAX_DEPTH = 40;
    /** Calls through a site before it asks for a function region for its callee. */
    static final int PROMOTE_AFTER = 1000;
    /** Runs of a callee region that stop short of returning before it is re-formed. */
    static final long REFORM_AFTER = 1000;
    /** Regions run one after another inside one linked call before it gives up on returning. */
    static final int MAX_HOPS = 16;
    /** Most sites one process image makes; after that its regions leave at their calls. */
    static final int MAX_SITES = 1 << 16;

    private static final boolean DEBUG = Boolean.getBoolean("jx86.debugRegions");

    /**
     * The call sites of one code cache's regions, numbered from 0. The dispatcher puts its
     * table in {@link Cpu#linkTable} before running guest code, so generated code names a
     * site by number, and the table (with every translation it reaches) goes when the
     * process image does.
     */
    static final class Table {
        final RegionFormer former;
        private Site[] sites = new Site[64];
        private int count;

        Table(RegionFormer former) {
            this.former = former;
            if (DEBUG) Runtime.getRuntime().addShutdownHook(new Thread(this::dump));
        }

        /** A new site calling target; its number, or -1 when there are too many. */
        synchronized long register(long target) {
            if (count >= MAX_SITES) return -1;
            if (count == sites.length) sites = java.util.Arrays.copyOf(sites, sites.length * 2);
            sites[count] = new Site(target);
            return count++;
        }

        synchronized Site site(long n) { return sites[(int) n]; }

        /** Sites linked to a callee now (tests, debugging). */
        synchronized int linked() {
            int n = 0;
            for (int i = 0; i < count; i++) if (sites[i].callee != null) n++;
            return n;
        }

        private synchronized void dump() {
            for (int i = 0; i < count; i++) {
                Site s = sites[i];
                System.err.printf("jx86: call site %d -> 0x%x: %s%s strays %s%n", i, s.target,
                    s.callee == null ? "unlinked" : s.callee.isRegion() ? "region" : "block", s.hopeless ? " hopeless" : "",
                    s.strays.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(4)
                        .map(e -> String.format("0x%x:%d", e.getKey(), e.getValue())).toList());
            }
        }
    }

    /** One call site of one region: the callee's address and, once found, its translation. */
    static final class Site {
        final long target;
        Translation callee;
        int misses;
        boolean hopeless;
        final java.util.Map<Long, Long> strays = DEBUG ? new java.util.concurrent.ConcurrentHashMap<>() : null;

        /** Regions the callee was seen to continue in (two, replaced in turn), and the last address that had none. */
        private Translation onward0, onward1;
        private long noRegionAt = -1;

        Site(long target) { this.target = target; }

        /** The compiled translation at addr the callee went on to, or null if there is none. */
        Translation onward(long addr, RegionFormer former) {
            Translation o = onward0;
            if (o != null && o.rip == addr && o.valid) return o;
            o = onward1;
            if (o != null && o.rip == addr && o.valid) return o;
            if (addr == noRegionAt) return null;
            o = former.cache().get(addr);
            if (o == null || !o.valid || o.code == null) {
                noRegionAt = addr;
                return null;
            }
            onward1 = onward0;
            onward0 = o;
            return o;
        }
    }

    /**
     * Runs the callee of site with the guest state in cpu (the CALL has pushed ret). Returns 1
     * when it came back to ret with nothing for the dispatcher to do; else 0, with the address
     * to continue at in {@link #EXIT_SLOT}. A guest fault passes through with the callee's
     * precise state.
     */
    public static long enter(Cpu cpu, long site, long ret) {
        Table table = (Table) cpu.linkTable;
        Site s = table.sites[(int) site]; // unsynchronised: a site, once published, never moves
        Translation t = s.callee;
        if (t == null || !t.valid) {
            t = resolve(cpu, table.former, s);
            if (t == null) return leave(cpu, s.target);
        }
        if (cpu.callDepth >= MAX_DEPTH) return leave(cpu, s.target);
        cpu.callDepth++;
        long next;
        try {
            next = t.code.run(cpu);
            // The callee's region may leave for more of the same function (a loop or a tail that
            // did not fit in it): run that too, as long as nothing asks for the dispatcher.
            for (int hops = 0; next != ret && hops < MAX_HOPS && cpu.exitCode == 0 && cpu.exitRequest == 0
                    && cpu.events == 0 && cpu.tlb.generation == cpu.memory.generation(); hops++) {
                Translation n = s.onward(next, table.former);
                if (n == null) break;
                next = n.code.run(cpu);
            }
        } finally {
            cpu.callDepth--;
        }
        if (next == ret && cpu.exitCode == 0) return 1;
        if (DEBUG) s.strays.merge(next, 1L, Long::sum);
        if (++t.strays == REFORM_AFTER) table.former.reform(cpu, t); // sites find the new one when t turns invalid
        return leave(cpu, next);
    }

    private static long leave(Cpu cpu, long next) {
        cpu.s[EXIT_SLOT] = next;
        return 0;
    }

    /**
     * The callee's translation to link, or null to leave this time: a region, or a compiled
     * one-block function. A multi-block callee that has no region yet gets one made after
     * {@link #PROMOTE_AFTER} calls; if none can be made the site gives up.
     */
    private static Translation resolve(Cpu cpu, RegionFormer former, Site s) {
        if (s.callee != null) { // invalidated: look again
            s.callee = null;
            s.misses = 0;
            s.hopeless = false;
        }
        if (s.hopeless) return null;
        Translation t = former.cache().get(s.target);
        if (t == null || !t.valid) return null;
        if (!t.isRegion()) {
            if (t.ir != null && t.ir.endsInReturn) { // a one-block function: tier 1 returns at its RET
                if (t.code == null) former.translator().compile(t);
            } else {
                if (++s.misses < PROMOTE_AFTER) return null;
                t = former.promoteFunction(cpu, t);
                if (t == null) {
                    s.hopeless = true;
                    return null;
                }
            }
        }
        s.callee = t;
        return t;
    }
}

package org.jx86.runtime;

import org.jx86.ir.IrInterpreter;
import org.jx86.jit.CompiledBlock;
import org.jx86.jit.CpuEnv;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.ExitCode;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.sse.Mxcsr;

/**
 * The dispatcher: find or make the translation for the current address, run it, act on
 * how it exited, repeat. The JVM stack never grows with guest control flow. Successor
 * links and a per-thread jump cache keep most lookups off the shared code cache.
 */
public final class Engine {
    private static final int JUMP_CACHE_BITS = 12;

    private final SyscallHandler syscalls;
    private final GuestEvents events;
    private final EngineOptions opts;
    private final CodeCache cache;
    private final Translator translator;
    private final RegionFormer regions;
    /** Profiler or -d logging; null when off (then no other cost). */
    private final ExecutionListener listener;
    public final Stats stats = new Stats();

    public Engine(SyscallHandler syscalls, EngineOptions opts) { this(syscalls, opts, GuestEvents.NONE); }

    public Engine(SyscallHandler syscalls, EngineOptions opts, GuestEvents events) {
        this.syscalls = syscalls;
        this.events = events;
        this.opts = opts;
        this.cache = new CodeCache(opts.codeCacheLimit);
        this.translator = new Translator(opts);
        this.regions = new RegionFormer(translator, cache, opts.linkCalls);
        this.listener = opts.listener;
    }

    public CodeCache cache() { return cache; }

    RegionFormer regionFormer() { return regions; }

    /**
     * Runs the vCPU until the guest exits (the personality throws) or dies of a fault
     * ({@link GuestCrash}).
     */
    public void run(Cpu cpu) {
        if (cpu.memory instanceof AddressSpace as) as.setCodeWriteListener(cache);
        cpu.linkTable = regions.links;
        Translation[] jump = new Translation[1 << JUMP_CACHE_BITS];
        long jumpEpoch = cache.epoch();
        CpuEnv env = new CpuEnv(cpu);
        boolean mixed = opts.tier == Tier.MIXED;
        long regionAt = opts.tier == Tier.INTERP || opts.regionThreshold <= 0 ? -1 : opts.regionThreshold;
        Translation prev = null;
        boolean viaLink0 = false;
        ExecutionListener.Probe probe = listener != null ? listener.started(cpu) : null;
        while (true) {
            long g = cpu.memory.generation();
            if (cpu.tlb.generation != g) {
                cpu.tlb.flush();
                cpu.tlb.generation = g;
            }
            if (cpu.exitRequest != 0) cpu.exitRequest = 0; // we are back: what it asked for happens below
            if (cpu.events != 0) { // signals to deliver (their poster also sets exitRequest, for regions)
                events.pending(cpu);
                prev = null;
            }
            long rip = cpu.rip;
            long e = cache.epoch();
            if (e != jumpEpoch) {
                java.util.Arrays.fill(jump, null);
                jumpEpoch = e;
                prev = null;
            }
            Translation t = null;
            if (prev != null) {
                Translation l = prev.link0;
                if (l != null && l.rip == rip && l.valid) t = l;
                else if ((l = prev.link1) != null && l.rip == rip && l.valid) t = l;
            }
            if (t == null) {
                int slot = (int) (rip ^ (rip >>> JUMP_CACHE_BITS)) & ((1 << JUMP_CACHE_BITS) - 1);
                t = jump[slot];
                if (t == null || t.rip != rip || !t.valid) {
                    t = lookupOrTranslate(cpu, rip);
                    if (t == null) { // fetch fault delivered to a guest handler
                        prev = null;
                        continue;
                    }
                    jump[slot] = t;
                }
                if (prev != null) link(prev, t);
            }
            if (probe != null) probe.executing(t);
            long next;
            try {
                if (++t.execCount >= opts.jitThreshold && mixed && t.code == null) translator.compile(t);
                if (t.execCount == regionAt) t = promote(cpu, t, prev);
                CompiledBlock code = t.code;
                next = code != null ? code.run(cpu) : IrInterpreter.run(t.ir, env);
            } catch (GuestFault f) {
                stats.faults++;
                cpu.s[Slots.MXCSR] = Mxcsr.afterFault(f, cpu.s[Slots.MXCSR]);
                if (events.fault(cpu, f)) {
                    prev = null;
                    continue;
                }
                throw new GuestCrash(Signals.forFault(f), f, cpu.rip);
            }
            cpu.rip = next;
            prev = t;
            int code = cpu.exitCode;
            if (code != ExitCode.NONE) {
                cpu.exitCode = ExitCode.NONE;
                if (code == ExitCode.SYSCALL) {
                    stats.syscalls++;
                    syscalls.syscall(cpu);
                    prev = null;
                }
            }
        }
    }

    /** Grows a tier-2 region from hot (see {@link RegionFormer}); returns what to run now. */
    private Translation promote(Cpu cpu, Translation hot, Translation from) {
        if (hot.isRegion()) return hot;
        if (from != null && from.isRegion() && from.valid) {
            // A region keeps leaving for this block: make it again with the block inside.
            Translation again = regions.reform(cpu, from);
            if (again != null) {
                stats.regions++;
                if (again.covers(hot.rip)) return hot;
            }
        }
        Translation r = regions.promote(cpu, hot);
        if (r == null) return hot;
        stats.regions++;
        return r;
    }

    private static void link(Translation from, Translation to) {
        if (from.link0 == null || !from.link0.valid) from.link0 = to;
        else if (from.link0 != to) from.link1 = to;
    }

    /** The translation for rip, or null when fetching it faulted and the fault went to a guest handler. */
    private Translation lookupOrTranslate(Cpu cpu, long rip) {
        Translation t = cache.get(rip);
        if (t != null) return t;
        try {
            t = translator.translate(cpu, rip);
        } catch (GuestFault f) {
            // Fetching the first instruction faulted: the fault belongs to that address.
            stats.faults++;
            cpu.rip = rip;
            if (events.fault(cpu, f)) return null;
            throw new GuestCrash(Signals.forFault(f), f, rip);
        }
        stats.translations++;
        if (listener != null) listener.translated(cpu, t);
        cache.put(t);
        return t;
    }
}

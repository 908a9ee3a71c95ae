package org.jx86.runtime;

import org.jx86.ir.IrInterpreter;
import org.jx86.jit.CompiledBlock;
import org.jx86.jit.CpuEnv;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.ExitCode;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.mem.AddressSpace;

/**
 * The dispatcher: find or make the translation for the current address, run it, act on
 * how it exited, repeat. The JVM stack never grows with guest control flow. Successor
 * links and a per-thread jump cache keep most lookups off the shared code cache.
 */
public final class Engine {
    private static final int JUMP_CACHE_BITS = 12;

    private final SyscallHandler syscalls;
    private final EngineOptions opts;
    private final CodeCache cache = new CodeCache();
    private final Translator translator;
    public final Stats stats = new Stats();

    public Engine(SyscallHandler syscalls, EngineOptions opts) {
        this.syscalls = syscalls;
        this.opts = opts;
        this.translator = new Translator(opts);
    }

    public CodeCache cache() { return cache; }

    /**
     * Runs the vCPU until the guest exits (the personality throws) or dies of a fault
     * ({@link GuestCrash}).
     */
    public void run(Cpu cpu) {
        if (cpu.memory instanceof AddressSpace as) as.setCodeWriteListener(cache);
        Translation[] jump = new Translation[1 << JUMP_CACHE_BITS];
        long jumpEpoch = cache.epoch();
        CpuEnv env = new CpuEnv(cpu);
        boolean mixed = opts.tier == Tier.MIXED;
        Translation prev = null;
        boolean viaLink0 = false;
        while (true) {
            if (cpu.interruptRequest != 0) syscalls.interrupt(cpu);
            long g = cpu.memory.generation();
            if (cpu.tlb.generation != g) {
                cpu.tlb.flush();
                cpu.tlb.generation = g;
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
                    jump[slot] = t;
                }
                if (prev != null) link(prev, t);
            }
            long next;
            try {
                if (++t.execCount >= opts.jitThreshold && mixed && t.code == null) translator.compile(t);
                CompiledBlock code = t.code;
                next = code != null ? code.run(cpu) : IrInterpreter.run(t.ir, env);
            } catch (GuestFault f) {
                stats.faults++;
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

    private static void link(Translation from, Translation to) {
        if (from.link0 == null || !from.link0.valid) from.link0 = to;
        else if (from.link0 != to) from.link1 = to;
    }

    private Translation lookupOrTranslate(Cpu cpu, long rip) {
        Translation t = cache.get(rip);
        if (t != null) return t;
        try {
            t = translator.translate(cpu, rip);
        } catch (GuestFault f) {
            // Fetching the first instruction faulted: the fault belongs to that address.
            stats.faults++;
            throw new GuestCrash(Signals.forFault(f), f, rip);
        }
        stats.translations++;
        cache.put(t);
        return t;
    }
}

package org.jx86.runtime;

import org.jx86.vmm.Cpu;

/**
 * Optional observer of the engine, for the profiler and {@code -d} logging
 * ({@link EngineOptions#listener}). When none is set the engine pays one null check per
 * translation and per dispatch, nothing else.
 */
public interface ExecutionListener {
    /** A block was decoded: [rip, end) are its guest bytes. Called before its IR is optimised. */
    default void lifted(Cpu cpu, long rip, long end) {}

    /** A new translation entered the code cache (on the thread that made it). */
    void translated(Cpu cpu, Translation t);

    /**
     * The engine starts running cpu on the current thread; the returned probe (may be null)
     * sees every dispatch of that thread.
     */
    Probe started(Cpu cpu);

    /** Per-vCPU observer of dispatches; used by one thread only. Keep it allocation-free. */
    interface Probe {
        /** t is about to run (the dispatcher chose it for the current RIP). */
        void executing(Translation t);
    }
}

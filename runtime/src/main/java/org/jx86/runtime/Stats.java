package org.jx86.runtime;

/** Counters of the execution engine, printed by --stats and read by the profiler. */
public final class Stats {
    public long translations;
    public long syscalls;
    public long faults;
    /** Tier-2 regions compiled. */
    public long regions;
}

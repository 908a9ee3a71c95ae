package org.jx86.runtime;

/**
 * Counters of the execution engine, printed by --stats and read by the profiler. Shared by
 * the threads of a process and updated without synchronisation: with several guest threads
 * a count may miss increments (statistics, never semantics).
 */
public final class Stats {
    public long translations;
    public long syscalls;
    public long faults;
    /** Tier-2 regions compiled. */
    public long regions;
}

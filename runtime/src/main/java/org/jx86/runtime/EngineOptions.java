package org.jx86.runtime;

/** Settings of the execution engine, from the command line or tests. */
public final class EngineOptions {
    public Tier tier = Tier.JIT;
    /** With {@link Tier#MIXED}: executions of a block before it is compiled. */
    public int jitThreshold = 64;
    /**
     * Executions of a block before a tier-2 region is grown from it (JIT and MIXED tiers);
     * 0 turns tier 2 off.
     */
    public int regionThreshold = 2000;
    /** Most translations the code cache keeps before it is flushed. */
    public int codeCacheLimit = CodeCache.DEFAULT_LIMIT;
    /** Tier-2 regions run their callees' translations directly (docs/tier2.md, linked calls). */
    public boolean linkCalls = !Boolean.getBoolean("jx86.region.noCallLinks");
    /** Verify IR after every pass and bytecode before loading (slower; for tests). */
    public boolean checks = Boolean.getBoolean("jx86.checks");
    /** Where -d logging goes (null: none). */
    public java.io.PrintStream log;
    /** -d items: in_asm, op, out_asm, exec. */
    public java.util.Set<String> logItems = java.util.Set.of();
    /** Profiler and -d in_asm/exec hooks (null: none, the default). */
    public ExecutionListener listener;
}

package org.jx86.runtime;

/** How guest blocks execute. */
public enum Tier {
    /** IR interpreter: the reference, slow. */
    INTERP,
    /** Tier 1: one guest basic block per JVM hidden class, compiled on first execution. */
    JIT,
    /**
     * Cold blocks run in the IR interpreter; a block is compiled once it has executed
     * {@link EngineOptions#jitThreshold} times. Compiling costs ~0.4 ms a block, interpreting
     * a few microseconds, so code that runs a handful of times (start-up) is never compiled.
     */
    MIXED
}

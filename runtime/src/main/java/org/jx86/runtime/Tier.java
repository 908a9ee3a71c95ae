package org.jx86.runtime;

/** How guest blocks execute. */
public enum Tier {
    /** IR interpreter: the reference, slow. */
    INTERP,
    /** Tier 1: one guest basic block per JVM hidden class. */
    JIT
}

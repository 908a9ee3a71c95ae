package org.jx86.runtime.profile;

import org.jx86.runtime.Translation;

/**
 * What the profiler knows of one translated block: its guest bytes (kept, so the report can
 * list them after the guest unmapped the code), instruction count, how it ends, where it is,
 * and the samples that landed in it. Made once per translation (cold); the dispatch probe
 * reads {@link #kind}, {@link #rip}, {@link #end}.
 */
final class BlockInfo {
    final Translation translation;
    final long rip;
    final long end;
    final byte[] code;
    final int insns;
    /** {@link GuestCode#CALL}, {@link GuestCode#RET} or {@link GuestCode#OTHER}. */
    final int kind;
    final Symbolizer.Location where;
    /** Samples taken while this block was current; guarded by the {@link Instrumentation}. */
    long samples;

    BlockInfo(Translation t, byte[] code, int insns, int kind, Symbolizer.Location where) {
        this.translation = t;
        this.rip = t.rip;
        this.end = t.end;
        this.code = code;
        this.insns = insns;
        this.kind = kind;
        this.where = where;
    }

    String label() { return where.label(rip); }

    String frame() { return where.frame(rip); }

    /** Exact: the engine counts every dispatch of a translation. */
    long execCount() { return translation.execCount; }

    /** interp (IR interpreter: cold in the mixed tier) or jit (bytecode). */
    String tier() { return translation.code != null ? "jit" : "interp"; }
}

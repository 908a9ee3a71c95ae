package org.jx86.runtime;

import org.jx86.ir.IrFunction;
import org.jx86.jit.CompiledBlock;

/**
 * One translated guest block as the runtime tracks it: the code, the guest range it came
 * from, and direct links to its successors (the JVM analogue of QEMU's patched
 * {@code goto_tb} slots), cleared when the block is invalidated.
 */
public final class Translation {
    public final long rip;
    public final long end;
    /** Null until compiled (the interpreter tiers run {@link #ir}). */
    public volatile CompiledBlock code;
    /** Kept only for the IR interpreter tier and debugging. */
    public final IrFunction ir;
    /** Volatile: another thread may invalidate it (a write to its code page, munmap). */
    public volatile boolean valid = true;
    public long execCount;
    Translation link0, link1;

    Translation(long rip, long end, CompiledBlock code, IrFunction ir) {
        this.rip = rip;
        this.end = end;
        this.code = code;
        this.ir = ir;
    }
}

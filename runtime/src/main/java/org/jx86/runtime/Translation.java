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
    public CompiledBlock code;
    /** Kept only for the IR interpreter tier and debugging. */
    public final IrFunction ir;
    public boolean valid = true;
    public long execCount;
    /** The profiler's record of a block that ends in CALL or RET (org.jx86.runtime.profile); else null. */
    public Object profile;
    Translation link0, link1;

    Translation(long rip, long end, CompiledBlock code, IrFunction ir) {
        this.rip = rip;
        this.end = end;
        this.code = code;
        this.ir = ir;
    }
}

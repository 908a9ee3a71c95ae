package org.jx86.vmm.cpu;

import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/** Raising guest exceptions from translated code. */
public final class Traps {
    private Traps() {}

    /** Raises exception vector v (#UD for undefined opcodes, #BP for INT3, #GP, ...). */
    public static void raise(long v) {
        throw GuestFault.of((int) v);
    }

    /** Raises vector v when cond is non-zero (a fault that depends on run-time values). */
    public static void raiseIf(long cond, long v) {
        if (cond != 0) throw GuestFault.of((int) v);
    }

    /** #GP(0) unless addr is 16-byte aligned (MOVAPS, MOVDQA and legacy-SSE memory operands). */
    public static void checkAlign16(long addr) {
        if ((addr & 15) != 0) throw new GuestFault(Vector.GP, 0, 0);
    }
}

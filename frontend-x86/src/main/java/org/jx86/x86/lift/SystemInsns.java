package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.ExitCode;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;

/** SYSCALL, CPUID, RDTSC and the instructions that trap in user mode. */
final class SystemInsns {
    private SystemInsns() {}

    static void syscall(Ctx c) {
        c.endInsn();
        c.b.exit(Control.next(c), ExitCode.SYSCALL);
    }

    /** Raises vector v at this instruction; ends the block. */
    static void raise(Ctx c, int vector) {
        c.endInsn();
        c.b.call(Helpers.RAISE, c.k(vector));
        c.b.exit(c.k(c.in.rip), 0);
    }

    static void cpuid(Ctx c) {
        c.endInsn();
        c.callSync(Helpers.CPUID);
    }

    static void rdtsc(Ctx c, boolean withAux) {
        IrBuilder b = c.b;
        Node t = b.call(Helpers.RDTSC);
        c.setGpr(Slots.RAX, 4, t);
        c.setGpr(Slots.RDX, 4, b.shr(t, c.k(32)));
        if (withAux) c.setGpr(Slots.RCX, 4, c.k(0));
    }

    /** XGETBV with ECX = 0 reports x87 and SSE state enabled; other registers #GP. */
    static void xgetbv(Ctx c) {
        IrBuilder b = c.b;
        Node ecx = c.gpr(Slots.RCX, 4);
        Node bad = b.ne(ecx, c.k(0));
        // Materialise the #GP as a select-guarded helper: only raise when ECX != 0.
        b.call(Helpers.RAISE_IF, bad, c.k(Vector.GP));
        c.setGpr(Slots.RAX, 4, c.k(3));
        c.setGpr(Slots.RDX, 4, c.k(0));
    }
}

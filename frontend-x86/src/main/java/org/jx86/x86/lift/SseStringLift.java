package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Slots;
import org.jx86.x86.decode.Sem;
import org.jx86.x86.lift.SseLift.V;

/**
 * SSE4.2 PCMPESTRI, PCMPESTRM, PCMPISTRI, PCMPISTRM: one helper call computes the packed
 * comparison (org.jx86.vmm.sse.SseString), cheap ones extract ECX or XMM0 and the flags.
 * The m128 operand need not be aligned (SDM Vol. 1, 12.10.1: the string instructions are
 * exempt from the legacy-SSE alignment rule).
 */
final class SseStringLift {
    private SseStringLift() {}

    /** Lifts the instruction if it is a string compare; false otherwise. */
    static boolean lift(Ctx c, Sem sem) {
        boolean explicit = sem == Sem.PCMPESTRI || sem == Sem.PCMPESTRM;
        boolean index = sem == Sem.PCMPESTRI || sem == Sem.PCMPISTRI;
        if (!explicit && !index && sem != Sem.PCMPISTRM) return false;
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        V s = SseLift.readX(c, c.in.ops[1], false);
        Node alo = SseLift.xlo(c, r), ahi = SseLift.xhi(c, r), imm = c.k(c.in.ops[2].imm & 0xFF);
        Node packed;
        if (explicit) {
            // lengths: RAX/RDX with REX.W, else EAX/EDX sign-extended
            boolean w = (c.in.rex & 8) != 0;
            Node la = w ? c.slot(Slots.RAX) : b.sext(4, c.slot(Slots.RAX));
            Node lb = w ? c.slot(Slots.RDX) : b.sext(4, c.slot(Slots.RDX));
            packed = b.call(SseHelpers.get("pcmpestr"), alo, ahi, s.lo(), s.hi(), la, lb, imm);
        } else {
            packed = b.call(SseHelpers.get("pcmpistr"), alo, ahi, s.lo(), s.hi(), imm);
        }
        if (index) {
            c.setGpr(Slots.RCX, 4, b.call(SseHelpers.get("strIndex"), packed, imm));
        } else {
            SseLift.setX(c, 0, new V(b.call(SseHelpers.get("strMaskLo"), packed, imm),
                b.call(SseHelpers.get("strMaskHi"), packed, imm)));
        }
        c.setFlagsImage(b.call(SseHelpers.get("strFlags"), packed, imm));
        return true;
    }
}

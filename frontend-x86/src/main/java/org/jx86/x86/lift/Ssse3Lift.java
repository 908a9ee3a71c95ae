package org.jx86.x86.lift;

import java.util.EnumSet;
import java.util.Set;
import org.jx86.ir.Helper;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;
import org.jx86.x86.lift.SseLift.V;

/**
 * SSE3 duplicates and the SSSE3 forms that are not lane-wise within a 64-bit half (PSHUFB,
 * PALIGNR, the horizontal adds and subtracts), in their XMM and MMX encodings, plus the MMX
 * PABS forms. The lane-wise SSSE3 forms (PSIGN, PABS xmm, PMADDUBSW, PMULHRSW) are lifted
 * generically by {@link SseLift} and {@link MmxLift}. Semantics: org.jx86.vmm.sse.
 */
final class Ssse3Lift {
    private Ssse3Lift() {}

    private static final Set<Sem> SEMS = EnumSet.of(Sem.MOVSHDUP, Sem.MOVSLDUP, Sem.PSHUFB, Sem.PALIGNR,
        Sem.PHADDW, Sem.PHADDD, Sem.PHADDSW, Sem.PHSUBW, Sem.PHSUBD, Sem.PHSUBSW);

    private static final Set<Sem> MMX_UNARY = EnumSet.of(Sem.PABSB, Sem.PABSW, Sem.PABSD);

    /** Lifts the instruction if it is one of this family; false otherwise. */
    static boolean lift(Ctx c, Sem sem) {
        boolean mmx = MmxLift.usesMmx(c.in);
        if (mmx && MMX_UNARY.contains(sem)) {
            MmxLift.write(c, c.in.ops[0], c.b.call(helper(sem, ""), MmxLift.read(c, c.in.ops[1])));
            return true;
        }
        if (!SEMS.contains(sem)) return false;
        if (mmx) mmxForm(c, sem);
        else xmmForm(c, sem);
        return true;
    }

    private static Helper helper(Sem sem, String suffix) { return SseHelpers.get(sem.name().toLowerCase() + suffix); }

    private static void xmmForm(Ctx c, Sem sem) {
        switch (sem) {
            case MOVSHDUP, MOVSLDUP, PSHUFB, PALIGNR -> SseLift.crossHalf(c, sem);
            default -> {
                // horizontal: lo from the destination's pairs, hi from the source's
                IrBuilder b = c.b;
                int r = c.in.ops[0].reg;
                V s = SseLift.src(c);
                Helper h = helper(sem, "");
                SseLift.setX(c, r, new V(b.call(h, SseLift.xlo(c, r), SseLift.xhi(c, r)), b.call(h, s.lo(), s.hi())));
            }
        }
    }

    private static void mmxForm(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        Node x = MmxLift.read(c, d), y = MmxLift.read(c, c.in.ops[1]);
        Node r = switch (sem) {
            case PSHUFB -> b.call(SseHelpers.get("pshufb64"), x, y);
            case PALIGNR -> b.call(SseHelpers.get("palignr64"), x, y, c.k(c.in.ops[2].imm & 0xFF));
            default -> b.call(helper(sem, ""), x, y);
        };
        MmxLift.write(c, d, r);
    }
}

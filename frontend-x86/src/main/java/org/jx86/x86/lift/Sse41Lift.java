package org.jx86.x86.lift;

import java.util.EnumSet;
import java.util.Set;
import org.jx86.ir.Helper;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;
import org.jx86.x86.lift.SseLift.V;

/**
 * SSE4.1 integer and data-movement forms that are not lane-wise within a 64-bit half:
 * PMOVZX/PMOVSX, inserts and extracts, blends, PTEST, PACKUSDW, MPSADBW, PHMINPOSUW and
 * MOVNTDQA. The lane-wise ones (PMIN/PMAX, PMULLD, PMULDQ, PCMPEQQ) are lifted generically
 * by {@link SseLift}. Semantics: org.jx86.vmm.sse.SseShuffle.
 *
 * <p>Alignment: m128 operands of legacy-SSE encodings must be 16-byte aligned (#GP), as the
 * host CPU enforces with MXCSR.MM clear; the narrower memory operands (PMOVZX m64/m32/m16,
 * INSERTPS m32, PINSR*, PEXTR*) need not be.
 */
final class Sse41Lift {
    private Sse41Lift() {}

    private static final Set<Sem> EXTEND = EnumSet.of(
        Sem.PMOVZXBW, Sem.PMOVZXBD, Sem.PMOVZXBQ, Sem.PMOVZXWD, Sem.PMOVZXWQ, Sem.PMOVZXDQ,
        Sem.PMOVSXBW, Sem.PMOVSXBD, Sem.PMOVSXBQ, Sem.PMOVSXWD, Sem.PMOVSXWQ, Sem.PMOVSXDQ);

    /** Lifts the instruction if it is one of this family; false otherwise. */
    static boolean lift(Ctx c, Sem sem) {
        if (EXTEND.contains(sem)) {
            extend(c, sem);
            return true;
        }
        switch (sem) {
            case PINSRB -> insert(c, 1, "pinsrb");
            case PINSRD -> insert(c, 4, "pinsrd");
            case PINSRQ -> insert(c, 8, "pinsrq");
            case PEXTRB -> extract(c, 1, "pextrb");
            case PEXTRD -> extract(c, 4, "pextrd");
            case PEXTRQ -> extract(c, 8, "pextrq");
            case EXTRACTPS -> extract(c, 4, "extractps");
            case INSERTPS -> insertps(c);
            case BLENDPS, BLENDPD, PBLENDW, PACKUSDW, MPSADBW, PHMINPOSUW -> SseLift.crossHalf(c, sem);
            case BLENDVPS, BLENDVPD, PBLENDVB -> blendv(c, sem);
            case PTEST -> {
                int r = c.in.ops[0].reg;
                V s = SseLift.src(c);
                // ZF and CF from the tests; OF, SF, AF, PF cleared
                c.setFlagsImage(c.b.call(SseHelpers.get("ptest"), SseLift.xlo(c, r), SseLift.xhi(c, r), s.lo(), s.hi()));
            }
            case MOVNTDQA -> SseLift.setX(c, c.in.ops[0].reg, SseLift.readX(c, c.in.ops[1], true));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** PMOVZX/PMOVSX: the source is the low 2, 4 or 8 bytes of an XMM register or an unaligned m16/m32/m64. */
    private static void extend(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        Operand s = c.in.ops[1];
        Node v = s.kind == OpKind.MEM ? b.load(s.size, c.addr(s)) : SseLift.xlo(c, s.reg);
        String name = sem.name().toLowerCase();
        Node z = c.k(0);
        Node lo = b.call(SseHelpers.get(name + "Lo"), z, z, v, z), hi = b.call(SseHelpers.get(name + "Hi"), z, z, v, z);
        SseLift.setX(c, c.in.ops[0].reg, new V(lo, hi));
    }

    /** PINSRB/D/Q: the low {@code size} bytes of a GPR or memory into the element imm selects. */
    private static void insert(Ctx c, int size, String name) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        Operand s = c.in.ops[1];
        Node v = c.read(s, s.kind == OpKind.MEM ? size : Math.max(size, 4));
        Node lo = SseLift.xlo(c, r), hi = SseLift.xhi(c, r), imm = c.k(c.in.ops[2].imm & 0xFF);
        SseLift.setX(c, r, new V(b.call(SseHelpers.get(name + "Lo"), lo, hi, v, imm),
            b.call(SseHelpers.get(name + "Hi"), lo, hi, v, imm)));
    }

    /** PEXTRB/D/Q, EXTRACTPS: to a GPR (zero-extended to 32 or 64 bits) or to memory of the element's size. */
    private static void extract(Ctx c, int size, String name) {
        Operand d = c.in.ops[0];
        int r = c.in.ops[1].reg;
        Node v = c.b.call(SseHelpers.get(name), SseLift.xlo(c, r), SseLift.xhi(c, r), c.k(c.in.ops[2].imm & 0xFF));
        if (d.kind == OpKind.MEM) c.write(d, size, v);
        else c.setGpr(d.reg, Math.max(size, 4), v);
    }

    /** INSERTPS: the register form picks the source dword with imm[7:6]; the m32 form loads it (unaligned). */
    private static void insertps(Ctx c) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        Operand s = c.in.ops[1];
        long imm = c.in.ops[2].imm & 0xFF;
        V src = s.kind == OpKind.MEM ? new V(b.load(4, c.addr(s)), c.k(0)) : new V(SseLift.xlo(c, s.reg), SseLift.xhi(c, s.reg));
        if (s.kind == OpKind.MEM) imm &= 0x3F;
        Node alo = SseLift.xlo(c, r), ahi = SseLift.xhi(c, r), k = c.k(imm);
        SseLift.setX(c, r, new V(b.call(SseHelpers.get("insertpsLo"), alo, ahi, src.lo(), src.hi(), k),
            b.call(SseHelpers.get("insertpsHi"), alo, ahi, src.lo(), src.hi(), k)));
    }

    /** BLENDVPS/BLENDVPD/PBLENDVB: per element from the source where XMM0's element has its top bit set. */
    private static void blendv(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        V s = SseLift.src(c);
        Helper h = SseHelpers.get(sem.name().toLowerCase());
        SseLift.setX(c, r, new V(b.call(h, SseLift.xlo(c, r), s.lo(), SseLift.xlo(c, 0)),
            b.call(h, SseLift.xhi(c, r), s.hi(), SseLift.xhi(c, 0))));
    }
}

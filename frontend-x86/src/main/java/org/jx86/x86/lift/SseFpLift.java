package org.jx86.x86.lift;

import static org.jx86.ir.Helper.MAY_FAULT;
import static org.jx86.ir.Helper.PURE;

import java.util.EnumSet;
import java.util.Set;
import org.jx86.ir.Helper;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Slots;
import org.jx86.vmm.sse.Mxcsr;
import org.jx86.vmm.sse.SseArith;
import org.jx86.vmm.sse.SseCmp;
import org.jx86.vmm.sse.SseCvt;
import org.jx86.vmm.sse.SseCvtMx;
import org.jx86.vmm.sse.SsePacked;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;
import org.jx86.x86.lift.SseLift.V;

/**
 * SSE/SSE2/SSE3/SSE4.1 floating point under MXCSR: every instruction computes its result
 * lanes with pure helpers that take MXCSR (round-to-nearest fast path inside), the exception
 * flags of all its lanes with pure flags helpers, and ends with {@link Mxcsr#update}, which
 * ORs the flags into MXCSR or raises #XM for an unmasked one (before any register is written).
 * Semantics live in org.jx86.vmm.sse; this class only routes operands.
 */
final class SseFpLift {
    private SseFpLift() {}

    private static final Set<Sem> SEMS = EnumSet.of(Sem.ADDSD, Sem.SUBSD, Sem.MULSD, Sem.DIVSD, Sem.SQRTSD,
        Sem.ADDSS, Sem.SUBSS, Sem.MULSS, Sem.DIVSS, Sem.SQRTSS, Sem.ADDPD, Sem.SUBPD, Sem.MULPD, Sem.DIVPD, Sem.SQRTPD,
        Sem.ADDPS, Sem.SUBPS, Sem.MULPS, Sem.DIVPS, Sem.SQRTPS, Sem.MINSD, Sem.MAXSD, Sem.MINSS, Sem.MAXSS, Sem.MINPD,
        Sem.MAXPD, Sem.MINPS, Sem.MAXPS, Sem.CMPSD, Sem.CMPSS, Sem.CMPPD, Sem.CMPPS, Sem.COMISD, Sem.UCOMISD, Sem.COMISS,
        Sem.UCOMISS, Sem.CVTSI2SD, Sem.CVTSI2SS, Sem.CVTSD2SI, Sem.CVTTSD2SI, Sem.CVTSS2SI, Sem.CVTTSS2SI, Sem.CVTSS2SD,
        Sem.CVTSD2SS, Sem.CVTDQ2PS, Sem.CVTPS2DQ, Sem.CVTTPS2DQ, Sem.CVTPD2DQ, Sem.CVTTPD2DQ, Sem.CVTPD2PS, Sem.CVTPS2PD,
        Sem.LDMXCSR, Sem.HADDPD, Sem.HSUBPD, Sem.HADDPS, Sem.HSUBPS, Sem.ADDSUBPD, Sem.ADDSUBPS, Sem.DPPS, Sem.DPPD,
        Sem.ROUNDSD, Sem.ROUNDSS, Sem.ROUNDPD, Sem.ROUNDPS);

    static boolean handles(Sem sem) { return SEMS.contains(sem); }

    private static final Helper UPDATE = Helper.of(Mxcsr.class, "update", MAY_FAULT);
    private static final Helper UPDATE_ALL = Helper.of(Mxcsr.class, "updateAll", MAY_FAULT);
    private static final Helper LOAD = Helper.of(Mxcsr.class, "load", MAY_FAULT);
    private static final long HIGH32 = 0xFFFF_FFFF_0000_0000L;

    private static final java.util.Map<String, Helper> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The pure helper k.name, looked up once. */
    private static Helper h(Class<?> k, String name) {
        return CACHE.computeIfAbsent(k.getSimpleName() + "." + name, x -> Helper.of(k, name, PURE));
    }

    /**
     * Helpers of one arithmetic op: results of a 64-bit lane, a 32-bit lane and a packed-single
     * half; the flags of one lane (for the SSE3 forms); and the MXCSR updates (flags ORed in, or
     * #XM) of the scalar double/single and packed double/single forms.
     */
    private record Arith(Helper r64, Helper f64, Helper r32, Helper rps, Helper m64, Helper m32, Helper mpd, Helper mps) {
        static Arith of(String op) {
            return new Arith(h(SseArith.class, op + "64"), h(SseArith.class, op + "64Flags"), h(SseArith.class, op + "32"),
                h(SsePacked.class, op + "ps"), fault(SseArith.class, op + "64Mx"), fault(SseArith.class, op + "32Mx"),
                fault(SseArith.class, op + "pdMx"), fault(SseArith.class, op + "psMx"));
        }
    }

    private static Helper fault(Class<?> k, String name) { return Helper.of(k, name, MAY_FAULT); }

    private static final Arith ADD = Arith.of("add"), SUB = Arith.of("sub"), MUL = Arith.of("mul"), DIV = Arith.of("div"),
        SQRT = Arith.of("sqrt");

    static boolean lift(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        Node mx = c.slot(Slots.MXCSR);
        String n = sem.name();
        switch (sem) {
            case ADDSD, SUBSD, MULSD, DIVSD, SQRTSD, ADDSS, SUBSS, MULSS, DIVSS, SQRTSS, ADDPD, SUBPD, MULPD, DIVPD, SQRTPD,
                ADDPS, SUBPS, MULPS, DIVPS, SQRTPS -> arith(c, mx, switch (n.substring(0, n.length() - 2)) {
                    case "ADD" -> ADD;
                    case "SUB" -> SUB;
                    case "MUL" -> MUL;
                    case "DIV" -> DIV;
                    default -> SQRT;
                }, n.endsWith("SD") ? 8 : n.endsWith("SS") ? 4 : n.endsWith("PD") ? 16 : 32, n.startsWith("SQRT"));
            case MINSD, MAXSD, MINSS, MAXSS, MINPD, MAXPD, MINPS, MAXPS -> minMax(c, mx, n);
            case CMPSD, CMPSS, CMPPD, CMPPS -> cmp(c, mx, n);
            case COMISD, UCOMISD, COMISS, UCOMISS -> {
                int size = n.endsWith("SD") ? 8 : 4;
                Node x = SseLift.scalarSrc(c, c.in.ops[0], size), y = SseLift.scalarSrc(c, c.in.ops[1], size);
                Node f = b.call(h(SseCmp.class, n.toLowerCase() + "Flags"), x, y, mx);
                update(c, mx, f);
                c.setFlagsImage(b.call(h(SseCmp.class, size == 8 ? "comis64" : "comis32"), x, y, mx));
            }
            case CVTSI2SD, CVTSI2SS -> {
                Operand s = c.in.ops[1];
                Node v = c.readS(s, s.size);
                boolean f32 = sem == Sem.CVTSI2SS;
                Node r = b.call(h(SseCvt.class, f32 ? "cvtsi2ss" : "cvtsi2sd"), v, mx);
                update(c, mx, b.call(h(SseCvtMx.class, "i2fFlags"), v, c.k(f32 ? 1 : 0)));
                setLow(c, f32 ? 4 : 8, r);
            }
            case CVTSD2SI, CVTTSD2SI, CVTSS2SI, CVTTSS2SI -> {
                Operand d = c.in.ops[0];
                boolean f32 = n.contains("SS");
                Node x = SseLift.scalarSrc(c, c.in.ops[1], f32 ? 4 : 8);
                Node kind = c.k((f32 ? 1 : 0) | (n.startsWith("CVTT") ? 2 : 0) | (d.size == 8 ? 4 : 0));
                Node r = b.call(h(SseCvtMx.class, "f2i"), x, mx, kind);
                update(c, mx, b.call(h(SseCvtMx.class, "f2iFlags"), x, mx, kind));
                c.setGpr(d.reg, d.size, r);
            }
            case CVTSS2SD -> {
                Node x = SseLift.scalarSrc(c, c.in.ops[1], 4);
                Node r = b.call(h(SseCvtMx.class, "f2d"), x, mx);
                update(c, mx, b.call(h(SseCvtMx.class, "f2dFlags"), x, mx));
                setLow(c, 8, r);
            }
            case CVTSD2SS -> {
                Node x = SseLift.scalarSrc(c, c.in.ops[1], 8);
                Node r = b.call(h(SseCvtMx.class, "d2f"), x, mx);
                update(c, mx, b.call(h(SseCvtMx.class, "d2fFlags"), x, mx));
                setLow(c, 4, r);
            }
            case CVTDQ2PS -> {
                V s = SseLift.src(c);
                Helper r = h(SseCvt.class, "cvtdq2ps"), f = h(SseCvtMx.class, "cvtdq2psFlags");
                update(c, mx, b.or(b.call(f, s.lo()), b.call(f, s.hi())));
                SseLift.setX(c, c.in.ops[0].reg, new V(b.call(r, s.lo(), mx), b.call(r, s.hi(), mx)));
            }
            case CVTPS2DQ, CVTTPS2DQ -> {
                V s = SseLift.src(c);
                Helper r = h(SseCvtMx.class, sem.name().toLowerCase()), f = h(SseCvtMx.class, "ps2dqFlags");
                Node kind = c.k(sem == Sem.CVTTPS2DQ ? 2 : 0);
                update(c, mx, b.or(b.call(f, s.lo(), mx, kind), b.call(f, s.hi(), mx, kind)));
                SseLift.setX(c, c.in.ops[0].reg, new V(b.call(r, s.lo(), mx), b.call(r, s.hi(), mx)));
            }
            case CVTPD2DQ, CVTTPD2DQ, CVTPD2PS -> {
                V s = SseLift.src(c);
                Node z = c.k(0);
                Node r = b.call(h(SseCvtMx.class, sem.name().toLowerCase() + "Lo"), z, z, s.lo(), s.hi(), mx);
                Node f = sem == Sem.CVTPD2PS ? b.call(h(SseCvtMx.class, "cvtpd2psFlags"), s.lo(), s.hi(), mx)
                    : b.call(h(SseCvtMx.class, "pd2dqFlags"), s.lo(), s.hi(), mx, c.k(sem == Sem.CVTTPD2DQ ? 2 : 0));
                update(c, mx, f);
                SseLift.setX(c, c.in.ops[0].reg, new V(r, z));
            }
            case CVTPS2PD -> {
                Node x = SseLift.scalarSrc(c, c.in.ops[1], 8), z = c.k(0);
                update(c, mx, b.call(h(SseCvtMx.class, "cvtps2pdFlags"), x, mx));
                SseLift.setX(c, c.in.ops[0].reg, new V(b.call(h(SseCvtMx.class, "cvtps2pdLo"), z, z, x, z, mx),
                    b.call(h(SseCvtMx.class, "cvtps2pdHi"), z, z, x, z, mx)));
            }
            case LDMXCSR -> c.setSlot(Slots.MXCSR, b.call(LOAD, b.load(4, c.addr(c.in.ops[0]))));
            case HADDPD, HSUBPD -> {
                Arith op = sem == Sem.HADDPD ? ADD : SUB;
                int r = c.in.ops[0].reg;
                V a = new V(SseLift.xlo(c, r), SseLift.xhi(c, r)), s = SseLift.src(c);
                Node lo = b.call(op.r64, a.lo(), a.hi(), mx), hi = b.call(op.r64, s.lo(), s.hi(), mx);
                update(c, mx, b.or(b.call(op.f64, a.lo(), a.hi(), lo, mx), b.call(op.f64, s.lo(), s.hi(), hi, mx)));
                SseLift.setX(c, r, new V(lo, hi));
            }
            case HADDPS, HSUBPS -> {
                String name = sem.name().toLowerCase();
                int r = c.in.ops[0].reg;
                V a = new V(SseLift.xlo(c, r), SseLift.xhi(c, r)), s = SseLift.src(c);
                Helper res = h(SsePacked.class, name), fl = h(SsePacked.class, name + "Flags");
                update(c, mx, b.or(b.call(fl, a.lo(), a.hi(), mx), b.call(fl, s.lo(), s.hi(), mx)));
                SseLift.setX(c, r, new V(b.call(res, a.lo(), a.hi(), mx), b.call(res, s.lo(), s.hi(), mx)));
            }
            case ADDSUBPD -> {
                int r = c.in.ops[0].reg;
                V a = new V(SseLift.xlo(c, r), SseLift.xhi(c, r)), s = SseLift.src(c);
                Node lo = b.call(SUB.r64, a.lo(), s.lo(), mx), hi = b.call(ADD.r64, a.hi(), s.hi(), mx);
                update(c, mx, b.or(b.call(SUB.f64, a.lo(), s.lo(), lo, mx), b.call(ADD.f64, a.hi(), s.hi(), hi, mx)));
                SseLift.setX(c, r, new V(lo, hi));
            }
            case ADDSUBPS -> {
                int r = c.in.ops[0].reg;
                V a = new V(SseLift.xlo(c, r), SseLift.xhi(c, r)), s = SseLift.src(c);
                Helper res = h(SsePacked.class, "addsubps"), fl = h(SsePacked.class, "addsubpsFlags");
                update(c, mx, b.or(b.call(fl, a.lo(), s.lo(), mx), b.call(fl, a.hi(), s.hi(), mx)));
                SseLift.setX(c, r, new V(b.call(res, a.lo(), s.lo(), mx), b.call(res, a.hi(), s.hi(), mx)));
            }
            case DPPS, DPPD -> {
                String name = sem.name().toLowerCase();
                int r = c.in.ops[0].reg;
                V a = new V(SseLift.xlo(c, r), SseLift.xhi(c, r)), s = SseLift.src(c);
                Node imm = c.k(c.in.ops[2].imm & 0xFF);
                Node[] args = {a.lo(), a.hi(), s.lo(), s.hi(), imm, mx};
                c.setSlot(Slots.MXCSR, b.call(UPDATE_ALL, mx, b.call(h(SsePacked.class, name + "Flags"), args)));
                SseLift.setX(c, r, new V(b.call(h(SsePacked.class, name + "Lo"), args), b.call(h(SsePacked.class, name + "Hi"), args)));
            }
            case ROUNDSD, ROUNDSS -> {
                int size = sem == Sem.ROUNDSD ? 8 : 4;
                Node y = SseLift.scalarSrc(c, c.in.ops[1], size), imm = c.k(c.in.ops[2].imm & 0xF);
                String w = size == 8 ? "round64" : "round32";
                update(c, mx, b.call(h(SseCvtMx.class, w + "Flags"), y, imm, mx));
                setLow(c, size, b.call(h(SseCvtMx.class, w), y, imm, mx));
            }
            case ROUNDPD, ROUNDPS -> {
                V s = SseLift.src(c);
                Node imm = c.k(c.in.ops[2].imm & 0xF);
                String w = sem == Sem.ROUNDPD ? "round64" : "roundps";
                Helper res = h(SseCvtMx.class, w), fl = h(SseCvtMx.class, w + "Flags");
                update(c, mx, b.or(b.call(fl, s.lo(), imm, mx), b.call(fl, s.hi(), imm, mx)));
                SseLift.setX(c, c.in.ops[0].reg, new V(b.call(res, s.lo(), imm, mx), b.call(res, s.hi(), imm, mx)));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void update(Ctx c, Node mx, Node flags) { c.setSlot(Slots.MXCSR, c.b.call(UPDATE, mx, flags)); }

    /** Writes a scalar result into the low 64 (size 8) or 32 (size 4) bits of the destination. */
    private static void setLow(Ctx c, int size, Node r) {
        int d = c.in.ops[0].reg;
        Node lo = SseLift.xlo(c, d);
        if (size == 4) r = c.b.or(c.b.and(lo, c.k(HIGH32)), r);
        SseLift.setX(c, d, new V(r, SseLift.xhi(c, d)));
    }

    /** size 8/4: scalar double/single; 16: packed double; 32: packed single. */
    private static void arith(Ctx c, Node mx, Arith op, int size, boolean unary) {
        IrBuilder b = c.b;
        int d = c.in.ops[0].reg;
        if (size <= 8) {
            Node y = SseLift.scalarSrc(c, c.in.ops[1], size), x = SseLift.xlo(c, d);
            Helper rh = size == 8 ? op.r64 : op.r32, mh = size == 8 ? op.m64 : op.m32;
            Node r = unary ? b.call(rh, y, mx) : b.call(rh, x, y, mx);
            c.setSlot(Slots.MXCSR, unary ? b.call(mh, y, r, mx) : b.call(mh, x, y, r, mx));
            setLow(c, size, r);
            return;
        }
        V s = SseLift.src(c);
        Node alo = SseLift.xlo(c, d), ahi = SseLift.xhi(c, d);
        Helper rh = size == 16 ? op.r64 : op.rps, mh = size == 16 ? op.mpd : op.mps;
        Node lo = unary ? b.call(rh, s.lo(), mx) : b.call(rh, alo, s.lo(), mx);
        Node hi = unary ? b.call(rh, s.hi(), mx) : b.call(rh, ahi, s.hi(), mx);
        c.setSlot(Slots.MXCSR, unary ? b.call(mh, s.lo(), lo, s.hi(), hi, mx) : b.call(mh, alo, s.lo(), lo, ahi, s.hi(), hi, mx));
        SseLift.setX(c, d, new V(lo, hi));
    }

    private static void minMax(Ctx c, Node mx, String n) {
        IrBuilder b = c.b;
        int d = c.in.ops[0].reg;
        String op = n.substring(0, 3).toLowerCase();
        if (n.endsWith("SD") || n.endsWith("SS")) {
            boolean f32 = n.endsWith("SS");
            Node y = SseLift.scalarSrc(c, c.in.ops[1], f32 ? 4 : 8), x = SseLift.xlo(c, d);
            update(c, mx, b.call(h(SseCmp.class, f32 ? "minmax32Flags" : "minmax64Flags"), x, y, mx));
            setLow(c, f32 ? 4 : 8, b.call(h(SseCmp.class, op + (f32 ? "32" : "64")), x, y, mx));
            return;
        }
        boolean ps = n.endsWith("PS");
        V s = SseLift.src(c);
        Node alo = SseLift.xlo(c, d), ahi = SseLift.xhi(c, d);
        Helper r = h(SseCmp.class, op + (ps ? "ps" : "64")), f = h(SseCmp.class, ps ? "minmaxpsFlags" : "minmax64Flags");
        update(c, mx, b.or(b.call(f, alo, s.lo(), mx), b.call(f, ahi, s.hi(), mx)));
        SseLift.setX(c, d, new V(b.call(r, alo, s.lo(), mx), b.call(r, ahi, s.hi(), mx)));
    }

    private static void cmp(Ctx c, Node mx, String n) {
        IrBuilder b = c.b;
        int d = c.in.ops[0].reg;
        Node imm = c.k(c.in.ops[2].imm & 7);
        if (n.endsWith("SD") || n.endsWith("SS")) {
            boolean f32 = n.endsWith("SS");
            Node y = SseLift.scalarSrc(c, c.in.ops[1], f32 ? 4 : 8), x = SseLift.xlo(c, d);
            String w = f32 ? "cmp32" : "cmp64";
            update(c, mx, b.call(h(SseCmp.class, w + "Flags"), x, y, imm, mx));
            setLow(c, f32 ? 4 : 8, b.call(h(SseCmp.class, w), x, y, imm, mx));
            return;
        }
        String w = n.endsWith("PS") ? "cmpps" : "cmp64";
        V s = SseLift.src(c);
        Node alo = SseLift.xlo(c, d), ahi = SseLift.xhi(c, d);
        Helper r = h(SseCmp.class, w), f = h(SseCmp.class, w + "Flags");
        update(c, mx, b.or(b.call(f, alo, s.lo(), imm, mx), b.call(f, ahi, s.hi(), imm, mx)));
        SseLift.setX(c, d, new V(b.call(r, alo, s.lo(), imm, mx), b.call(r, ahi, s.hi(), imm, mx)));
    }
}

package org.jx86.x86.lift;

import org.jx86.ir.Helper;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Slots;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;

/**
 * SSE/SSE2 instructions on XMM registers, which live in slots as two 64-bit halves.
 * Moves, logic and scalar/packed double arithmetic are IR; lane-wise integer and float
 * operations are pure helpers applied to each half; cross-half shuffles are helpers that
 * return one half (suffix Lo/Hi). See {@link SseHelpers}.
 */
final class SseLift {
    private SseLift() {}

    /** SSE/SSE2 operations lifted generically from a lane-wise helper of the same name. */
    private static final java.util.Set<Sem> GENERIC_SSE2 = java.util.EnumSet.of(
        Sem.PADDB, Sem.PADDW, Sem.PADDD, Sem.PADDQ, Sem.PSUBB, Sem.PSUBW, Sem.PSUBD, Sem.PSUBQ,
        Sem.PADDSB, Sem.PADDSW, Sem.PADDUSB, Sem.PADDUSW, Sem.PSUBSB, Sem.PSUBSW, Sem.PSUBUSB, Sem.PSUBUSW,
        Sem.PCMPEQB, Sem.PCMPEQW, Sem.PCMPEQD, Sem.PCMPGTB, Sem.PCMPGTW, Sem.PCMPGTD,
        Sem.PMINUB, Sem.PMAXUB, Sem.PMINSW, Sem.PMAXSW, Sem.PAVGB, Sem.PAVGW,
        Sem.PMULLW, Sem.PMULHW, Sem.PMULHUW, Sem.PMULUDQ, Sem.PMADDWD, Sem.PSADBW,
        Sem.ADDPS, Sem.SUBPS, Sem.MULPS, Sem.DIVPS, Sem.MINPS, Sem.MAXPS, Sem.MINPD, Sem.MAXPD,
        Sem.SQRTPS, Sem.RCPPS, Sem.RSQRTPS, Sem.CMPPS, Sem.CMPPD, Sem.CVTTPS2DQ,
        // SSSE3/SSE4.1/4.2 lane-wise forms, checked against the host CPU by the instruction
        // differential test; not advertised in CPUID until their extensions are complete.
        Sem.PABSB, Sem.PABSW, Sem.PABSD, Sem.PSIGNB, Sem.PSIGNW, Sem.PSIGND, Sem.PMULHRSW, Sem.PMADDUBSW,
        Sem.PMINSB, Sem.PMAXSB, Sem.PMINUW, Sem.PMAXUW, Sem.PMINSD, Sem.PMAXSD, Sem.PMINUD, Sem.PMAXUD,
        Sem.PMULLD, Sem.PMULDQ, Sem.PCMPEQQ, Sem.PCMPGTQ);

    static boolean isGenericLanewise(Sem sem) { return GENERIC_SSE2.contains(sem); }

    /** A 128-bit value as two 64-bit halves. */
    record V(Node lo, Node hi) { }

    static boolean lift(Ctx c, Sem sem) {
        Insn in = c.in;
        if (Ssse3Lift.lift(c, sem) || Sse41Lift.lift(c, sem) || SseStringLift.lift(c, sem)) return true;
        if (MmxLift.usesMmx(in)) return MmxLift.lift(c, sem);
        if (SseFpLift.handles(sem)) return SseFpLift.lift(c, sem);
        IrBuilder b = c.b;
        switch (sem) {
            case MOVAPS, MOVAPD, MOVDQA -> writeX(c, in.ops[0], readX(c, in.ops[1], true), true);
            case MOVUPS, MOVUPD, MOVDQU, LDDQU -> writeX(c, in.ops[0], readX(c, in.ops[1], false), false);
            case MOVNTDQ, MOVNTPS, MOVNTPD -> writeX(c, in.ops[0], readX(c, in.ops[1], true), true);
            case MOVNTI -> c.write(in.ops[0], c.read(in.ops[1]));
            case MOVD, MOVQ -> movdq(c);
            case MOVSS -> movScalar(c, 4);
            case MOVSD -> movScalar(c, 8);
            case MOVLPS, MOVLPD -> movHalf(c, false);
            case MOVHPS, MOVHPD -> movHalf(c, true);
            case MOVHLPS -> {
                V s = readX(c, in.ops[1], false);
                setX(c, in.ops[0].reg, new V(s.hi, xhi(c, in.ops[0].reg)));
            }
            case MOVLHPS -> {
                V s = readX(c, in.ops[1], false);
                setX(c, in.ops[0].reg, new V(xlo(c, in.ops[0].reg), s.lo));
            }
            case MOVDDUP -> {
                Node lo = in.ops[1].kind == OpKind.MEM ? b.load(8, c.addr(in.ops[1])) : xlo(c, in.ops[1].reg);
                setX(c, in.ops[0].reg, new V(lo, lo));
            }
            case PAND, ANDPS, ANDPD -> bitwise(c, 0);
            case POR, ORPS, ORPD -> bitwise(c, 1);
            case PXOR, XORPS, XORPD -> bitwise(c, 2);
            case PANDN, ANDNPS, ANDNPD -> bitwise(c, 3);
            case ADDSD -> scalarF(c, 8, 0);
            case SUBSD -> scalarF(c, 8, 1);
            case MULSD -> scalarF(c, 8, 2);
            case DIVSD -> scalarF(c, 8, 3);
            case SQRTSD -> scalarF(c, 8, 4);
            case ADDSS -> scalarF(c, 4, 0);
            case SUBSS -> scalarF(c, 4, 1);
            case MULSS -> scalarF(c, 4, 2);
            case DIVSS -> scalarF(c, 4, 3);
            case SQRTSS -> scalarF(c, 4, 4);
            case ADDPD -> packedD(c, 0);
            case SUBPD -> packedD(c, 1);
            case MULPD -> packedD(c, 2);
            case DIVPD -> packedD(c, 3);
            case SQRTPD -> packedD(c, 4);
            case MINSD, MAXSD, MINSS, MAXSS -> scalarHelper(c, sem == Sem.MINSD || sem == Sem.MAXSD ? 8 : 4,
                SseHelpers.get(sem.name().toLowerCase()));
            case CMPSD, CMPSS -> scalarCmp(c, sem == Sem.CMPSD ? 8 : 4);
            case UCOMISD, COMISD, UCOMISS, COMISS -> comis(c, sem);
            case CVTSI2SD, CVTSI2SS -> cvtsi2f(c, sem == Sem.CVTSI2SD ? 8 : 4);
            case CVTTSD2SI, CVTSD2SI, CVTTSS2SI, CVTSS2SI -> cvtf2si(c, sem);
            case CVTSS2SD -> {
                Node s = scalarSrc(c, in.ops[1], 4);
                setX(c, in.ops[0].reg, new V(b.f2f(8, s), xhi(c, in.ops[0].reg)));
            }
            case CVTSD2SS -> {
                Node s = scalarSrc(c, in.ops[1], 8);
                Node lo = xlo(c, in.ops[0].reg);
                Node r = b.call(SseHelpers.get("cvtsd2ss"), s, c.slot(Slots.MXCSR));
                setX(c, in.ops[0].reg, new V(b.or(b.and(lo, c.k(0xFFFF_FFFF_0000_0000L)), r),
                    xhi(c, in.ops[0].reg)));
            }
            case PMOVMSKB, MOVMSKPS, MOVMSKPD -> movmsk(c, sem);
            case PSLLDQ, PSRLDQ -> byteShift(c, sem == Sem.PSLLDQ);
            case PSHUFD, PSHUFLW, PSHUFHW, SHUFPS, SHUFPD, PUNPCKLBW, PUNPCKLWD, PUNPCKLDQ, PUNPCKLQDQ, PUNPCKHBW,
                PUNPCKHWD, PUNPCKHDQ, PUNPCKHQDQ, UNPCKLPS, UNPCKHPS, UNPCKLPD, UNPCKHPD, PACKSSWB, PACKUSWB,
                PACKSSDW, CVTDQ2PD, CVTPD2DQ, CVTTPD2DQ, CVTPS2PD, CVTPD2PS -> crossHalf(c, sem);
            case PSLLW, PSLLD, PSLLQ, PSRLW, PSRLD, PSRLQ, PSRAW, PSRAD -> shiftLanes(c, sem);
            case PINSRW -> pinsrw(c);
            case PEXTRW -> pextrw(c);
            case STMXCSR -> b.store(4, c.addr(in.ops[0]), c.slot(Slots.MXCSR));
            case LDMXCSR -> c.setSlot(Slots.MXCSR, b.load(4, c.addr(in.ops[0])));
            case CVTDQ2PS, CVTPS2DQ -> {
                Helper h = SseHelpers.get(sem.name().toLowerCase());
                V s = src(c);
                Node m = c.slot(Slots.MXCSR);
                setX(c, in.ops[0].reg, new V(b.call(h, s.lo, m), b.call(h, s.hi, m)));
            }
            default -> {
                // An explicit list: forms whose helper shape is not lane-wise raise #UD until lifted.
                if (!GENERIC_SSE2.contains(sem)) return false;
                Helper h = SseHelpers.find(sem.name().toLowerCase());
                if (h == null || in.nops < 2 || in.ops[0].kind != OpKind.XMM) return false;
                if (h.valueArgs == 2) lanewise(c, h);
                else if (h.valueArgs == 1) unaryLanes(c, h);
                else if (h.valueArgs == 3 && in.nops == 3 && in.ops[2].kind == OpKind.IMM) lanewiseImm(c, h);
                else return false;
            }
        }
        return true;
    }

    // ---- XMM access

    static Node xlo(Ctx c, int r) { return c.slot(Slots.xmmLo(r)); }
    static Node xhi(Ctx c, int r) { return c.slot(Slots.xmmHi(r)); }

    static void setX(Ctx c, int r, V v) {
        c.setSlot(Slots.xmmLo(r), v.lo);
        c.setSlot(Slots.xmmHi(r), v.hi);
    }

    /** Reads a 128-bit XMM or memory operand; legacy-SSE memory operands must be aligned unless unaligned. */
    static V readX(Ctx c, Operand o, boolean aligned) {
        if (o.kind == OpKind.XMM) return new V(xlo(c, o.reg), xhi(c, o.reg));
        Node a = c.addr(o);
        if (aligned) c.b.call(Helpers.CHECK_ALIGN16, a);
        return new V(c.b.load(8, a), c.b.load(8, c.b.add(a, c.k(8))));
    }

    static void writeX(Ctx c, Operand o, V v, boolean aligned) {
        if (o.kind == OpKind.XMM) {
            setX(c, o.reg, v);
            return;
        }
        Node a = c.addr(o);
        if (aligned) c.b.call(Helpers.CHECK_ALIGN16, a);
        c.b.store(8, a, v.lo);
        c.b.store(8, c.b.add(a, c.k(8)), v.hi);
    }

    /** Source of a packed op with a 16-byte memory operand (legacy SSE requires alignment). */
    static V src(Ctx c) { return readX(c, c.in.ops[1], true); }

    static Node scalarSrc(Ctx c, Operand o, int size) {
        if (o.kind == OpKind.XMM) return size == 8 ? xlo(c, o.reg) : c.b.zext(4, xlo(c, o.reg));
        return c.b.load(size, c.addr(o));
    }

    // ---- families

    private static void movdq(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0], s = c.in.ops[1];
        if (d.kind == OpKind.XMM) {
            Node v = s.kind == OpKind.XMM ? xlo(c, s.reg) : c.read(s, d.size == 16 ? 8 : Math.min(s.size, 8));
            int width = c.in.sem == Sem.MOVD ? 4 : 8;
            if (s.kind == OpKind.GPR || s.kind == OpKind.MEM) width = Math.min(s.size, 8);
            setX(c, d.reg, new V(b.zext(width, v), c.k(0)));
        } else {
            int width = c.in.sem == Sem.MOVD ? 4 : 8;
            if (d.kind == OpKind.GPR || d.kind == OpKind.MEM) width = Math.min(d.size, 8);
            c.write(d, width, b.zext(width, xlo(c, s.reg)));
        }
    }

    /** MOVSS/MOVSD: register to register merges the low element; a load zeroes the rest. */
    private static void movScalar(Ctx c, int size) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0], s = c.in.ops[1];
        if (d.kind == OpKind.MEM) {
            b.store(size, c.addr(d), b.zext(size, xlo(c, s.reg)));
        } else if (s.kind == OpKind.MEM) {
            setX(c, d.reg, new V(b.load(size, c.addr(s)), c.k(0)));
        } else {
            Node lo = size == 8 ? xlo(c, s.reg)
                : b.or(b.and(xlo(c, d.reg), c.k(0xFFFF_FFFF_0000_0000L)), b.zext(4, xlo(c, s.reg)));
            setX(c, d.reg, new V(lo, xhi(c, d.reg)));
        }
    }

    /** MOVLPS/MOVLPD/MOVHPS/MOVHPD between a register half and memory. */
    private static void movHalf(Ctx c, boolean high) {
        Operand d = c.in.ops[0], s = c.in.ops[1];
        if (d.kind == OpKind.MEM) {
            c.b.store(8, c.addr(d), high ? xhi(c, s.reg) : xlo(c, s.reg));
            return;
        }
        Node v = s.kind == OpKind.MEM ? c.b.load(8, c.addr(s)) : (high ? xlo(c, s.reg) : xhi(c, s.reg));
        setX(c, d.reg, high ? new V(xlo(c, d.reg), v) : new V(v, xhi(c, d.reg)));
    }

    private static void bitwise(Ctx c, int op) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        V s = src(c);
        Node alo = xlo(c, r), ahi = xhi(c, r);
        V v = switch (op) {
            case 0 -> new V(b.and(alo, s.lo), b.and(ahi, s.hi));
            case 1 -> new V(b.or(alo, s.lo), b.or(ahi, s.hi));
            case 2 -> new V(b.xor(alo, s.lo), b.xor(ahi, s.hi));
            default -> new V(b.and(b.not(alo), s.lo), b.and(b.not(ahi), s.hi));
        };
        setX(c, r, v);
    }

    private static Node fop(IrBuilder b, int size, int op, Node x, Node y) {
        return switch (op) {
            case 0 -> b.fadd(size, x, y);
            case 1 -> b.fsub(size, x, y);
            case 2 -> b.fmul(size, x, y);
            case 3 -> b.fdiv(size, x, y);
            default -> b.fsqrt(size, y);
        };
    }

    /** Scalar arithmetic on the low element; the other bits of the destination are kept. */
    private static void scalarF(Ctx c, int size, int op) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        Node y = scalarSrc(c, c.in.ops[1], size);
        Node lo = xlo(c, r);
        Node x = size == 8 ? lo : b.zext(4, lo);
        Node res = fop(b, size, op, x, y);
        if (size == 4) res = b.or(b.and(lo, c.k(0xFFFF_FFFF_0000_0000L)), res);
        setX(c, r, new V(res, xhi(c, r)));
    }

    private static void packedD(Ctx c, int op) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        V s = src(c);
        setX(c, r, new V(fop(b, 8, op, xlo(c, r), s.lo), fop(b, 8, op, xhi(c, r), s.hi)));
    }

    private static void scalarHelper(Ctx c, int size, Helper h) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        Node y = scalarSrc(c, c.in.ops[1], size);
        Node lo = xlo(c, r);
        Node res = b.call(h, size == 8 ? lo : b.zext(4, lo), y);
        if (size == 4) res = b.or(b.and(lo, c.k(0xFFFF_FFFF_0000_0000L)), b.zext(4, res));
        setX(c, r, new V(res, xhi(c, r)));
    }

    private static void scalarCmp(Ctx c, int size) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        Node y = scalarSrc(c, c.in.ops[1], size);
        Node lo = xlo(c, r);
        Node res = b.call(SseHelpers.get(size == 8 ? "cmpsd" : "cmpss"), size == 8 ? lo : b.zext(4, lo), y,
            c.k(c.in.ops[2].imm & 7));
        if (size == 4) res = b.or(b.and(lo, c.k(0xFFFF_FFFF_0000_0000L)), b.zext(4, res));
        setX(c, r, new V(res, xhi(c, r)));
    }

    private static void comis(Ctx c, Sem sem) {
        int size = sem == Sem.UCOMISD || sem == Sem.COMISD ? 8 : 4;
        Node x = scalarSrc(c, c.in.ops[0], size);
        Node y = scalarSrc(c, c.in.ops[1], size);
        c.setFlagsImage(c.b.call(SseHelpers.get(sem.name().toLowerCase()), x, y));
    }

    private static void cvtsi2f(Ctx c, int size) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        Operand s = c.in.ops[1];
        Node v = c.readS(s, s.size);
        Node res = b.call(SseHelpers.get(size == 8 ? "cvtsi2sd" : "cvtsi2ss"), v, c.slot(Slots.MXCSR));
        Node lo = xlo(c, r);
        if (size == 4) res = b.or(b.and(lo, c.k(0xFFFF_FFFF_0000_0000L)), b.zext(4, res));
        setX(c, r, new V(res, xhi(c, r)));
    }

    private static void cvtf2si(Ctx c, Sem sem) {
        Operand d = c.in.ops[0];
        boolean dbl = sem == Sem.CVTTSD2SI || sem == Sem.CVTSD2SI;
        Node x = scalarSrc(c, c.in.ops[1], dbl ? 8 : 4);
        String name = sem.name().toLowerCase() + (d.size == 8 ? "64" : "32");
        c.setGpr(d.reg, d.size, c.b.call(SseHelpers.get(name), x, c.slot(Slots.MXCSR)));
    }

    private static void movmsk(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int r = c.in.ops[1].reg;
        Helper h = SseHelpers.get(sem.name().toLowerCase());
        int shift = sem == Sem.PMOVMSKB ? 8 : sem == Sem.MOVMSKPS ? 2 : 1;
        Node m = b.or(b.call(h, xlo(c, r)), b.shl(b.call(h, xhi(c, r)), c.k(shift)));
        c.setGpr(d.reg, d.size, m);
    }

    private static void byteShift(Ctx c, boolean left) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        Node n = c.k(c.in.ops[1].imm & 0xFF);
        String base = left ? "pslldq" : "psrldq";
        Node lo = xlo(c, r), hi = xhi(c, r);
        setX(c, r, new V(b.call(SseHelpers.get(base + "Lo"), lo, hi, n), b.call(SseHelpers.get(base + "Hi"), lo, hi, n)));
    }

    /** Ops whose result halves depend on both halves of both operands: helpers Lo/Hi(aLo, aHi, bLo, bHi[, imm]). */
    static void crossHalf(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        String name = sem.name().toLowerCase();
        V s = src(c);
        Node alo = xlo(c, r), ahi = xhi(c, r);
        Helper lo = SseHelpers.get(name + "Lo"), hi = SseHelpers.get(name + "Hi");
        Node[] args = lo.valueArgs == 4 ? new Node[] {alo, ahi, s.lo, s.hi}
            : new Node[] {alo, ahi, s.lo, s.hi, usesMxcsr(sem) ? c.slot(Slots.MXCSR) : c.k(c.in.ops[2].imm & 0xFF)};
        setX(c, r, new V(b.call(lo, args), b.call(hi, args)));
    }

    /** PSLL/PSRL/PSRA by an immediate or by the low 64 bits of an XMM/m128 operand. */
    private static void shiftLanes(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        Operand s = c.in.ops[1];
        Node n = s.kind == OpKind.IMM ? c.k(s.imm & 0xFF) : src(c).lo;
        Helper h = SseHelpers.get(sem.name().toLowerCase());
        setX(c, r, new V(b.call(h, xlo(c, r), n), b.call(h, xhi(c, r), n)));
    }

    private static void pinsrw(Ctx c) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        int sel = (int) (c.in.ops[2].imm & 7);
        Node w = b.zext(2, c.read(c.in.ops[1], c.in.ops[1].kind == OpKind.MEM ? 2 : 4));
        int shift = 16 * (sel & 3);
        int slot = sel < 4 ? Slots.xmmLo(r) : Slots.xmmHi(r);
        Node old = c.slot(slot);
        c.setSlot(slot, b.or(b.and(old, c.k(~(0xFFFFL << shift))), b.shl(w, c.k(shift))));
    }

    private static void pextrw(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int r = c.in.ops[1].reg;
        int sel = (int) (c.in.ops[2].imm & 7);
        Node half = sel < 4 ? xlo(c, r) : xhi(c, r);
        c.write(d, d.kind == OpKind.MEM ? 2 : d.size, b.zext(2, b.shr(half, c.k(16L * (sel & 3)))));
    }

    /** Cross-half conversions that round per MXCSR take it in place of an immediate. */
    private static boolean usesMxcsr(Sem sem) { return sem == Sem.CVTPD2DQ || sem == Sem.CVTPD2PS; }

    /** dst.half = h(src.half) (SQRTPS, CVTDQ2PS, ...). */
    private static void unaryLanes(Ctx c, Helper h) {
        V s = src(c);
        setX(c, c.in.ops[0].reg, new V(c.b.call(h, s.lo), c.b.call(h, s.hi)));
    }

    /** dst.half = h(dst.half, src.half, imm) (CMPPS, CMPPD, ...). */
    private static void lanewiseImm(Ctx c, Helper h) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        V s = src(c);
        Node imm = c.k(c.in.ops[2].imm & 0xFF);
        setX(c, r, new V(b.call(h, xlo(c, r), s.lo, imm), b.call(h, xhi(c, r), s.hi, imm)));
    }

    /** Lane-wise within 64-bit halves: dst.half = h(dst.half, src.half). */
    private static void lanewise(Ctx c, Helper h) {
        IrBuilder b = c.b;
        int r = c.in.ops[0].reg;
        V s = src(c);
        setX(c, r, new V(b.call(h, xlo(c, r), s.lo), b.call(h, xhi(c, r), s.hi)));
    }
}

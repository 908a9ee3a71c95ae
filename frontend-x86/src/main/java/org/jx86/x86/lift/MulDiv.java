package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.x86.decode.Operand;

/** MUL, IMUL (one, two and three operands), DIV, IDIV and MULX. */
final class MulDiv {
    private MulDiv() {}

    private static final int RAX = Slots.RAX, RDX = Slots.RDX;

    /** One-operand MUL/IMUL: rDX:rAX = rAX * src. */
    static void mul1(Ctx c, boolean signed) {
        IrBuilder b = c.b;
        Operand s = c.in.ops[0];
        int size = s.size;
        Node lo, hi, ovf;
        if (size == 8) {
            Node x = c.slot(RAX), y = c.read(s);
            lo = b.mul(x, y);
            hi = signed ? b.mulhs(x, y) : b.mulhu(x, y);
            ovf = signed ? b.ne(hi, b.sar(lo, c.k(63))) : b.ne(hi, c.k(0));
        } else {
            Node x = signed ? b.sext(size, c.gpr(RAX, size)) : c.gpr(RAX, size);
            Node y = signed ? c.readS(s, size) : c.read(s);
            Node p = b.mul(x, y);
            lo = b.zext(size, p);
            hi = b.zext(size, b.shr(p, c.k(8L * size)));
            ovf = signed ? b.ne(p, b.sext(size, p)) : b.ne(hi, c.k(0));
        }
        c.setCc(Flags.MUL, size, ovf, c.k(0), lo);
        if (size == 1) {
            c.setGpr(RAX, 2, b.or(lo, b.shl(hi, c.k(8))));
        } else {
            c.setGpr(RAX, size, lo);
            c.setGpr(RDX, size, hi);
        }
    }

    /** IMUL r, r/m and IMUL r, r/m, imm. */
    static void imulN(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        Node x, y;
        if (c.in.nops == 3) {
            x = c.readS(c.in.ops[1], size);
            y = b.sext(size, c.k(c.in.ops[2].imm));
        } else {
            x = c.readS(d, size);
            y = c.readS(c.in.ops[1], size);
        }
        Node p = b.mul(x, y);
        Node r = b.zext(size, p);
        Node ovf = size == 8 ? b.ne(b.mulhs(x, y), b.sar(p, c.k(63))) : b.ne(p, b.sext(size, p));
        c.setCc(Flags.MUL, size, ovf, c.k(0), r);
        c.setGpr(d.reg, size, r);
    }

    static void div(Ctx c, boolean signed) {
        IrBuilder b = c.b;
        Operand s = c.in.ops[0];
        int size = s.size;
        if (size == 8) {
            Node hi = c.slot(RDX), lo = c.slot(RAX), d = c.read(s);
            Node q = b.call(signed ? Helpers.IDIVQ : Helpers.DIVQ, hi, lo, d);
            Node r = b.call(signed ? Helpers.IREMQ : Helpers.REMQ, hi, lo, d);
            c.setSlot(RAX, q);
            c.setSlot(RDX, r);
            return;
        }
        Node hi = size == 1 ? b.zext(1, b.shr(c.slot(RAX), c.k(8))) : c.gpr(RDX, size);
        Node lo = c.gpr(RAX, size);
        Node q, r;
        if (signed) {
            Node d = c.readS(s, size);
            Node n = b.call(Helpers.DIV_CHECK_S, hi, lo, d, c.k(size));
            q = b.divs(n, d);
            r = b.rems(n, d);
        } else {
            Node d = c.read(s);
            Node n = b.call(Helpers.DIV_CHECK_U, hi, lo, d, c.k(size));
            q = b.divu(n, d);
            r = b.remu(n, d);
        }
        if (size == 1) {
            c.setGpr(RAX, 2, b.or(b.zext(1, q), b.shl(b.zext(1, r), c.k(8))));
        } else {
            c.setGpr(RAX, size, q);
            c.setGpr(RDX, size, r);
        }
    }

    /** MULX hi, lo, r/m: unsigned rDX * src without touching flags. */
    static void mulx(Ctx c) {
        IrBuilder b = c.b;
        Operand dh = c.in.ops[0], dl = c.in.ops[1];
        int size = dh.size;
        Node x = c.gpr(RDX, size), y = c.read(c.in.ops[2]);
        Node lo, hi;
        if (size == 8) {
            lo = b.mul(x, y);
            hi = b.mulhu(x, y);
        } else {
            Node p = b.mul(x, y);
            lo = b.zext(4, p);
            hi = b.shr(p, c.k(32));
        }
        c.setGpr(dl.reg, size, lo);
        c.setGpr(dh.reg, size, hi);
    }
}

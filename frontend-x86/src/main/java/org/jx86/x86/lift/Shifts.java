package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;

/**
 * Shifts and rotates. A count that masks to zero changes neither flags nor (except for
 * the zero-extension of 32-bit registers) the destination, so variable counts select
 * between the old and new flag state at run time.
 */
final class Shifts {
    private Shifts() {}

    static void shift(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node cnt = b.and(c.read(c.in.ops[1], 1), c.k(size == 8 ? 63 : 31));
        if (cnt.isConst(0)) {
            c.writeAt(d, addr, size, x);
            return;
        }
        Node m1 = b.sub(cnt, c.k(1));
        Node r, s1, s2 = c.k(0);
        int kind;
        switch (sem) {
            case SHL -> {
                r = b.zext(size, b.shl(x, cnt));
                s1 = b.shl(x, m1);
                kind = Flags.SHL;
            }
            case SHR -> {
                r = b.shr(x, cnt);
                s1 = b.shr(x, m1);
                s2 = x;
                kind = Flags.SHR;
            }
            case SAR -> {
                Node sx = b.sext(size, x);
                r = b.zext(size, b.sar(sx, cnt));
                s1 = b.sar(sx, m1);
                kind = Flags.SAR;
            }
            default -> throw new IllegalArgumentException(sem.name());
        }
        if (cnt.isConst()) {
            c.setCc(kind, size, s1, s2, r);
        } else {
            Node zero = b.eq(cnt, c.k(0));
            c.setCcDynamic(b.select(zero, c.slot(Slots.CC_OP), c.k(Flags.op(kind, size))),
                b.select(zero, c.slot(Slots.CC_SRC1), s1), b.select(zero, c.slot(Slots.CC_SRC2), s2),
                b.select(zero, c.slot(Slots.CC_RES), r));
        }
        c.writeAt(d, addr, size, r);
    }

    static void rotate(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node cnt = b.and(c.read(c.in.ops[1], 1), c.k(size == 8 ? 63 : 31));
        if (cnt.isConst(0)) {
            c.writeAt(d, addr, size, x);
            return;
        }
        Node flags = c.flagsImage();
        Node r, nf;
        Node sz = c.k(size);
        switch (sem) {
            case ROL -> {
                r = b.rotl(size, x, cnt);
                nf = b.call(Helpers.ROT_FLAGS, sz, r, c.k(1), flags);
            }
            case ROR -> {
                r = b.rotr(size, x, cnt);
                nf = b.call(Helpers.ROT_FLAGS, sz, r, c.k(0), flags);
            }
            case RCL -> {
                r = b.call(Helpers.RCL, sz, x, cnt, b.and(flags, c.k(1)));
                nf = b.call(Helpers.RCL_FLAGS, sz, x, cnt, flags);
            }
            case RCR -> {
                r = b.call(Helpers.RCR, sz, x, cnt, b.and(flags, c.k(1)));
                nf = b.call(Helpers.RCR_FLAGS, sz, x, cnt, flags);
            }
            default -> throw new IllegalArgumentException(sem.name());
        }
        if (!cnt.isConst()) nf = b.select(b.eq(cnt, c.k(0)), flags, nf);
        c.setFlagsImage(nf);
        c.writeAt(d, addr, size, r);
    }

    /** SHLD/SHRD dst, src, count. */
    static void doubleShift(Ctx c, boolean left) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        int bits = 8 * size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node y = c.read(c.in.ops[1], size);
        Node cnt = b.and(c.read(c.in.ops[2], 1), c.k(size == 8 ? 63 : 31));
        if (cnt.isConst(0)) {
            c.writeAt(d, addr, size, x);
            return;
        }
        Node r, s1;
        Node inv = b.sub(c.k(bits), cnt);
        if (size == 8) {
            // Java masks shift counts by 63: a count of 64 - 0 never happens here (cnt != 0 at run time is selected below).
            r = left ? b.or(b.shl(x, cnt), b.shr(y, inv)) : b.or(b.shr(x, cnt), b.shl(y, inv));
        } else {
            // Build the 2*bits-wide concatenation in 64 bits (counts above bits for 16-bit are undefined).
            Node wide = left ? b.or(b.shl(x, c.k(bits)), y) : b.or(b.shl(y, c.k(bits)), x);
            r = left ? b.shr(b.shl(wide, cnt), c.k(bits)) : b.shr(wide, cnt);
        }
        r = b.zext(size, r);
        if (!cnt.isConst()) r = b.select(b.eq(cnt, c.k(0)), x, r);
        Node flags;
        if (left) {
            s1 = b.shl(x, b.sub(cnt, c.k(1)));
            flags = b.call(Helpers.FLAGS_COMPUTE, c.k(Flags.op(Flags.SHL, size)), s1, c.k(0), r);
        } else {
            Node cf = b.and(b.shr(x, b.sub(cnt, c.k(1))), c.k(1));
            Node of = b.and(b.shr(b.xor(r, x), c.k(bits - 1)), c.k(1));
            Node base = b.call(Helpers.FLAGS_COMPUTE, c.k(Flags.op(Flags.LOGIC, size)), c.k(0), c.k(0), r);
            flags = b.or(base, b.or(cf, b.shl(of, c.k(11))));
        }
        if (!cnt.isConst()) flags = b.select(b.eq(cnt, c.k(0)), c.flagsImage(), flags);
        c.setFlagsImage(flags);
        c.writeAt(d, addr, size, r);
    }
}

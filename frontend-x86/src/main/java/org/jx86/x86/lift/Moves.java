package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.x86.decode.Operand;

/** Data movement, sign extensions, flag register moves, and conditional moves/sets. */
final class Moves {
    private Moves() {}

    static void mov(Ctx c) {
        Operand d = c.in.ops[0], s = c.in.ops[1];
        c.write(d, d.size, c.read(s, d.size));
    }

    static void movzx(Ctx c) {
        Operand d = c.in.ops[0], s = c.in.ops[1];
        c.write(d, d.size, c.read(s));
    }

    static void movsx(Ctx c) {
        Operand d = c.in.ops[0], s = c.in.ops[1];
        c.write(d, d.size, c.readS(s, s.size));
    }

    static void lea(Ctx c) {
        Operand d = c.in.ops[0];
        c.setGpr(d.reg, d.size, c.addrNoSeg(c.in.ops[1]));
    }

    static void cmov(Ctx c) {
        Operand d = c.in.ops[0];
        int size = d.size;
        Node src = c.read(c.in.ops[1], size);
        Node cond = c.cond(c.in.cond);
        // The 32-bit form zero-extends the destination even when the condition is false.
        c.setGpr(d.reg, size, c.b.select(cond, src, c.gpr(d.reg, size)));
    }

    static void setcc(Ctx c) {
        c.write(c.in.ops[0], 1, c.cond(c.in.cond));
    }

    /** CBW/CWDE/CDQE: sign-extend the lower half of rAX into rAX. */
    static void extendAcc(Ctx c, int to) {
        c.setGpr(Slots.RAX, to, c.b.sext(to / 2, c.slot(Slots.RAX)));
    }

    /** CWD/CDQ/CQO: fill rDX with the sign of rAX. */
    static void extendToDx(Ctx c, int size) {
        IrBuilder b = c.b;
        c.setGpr(Slots.RDX, size, b.sar(b.sext(size, c.slot(Slots.RAX)), c.k(63)));
    }

    static void xlat(Ctx c) {
        IrBuilder b = c.b;
        Node a = b.add(c.slot(Slots.RBX), c.gpr(Slots.RAX, 1));
        if (c.in.addrSize == 4) a = b.zext(4, a);
        c.setGpr(Slots.RAX, 1, b.load(1, b.add(a, c.segBase())));
    }

    // ---- the flags register

    static Node rflags(Ctx c) {
        IrBuilder b = c.b;
        return b.or(b.or(c.flagsImage(), b.shl(c.slot(Slots.DF), c.k(10))), b.or(c.slot(Slots.RFLAGS_OTHER), c.k(2)));
    }

    static void pushf(Ctx c) {
        int size = c.in.opSize == 2 ? 2 : 8;
        Control.push(c, size, rflags(c));
    }

    /** POPF at CPL 3: arithmetic flags, DF, AC and ID change; IF and IOPL do not. */
    static void popf(Ctx c) {
        IrBuilder b = c.b;
        int size = c.in.opSize == 2 ? 2 : 8;
        Node v = Control.pop(c, size);
        c.setFlagsImage(b.and(v, c.k(Flags.ARITH)));
        c.setSlot(Slots.DF, b.and(b.shr(v, c.k(10)), c.k(1)));
        long userBits = (1L << 18) | (1L << 21);
        Node keep = b.and(c.slot(Slots.RFLAGS_OTHER), c.k(~userBits));
        c.setSlot(Slots.RFLAGS_OTHER, b.or(keep, b.and(v, c.k(size == 2 ? 0 : userBits))));
    }

    static void lahf(Ctx c) {
        IrBuilder b = c.b;
        c.setGprHigh(Slots.RAX, b.or(b.and(c.flagsImage(), c.k(0xD5)), c.k(2)));
    }

    static void sahf(Ctx c) {
        IrBuilder b = c.b;
        Node ah = c.gprHigh(Slots.RAX);
        c.setFlagsImage(b.or(b.and(c.flagsImage(), c.k(Flags.OF)), b.and(ah, c.k(0xD5))));
    }

    /** CLC, STC, CMC. */
    static void carryOp(Ctx c, int op) {
        IrBuilder b = c.b;
        Node f = c.flagsImage();
        Node nf = switch (op) {
            case 0 -> b.and(f, c.k(~Flags.CF));
            case 1 -> b.or(f, c.k(Flags.CF));
            default -> b.xor(f, c.k(Flags.CF));
        };
        c.setFlagsImage(nf);
    }
}

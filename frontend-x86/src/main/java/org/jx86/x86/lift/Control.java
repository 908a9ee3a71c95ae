package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Slots;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;

/** Branches, calls, returns and the stack. Block-ending instructions emit the EXIT. */
final class Control {
    private Control() {}

    private static final int RSP = Slots.RSP;

    static Node next(Ctx c) { return c.k(c.in.rip + c.in.length); }

    static Node target(Ctx c, Operand o) {
        return o.kind == OpKind.REL ? c.k(o.imm) : c.read(o, 8);
    }

    static void push(Ctx c, int size, Node v) {
        Node sp = c.b.sub(c.slot(RSP), c.k(size));
        c.b.store(size, sp, v);
        c.setSlot(RSP, sp);
    }

    static Node pop(Ctx c, int size) {
        Node sp = c.slot(RSP);
        Node v = c.b.load(size, sp);
        c.setSlot(RSP, c.b.add(sp, c.k(size)));
        return v;
    }

    static void jmp(Ctx c) {
        Node t = target(c, c.in.ops[0]);
        c.endInsn();
        c.b.exit(t, 0);
    }

    static void jcc(Ctx c) {
        Node taken = c.cond(c.in.cond);
        Node t = c.b.select(taken, c.k(c.in.ops[0].imm), next(c));
        c.endInsn();
        c.b.exit(t, 0);
    }

    static void call(Ctx c) {
        Node t = target(c, c.in.ops[0]);
        push(c, 8, next(c));
        c.endInsn();
        c.b.exit(t, 0);
    }

    static void ret(Ctx c) {
        IrBuilder b = c.b;
        Node sp = c.slot(RSP);
        Node t = b.load(8, sp);
        long extra = c.in.nops > 0 ? c.in.ops[0].imm & 0xFFFF : 0;
        c.setSlot(RSP, b.add(sp, c.k(8 + extra)));
        c.endInsn();
        b.exit(t, 0);
    }

    /** LOOP, LOOPE, LOOPNE (kind 0, 1, 2) and JRCXZ (kind 3), with the address-size counter. */
    static void loop(Ctx c, int kind) {
        IrBuilder b = c.b;
        int as = c.in.addrSize;
        Node taken;
        if (kind == 3) {
            taken = b.eq(c.gpr(Slots.RCX, as), c.k(0));
        } else {
            Node cnt = b.zext(as, b.sub(c.slot(Slots.RCX), c.k(1)));
            c.setGpr(Slots.RCX, as, cnt);
            taken = b.ne(cnt, c.k(0));
            if (kind == 1) taken = b.and(taken, c.cond(4));
            if (kind == 2) taken = b.and(taken, c.cond(5));
        }
        Node t = b.select(taken, c.k(c.in.ops[0].imm), next(c));
        c.endInsn();
        b.exit(t, 0);
    }

    static void pushInsn(Ctx c) {
        Operand o = c.in.ops[0];
        int size = c.in.opSize == 2 ? 2 : 8;
        Node v = o.kind == OpKind.IMM ? c.k(o.imm) : c.read(o, size);
        push(c, size, v);
    }

    static void popInsn(Ctx c) {
        Operand o = c.in.ops[0];
        int size = c.in.opSize == 2 ? 2 : 8;
        Node v = pop(c, size);
        // A memory destination's address uses the incremented RSP (SDM POP), which the
        // pending RSP value provides.
        c.write(o, size, v);
    }

    static void leave(Ctx c) {
        int size = c.in.opSize == 2 ? 2 : 8;
        Node bp = c.slot(Slots.RBP);
        Node v = c.b.load(size, bp);
        c.setSlot(RSP, c.b.add(bp, c.k(size)));
        c.setGpr(Slots.RBP, size, v);
    }

    /** ENTER imm16, imm8 (nesting level taken mod 32). */
    static void enter(Ctx c) {
        IrBuilder b = c.b;
        long alloc = c.in.ops[0].imm & 0xFFFF;
        int level = (int) (c.in.ops[1].imm & 31);
        Node rbp = c.slot(Slots.RBP);
        Node sp = b.sub(c.slot(RSP), c.k(8));
        b.store(8, sp, rbp);
        Node frame = sp;
        for (int i = 1; i < level; i++) {
            sp = b.sub(sp, c.k(8));
            b.store(8, sp, b.load(8, b.sub(rbp, c.k(8L * i))));
        }
        if (level > 0) {
            sp = b.sub(sp, c.k(8));
            b.store(8, sp, frame);
        }
        c.setSlot(Slots.RBP, frame);
        c.setSlot(RSP, b.sub(sp, c.k(alloc)));
    }
}

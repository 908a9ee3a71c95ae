package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Flags;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;

/** Two-operand arithmetic and logic, INC/DEC/NEG/NOT: the flag-setting integer core. */
final class Alu {
    private Alu() {}

    /** ADD OR ADC SBB AND SUB XOR CMP TEST. */
    static void binary(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0], s = c.in.ops[1];
        int size = d.size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node y = c.read(s, size);
        Node r;
        switch (sem) {
            case ADD -> {
                r = b.zext(size, b.add(x, y));
                c.setCc(Flags.ADD, size, x, y, r);
            }
            case ADC -> {
                r = b.zext(size, b.add(b.add(x, y), c.carry()));
                c.setCc(Flags.ADC, size, x, y, r);
            }
            case SUB, CMP -> {
                r = b.zext(size, b.sub(x, y));
                c.setCc(Flags.SUB, size, x, y, r);
            }
            case SBB -> {
                r = b.zext(size, b.sub(b.sub(x, y), c.carry()));
                c.setCc(Flags.SBB, size, x, y, r);
            }
            case AND, TEST -> {
                r = b.and(x, y);
                logic(c, size, r);
            }
            case OR -> {
                r = b.or(x, y);
                logic(c, size, r);
            }
            case XOR -> {
                r = b.xor(x, y);
                logic(c, size, r);
            }
            default -> throw new IllegalArgumentException(sem.name());
        }
        if (sem != Sem.CMP && sem != Sem.TEST) c.writeAt(d, addr, size, r);
    }

    static void logic(Ctx c, int size, Node r) {
        Node z = c.k(0);
        c.setCc(Flags.LOGIC, size, z, z, r);
    }

    static void incDec(Ctx c, boolean inc) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node cf = c.carry();
        Node r = b.zext(size, inc ? b.add(x, c.k(1)) : b.sub(x, c.k(1)));
        c.setCc(inc ? Flags.INC : Flags.DEC, size, cf, c.k(0), r);
        c.writeAt(d, addr, size, r);
    }

    static void neg(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node r = b.zext(size, b.neg(x));
        c.setCc(Flags.SUB, size, c.k(0), x, r);
        c.writeAt(d, addr, size, r);
    }

    static void not(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        c.writeAt(d, addr, size, b.zext(size, b.not(x)));
    }

    /** XADD: exchange and add. */
    static void xadd(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0], s = c.in.ops[1];
        int size = d.size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node y = c.read(s, size);
        Node r = b.zext(size, b.add(x, y));
        c.setCc(Flags.ADD, size, x, y, r);
        c.write(s, size, x);
        c.writeAt(d, addr, size, r);
    }

    /** CMPXCHG: compare the accumulator with the destination; the destination is always written. */
    static void cmpxchg(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0], s = c.in.ops[1];
        int size = d.size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node acc = c.gpr(0, size);
        Node eq = b.eq(acc, x);
        c.setCc(Flags.SUB, size, acc, x, b.zext(size, b.sub(acc, x)));
        Node src = c.read(s, size);
        // The accumulator is written only when the compare fails (so a 32-bit RAX keeps its
        // upper half on success); it goes first so that a destination of RAX wins.
        Node fullRax = c.slot(0);
        if (size == 4) c.setSlot(0, b.select(eq, fullRax, x));
        else c.setGpr(0, size, b.select(eq, acc, x));
        if (addr != null) {
            b.store(size, addr, b.select(eq, src, x));      // memory is always written
        } else if (size == 4) {
            // A register destination is untouched on failure, upper half included.
            c.setSlot(d.reg, b.select(eq, src, c.slot(d.reg)));
        } else {
            c.write(d, size, b.select(eq, src, x));
        }
    }

    /** CMPXCHG8B / CMPXCHG16B: size is 8 or 16 (the whole memory operand). */
    static void cmpxchgDouble(Ctx c, int total) {
        IrBuilder b = c.b;
        int half = total / 2;
        Node addr = c.addr(c.in.ops[0]);
        if (total == 16) c.b.call(Helpers.CHECK_ALIGN16, addr);
        Node lo = b.load(half, addr);
        Node hi = b.load(half, b.add(addr, c.k(half)));
        Node eax = c.gpr(0, half), edx = c.gpr(2, half);
        Node eq = b.and(b.eq(lo, eax), b.eq(hi, edx));
        b.store(half, addr, b.select(eq, c.gpr(3, half), lo));
        b.store(half, b.add(addr, c.k(half)), b.select(eq, c.gpr(1, half), hi));
        if (half == 4) {
            c.setSlot(0, b.select(eq, c.slot(0), lo));
            c.setSlot(2, b.select(eq, c.slot(2), hi));
        } else {
            c.setSlot(0, b.select(eq, c.slot(0), lo));
            c.setSlot(2, b.select(eq, c.slot(2), hi));
        }
        Node img = b.or(b.and(c.flagsImage(), c.k(~Flags.ZF)), b.shl(eq, c.k(6)));
        c.setFlagsImage(img);
    }

    static void xchg(Ctx c) {
        Operand d = c.in.ops[0], s = c.in.ops[1];
        int size = d.size;
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node y = c.read(s, size);
        c.writeAt(d, addr, size, y);
        c.write(s, size, x);
    }
}

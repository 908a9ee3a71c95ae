package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Flags;
import org.jx86.vmm.mem.Atomics;
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
        boolean locked = c.locked(d) && sem != Sem.CMP && sem != Sem.TEST;
        Node addr, x, y;
        if (locked) {
            // The memory update happens in one atomic step; r below recomputes it for the flags.
            addr = c.addr(d);
            y = c.read(s, size);
            Node carried = sem == Sem.ADC || sem == Sem.SBB ? b.add(y, c.carry()) : y;
            int op = switch (sem) {
                case ADD, ADC -> Atomics.ADD;
                case SUB, SBB -> Atomics.SUB;
                case AND -> Atomics.AND;
                case OR -> Atomics.OR;
                default -> Atomics.XOR;
            };
            x = c.atomic(addr, size, op, carried);
        } else {
            Ctx.Rmw m = c.rmw(d);
            addr = m.addr();
            x = m.value();
            y = c.read(s, size);
        }
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
        if (sem != Sem.CMP && sem != Sem.TEST && !locked) c.writeAt(d, addr, size, r);
    }

    static void logic(Ctx c, int size, Node r) {
        Node z = c.k(0);
        c.setCc(Flags.LOGIC, size, z, z, r);
    }

    static void incDec(Ctx c, boolean inc) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        if (c.locked(d)) {
            Node x = c.atomic(c.addr(d), size, inc ? Atomics.ADD : Atomics.SUB, c.k(1));
            Node r = b.zext(size, inc ? b.add(x, c.k(1)) : b.sub(x, c.k(1)));
            c.setCc(inc ? Flags.INC : Flags.DEC, size, c.carry(), c.k(0), r);
            return;
        }
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
        boolean locked = c.locked(d);
        Ctx.Rmw m = locked ? new Ctx.Rmw(null, c.atomic(c.addr(d), size, Atomics.NEG, c.k(0))) : c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node r = b.zext(size, b.neg(x));
        c.setCc(Flags.SUB, size, c.k(0), x, r);
        if (!locked) c.writeAt(d, addr, size, r);
    }

    static void not(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        if (c.locked(d)) {
            c.atomic(c.addr(d), size, Atomics.XOR, c.k(-1));
            return;
        }
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        c.writeAt(d, addr, size, b.zext(size, b.not(x)));
    }

    /** XADD: exchange and add. */
    static void xadd(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0], s = c.in.ops[1];
        int size = d.size;
        boolean locked = c.locked(d);
        Node addr, x, y;
        if (locked) {
            addr = c.addr(d);
            y = c.read(s, size);
            x = c.atomic(addr, size, Atomics.ADD, y);
        } else {
            Ctx.Rmw m = c.rmw(d);
            addr = m.addr();
            x = m.value();
            y = c.read(s, size);
        }
        Node r = b.zext(size, b.add(x, y));
        c.setCc(Flags.ADD, size, x, y, r);
        c.write(s, size, x);
        if (!locked) c.writeAt(d, addr, size, r);
    }

    /** CMPXCHG: compare the accumulator with the destination; the destination is always written. */
    static void cmpxchg(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0], s = c.in.ops[1];
        int size = d.size;
        if (c.locked(d)) {
            lockedCmpxchg(c, d, s, size);
            return;
        }
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

    /** LOCK CMPXCHG: one compare-and-exchange on memory; a failed compare stores nothing. */
    private static void lockedCmpxchg(Ctx c, Operand d, Operand s, int size) {
        IrBuilder b = c.b;
        Node addr = c.addr(d);
        Node acc = c.gpr(0, size);
        Node src = c.read(s, size);
        Node x = b.call(Helpers.ATOMIC_CMPXCHG, addr, c.k(size), acc, src);
        Node eq = b.eq(acc, x);
        c.setCc(Flags.SUB, size, acc, x, b.zext(size, b.sub(acc, x)));
        if (size == 4) c.setSlot(0, b.select(eq, c.slot(0), x));
        else c.setGpr(0, size, b.select(eq, acc, x));
    }

    /** CMPXCHG8B / CMPXCHG16B: size is 8 or 16 (the whole memory operand). */
    static void cmpxchgDouble(Ctx c, int total) {
        IrBuilder b = c.b;
        int half = total / 2;
        Node addr = c.addr(c.in.ops[0]);
        if (total == 16) c.b.call(Helpers.CHECK_ALIGN16, addr);
        if (c.locked(c.in.ops[0])) {
            lockedCmpxchgDouble(c, addr, total);
            return;
        }
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

    /** LOCK CMPXCHG8B as one 8-byte compare-and-exchange; CMPXCHG16B through a helper. */
    private static void lockedCmpxchgDouble(Ctx c, Node addr, int total) {
        IrBuilder b = c.b;
        Node eq;
        if (total == 16) {
            eq = c.callSync(Helpers.ATOMIC_CMPXCHG16, addr);
        } else {
            Node expected = b.or(c.gpr(0, 4), b.shl(c.gpr(2, 4), c.k(32)));
            Node src = b.or(c.gpr(3, 4), b.shl(c.gpr(1, 4), c.k(32)));
            Node old = b.call(Helpers.ATOMIC_CMPXCHG, addr, c.k(8), expected, src);
            eq = b.eq(old, expected);
            c.setSlot(0, b.select(eq, c.slot(0), b.zext(4, old)));
            c.setSlot(2, b.select(eq, c.slot(2), b.shr(old, c.k(32))));
        }
        Node img = b.or(b.and(c.flagsImage(), c.k(~Flags.ZF)), b.shl(eq, c.k(6)));
        c.setFlagsImage(img);
    }

    static void xchg(Ctx c) {
        Operand d = c.in.ops[0], s = c.in.ops[1];
        int size = d.size;
        if (c.locked(d)) {
            Node y = c.read(s, size);
            c.write(s, size, c.atomic(c.addr(d), size, Atomics.XCHG, y));
            return;
        }
        Ctx.Rmw m = c.rmw(d);
        Node addr = m.addr(), x = m.value();
        Node y = c.read(s, size);
        c.writeAt(d, addr, size, y);
        c.write(s, size, x);
    }
}

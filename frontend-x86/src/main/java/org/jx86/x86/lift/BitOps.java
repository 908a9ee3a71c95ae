package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Flags;
import org.jx86.vmm.mem.Atomics;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;

/** Bit tests and scans, counts, byte swaps, and the BMI1/BMI2 group. */
final class BitOps {
    private BitOps() {}

    /** BT, BTS, BTR, BTC; a register bit offset with a memory operand addresses beyond it. */
    static void bt(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0], s = c.in.ops[1];
        int size = d.size, bits = 8 * size;
        Node bit, addr = null, x;
        if (d.kind == OpKind.MEM) {
            Node base = c.addr(d);
            if (s.kind == OpKind.IMM) {
                bit = c.k(s.imm & (bits - 1));
                addr = base;
            } else {
                Node off = c.readS(s, size);
                addr = b.add(base, b.shl(b.sar(off, c.k(Integer.numberOfTrailingZeros(bits))),
                    c.k(Integer.numberOfTrailingZeros(size))));
                bit = b.and(off, c.k(bits - 1));
            }
            if (sem != Sem.BT && c.locked(d)) {
                // One atomic OR/AND/XOR of the bit's mask; CF is the bit as it was.
                Node m = b.shl(c.k(1), bit);
                Node old = switch (sem) {
                    case BTS -> c.atomic(addr, size, Atomics.OR, m);
                    case BTR -> c.atomic(addr, size, Atomics.AND, b.not(m));
                    default -> c.atomic(addr, size, Atomics.XOR, m);
                };
                Node cf = b.and(b.shr(old, bit), c.k(1));
                c.setFlagsImage(b.or(b.and(c.flagsImage(), c.k(~Flags.CF)), cf));
                return;
            }
            x = b.load(size, addr);
        } else {
            x = c.read(d);
            bit = b.and(c.read(s, size), c.k(bits - 1));
        }
        Node cf = b.and(b.shr(x, bit), c.k(1));
        Node m = b.shl(c.k(1), bit);
        Node r = switch (sem) {
            case BTS -> b.or(x, m);
            case BTR -> b.and(x, b.not(m));
            case BTC -> b.xor(x, m);
            default -> null;
        };
        c.setFlagsImage(b.or(b.and(c.flagsImage(), c.k(~Flags.CF)), cf));
        if (r != null) c.writeAt(d, addr, size, r);
    }

    /** BSF/BSR: destination unchanged for a zero source (as Intel and AMD CPUs do), ZF set. */
    static void scan(Ctx c, boolean forward) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        Node x = c.read(c.in.ops[1], size);
        Node idx = forward ? b.ctz(x) : b.sub(c.k(63), b.clz(x));
        Node zero = b.eq(x, c.k(0));
        Node old = size == 4 ? c.slot(d.reg) : c.gpr(d.reg, size);
        Node r = b.select(zero, old, idx);
        Alu.logic(c, size, x);
        if (size == 4) c.setSlot(d.reg, b.select(zero, old, idx));
        else c.setGpr(d.reg, size, r);
    }

    /** TZCNT/LZCNT: CF when the source is zero, ZF when the result is zero. */
    static void count(Ctx c, boolean trailing) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size, bits = 8 * size;
        Node x = c.read(c.in.ops[1], size);
        Node r = trailing ? b.select(b.eq(x, c.k(0)), c.k(bits), b.ctz(x)) : b.sub(b.clz(x), c.k(64 - bits));
        Node img = b.or(b.eq(x, c.k(0)), b.shl(b.eq(r, c.k(0)), c.k(6)));
        c.setFlagsImage(img);
        c.setGpr(d.reg, size, r);
    }

    static void popcnt(Ctx c) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        Node x = c.read(c.in.ops[1], d.size);
        c.setFlagsImage(b.shl(b.eq(x, c.k(0)), c.k(6)));
        c.setGpr(d.reg, d.size, b.popcnt(x));
    }

    static void bswap(Ctx c) {
        Operand d = c.in.ops[0];
        if (d.size == 2) {
            // BSWAP of a 16-bit register is undefined; CPUs clear the low word.
            c.setGpr(d.reg, 2, c.k(0));
            return;
        }
        c.setGpr(d.reg, d.size, c.b.bswap(d.size, c.read(d)));
    }

    static void movbe(Ctx c) {
        Operand d = c.in.ops[0], s = c.in.ops[1];
        int size = d.size;
        c.write(d, size, c.b.bswap(size, c.read(s, size)));
    }

    static void crc32(Ctx c) {
        Operand d = c.in.ops[0], s = c.in.ops[1];
        Node r = c.b.call(Helpers.CRC32C, c.gpr(d.reg, 4), c.read(s), c.k(s.size));
        c.setGpr(d.reg, d.size == 8 ? 8 : 4, r);
    }

    // ---- BMI1 / BMI2 (VEX): operands in Intel order

    static void bmi(Ctx c, Sem sem) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size, bits = 8 * size;
        Node z = c.k(0);
        switch (sem) {
            case ANDN -> {
                Node r = b.and(b.not(c.read(c.in.ops[1])), c.read(c.in.ops[2], size));
                Alu.logic(c, size, r);
                c.setGpr(d.reg, size, r);
            }
            case BEXTR -> {
                Node x = c.read(c.in.ops[1], size), ctl = c.read(c.in.ops[2], size);
                Node start = b.and(ctl, c.k(0xFF)), len = b.and(b.shr(ctl, c.k(8)), c.k(0xFF));
                Node shifted = b.select(b.ltu(start, c.k(bits)), b.shr(x, start), z);
                Node r = b.select(b.ltu(len, c.k(bits)), b.and(shifted, b.sub(b.shl(c.k(1), len), c.k(1))), shifted);
                Alu.logic(c, size, r);
                c.setGpr(d.reg, size, r);
            }
            case BLSI, BLSMSK, BLSR -> {
                Node x = c.read(c.in.ops[1], size);
                Node r = switch (sem) {
                    case BLSI -> b.and(x, b.neg(x));
                    case BLSMSK -> b.xor(x, b.sub(x, c.k(1)));
                    default -> b.and(x, b.sub(x, c.k(1)));
                };
                r = b.zext(size, r);
                Node cf = sem == Sem.BLSI ? b.ne(x, z) : b.eq(x, z);
                Node base = b.call(Helpers.FLAGS_COMPUTE, c.k(Flags.op(Flags.LOGIC, size)), z, z, r);
                c.setFlagsImage(b.or(base, cf));
                c.setGpr(d.reg, size, r);
            }
            case BZHI -> {
                Node x = c.read(c.in.ops[1], size);
                Node n = b.and(c.read(c.in.ops[2], size), c.k(0xFF));
                Node in = b.ltu(n, c.k(bits));
                Node r = b.select(in, b.zext(size, b.and(x, b.sub(b.shl(c.k(1), n), c.k(1)))), x);
                Node base = b.call(Helpers.FLAGS_COMPUTE, c.k(Flags.op(Flags.LOGIC, size)), z, z, r);
                c.setFlagsImage(b.or(base, b.xor(in, c.k(1))));
                c.setGpr(d.reg, size, r);
            }
            case PDEP, PEXT -> {
                Node x = c.read(c.in.ops[1], size), m = c.read(c.in.ops[2], size);
                c.setGpr(d.reg, size, b.call(sem == Sem.PDEP ? Helpers.PDEP : Helpers.PEXT, x, m));
            }
            case RORX -> {
                Node x = c.read(c.in.ops[1], size);
                c.setGpr(d.reg, size, b.rotr(size, x, c.k(c.in.ops[2].imm & (bits - 1))));
            }
            case SARX, SHLX, SHRX -> {
                Node x = c.read(c.in.ops[1], size);
                Node n = b.and(c.read(c.in.ops[2], size), c.k(bits - 1));
                Node r = switch (sem) {
                    case SARX -> b.sar(b.sext(size, x), n);
                    case SHLX -> b.shl(x, n);
                    default -> b.shr(x, n);
                };
                c.setGpr(d.reg, size, b.zext(size, r));
            }
            default -> throw new IllegalArgumentException(sem.name());
        }
    }

    /** ADCX (carry flag only) and ADOX (overflow flag used as the carry). */
    static void adx(Ctx c, boolean overflowFlag) {
        IrBuilder b = c.b;
        Operand d = c.in.ops[0];
        int size = d.size;
        Node flags = c.flagsImage();
        Node cin = overflowFlag ? b.and(b.shr(flags, c.k(11)), c.k(1)) : b.and(flags, c.k(1));
        Node x = c.read(d), y = c.read(c.in.ops[1], size);
        Node sum = b.add(b.add(x, y), cin);
        Node r = b.zext(size, sum);
        Node cout = size == 8
            ? b.or(b.ltu(r, x), b.and(b.eq(r, x), cin))
            : b.ne(b.shr(sum, c.k(8L * size)), c.k(0));
        long bit = overflowFlag ? Flags.OF : Flags.CF;
        Node nf = b.or(b.and(flags, c.k(~bit)), b.shl(cout, c.k(Long.numberOfTrailingZeros(bit))));
        c.setFlagsImage(nf);
        c.setGpr(d.reg, size, r);
    }
}

package org.jx86.x86.lift;

import org.jx86.ir.Helper;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;
import org.jx86.vmm.mem.Atomics;

/**
 * Operand plumbing shared by every instruction (STYLE.md §3): reading and writing operands
 * by kind and size, the partial-register rules, effective addresses, and the lazy flags.
 *
 * <p>Guest-state writes of the current instruction are held back and emitted by
 * {@link #endInsn()} after everything that can fault, so a fault always sees the state
 * before the instruction (precise exceptions).
 */
final class Ctx {
    final IrBuilder b;
    Insn in;
    /** Values written by the current instruction, not yet emitted. */
    private final Node[] pending = new Node[Slots.COUNT];
    /** Latest known value of each slot in this block (forwarding at lift time). */
    private final Node[] current = new Node[Slots.COUNT];
    /** Static knowledge of the lazy flags: the kind set by an earlier instruction of this block. */
    private int ccKind = -1;
    private int ccSize;
    private Node ccS1, ccS2, ccRes;

    Ctx(IrBuilder b) { this.b = b; }

    // ---- guest state slots

    Node slot(int s) {
        Node n = pending[s];
        if (n != null) return n;
        n = current[s];
        if (n == null) current[s] = n = b.get(s);
        return n;
    }

    void setSlot(int s, Node v) { pending[s] = v; }

    /** Emits the held-back writes of the instruction. */
    void endInsn() {
        for (int s = 0; s < pending.length; s++) {
            Node v = pending[s];
            if (v != null) {
                b.set(s, v);
                current[s] = v;
                pending[s] = null;
            }
        }
    }

    /** Calls a helper that reads or writes state through the vCPU: nothing may be pending. */
    Node callSync(Helper h, Node... args) {
        for (Node p : pending)
            if (p != null) throw new IllegalStateException("state helper " + h + " with pending writes");
        Node r = b.call(h, args);
        java.util.Arrays.fill(current, null);
        ccKind = -1;
        return r;
    }

    Node k(long v) { return b.konst(v); }

    // ---- registers

    static long mask(int size) { return IrBuilder.mask(size); }

    Node gpr(int r, int size) { return b.zext(size, slot(r)); }

    Node gprHigh(int r) { return b.and(b.shr(slot(r), k(8)), k(0xFF)); }

    /** Writes a general register with x86's rules: 32-bit writes zero-extend, 8/16-bit writes merge. */
    void setGpr(int r, int size, Node v) {
        switch (size) {
            case 8 -> setSlot(r, v);
            case 4 -> setSlot(r, b.zext(4, v));
            default -> setSlot(r, b.or(b.and(slot(r), k(~mask(size))), b.zext(size, v)));
        }
    }

    void setGprHigh(int r, Node v) {
        setSlot(r, b.or(b.and(slot(r), k(~0xFF00L)), b.shl(b.zext(1, v), k(8))));
    }

    // ---- addresses

    /** Effective address of a memory operand without segment base (LEA). */
    Node addrNoSeg(Operand m) {
        Node a;
        if (m.base == Operand.RIP) {
            a = k(in.rip + in.length + m.disp);
        } else {
            a = m.base >= 0 ? slot(m.base) : k(0);
            if (m.index >= 0) a = b.add(a, b.shl(slot(m.index), k(Integer.numberOfTrailingZeros(m.scale))));
            a = b.add(a, k(m.disp));
        }
        return in.addrSize == 4 ? b.zext(4, a) : a;
    }

    /** Linear address of a memory operand: FS and GS add their base; others are flat in 64-bit mode. */
    Node addr(Operand m) {
        Node a = addrNoSeg(m);
        if (m.segment == 4) a = b.add(a, slot(Slots.FS_BASE));
        else if (m.segment == 5) a = b.add(a, slot(Slots.GS_BASE));
        return a;
    }

    /** Segment base added to string-instruction sources (DS, overridable); 0 unless FS/GS. */
    Node segBase() {
        if (in.segment == 4) return slot(Slots.FS_BASE);
        if (in.segment == 5) return slot(Slots.GS_BASE);
        return k(0);
    }

    // ---- operands

    /** Reads an operand at its own size, zero-extended to 64 bits (immediates as decoded). */
    Node read(Operand o) { return read(o, o.size); }

    Node read(Operand o, int size) {
        return switch (o.kind) {
            case GPR -> o.highByte ? gprHigh(o.reg) : gpr(o.reg, size);
            case MEM -> b.load(size, addr(o));
            case IMM, REL -> b.zext(size, k(o.imm));
            case SEG -> k(userSelector(o.reg));
            default -> throw new IllegalStateException("cannot read operand kind " + o.kind + " of " + in.mnemonic);
        };
    }

    /** Reads an operand sign-extended to 64 bits. */
    Node readS(Operand o, int size) {
        if (o.kind == OpKind.IMM) return b.sext(size, k(o.imm));
        return b.sext(size, read(o, size));
    }

    void write(Operand o, Node v) { write(o, o.size, v); }

    void write(Operand o, int size, Node v) {
        switch (o.kind) {
            case GPR -> {
                if (o.highByte) setGprHigh(o.reg, v);
                else setGpr(o.reg, size, v);
            }
            case MEM -> b.store(size, addr(o), v);
            // Segments are flat in 64-bit user mode: reloading the selector Linux set is a no-op,
            // any other selector would need a descriptor table, which user mode does not have.
            case SEG -> b.call(Helpers.RAISE_IF, b.ne(b.zext(2, v), k(userSelector(o.reg))), k(org.jx86.vmm.Vector.GP));
            default -> throw new IllegalStateException("cannot write operand kind " + o.kind + " of " + in.mnemonic);
        }
    }

    /** A read-modify-write destination: its address computed once (null for a register) and its value. */
    record Rmw(Node addr, Node value) { }

    Rmw rmw(Operand d) {
        Node a = d.kind == OpKind.MEM ? addr(d) : null;
        return new Rmw(a, a != null ? b.load(d.size, a) : read(d));
    }

    /**
     * True when the memory destination d must be updated atomically: a LOCK prefix, or XCHG
     * with memory (always locked). The lifter then calls {@link #atomic} instead of rmw/writeAt.
     */
    boolean locked(Operand d) {
        return d.kind == OpKind.MEM && ((in.prefixes & Insn.PFX_LOCK) != 0 || in.sem == Sem.XCHG);
    }

    /** Atomically applies an {@link Atomics} op with src to memory at addr; the old value. */
    Node atomic(Node addr, int size, int op, Node src) {
        return b.call(Helpers.ATOMIC_RMW, addr, k(size), k(op), src);
    }

    /** The selectors a 64-bit Linux process runs with: CS 0x33, SS 0x2b, the data segments null. */
    static long userSelector(int seg) {
        return switch (seg) {
            case 1 -> 0x33;
            case 2 -> 0x2B;
            default -> 0;
        };
    }

    /** Writes a memory operand at an address computed once (read-modify-write instructions). */
    void writeAt(Operand o, Node address, int size, Node v) {
        if (o.kind == OpKind.MEM) b.store(size, address, v);
        else write(o, size, v);
    }

    // ---- lazy flags

    void setCc(int kind, int size, Node s1, Node s2, Node res) {
        setSlot(Slots.CC_OP, k(Flags.op(kind, size)));
        setSlot(Slots.CC_SRC1, s1);
        setSlot(Slots.CC_SRC2, s2);
        setSlot(Slots.CC_RES, res);
        ccKind = kind;
        ccSize = size;
        ccS1 = s1;
        ccS2 = s2;
        ccRes = res;
    }

    /** Sets the flags to an RFLAGS image (only the arithmetic bits are used). */
    void setFlagsImage(Node image) {
        Node z = k(0);
        setCc(Flags.EFLAGS, 8, image, z, z);
    }

    /** Sets flags whose kind is only known at run time (e.g. shifts by a variable count of 0). */
    void setCcDynamic(Node op, Node s1, Node s2, Node res) {
        setSlot(Slots.CC_OP, op);
        setSlot(Slots.CC_SRC1, s1);
        setSlot(Slots.CC_SRC2, s2);
        setSlot(Slots.CC_RES, res);
        ccKind = -1;
    }

    /** The current RFLAGS arithmetic bits as a value. */
    Node flagsImage() {
        if (ccKind == Flags.EFLAGS) return ccS1;
        return b.call(Helpers.FLAGS_COMPUTE, slot(Slots.CC_OP), slot(Slots.CC_SRC1), slot(Slots.CC_SRC2),
            slot(Slots.CC_RES));
    }

    Node carry() {
        if (ccKind == Flags.LOGIC) return k(0);
        if (ccKind == Flags.SUB) return b.ltu(ccS1, ccS2);
        if (ccKind == Flags.ADD) return b.ltu(ccRes, ccS1);
        if (ccKind == Flags.INC || ccKind == Flags.DEC) return b.and(ccS1, k(1));
        if (ccKind == Flags.EFLAGS) return b.and(ccS1, k(1));
        return b.and(flagsImage(), k(1));
    }

    /** Condition code cc (Jcc low nibble) as 0 or 1; fused with the flag setter when known. */
    Node cond(int cc) {
        Node c = fastCond(cc & ~1);
        if (c != null) return (cc & 1) != 0 ? b.xor(c, k(1)) : c;
        if (ccKind == Flags.EFLAGS) return b.call(Helpers.FLAGS_TEST, k(cc), ccS1);
        return b.call(Helpers.FLAGS_COND, k(cc), slot(Slots.CC_OP), slot(Slots.CC_SRC1), slot(Slots.CC_SRC2),
            slot(Slots.CC_RES));
    }

    /** Even conditions only (O, B, E, BE, S, P, L, LE); null when not known statically. */
    private Node fastCond(int cc) {
        if (ccKind < 0) return null;
        int sz = ccSize;
        switch (ccKind) {
            case Flags.SUB -> {
                return switch (cc) {
                    case 2 -> b.ltu(ccS1, ccS2);
                    case 4 -> b.eq(ccS1, ccS2);
                    case 6 -> b.leu(ccS1, ccS2);
                    case 8 -> signOf(ccRes, sz);
                    case 0xC -> b.lts(b.sext(sz, ccS1), b.sext(sz, ccS2));
                    case 0xE -> b.les(b.sext(sz, ccS1), b.sext(sz, ccS2));
                    default -> null;
                };
            }
            case Flags.LOGIC -> {
                return switch (cc) {
                    case 0, 2 -> k(0);
                    case 4, 6 -> b.eq(ccRes, k(0));
                    case 8, 0xC -> signOf(ccRes, sz);
                    case 0xE -> b.les(b.sext(sz, ccRes), k(0));
                    default -> null;
                };
            }
            case Flags.ADD, Flags.ADC, Flags.SBB, Flags.INC, Flags.DEC, Flags.SHL, Flags.SHR, Flags.SAR, Flags.MUL -> {
                if (cc == 4) return b.eq(ccRes, k(0));
                if (cc == 8) return signOf(ccRes, sz);
                if (cc == 2 && ccKind == Flags.ADD) return b.ltu(ccRes, ccS1);
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private Node signOf(Node v, int size) { return b.and(b.shr(v, k(8L * size - 1)), k(1)); }
}

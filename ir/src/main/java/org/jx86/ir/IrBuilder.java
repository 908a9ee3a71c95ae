package org.jx86.ir;

import java.util.HashMap;
import java.util.Map;

/**
 * Creates nodes in the current block and folds as it goes (STYLE.md §7): constants are
 * pooled per block, constant operands are evaluated, and identities such as {@code x + 0},
 * {@code x & -1} and redundant extensions disappear before they are ever emitted.
 */
public final class IrBuilder {
    private final IrFunction fn;
    private Block block;
    private final Map<Long, Node> constPool = new HashMap<>();

    public IrBuilder(IrFunction fn) {
        this.fn = fn;
        this.block = fn.blocks.isEmpty() ? fn.newBlock() : fn.blocks.get(0);
    }

    public IrFunction function() { return fn; }
    public Block block() { return block; }

    /** Continues emitting into b; b must not have a terminator yet. */
    public void setBlock(Block b) {
        if (b.terminator() != null) throw new IllegalStateException("block already terminated");
        if (b != block) {
            constPool.clear();
            mappedFrom = null;   // the mapped address was defined in the old block
        }
        block = b;
    }

    public Block newBlock() { return fn.newBlock(); }

    public boolean terminated() { return block.terminator() != null; }

    private Node emit(Op op, int size, long c, Helper h, Node... args) {
        if (terminated()) throw new IllegalStateException("emitting " + op + " after a terminator");
        Node n = new Node(op, size, c, args, h);
        n.id = fn.nextId();
        block.nodes.add(n);
        return n;
    }

    // ---- constants and guest state

    public Node konst(long v) {
        Node n = constPool.get(v);
        if (n == null) {
            n = emit(Op.CONST, 8, v, null);
            constPool.put(v, n);
        }
        return n;
    }

    public Node get(int slot) { return emit(Op.GET, 8, slot, null); }
    public void set(int slot, Node v) { emit(Op.SET, 8, slot, null, v); }
    public void insn(long guestAddress) { emit(Op.INSN, 0, guestAddress, null); }

    // ---- integer arithmetic

    public Node add(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(a.c + b.c);
        if (a.isConst(0)) return b;
        if (b.isConst(0)) return a;
        return emit(Op.ADD, 8, 0, null, a, b);
    }

    public Node sub(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(a.c - b.c);
        if (b.isConst(0)) return a;
        return emit(Op.SUB, 8, 0, null, a, b);
    }

    public Node mul(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(a.c * b.c);
        if (b.isConst(1)) return a;
        if (a.isConst(1)) return b;
        return emit(Op.MUL, 8, 0, null, a, b);
    }

    public Node mulhu(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(Semantics.mulhu(a.c, b.c));
        return emit(Op.MULHU, 8, 0, null, a, b);
    }

    public Node mulhs(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(Math.multiplyHigh(a.c, b.c));
        return emit(Op.MULHS, 8, 0, null, a, b);
    }

    public Node divu(Node a, Node b) { return binary(Op.DIVU, a, b); }
    public Node remu(Node a, Node b) { return binary(Op.REMU, a, b); }
    public Node divs(Node a, Node b) { return binary(Op.DIVS, a, b); }
    public Node rems(Node a, Node b) { return binary(Op.REMS, a, b); }

    public Node and(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(a.c & b.c);
        if (a.isConst(-1)) return b;
        if (b.isConst(-1)) return a;
        if (a.isConst(0) || b.isConst(0)) return konst(0);
        if (a == b) return a;
        // and(zext_n(x), mask) with mask covering n bytes is the extension itself
        if (b.isConst() && a.op == Op.ZEXT && (b.c | mask(a.size)) == b.c) return a;
        return emit(Op.AND, 8, 0, null, a, b);
    }

    public Node or(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(a.c | b.c);
        if (a.isConst(0)) return b;
        if (b.isConst(0)) return a;
        if (a == b) return a;
        return emit(Op.OR, 8, 0, null, a, b);
    }

    public Node xor(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(a.c ^ b.c);
        if (a.isConst(0)) return b;
        if (b.isConst(0)) return a;
        if (a == b) return konst(0);
        return emit(Op.XOR, 8, 0, null, a, b);
    }

    public Node not(Node a) { return a.isConst() ? konst(~a.c) : emit(Op.NOT, 8, 0, null, a); }
    public Node neg(Node a) { return a.isConst() ? konst(-a.c) : emit(Op.NEG, 8, 0, null, a); }

    public Node shl(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(a.c << b.c);
        if (b.isConst() && (b.c & 63) == 0) return a;
        return emit(Op.SHL, 8, 0, null, a, b);
    }

    public Node shr(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(a.c >>> b.c);
        if (b.isConst() && (b.c & 63) == 0) return a;
        return emit(Op.SHR, 8, 0, null, a, b);
    }

    public Node sar(Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(a.c >> b.c);
        if (b.isConst() && (b.c & 63) == 0) return a;
        return emit(Op.SAR, 8, 0, null, a, b);
    }

    public Node rotl(int size, Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(Semantics.rotl(size, a.c, b.c));
        return emit(Op.ROTL, size, 0, null, a, b);
    }

    public Node rotr(int size, Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(Semantics.rotr(size, a.c, b.c));
        return emit(Op.ROTR, size, 0, null, a, b);
    }

    public Node zext(int size, Node a) {
        if (size >= 8) return a;
        if (a.isConst()) return konst(Semantics.zext(size, a.c));
        if ((a.op == Op.ZEXT || a.op == Op.LOAD) && a.size <= size) return a;
        return emit(Op.ZEXT, size, 0, null, a);
    }

    public Node sext(int size, Node a) {
        if (size >= 8) return a;
        if (a.isConst()) return konst(Semantics.sext(size, a.c));
        if (a.op == Op.SEXT && a.size <= size) return a;
        return emit(Op.SEXT, size, 0, null, a);
    }

    public Node clz(Node a) { return a.isConst() ? konst(Long.numberOfLeadingZeros(a.c)) : emit(Op.CLZ, 8, 0, null, a); }
    public Node ctz(Node a) { return a.isConst() ? konst(Long.numberOfTrailingZeros(a.c)) : emit(Op.CTZ, 8, 0, null, a); }
    public Node popcnt(Node a) { return a.isConst() ? konst(Long.bitCount(a.c)) : emit(Op.POPCNT, 8, 0, null, a); }

    public Node bswap(int size, Node a) {
        if (a.isConst()) return konst(Semantics.bswap(size, a.c));
        return emit(Op.BSWAP, size, 0, null, a);
    }

    // ---- comparisons and selection (results are 0 or 1)

    public Node eq(Node a, Node b) { return a == b ? konst(1) : compare(Op.EQ, a, b); }
    public Node ne(Node a, Node b) { return a == b ? konst(0) : compare(Op.NE, a, b); }
    public Node lts(Node a, Node b) { return compare(Op.LTS, a, b); }
    public Node les(Node a, Node b) { return compare(Op.LES, a, b); }
    public Node ltu(Node a, Node b) { return compare(Op.LTU, a, b); }
    public Node leu(Node a, Node b) { return compare(Op.LEU, a, b); }

    private Node compare(Op op, Node a, Node b) {
        if (a.isConst() && b.isConst()) return konst(Semantics.eval2(op, 8, a.c, b.c));
        return emit(op, 8, 0, null, a, b);
    }

    public Node select(Node cond, Node ifTrue, Node ifFalse) {
        if (cond.isConst()) return cond.c != 0 ? ifTrue : ifFalse;
        if (ifTrue == ifFalse) return ifTrue;
        return emit(Op.SELECT, 8, 0, null, cond, ifTrue, ifFalse);
    }

    // ---- floating point on bit patterns

    public Node fadd(int size, Node a, Node b) { return emit(Op.FADD, size, 0, null, a, b); }
    public Node fsub(int size, Node a, Node b) { return emit(Op.FSUB, size, 0, null, a, b); }
    public Node fmul(int size, Node a, Node b) { return emit(Op.FMUL, size, 0, null, a, b); }
    public Node fdiv(int size, Node a, Node b) { return emit(Op.FDIV, size, 0, null, a, b); }
    public Node fsqrt(int size, Node a) { return emit(Op.FSQRT, size, 0, null, a); }
    public Node i2f(int size, Node a) { return emit(Op.I2F, size, 0, null, a); }
    public Node f2f(int size, Node a) { return emit(Op.F2F, size, 0, null, a); }

    // ---- memory and helpers

    public Node load(int size, Node addr) { return emit(Op.LOAD, size, 0, null, dataAddress(addr)); }
    public void store(int size, Node addr, Node value) { emit(Op.STORE, size, 0, null, dataAddress(addr), value); }

    /** Rewrites the address of every data access before its LOAD/STORE (system mode: LAM untagging). */
    public interface AddressMapper {
        Node map(IrBuilder b, Node address);
    }

    private AddressMapper addressMapper;
    private Node mappedFrom, mappedTo;

    /** Sets the data-address rewrite for the rest of this function; null (the default) = none. */
    public void setAddressMapper(AddressMapper m) { addressMapper = m; }

    private Node dataAddress(Node a) {
        if (addressMapper == null) return a;
        // A read-modify-write maps the same address twice: reuse the result within the block.
        if (a != mappedFrom) {
            mappedTo = addressMapper.map(this, a);
            mappedFrom = a;
        }
        return mappedTo;
    }

    /** Calls a helper; returns its value node, or null for a void helper. */
    public Node call(Helper h, Node... args) {
        if (args.length != h.valueArgs)
            throw new IllegalArgumentException(h + " takes " + h.valueArgs + " arguments, got " + args.length);
        // Only helpers whose result depends on the arguments alone, and that cannot fault: a
        // CONTEXT helper needs the vCPU, and a fault must happen at run time, as a guest fault.
        if (h.has(Helper.PURE) && h.returnsValue && !h.has(Helper.CONTEXT) && !h.has(Helper.MAY_FAULT)) {
            boolean allConst = true;
            for (Node a : args) allConst &= a.isConst();
            if (allConst) return konst(Semantics.callConst(h, args));
        }
        Node n = emit(Op.CALL, 8, 0, h, args);
        return h.returnsValue ? n : null;
    }

    // ---- terminators

    public void jump(Block target) {
        Node n = emit(Op.JUMP, 0, 0, null);
        n.target = target;
    }

    public void branch(Node cond, Block ifTrue, Block ifFalse) {
        if (cond.isConst()) {
            jump(cond.c != 0 ? ifTrue : ifFalse);
            return;
        }
        Node n = emit(Op.BRANCH, 0, 0, null, cond);
        n.target = ifTrue;
        n.other = ifFalse;
    }

    public void exit(Node nextAddress, int code) { emit(Op.EXIT, 0, code, null, nextAddress); }

    private Node binary(Op op, Node a, Node b) {
        if (a.isConst() && b.isConst() && b.c != 0) return konst(Semantics.eval2(op, 8, a.c, b.c));
        return emit(op, 8, 0, null, a, b);
    }

    public static long mask(int size) { return size >= 8 ? -1L : (1L << (8 * size)) - 1; }
}

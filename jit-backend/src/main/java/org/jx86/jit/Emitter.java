package org.jx86.jit;

import static org.objectweb.asm.Opcodes.*;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jx86.ir.Block;
import org.jx86.ir.Helper;
import org.jx86.ir.IrFunction;
import org.jx86.ir.Node;
import org.jx86.ir.Op;
import org.jx86.vmm.mem.Tlb;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits the body of {@code CompiledBlock.run(Cpu)} for one {@link IrFunction}. One instance
 * per compilation; not thread-safe.
 *
 * <h2>Locals</h2>
 * <pre>
 *  0        this
 *  1        cpu
 *  2        cpu.s (long[]; final in Cpu, loaded once)
 *  3..      cpu.tlb.readTag / writeTag / page, only if the function loads / stores
 *           (their identity never changes; a flush only changes their contents)
 *  then     "current instruction" (long), only if some block's instruction is known only
 *           at run time (see below)
 *  then     one long per guest state slot in fn.slotsUsed()
 *  then     scratch (one int, one long), and long locals for IR values: a value with uses
 *           gets one when defined and returns it after its last use (values never outlive
 *           their block), so a method needs about as many as a block has live values
 * </pre>
 * A GET whose slot cannot change before the GET's last use reads the slot's local in place;
 * constants are pushed where used.
 *
 * <h2>Precise faults</h2>
 * The code of each guest instruction (from its INSN marker to the next one) is covered by
 * its own exception-table entry catching {@code RuntimeException}; the handler stores the
 * instruction's address in {@code cpu.rip} and jumps to one shared handler that writes every
 * slot in {@code fn.slotsWritten()} back and rethrows. The lifter puts every SET of an
 * instruction after everything in it that can fault, so the locals then hold the state from
 * before the faulting instruction. Nothing runs on the normal path.
 *
 * <p>Code before a block's first INSN belongs to the instruction that was current when
 * control reached the block. A forward data-flow pass finds it statically; where paths with
 * different instructions meet (possible in loops), the block is <em>dynamic</em>: its
 * predecessors store their instruction address in a local before jumping, and the handler
 * reads it from there. This mirrors the IR interpreter, which tracks the last INSN executed.
 *
 * <p>A SYNC_STATE helper is called with every written slot already stored in {@code cpu.s},
 * and may change {@code cpu.s} before it throws; so the call instruction itself gets a
 * handler that records {@code cpu.rip} and rethrows without writing stale locals over it.
 * An OWN_FAULTS helper (a linked call into another translation) has set {@code cpu.rip}
 * itself, so its handler only rethrows.
 */
final class Emitter {
    private static final String SEMANTICS = "org/jx86/ir/Semantics";
    static final String COMPILED_BLOCK = BytecodeCompiler.PACKAGE + "CompiledBlock";
    static final String CPU = "org/jx86/vmm/Cpu";
    static final String CPU_DESC = "L" + CPU + ";";
    private static final String TLB = "org/jx86/vmm/mem/Tlb";
    private static final String MEM = "org/jx86/vmm/mem/Mem";
    private static final String FRAME_ACCESS = BytecodeCompiler.PACKAGE + "FrameAccess";
    private static final String RUNTIME_EXCEPTION = "java/lang/RuntimeException";

    private static final int THIS = 0, CPU_LOCAL = 1, STATE = 2;
    private static final int UNKNOWN = 0, STATIC = 1, DYNAMIC = 2;

    private final IrFunction fn;
    private final MethodNode mv;
    private final List<Block> blocks;
    private final BitSet slotsUsed, slotsWritten;
    private final int[] uses;
    /** Per value node id: the slot local a GET reads in place, or -1. */
    private final int[] alias;
    private final int[] valueLocal;
    /** Per value node id: index in its block of its last use (values never outlive their block). */
    private final int[] lastUse;
    /** Long locals for IR values; reused once a value is dead, and all free at a block start. */
    private final java.util.ArrayList<Integer> valueLocals = new java.util.ArrayList<>();
    private final java.util.ArrayDeque<Integer> freeLocals = new java.util.ArrayDeque<>();
    private final int[] slotLocal = new int[4096];
    private final Label[] blockLabel;
    private int nextLocal = 3;
    private int readTag = -1, writeTag = -1, page = -1, insnLocal = -1, scratchInt = -1, scratchLong = -1;

    /** Instruction at each block's entry (kind STATIC/DYNAMIC, address when STATIC). */
    /** Blocks entered by a backward edge (block 0 is checked only if it is one). */
    private final BitSet loopHeader = new BitSet();
    private final int[] inKind;
    private final long[] inInsn;

    /** The exception-table segment being emitted. */
    private Label segStart;
    private AbstractInsnNode segFirst;
    private HandlerKey segKey;
    private final Map<HandlerKey, Label> handlers = new LinkedHashMap<>();

    /** What a handler must do: which instruction faulted, and whether to write slots back. */
    private record HandlerKey(boolean dynamic, long insn, boolean synced, boolean own) {
        HandlerKey(boolean dynamic, long insn, boolean synced) { this(dynamic, insn, synced, false); }
    }

    Emitter(IrFunction fn, MethodNode mv) { this(fn, mv, false); }

    /** compact: a region's memory accesses call FrameAccess instead of inlining the TLB path. */
    Emitter(IrFunction fn, MethodNode mv, boolean compact) {
        this.compact = compact;
        this.fn = fn;
        this.mv = mv;
        this.blocks = fn.blocks();
        this.slotsUsed = fn.slotsUsed();
        this.slotsWritten = fn.slotsWritten();
        int ids = fn.idLimit();
        this.uses = new int[ids];
        this.alias = new int[ids];
        this.valueLocal = new int[ids];
        this.lastUse = new int[ids];
        java.util.Arrays.fill(alias, -1);
        java.util.Arrays.fill(valueLocal, -1);
        this.blockLabel = new Label[blocks.size()];
        this.inKind = new int[blocks.size()];
        this.inInsn = new long[blocks.size()];
    }

    void emit() {
        boolean loads = false, stores = false;
        for (Block b : blocks) {
            blockLabel[b.index()] = new Label();
            List<Node> nodes = b.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                for (Node a : n.args) {
                    uses[a.id()]++;
                    lastUse[a.id()] = i;
                }
                loads |= n.op == Op.LOAD;
                stores |= n.op == Op.STORE;
                if (n.op == Op.CALL) BytecodeCompiler.checkCallable(n.helper.method, n.helper.has(Helper.CONTEXT));
            }
        }
        findAliases();
        boolean dynamic = findBlockInstructions();
        // A region tracks the current instruction in a local at every INSN (a constant store
        // that C2 keeps only in the debug info of the paths that can throw) and needs only a
        // couple of handlers: one handler per instruction would cost ~14 bytes of bytecode each
        // and regions must stay under HotSpot's 8000-byte compile limit.
        trackInLocal = blocks.size() > 1;
        dynamic |= trackInLocal;
        for (Block b : blocks) {
            Node t = b.terminator();
            if (t != null) for (Block s : successors(t)) if (s.index() <= b.index()) loopHeader.set(s.index());
        }

        mv.visitCode();
        // ---- prologue: cache state and TLB arrays in locals
        mv.visitVarInsn(ALOAD, CPU_LOCAL);
        mv.visitFieldInsn(GETFIELD, CPU, "s", "[J");
        mv.visitVarInsn(ASTORE, STATE);
        if (loads || stores) {
            mv.visitVarInsn(ALOAD, CPU_LOCAL);
            mv.visitFieldInsn(GETFIELD, CPU, "tlb", "L" + TLB + ";");
            if (loads) {
                mv.visitInsn(DUP);
                mv.visitFieldInsn(GETFIELD, TLB, "readTag", "[J");
                mv.visitVarInsn(ASTORE, readTag = nextLocal++);
            }
            if (stores) {
                mv.visitInsn(DUP);
                mv.visitFieldInsn(GETFIELD, TLB, "writeTag", "[J");
                mv.visitVarInsn(ASTORE, writeTag = nextLocal++);
            }
            mv.visitFieldInsn(GETFIELD, TLB, "page", "[[B");
            mv.visitVarInsn(ASTORE, page = nextLocal++);
        }
        if (dynamic) {
            insnLocal = allocLong();
            pushConst(fn.guestEntry);
            mv.visitVarInsn(LSTORE, insnLocal);
        }
        for (int s = slotsUsed.nextSetBit(0); s >= 0; s = slotsUsed.nextSetBit(s + 1)) {
            slotLocal[s] = allocLong();
            loadSlotFromState(s);
        }

        // ---- blocks, in IR order; fall through where the IR allows
        for (Block b : blocks) {
            mv.visitLabel(blockLabel[b.index()]);
            setSegment(trackInLocal || inKind[b.index()] == DYNAMIC
                ? new HandlerKey(true, 0, false) : new HandlerKey(false, inInsn[b.index()], false));
            if (b.index() > 0 || loopHeader.get(0)) exitCheck(b);
            freeLocals.clear();
            freeLocals.addAll(valueLocals);
            List<Node> nodes = b.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                node(b, n);
                for (Node a : n.args) // after the whole node, so its result never shares an argument's local
                    if (lastUse[a.id()] == i && valueLocal[a.id()] >= 0) {
                        freeLocals.push(valueLocal[a.id()]);
                        valueLocal[a.id()] = -1;
                    }
            }
        }
        closeSegment();
        if (epilogue != null) {
            mv.visitLabel(epilogue);
            writeBack();
            mv.visitVarInsn(LLOAD, nextRipLocal);
            mv.visitInsn(LRETURN);
        }

        // ---- fault handlers: record the faulting instruction, write back, rethrow. Handlers
        // for SYNC_STATE calls rethrow at once; the others share the write-back, and the last
        // of them falls through into it.
        List<Map.Entry<HandlerKey, Label>> order = new java.util.ArrayList<>(handlers.entrySet());
        order.sort(java.util.Comparator.comparing(e -> !e.getKey().synced()));
        Label shared = new Label();
        for (int i = 0; i < order.size(); i++) {
            HandlerKey k = order.get(i).getKey();
            mv.visitLabel(order.get(i).getValue());
            if (k.own()) { // a linked call's fault is already precise: pass it on
                mv.visitInsn(ATHROW);
                continue;
            }
            mv.visitVarInsn(ALOAD, CPU_LOCAL);
            if (k.dynamic()) mv.visitVarInsn(LLOAD, insnLocal);
            else pushConst(k.insn());
            mv.visitFieldInsn(PUTFIELD, CPU, "rip", "J");
            if (k.synced()) mv.visitInsn(ATHROW);
            else if (i + 1 < order.size()) mv.visitJumpInsn(GOTO, shared);
        }
        if (!order.isEmpty() && !order.get(order.size() - 1).getKey().synced()) {
            mv.visitLabel(shared);
            writeBack();
            mv.visitInsn(ATHROW);
        }
        if (nextLocal > 0xFFFF) throw new IllegalArgumentException("function too large: " + nextLocal + " locals");
    }

    // ---- analysis

    /**
     * A GET reads its slot's local in place when nothing between it and its last use can
     * change that local: a SET of the slot, or a SYNC_STATE call, which reloads every slot.
     * (A change at the last use itself is fine: a node reads its arguments before it stores.)
     */
    private void findAliases() {
        int[] nextSet = new int[slotLocal.length];
        for (Block b : blocks) {
            List<Node> nodes = b.nodes();
            java.util.Arrays.fill(nextSet, Integer.MAX_VALUE);
            int nextSync = Integer.MAX_VALUE;
            for (int i = nodes.size() - 1; i >= 0; i--) {
                Node n = nodes.get(i);
                if (n.op == Op.SET) nextSet[(int) n.c] = i;
                else if (n.op == Op.CALL && n.helper.has(Helper.SYNC_STATE)) nextSync = i;
                else if (n.op == Op.GET && Math.min(nextSet[(int) n.c], nextSync) >= lastUse[n.id()])
                    alias[n.id()] = (int) n.c;
            }
        }
    }

    /**
     * Forward data flow over the CFG: the instruction current at each block's entry. Returns
     * true if some reachable block can be entered with different instructions (DYNAMIC).
     */
    private boolean findBlockInstructions() {
        int nb = blocks.size();
        inKind[0] = STATIC;
        inInsn[0] = fn.guestEntry;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : blocks) {
                int i = b.index();
                if (inKind[i] == UNKNOWN) continue;
                int outKind = inKind[i];
                long outInsn = inInsn[i];
                for (Node n : b.nodes())
                    if (n.op == Op.INSN) {
                        outKind = STATIC;
                        outInsn = n.c;
                    }
                Node t = b.terminator();
                if (t == null) continue;
                for (Block s : successors(t)) {
                    int j = s.index();
                    int k;
                    long v = outInsn;
                    if (inKind[j] == UNKNOWN) k = outKind;
                    else if (inKind[j] == STATIC && outKind == STATIC && inInsn[j] == outInsn) k = STATIC;
                    else k = DYNAMIC;
                    if (k != inKind[j] || (k == STATIC && inInsn[j] != v)) {
                        inKind[j] = k;
                        inInsn[j] = k == STATIC ? v : 0;
                        changed = true;
                    }
                }
            }
        }
        boolean dynamic = false;
        for (int i = 0; i < nb; i++) {
            if (inKind[i] == UNKNOWN) { // unreachable: any answer is right
                inKind[i] = STATIC;
                inInsn[i] = fn.guestEntry;
            }
            dynamic |= inKind[i] == DYNAMIC;
        }
        return dynamic;
    }

    private static Block[] successors(Node t) {
        return switch (t.op) {
            case JUMP -> new Block[] {t.target()};
            case BRANCH -> new Block[] {t.target(), t.other()};
            default -> new Block[0];
        };
    }

    // ---- exception-table segments

    private void setSegment(HandlerKey key) {
        if (key.equals(segKey)) return;
        closeSegment();
        segKey = key;
        segStart = new Label();
        mv.visitLabel(segStart);
        segFirst = mv.instructions.getLast();
    }

    private void closeSegment() {
        if (segKey == null) return;
        boolean code = false;
        for (AbstractInsnNode x = segFirst.getNext(); x != null && !code; x = x.getNext()) code = x.getOpcode() >= 0;
        if (code) {
            Label end = new Label();
            mv.visitLabel(end);
            Label handler = handlers.computeIfAbsent(segKey, k -> new Label());
            mv.visitTryCatchBlock(segStart, end, handler, RUNTIME_EXCEPTION);
        }
        segKey = null;
    }

    // ---- one node

    private void node(Block b, Node n) {
        switch (n.op) {
            case CONST -> { } // pushed where used
            case GET -> {
                if (alias[n.id()] < 0 && uses[n.id()] > 0) {
                    mv.visitVarInsn(LLOAD, slotLocal[(int) n.c]);
                    result(n);
                }
            }
            case SET -> {
                push(n.args[0]);
                mv.visitVarInsn(LSTORE, slotLocal[(int) n.c]);
            }
            case INSN -> {
                if (trackInLocal) {
                    pushConst(n.c);
                    mv.visitVarInsn(LSTORE, insnLocal);
                } else {
                    setSegment(new HandlerKey(false, n.c, false));
                }
            }

            case ADD -> binary(n, LADD);
            case SUB -> binary(n, LSUB);
            case MUL -> binary(n, LMUL);
            case MULHU -> {
                // Math.unsignedMultiplyHigh is Java 18+: signed high half plus the correction
                push(n.args[0]);
                push(n.args[1]);
                invoke("java/lang/Math", "multiplyHigh", "(JJ)J");
                for (int k = 0; k < 2; k++) {
                    push(n.args[k]);
                    mv.visitIntInsn(BIPUSH, 63);
                    mv.visitInsn(LSHR);
                    push(n.args[1 - k]);
                    mv.visitInsn(LAND);
                    mv.visitInsn(LADD);
                }
                result(n);
            }
            case MULHS -> binaryCall(n, "java/lang/Math", "multiplyHigh");
            case DIVU -> binaryCall(n, "java/lang/Long", "divideUnsigned");
            case REMU -> binaryCall(n, "java/lang/Long", "remainderUnsigned");
            case DIVS -> binary(n, LDIV);
            case REMS -> binary(n, LREM);
            case AND -> binary(n, LAND);
            case OR -> binary(n, LOR);
            case XOR -> binary(n, LXOR);
            case NOT -> {
                push(n.args[0]);
                pushConst(-1L);
                mv.visitInsn(LXOR);
                result(n);
            }
            case NEG -> {
                push(n.args[0]);
                mv.visitInsn(LNEG);
                result(n);
            }
            case SHL -> shift(n, LSHL);
            case SHR -> shift(n, LUSHR);
            case SAR -> shift(n, LSHR);
            case ROTL, ROTR -> rotate(n);
            case ZEXT -> {
                push(n.args[0]);
                if (n.size < 8) {
                    pushConst((1L << (8 * n.size)) - 1);
                    mv.visitInsn(LAND);
                }
                result(n);
            }
            case SEXT -> {
                push(n.args[0]);
                switch (n.size) {
                    case 1 -> { mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); }
                    case 2 -> { mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); }
                    case 4 -> { mv.visitInsn(L2I); mv.visitInsn(I2L); }
                    default -> {
                        if (n.size < 8) {
                            int s = 64 - 8 * n.size;
                            mv.visitIntInsn(BIPUSH, s);
                            mv.visitInsn(LSHL);
                            mv.visitIntInsn(BIPUSH, s);
                            mv.visitInsn(LSHR);
                        }
                    }
                }
                result(n);
            }
            case CLZ -> unaryIntCall(n, "java/lang/Long", "numberOfLeadingZeros");
            case CTZ -> unaryIntCall(n, "java/lang/Long", "numberOfTrailingZeros");
            case POPCNT -> unaryIntCall(n, "java/lang/Long", "bitCount");
            case BSWAP -> {
                push(n.args[0]);
                switch (n.size) {
                    case 2 -> {
                        mv.visitInsn(L2I);
                        mv.visitInsn(I2S);
                        invoke("java/lang/Short", "reverseBytes", "(S)S");
                        mv.visitInsn(I2L);
                        pushConst(0xFFFFL);
                        mv.visitInsn(LAND);
                    }
                    case 4 -> {
                        mv.visitInsn(L2I);
                        invoke("java/lang/Integer", "reverseBytes", "(I)I");
                        zextInt();
                    }
                    default -> invoke("java/lang/Long", "reverseBytes", "(J)J");
                }
                result(n);
            }

            case EQ -> compare(n, IFEQ, false);
            case NE -> compare(n, IFNE, false);
            case LTS -> compare(n, IFLT, false);
            case LES -> compare(n, IFLE, false);
            case LTU -> compare(n, IFLT, true);
            case LEU -> compare(n, IFLE, true);
            case SELECT -> {
                Label other = new Label(), done = new Label();
                push(n.args[0]);
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFEQ, other);
                push(n.args[1]);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(other);
                push(n.args[2]);
                mv.visitLabel(done);
                result(n);
            }

            case FADD -> floatBinary(n, DADD, FADD);
            case FSUB -> floatBinary(n, DSUB, FSUB);
            case FMUL -> floatBinary(n, DMUL, FMUL);
            case FDIV -> floatBinary(n, DDIV, FDIV);
            case FSQRT -> {
                // as Semantics: binary32 goes through double, which rounds sqrt correctly
                if (n.size == 4) {
                    pushFloat(n.args[0]);
                    mv.visitInsn(F2D);
                    invoke("java/lang/Math", "sqrt", "(D)D");
                    mv.visitInsn(D2F);
                    floatResultBits();
                } else {
                    pushDouble(n.args[0]);
                    invoke("java/lang/Math", "sqrt", "(D)D");
                    doubleResultBits();
                }
                fixNaN(n.size, n.args[0], n.args[0]);
                result(n);
            }
            case I2F -> {
                push(n.args[0]);
                if (n.size == 4) {
                    mv.visitInsn(L2F);
                    floatResultBits();
                } else {
                    mv.visitInsn(L2D);
                    doubleResultBits();
                }
                result(n);
            }
            case F2F -> {
                // NaNs need x86's payload rule, which no JVM conversion guarantees: one home, Semantics.
                pushIntConst(n.size);
                push(n.args[0]);
                invoke(SEMANTICS, "f2f", "(IJ)J");
                result(n);
            }

            case LOAD -> load(n);
            case STORE -> store(n);
            case CALL -> call(n);

            case JUMP -> {
                edgeInsn(b, n);
                if (!isNext(b, n.target())) mv.visitJumpInsn(GOTO, blockLabel[n.target().index()]);
            }
            case BRANCH -> {
                edgeInsn(b, n);
                push(n.args[0]);
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                if (isNext(b, n.target()) && !isNext(b, n.other())) {
                    mv.visitJumpInsn(IFEQ, blockLabel[n.other().index()]);
                } else {
                    mv.visitJumpInsn(IFNE, blockLabel[n.target().index()]);
                    if (!isNext(b, n.other())) mv.visitJumpInsn(GOTO, blockLabel[n.other().index()]);
                }
            }
            case EXIT -> {
                if (!trackInLocal) writeBack(); // one block: exits write back in place
                if (n.c != 0) {
                    mv.visitVarInsn(ALOAD, CPU_LOCAL);
                    mv.visitLdcInsn((int) n.c);
                    mv.visitFieldInsn(PUTFIELD, CPU, "exitCode", "I");
                }
                push(n.args[0]);
                if (trackInLocal) leave();
                else mv.visitInsn(LRETURN);
            }
            default -> throw new IllegalArgumentException("no bytecode for op " + n.op + ": " + n);
        }
    }

    // ---- integer helpers

    private void binary(Node n, int opcode) {
        push(n.args[0]);
        push(n.args[1]);
        mv.visitInsn(opcode);
        result(n);
    }

    private void binaryCall(Node n, String owner, String name) {
        push(n.args[0]);
        push(n.args[1]);
        invoke(owner, name, "(JJ)J");
        result(n);
    }

    private void unaryIntCall(Node n, String owner, String name) {
        push(n.args[0]);
        invoke(owner, name, "(J)I");
        mv.visitInsn(I2L);
        result(n);
    }

    /** The JVM masks a long shift count to 6 bits, as the IR defines. */
    private void shift(Node n, int opcode) {
        push(n.args[0]);
        pushInt(n.args[1]);
        mv.visitInsn(opcode);
        result(n);
    }

    /**
     * ROTL/ROTR of the low size bytes by b mod 8*size. The widths are powers of two, so
     * the unsigned remainder of Semantics is a mask; a right rotation by k is a left one by -k.
     */
    private void rotate(Node n) {
        boolean left = n.op == Op.ROTL;
        switch (n.size) {
            case 8 -> {
                push(n.args[0]);
                pushInt(n.args[1]);
                invoke("java/lang/Long", left ? "rotateLeft" : "rotateRight", "(JI)J");
            }
            case 4 -> {
                push(n.args[0]);
                mv.visitInsn(L2I);
                pushInt(n.args[1]);
                invoke("java/lang/Integer", left ? "rotateLeft" : "rotateRight", "(II)I");
                zextInt();
            }
            case 1, 2 -> {
                int bits = 8 * n.size;
                long mask = (1L << bits) - 1;
                int x = scratchLong(), k = scratchInt();
                push(n.args[0]);
                pushConst(mask);
                mv.visitInsn(LAND);
                mv.visitVarInsn(LSTORE, x);
                pushInt(n.args[1]);
                if (!left) mv.visitInsn(INEG);
                mv.visitIntInsn(BIPUSH, bits - 1);
                mv.visitInsn(IAND);
                mv.visitVarInsn(ISTORE, k);
                mv.visitVarInsn(LLOAD, x);
                mv.visitVarInsn(ILOAD, k);
                mv.visitInsn(LSHL);
                mv.visitVarInsn(LLOAD, x);
                mv.visitIntInsn(BIPUSH, bits);
                mv.visitVarInsn(ILOAD, k);
                mv.visitInsn(ISUB);
                mv.visitInsn(LUSHR);
                mv.visitInsn(LOR);
                pushConst(mask);
                mv.visitInsn(LAND);
            }
            default -> throw new IllegalArgumentException("unsupported rotate size: " + n);
        }
        result(n);
    }

    /** 0/1 from a signed compare; unsigned compares flip the sign bits first. */
    private void compare(Node n, int ifTrue, boolean unsigned) {
        Label yes = new Label(), done = new Label();
        push(n.args[0]);
        if (unsigned) flipSign();
        push(n.args[1]);
        if (unsigned) flipSign();
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(ifTrue, yes);
        mv.visitInsn(LCONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(LCONST_1);
        mv.visitLabel(done);
        result(n);
    }

    private void flipSign() {
        pushConst(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
    }

    private void zextInt() {
        mv.visitInsn(I2L);
        pushConst(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
    }

    // ---- floating point on bit patterns (raw conversions: NaN payloads as Semantics has them)

    private void floatBinary(Node n, int doubleOp, int floatOp) {
        if (n.size == 4) {
            pushFloat(n.args[0]);
            pushFloat(n.args[1]);
            mv.visitInsn(floatOp);
            floatResultBits();
        } else {
            pushDouble(n.args[0]);
            pushDouble(n.args[1]);
            mv.visitInsn(doubleOp);
            doubleResultBits();
        }
        fixNaN(n.size, n.args[0], n.args[1]);
        result(n);
    }

    /** Replaces a NaN result by the one x86 produces (Semantics.fix64/fix32); a no-op otherwise. */
    private void fixNaN(int size, Node a, Node b) {
        push(a);
        push(b);
        invoke(SEMANTICS, size == 4 ? "fix32" : "fix64", "(JJJ)J");
    }

    private void pushDouble(Node a) {
        push(a);
        invoke("java/lang/Double", "longBitsToDouble", "(J)D");
    }

    private void pushFloat(Node a) {
        pushInt(a);
        invoke("java/lang/Float", "intBitsToFloat", "(I)F");
    }

    private void doubleResultBits() { invoke("java/lang/Double", "doubleToRawLongBits", "(D)J"); }

    private void floatResultBits() {
        invoke("java/lang/Float", "floatToRawIntBits", "(F)I");
        zextInt();
    }

    // ---- memory: the inline soft-MMU fast path (STYLE.md §11)

    /**
     * <pre>
     * i = (int) (addr >>> 12) & Tlb.MASK;
     * v = readTag[i] == ((addr + size - 1) & PAGE_MASK)
     *     ? Mem.frameGetN(page[i], (int) addr & 0xFFF) : Mem.readSlow(cpu, addr, size);
     * </pre>
     */
    private void load(Node n) {
        Node addr = n.args[0];
        if (compactMemory()) {
            checkSize(n.size);
            mv.visitVarInsn(ALOAD, readTag);
            mv.visitVarInsn(ALOAD, page);
            mv.visitVarInsn(ALOAD, CPU_LOCAL);
            push(addr);
            invoke(FRAME_ACCESS, "read" + 8 * n.size, "([J[[B" + CPU_DESC + "J)J");
            result(n);
            return;
        }
        Label slow = new Label(), done = new Label();
        tagCompare(addr, n.size, readTag, slow);
        if (FrameAccess.AVAILABLE) {
            unsafeAddress(addr);
            switch (n.size) {
                case 1 -> { unsafe("getByte", "(Ljava/lang/Object;J)B"); mv.visitInsn(I2L); pushConst(0xFFL); mv.visitInsn(LAND); }
                case 2 -> { unsafe("getShort", "(Ljava/lang/Object;J)S"); mv.visitInsn(I2L); pushConst(0xFFFFL); mv.visitInsn(LAND); }
                case 4 -> { unsafe("getInt", "(Ljava/lang/Object;J)I"); zextInt(); }
                default -> unsafe("getLong", "(Ljava/lang/Object;J)J");
            }
            tsoFence("acquireFence");   // as Mem.frameGetN: x86-TSO on any host (docs/threads.md)
        } else {
            frameAccess(addr);
            invoke(MEM, "frameGet" + 8 * n.size, "([BI)J");
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(slow);
        mv.visitVarInsn(ALOAD, CPU_LOCAL);
        push(addr);
        pushIntConst(n.size);
        invoke(MEM, "readSlow", "(" + CPU_DESC + "JI)J");
        mv.visitLabel(done);
        result(n);
    }

    private void store(Node n) {
        Node addr = n.args[0], value = n.args[1];
        if (compactMemory()) {
            checkSize(n.size);
            mv.visitVarInsn(ALOAD, writeTag);
            mv.visitVarInsn(ALOAD, page);
            mv.visitVarInsn(ALOAD, CPU_LOCAL);
            push(addr);
            push(value);
            invoke(FRAME_ACCESS, "write" + 8 * n.size, "([J[[B" + CPU_DESC + "JJ)V");
            return;
        }
        Label slow = new Label(), done = new Label();
        tagCompare(addr, n.size, writeTag, slow);
        if (FrameAccess.AVAILABLE) {
            tsoFence("releaseFence");   // as Mem.frameSetN
            unsafeAddress(addr);
            push(value);
            switch (n.size) {
                case 1 -> { mv.visitInsn(L2I); mv.visitInsn(I2B); unsafe("putByte", "(Ljava/lang/Object;JB)V"); }
                case 2 -> { mv.visitInsn(L2I); mv.visitInsn(I2S); unsafe("putShort", "(Ljava/lang/Object;JS)V"); }
                case 4 -> { mv.visitInsn(L2I); unsafe("putInt", "(Ljava/lang/Object;JI)V"); }
                default -> unsafe("putLong", "(Ljava/lang/Object;JJ)V");
            }
        } else {
            frameAccess(addr);
            push(value);
            invoke(MEM, "frameSet" + 8 * n.size, "([BIJ)V");
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(slow);
        mv.visitVarInsn(ALOAD, CPU_LOCAL);
        push(addr);
        pushIntConst(n.size);
        push(value);
        invoke(MEM, "writeSlow", "(" + CPU_DESC + "JIJ)V");
        mv.visitLabel(done);
    }

    /**
     * A region too large with the TLB fast path inlined at each access calls
     * {@link FrameAccess}'s readN/writeN instead (C2 inlines them where hot): bytecode about a
     * sixth the size, at a few percent of speed (see there).
     */
    private boolean compactMemory() { return compact && trackInLocal && FrameAccess.AVAILABLE; }
    private final boolean compact;

    /** Leaves the TLB index in the int scratch local; jumps to miss unless the entry hits. */
    private void tagCompare(Node addr, int size, int tags, Label miss) {
        checkSize(size);
        int i = scratchInt();
        push(addr);
        mv.visitIntInsn(BIPUSH, Tlb.PAGE_SHIFT);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
        pushIntConst(Tlb.MASK);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, i);
        mv.visitVarInsn(ALOAD, tags);
        mv.visitVarInsn(ILOAD, i);
        mv.visitInsn(LALOAD);
        push(addr);
        if (size > 1) {
            pushConst(size - 1);
            mv.visitInsn(LADD);
        }
        pushConst(Tlb.PAGE_MASK);
        mv.visitInsn(LAND);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, miss);
    }

    /** Pushes page[i] and the offset of addr in its page. */
    private void frameAccess(Node addr) {
        mv.visitVarInsn(ALOAD, page);
        mv.visitVarInsn(ILOAD, scratchInt());
        mv.visitInsn(AALOAD);
        pushInt(addr);
        pushIntConst((int) ~Tlb.PAGE_MASK);
        mv.visitInsn(IAND);
    }

    /**
     * VarHandle.acquireFence after a guest load, releaseFence before a guest store: free on
     * x86 hosts (they only stop the JIT compilers reordering), barriers elsewhere.
     */
    private void tsoFence(String which) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/VarHandle", which, "()V", false);
    }

    /** Pushes Unsafe, page[i] and BASE + (addr & 0xFFF), for {@link FrameAccess}. */
    private void unsafeAddress(Node addr) {
        mv.visitFieldInsn(GETSTATIC, FRAME_ACCESS, "U", "Lsun/misc/Unsafe;");
        mv.visitVarInsn(ALOAD, page);
        mv.visitVarInsn(ILOAD, scratchInt());
        mv.visitInsn(AALOAD);
        push(addr);
        pushConst(~Tlb.PAGE_MASK);
        mv.visitInsn(LAND);
        mv.visitFieldInsn(GETSTATIC, FRAME_ACCESS, "BASE", "J");
        mv.visitInsn(LADD);
    }

    private void unsafe(String name, String desc) {
        mv.visitMethodInsn(INVOKEVIRTUAL, "sun/misc/Unsafe", name, desc, false);
    }

    private static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8)
            throw new IllegalArgumentException("unsupported access size " + size);
    }

    // ---- helpers

    private void call(Node n) {
        Helper h = n.helper;
        boolean sync = h.has(Helper.SYNC_STATE);
        if (sync) writeBack();
        if (h.has(Helper.CONTEXT)) mv.visitVarInsn(ALOAD, CPU_LOCAL);
        for (Node a : n.args) push(a);
        HandlerKey outer = segKey;
        if (sync) setSegment(new HandlerKey(outer.dynamic(), outer.insn(), true, h.has(Helper.OWN_FAULTS)));
        mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(h.method.getDeclaringClass()), h.method.getName(),
            Type.getMethodDescriptor(h.method), h.method.getDeclaringClass().isInterface());
        if (sync) setSegment(outer);
        if (h.returnsValue) result(n);
        if (sync)
            for (int s = slotsUsed.nextSetBit(0); s >= 0; s = slotsUsed.nextSetBit(s + 1)) loadSlotFromState(s);
    }

    // ---- control flow

    private boolean isNext(Block b, Block target) {
        return b.index() + 1 < blocks.size() && blocks.get(b.index() + 1) == target;
    }

    /** Before leaving b for a dynamic block, record b's current instruction. */
    private void edgeInsn(Block b, Node t) {
        if (segKey.dynamic()) return; // the local already holds it
        for (Block s : successors(t)) {
            if (inKind[s.index()] == DYNAMIC) {
                pushConst(segKey.insn());
                mv.visitVarInsn(LSTORE, insnLocal);
                return;
            }
        }
    }

    /**
     * At the start of each guest block of a region (where tier 1 would be back in the
     * dispatcher): if someone asked this vCPU to come back to the dispatcher
     * ({@code Cpu.exitRequest}: a write to translated code, a signal, shutdown), leave for
     * that block as a normal exit would. So a region that writes code it is about to run
     * sees the new code at the same point tier 1 would. The volatile read also keeps HotSpot
     * from hoisting guest memory loads out of loops, so a guest spinning on a flag sees
     * another thread's store.
     */
    private void exitCheck(Block b) {
        List<Node> nodes = b.nodes();
        Node first = null;
        for (Node n : nodes) {
            if (n.op == Op.CONST) continue;
            first = n;
            break;
        }
        if (first == null || first.op != Op.INSN) return; // not at an instruction boundary
        Label go = new Label();
        mv.visitVarInsn(ALOAD, CPU_LOCAL);
        mv.visitFieldInsn(GETFIELD, CPU, "exitRequest", "I");
        mv.visitJumpInsn(IFEQ, go);
        pushConst(first.c);
        leave();
        mv.visitLabel(go);
    }

    /**
     * Returns the next guest address on the stack after writing the slots back. Exits share
     * one write-back sequence (the next address waits in a local), so a region with many
     * exits stays small enough for HotSpot to compile and inline into.
     */
    private void leave() {
        if (epilogue == null) {
            epilogue = new Label();
            nextRipLocal = allocLong();
        }
        mv.visitVarInsn(LSTORE, nextRipLocal);
        mv.visitJumpInsn(GOTO, epilogue);
    }

    /** Every INSN stores its address in the instruction local (see {@link #emit}). */
    private boolean trackInLocal;
    private Label epilogue;
    private int nextRipLocal = -1;

    // ---- state slots

    private void loadSlotFromState(int s) {
        mv.visitVarInsn(ALOAD, STATE);
        pushIntConst(s);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LSTORE, slotLocal[s]);
    }

    private void writeBack() {
        for (int s = slotsWritten.nextSetBit(0); s >= 0; s = slotsWritten.nextSetBit(s + 1)) {
            mv.visitVarInsn(ALOAD, STATE);
            pushIntConst(s);
            mv.visitVarInsn(LLOAD, slotLocal[s]);
            mv.visitInsn(LASTORE);
        }
    }

    // ---- values

    private void push(Node a) {
        if (a.op == Op.CONST) pushConst(a.c);
        else if (alias[a.id()] >= 0) mv.visitVarInsn(LLOAD, slotLocal[alias[a.id()]]);
        else if (valueLocal[a.id()] >= 0) mv.visitVarInsn(LLOAD, valueLocal[a.id()]);
        else throw new IllegalStateException("value used before it is defined: " + a);
    }

    /** Pushes (int) a: a constant directly, otherwise the long then L2I. */
    private void pushInt(Node a) {
        if (a.op == Op.CONST) {
            pushIntConst((int) a.c);
        } else {
            push(a);
            mv.visitInsn(L2I);
        }
    }

    /** Stores the long on the stack as n's value, or drops it if nothing uses it. */
    private void result(Node n) {
        if (uses[n.id()] == 0) {
            mv.visitInsn(POP2);
        } else {
            Integer free = freeLocals.poll();
            if (free == null) {
                free = allocLong();
                valueLocals.add(free);
            }
            valueLocal[n.id()] = free;
            mv.visitVarInsn(LSTORE, free);
        }
    }

    private void pushConst(long v) {
        if (v == 0) mv.visitInsn(LCONST_0);
        else if (v == 1) mv.visitInsn(LCONST_1);
        else mv.visitLdcInsn(v);
    }

    private void pushIntConst(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    private void invoke(String owner, String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
    }

    private int allocLong() {
        int l = nextLocal;
        nextLocal += 2;
        return l;
    }

    private int scratchInt() {
        if (scratchInt < 0) scratchInt = nextLocal++;
        return scratchInt;
    }

    private int scratchLong() {
        if (scratchLong < 0) scratchLong = allocLong();
        return scratchLong;
    }
}

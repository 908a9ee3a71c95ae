package org.jx86.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.IrFunction;
import org.jx86.ir.IrInterpreter;
import org.jx86.ir.Node;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The compiler's API, the shape of what it emits, and the interpreter tier's environment. */
class BytecodeCompilerTest {
    private static final BytecodeCompiler JIT = new BytecodeCompiler(true);

    static IrFunction addAndExit(long entry) {
        IrFunction fn = new IrFunction(entry);
        IrBuilder b = new IrBuilder(fn);
        b.insn(entry);
        b.set(0, b.add(b.get(0), b.get(1)));
        b.insn(entry + 3);
        b.set(2, b.konst(9));
        b.exit(b.konst(entry + 6), 0);
        return fn;
    }

    @Test
    void aTranslationIsAHiddenClassNamedAfterItsEntry() {
        CompiledBlock t = JIT.compile(addAndExit(0x401000));
        assertTrue(t.getClass().isHidden());
        assertTrue(t.getClass().getName().startsWith("org.jx86.jit.T_401000/"), t.getClass().getName());
        assertEquals(0x401000, t.guestEntry);
        assertEquals(2, t.guestInsns);
        assertEquals(-1, t.next0Rip);
        assertEquals(-1, t.next1Rip);
        assertNull(t.next0);
        assertEquals(0, t.execCount);
        assertEquals("org/jx86/jit/T_ffffffff81000000", BytecodeCompiler.className(0xFFFF_FFFF_8100_0000L));
        assertEquals("CompiledBlock@0x401000[2 insns]", t.toString());
    }

    @Test
    void runReturnsTheNextAddressAndWritesBackOnlyWrittenSlots() {
        CompiledBlock t = JIT.compile(addAndExit(0x401000));
        Machine m = Machine.withoutMemory().reset(3, 4, 5, 6);
        assertEquals(0x401006, t.run(m.cpu));
        assertEquals(7, m.cpu.s[0]);
        assertEquals(4, m.cpu.s[1]);
        assertEquals(9, m.cpu.s[2]);
        assertEquals(6, m.cpu.s[3]);
        assertEquals(Machine.RIP_SENTINEL, m.cpu.rip, "rip is only written on a fault");
    }

    @Test
    void exitCodesAreStoredOnlyWhenNonZero() {
        for (int code : new int[] {0, 1, 3}) {
            IrFunction fn = new IrFunction(0x1000);
            IrBuilder b = new IrBuilder(fn);
            b.exit(b.konst(0x2000), code);
            Machine m = Machine.withoutMemory().reset();
            m.cpu.exitCode = 42;
            assertEquals(0x2000, JIT.compile(fn).run(m.cpu));
            assertEquals(code == 0 ? 42 : code, m.cpu.exitCode);
        }
    }

    @Test
    void theSameTranslationRunsOnManyCpus() {
        CompiledBlock t = JIT.compile(addAndExit(0x401000));
        for (int i = 0; i < 100; i++) {
            Machine m = Machine.withoutMemory().reset(i, 2 * i);
            t.run(m.cpu);
            assertEquals(3 * i, m.cpu.s[0]);
        }
    }

    @Test
    void emptyInstructionRangesGetNoExceptionTableEntry() {
        IrFunction fn = new IrFunction(0x1000);
        IrBuilder b = new IrBuilder(fn);
        b.insn(0x1000);
        b.insn(0x1001);
        b.insn(0x1002);
        b.exit(b.konst(0x1003), 0);
        String listing = JIT.listing(fn);
        assertEquals(1, count(listing, "TRYCATCHBLOCK"), listing);
        assertEquals(0x1003, JIT.compile(fn).run(Machine.withoutMemory().reset().cpu));
    }

    @Test
    void theTlbArraysAreLoadedOnlyWhenUsed() {
        String pure = JIT.listing(addAndExit(0x1000));
        assertFalse(pure.contains("Tlb"), pure);
        IrFunction fn = new IrFunction(0x1000);
        IrBuilder b = new IrBuilder(fn);
        b.insn(0x1000);
        b.set(0, b.load(4, b.get(1)));
        b.exit(b.konst(0x1004), 0);
        String load = JIT.listing(fn);
        assertTrue(load.contains("Tlb.readTag") && load.contains("Tlb.page") && !load.contains("Tlb.writeTag"), load);
        assertTrue((load.contains("Mem.frameGet32") || load.contains("Unsafe.getInt")) && load.contains("Mem.readSlow"), load);
        assertEquals(1, count(load, "GETFIELD org/jx86/vmm/Cpu.tlb"), "loaded once at entry");
    }

    @Test
    void aGetIsReadInPlaceUnlessItsSlotChangesLater() {
        IrFunction fn = new IrFunction(0x1000);
        IrBuilder b = new IrBuilder(fn);
        b.insn(0x1000);
        Node rax = b.get(0), rcx = b.get(1);
        b.set(1, b.add(rax, rcx));  // rcx changes after its GET: the GET must copy
        b.set(2, rcx);
        b.exit(b.konst(0x1004), 0);
        Machine m = Machine.withoutMemory().reset(5, 7, 0);
        JIT.compile(fn).run(m.cpu);
        assertEquals(12, m.cpu.s[1]);
        assertEquals(7, m.cpu.s[2]);
    }

    @Test
    void checkingRejectsMalformedBytecodeWithAReadableMessage() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "org/jx86/jit/Bad", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "f", "()I", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.LCONST_0);   // a long where an int is returned
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BytecodeCompiler.check(cw.toByteArray()));
        assertTrue(e.getMessage().contains("malformed") && e.getMessage().contains("IRETURN"), e.getMessage());
    }

    @Test
    void checkingIsOnInTestsThroughTheSystemProperty() {
        assertTrue(new BytecodeCompiler().checksBytecode(), "surefire sets -Djx86.checkBytecode=true");
        assertFalse(new BytecodeCompiler(false).checksBytecode());
    }

    @Test
    void generateGivesTheClassFile() {
        byte[] bytes = JIT.generate(addAndExit(0x401000));
        ClassReader r = new ClassReader(bytes);
        assertEquals("org/jx86/jit/T_401000", r.getClassName());
        assertEquals("org/jx86/jit/CompiledBlock", r.getSuperName());
        BytecodeCompiler.check(bytes);
        assertEquals(BytecodeCompiler.listing(bytes), JIT.listing(addAndExit(0x401000)));
    }

    /** n instructions, each {@code r[i%16] = r[(i+1)%16] * 3 + r[(i+5)%16]}. */
    static IrFunction large(int n) {
        IrFunction fn = new IrFunction(0x1000);
        IrBuilder b = new IrBuilder(fn);
        for (int i = 0; i < n; i++) {
            b.insn(0x1000 + 4L * i);
            b.set(i % 16, b.add(b.mul(b.get((i + 1) % 16), b.konst(3)), b.get((i + 5) % 16)));
        }
        b.exit(b.konst(0x9000), 0);
        return fn;
    }

    @Test
    void aLargeFunctionCompiles() {
        IrFunction fn = large(2000);
        long[] slots = new long[16];
        for (int i = 0; i < 16; i++) slots[i] = i * 0x1234567L;
        Machine.Outcome i = Machine.withoutMemory().reset(slots).runInterpreted(fn);
        Machine.Outcome c = Machine.withoutMemory().reset(slots).runCompiled(JIT.compile(fn));
        assertEquals(i, c);
    }

    @Test
    void aFunctionTooLargeForOneJvmMethodFailsClearly() {
        // The region builder must keep regions below the JVM's 64 KiB of code per method.
        assertThrows(MethodTooLargeException.class, () -> JIT.compile(large(6000)));
    }

    @Test
    void unreachableBlocksCompile() {
        IrFunction fn = new IrFunction(0x1000);
        IrBuilder b = new IrBuilder(fn);
        var dead = b.newBlock();
        b.insn(0x1000);
        b.exit(b.konst(0x1004), 0);
        b.setBlock(dead);
        b.insn(0x2000);
        b.set(0, b.load(8, b.get(1)));
        b.exit(b.get(0), 1);
        Machine m = Machine.withMemory();
        assertEquals(0x1004, JIT.compile(fn).run(m.cpu));
        assertEquals(0, m.cpu.exitCode);
    }

    @Test
    void cpuEnvIsTheCpu() {
        Machine m = Machine.withMemory();
        Cpu cpu = m.cpu;
        CpuEnv env = new CpuEnv(cpu);
        env.set(3, 77);
        assertEquals(77, cpu.s[3]);
        assertEquals(77, env.get(3));
        env.store(4, Machine.RW + 8, 0x1234_5678_9ABCL);
        assertEquals(0x5678_9ABCL, env.load(4, Machine.RW + 8));
        assertEquals(0x5678_9ABCL, Mem.read32(cpu, Machine.RW + 8));
        assertEquals(cpu, env.context());
        assertEquals(cpu, env.cpu());
        env.faultAt(0x1234);
        assertEquals(0x1234, cpu.rip);
        env.exitCode(2);
        assertEquals(2, cpu.exitCode);
        IrFunction fn = addAndExit(0x401000);
        assertEquals(0x401006, IrInterpreter.run(fn, env));
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}

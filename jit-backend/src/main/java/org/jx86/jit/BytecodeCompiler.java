package org.jx86.jit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.jx86.ir.IrFunction;
import org.jx86.ir.IrVerifier;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Compiles an {@link IrFunction} to one JVM class (a subclass of {@link CompiledBlock}) with
 * OW2 ASM and defines it as a hidden class in this package, so it is unloaded as soon as
 * the code cache drops its last reference (STYLE.md §12).
 *
 * <p>What the generated {@code run(Cpu)} looks like (see {@link Emitter} for the rules):
 * <ul>
 *   <li>every guest state slot the function touches lives in a {@code long} local, loaded
 *       from {@code cpu.s} at entry and written back at exits, faults and around
 *       SYNC_STATE helper calls;</li>
 *   <li>IR values are {@code long} locals (constants are pushed where used);</li>
 *   <li>guest memory accesses inline the TLB compare of {@link org.jx86.vmm.mem.Tlb} and
 *       call {@link org.jx86.vmm.mem.Mem} on a miss (STYLE.md §11);</li>
 *   <li>precise faults cost nothing on the normal path: each guest instruction's bytecode
 *       range has its own exception-table entry whose handler records the instruction's
 *       address and writes the cached slots back.</li>
 * </ul>
 *
 * <p>With checking on ({@code -Djx86.checkBytecode=true}, or the constructor flag) every
 * class also passes through asm-util's {@link CheckClassAdapter} and the IR through
 * {@link IrVerifier} first, so malformed code fails with a readable message instead of a
 * {@code VerifyError} deep in a run. Tests run with checking on.
 *
 * <p>Thread-safe: a compiler holds no mutable state.
 */
public final class BytecodeCompiler {
    /** Package of every generated class; it must be this class's package (hidden-class rule). */
    static final String PACKAGE = "org/jx86/jit/";

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodType NO_ARGS = MethodType.methodType(void.class);

    private final boolean checkBytecode;

    /** A compiler that checks its output when the system property {@code jx86.checkBytecode} is true. */
    public BytecodeCompiler() { this(Boolean.getBoolean("jx86.checkBytecode")); }

    public BytecodeCompiler(boolean checkBytecode) { this.checkBytecode = checkBytecode; }

    public boolean checksBytecode() { return checkBytecode; }

    /**
     * HotSpot compiles no method with more bytecode than this (its HugeMethodLimit, with
     * DontCompileHugeMethods on by default); a tier-2 region must stay under it.
     */
    public static final int HUGE_METHOD_LIMIT = 8000;

    /** Compiles, defines and instantiates the translation of fn. */
    public CompiledBlock compile(IrFunction fn) { return compile(fn, Integer.MAX_VALUE); }

    /**
     * As {@link #compile(IrFunction)}, but returns null, defining nothing, when the bytecode
     * of {@code run} would be longer than maxCodeBytes.
     */
    public CompiledBlock compile(IrFunction fn, int maxCodeBytes) { return compile(fn, maxCodeBytes, new int[1]); }

    /**
     * As {@link #compile(IrFunction, int)}; stores the length of {@code run}'s bytecode in
     * codeSize[0] (Integer.MAX_VALUE when over the class file's limit), so a caller that got
     * null knows by how much it was over.
     */
    public CompiledBlock compile(IrFunction fn, int maxCodeBytes, int[] size) {
        if (checkBytecode) IrVerifier.verify(fn);
        byte[] bytes;
        try {
            bytes = generate(fn, size, false);
        } catch (org.objectweb.asm.MethodTooLargeException e) {
            if (maxCodeBytes == Integer.MAX_VALUE) throw e;
            size[0] = Integer.MAX_VALUE;
            bytes = null;
        }
        if (size[0] > maxCodeBytes && fn.region && COMPACT) {
            // memory accesses as calls: a region that fits this way is worth a few percent
            try {
                bytes = generate(fn, size, true);
            } catch (org.objectweb.asm.MethodTooLargeException e) {
                size[0] = Integer.MAX_VALUE;
            }
        }
        if (size[0] == Integer.MAX_VALUE) return null; // over the class file's 64 KiB: too large for any limit
        if (size[0] > maxCodeBytes) return null;
        if (checkBytecode) check(bytes);
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
            return (CompiledBlock) hidden.findConstructor(hidden.lookupClass(), NO_ARGS).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot instantiate the translation of " + name(fn), t);
        }
    }

    /** The class file of fn's translation, for {@code -d out_asm} dumps and tests. */
    public byte[] generate(IrFunction fn) { return generate(fn, new int[1]); }

    /** The class file of fn's translation; stores the length of {@code run}'s bytecode in codeSize[0]. */
    public byte[] generate(IrFunction fn, int[] codeSize) { return generate(fn, codeSize, false); }

    /** Regions may use {@link FrameAccess} calls for memory when over the size limit; -Djx86.compactMemory=false never does. */
    private static final boolean COMPACT = Boolean.parseBoolean(System.getProperty("jx86.compactMemory", "true"));

    private byte[] generate(IrFunction fn, int[] codeSize, boolean compact) {
        ClassWriter cw = new FrameComputingWriter();
        String name = fn.region ? regionClassName(fn.guestEntry) : className(fn.guestEntry);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
            name, null, Emitter.COMPILED_BLOCK, null);
        cw.visitSource(name(fn), null);

        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitLdcInsn(fn.guestEntry);
        init.visitLdcInsn(fn.guestInsnCount());
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, Emitter.COMPILED_BLOCK, "<init>", "(JI)V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodNode run = new MethodNode(Opcodes.ASM9, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "run",
            "(" + Emitter.CPU_DESC + ")J", null, null);
        new Emitter(fn, run, compact).emit();
        LabelNode end = new LabelNode();
        run.instructions.add(end);
        run.visitMaxs(0, 0);
        run.visitEnd();
        run.accept(cw);

        cw.visitEnd();
        byte[] bytes = cw.toByteArray();
        codeSize[0] = end.getLabel().getOffset(); // resolved by the writer: the code's length
        return bytes;
    }

    /** The Textifier listing of fn's translation (golden tests, {@code -d out_asm}). */
    public String listing(IrFunction fn) { return listing(generate(fn)); }

    /** The Textifier listing of a class file. */
    public static String listing(byte[] classBytes) {
        StringWriter sw = new StringWriter();
        new ClassReader(classBytes).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(sw)), 0);
        return sw.toString();
    }

    /** Internal name of the class generated for a translation starting at guestEntry. */
    public static String className(long guestEntry) { return PACKAGE + "T_" + Long.toHexString(guestEntry); }

    /**
     * Internal name of the class generated for a tier-2 region entered at guestEntry: R_, so
     * profilers, -XX:+PrintCompilation and CompileCommand patterns tell regions from blocks.
     */
    public static String regionClassName(long guestEntry) { return PACKAGE + "R_" + Long.toHexString(guestEntry); }

    private static String name(IrFunction fn) { return "guest@0x" + Long.toHexString(fn.guestEntry); }

    /** Structural and data-flow check of generated bytes; throws with a listing on failure. */
    static void check(byte[] bytes) {
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        try {
            CheckClassAdapter.verify(new ClassReader(bytes), BytecodeCompiler.class.getClassLoader(), false, pw);
        } catch (RuntimeException e) {
            e.printStackTrace(pw);
        }
        pw.flush();
        if (sw.getBuffer().length() > 0)
            throw new IllegalStateException("generated bytecode is malformed:\n" + sw + "\n" + listing(bytes));
    }

    /**
     * Checks that generated code can call helper m: the hidden class resolves the owner through
     * this package's class loader and links with public access only.
     */
    static void checkCallable(Method m, boolean context) {
        Class<?> owner = m.getDeclaringClass();
        for (Class<?> c = owner; c != null; c = c.getEnclosingClass())
            if (!Modifier.isPublic(c.getModifiers()))
                throw new IllegalArgumentException("helper " + m + " is not in a public class: generated code cannot call it");
        ClassLoader loader = BytecodeCompiler.class.getClassLoader();
        Class<?> seen;
        try {
            seen = Class.forName(owner.getName(), false, loader);
        } catch (ClassNotFoundException e) {
            seen = null;
        }
        if (seen != owner)
            throw new IllegalArgumentException("helper class " + owner.getName() + " is not visible from the jit's class loader");
        if (context && !m.getParameterTypes()[0].isAssignableFrom(org.jx86.vmm.Cpu.class))
            throw new IllegalArgumentException("helper " + m + ": the context parameter must accept a Cpu");
    }

    /**
     * COMPUTE_FRAMES without loading classes: generated code only merges Cpu, Object, long[],
     * byte[][] and exception types, so the common super class is known without reflection
     * (and without touching the hidden class, which no loader can find by name).
     */
    private static final class FrameComputingWriter extends ClassWriter {
        private static final String[] THROWABLES = {
            "java/lang/RuntimeException", "java/lang/Exception", "java/lang/Throwable"};

        FrameComputingWriter() { super(ClassWriter.COMPUTE_FRAMES); }

        @Override
        protected String getCommonSuperClass(String a, String b) {
            if (a.equals(b)) return a;
            int ia = throwableDepth(a), ib = throwableDepth(b);
            if (ia >= 0 && ib >= 0) return THROWABLES[Math.max(ia, ib)];
            return "java/lang/Object";
        }

        private static int throwableDepth(String t) {
            for (int i = 0; i < THROWABLES.length; i++) if (THROWABLES[i].equals(t)) return i;
            return -1;
        }
    }
}

package org.jx86.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.IrFunction;
import org.jx86.vmm.Cpu;
import org.junit.jupiter.api.Test;

/**
 * Translations are hidden classes that the JVM unloads once unreferenced (STYLE.md §12).
 * 20,000 of these classes take about 40 MiB of metaspace if none is unloaded; the test
 * checks that metaspace after a full GC is back near where it started, and the module's
 * tests run with {@code -XX:MaxMetaspaceSize=64m} so a leak cannot hide behind a large heap.
 */
class UnloadTest {
    static IrFunction small(long entry) {
        IrFunction fn = new IrFunction(entry);
        IrBuilder b = new IrBuilder(fn);
        b.insn(entry);
        b.set(0, b.add(b.get(0), b.konst(entry)));
        b.set(1, b.load(8, b.get(2)));
        b.exit(b.konst(entry + 4), 0);
        return fn;
    }

    @Test
    void twentyThousandTranslationsDoNotExhaustMetaspace() {
        BytecodeCompiler jit = new BytecodeCompiler(false);
        long before = metaspaceAfterGc();
        Cpu cpu = Machine.withMemory(0, 0, Machine.RW).cpu;
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            CompiledBlock t = jit.compile(small(0x400000L + 16L * i));
            t.run(cpu);
            sum += 0x400000L + 16L * i;
        }
        assertEquals(sum, cpu.s[0]);
        long after = metaspaceAfterGc();
        assertTrue(after - before < 12L << 20, String.format(
            "metaspace grew by %d KiB over 20,000 unreferenced translations", (after - before) >> 10));
    }

    static long metaspaceAfterGc() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getName().equals("Metaspace")) used = p.getUsage().getUsed();
        return used;
    }

    @Test
    void anUnreferencedTranslationIsUnloaded() throws InterruptedException {
        WeakReference<Class<?>> ref = new WeakReference<>(new BytecodeCompiler(false).compile(small(0x7000)).getClass());
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the hidden class of an unreferenced translation was not unloaded");
    }
}

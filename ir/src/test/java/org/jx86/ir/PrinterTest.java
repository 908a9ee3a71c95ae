package org.jx86.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The canonical text form (STYLE.md §6), as a golden string. */
class PrinterTest {
    public static final class Helpers {
        private Helpers() {}

        public static long cpuid(Object cpu, long leaf) { return leaf; }
    }

    @Test
    void aSmallFunction() {
        IrFunction fn = new IrFunction(0x401000);
        IrBuilder b = new IrBuilder(fn);
        Block taken = b.newBlock(), fall = b.newBlock();
        b.insn(0x401000);
        Node rax = b.get(0);
        b.set(0, b.add(rax, b.konst(1)));
        b.insn(0x401004);
        Node v = b.load(4, b.get(4));
        b.store(2, b.get(4), b.sext(1, v));
        b.branch(b.ltu(v, rax), taken, fall);
        b.setBlock(taken);
        b.set(3, b.call(Helper.of(Helpers.class, "cpuid", Helper.CONTEXT), b.konst(7)));
        b.jump(fall);
        b.setBlock(fall);
        b.exit(b.konst(0x401010), 1);
        assertEquals("""
            function @401000
            b0:
              insn 0x401000
              %1 = get.0
              %2 = const 0x1
              %3 = add %1, %2
              set.0 %3
              insn 0x401004
              %6 = get.4
              %7 = load.4 %6
              %8 = get.4
              %9 = sext.1 %7
              store.2 %8, %9
              %11 = ltu %7, %1
              branch %11, b1, b2
            b1:
              %13 = const 0x7
              %14 = call Helpers.cpuid %13
              set.3 %14
              jump b2
            b2:
              %17 = const 0x401010
              exit %17, 1
            """, IrPrinter.format(fn));
        assertEquals("%3 = add %1, %2", fn.entry().nodes().get(3).toString());
        assertEquals(IrPrinter.format(fn), fn.toString());
    }

    @Test
    void negativeConstantsPrintAsUnsignedHex() {
        IrFunction fn = new IrFunction(-1);
        IrBuilder b = new IrBuilder(fn);
        b.exit(b.konst(-2), 0);
        assertEquals("function @ffffffffffffffff\nb0:\n  %0 = const 0xfffffffffffffffe\n  exit %0, 0\n",
            IrPrinter.format(fn));
    }
}

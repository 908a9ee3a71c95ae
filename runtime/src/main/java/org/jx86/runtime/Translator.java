package org.jx86.runtime;

import org.jx86.ir.IrFunction;
import org.jx86.ir.IrPrinter;
import org.jx86.ir.Passes;
import org.jx86.jit.BytecodeCompiler;
import org.jx86.jit.CompiledBlock;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.MemoryMap;
import org.jx86.x86.decode.CodeReader;
import org.jx86.x86.lift.Lifter;

/** The translation pipeline for one guest block: decode and lift, optimise, emit bytecode. */
public final class Translator {
    private final EngineOptions opts;
    private final Lifter lifter = new Lifter();
    private final BytecodeCompiler compiler;
    public long translated;
    public long compiled;

    public Translator(EngineOptions opts) {
        this.opts = opts;
        this.compiler = new BytecodeCompiler(opts.checks);
    }

    public synchronized Translation translate(Cpu cpu, long rip) {
        IrFunction fn = lifter.lift(codeReader(cpu), rip);
        long end = lifter.endAddress();
        if (opts.logItems.contains("op")) opts.log.print(IrPrinter.format(fn));
        Passes.optimize(fn, opts.checks);
        if (opts.logItems.contains("op_opt")) opts.log.print(IrPrinter.format(fn));
        Translation t = new Translation(rip, end, null, fn);
        if (opts.tier == Tier.JIT) compile(t);
        translated++;
        return t;
    }

    /** Emits and loads bytecode for a translation's IR. */
    public synchronized void compile(Translation t) {
        if (t.code != null) return;   // another thread got here first
        CompiledBlock code = compiler.compile(t.ir);
        if (opts.logItems.contains("out_asm")) opts.log.print(compiler.listing(t.ir));
        t.code = code;
        compiled++;
    }

    /** Reads code through the page's frame, one lookup per page rather than per byte. */
    private static CodeReader codeReader(Cpu cpu) {
        MemoryMap m = cpu.memory;
        if (!(m instanceof AddressSpace as)) return addr -> m.fetchByte(cpu, addr);
        return new CodeReader() {
            private long page = -1;
            private byte[] frame;

            @Override
            public int readByte(long addr) {
                long p = addr >>> 12;
                if (p != page) {
                    frame = as.codeFrame(addr);
                    page = p;
                }
                return frame[(int) addr & 0xFFF] & 0xFF;
            }
        };
    }
}

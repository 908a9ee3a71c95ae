package org.jx86.runtime;

import org.jx86.ir.IrBuilder;
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

    public Translation translate(Cpu cpu, long rip) { return translate(cpu, rip, null); }

    /** Translates with every data address rewritten by dataAddress (system mode: LAM untagging). */
    public synchronized Translation translate(Cpu cpu, long rip, IrBuilder.AddressMapper dataAddress) {
        IrFunction fn = lifter.lift(codeReader(cpu), rip, dataAddress);
        long end = lifter.endAddress();
        if (opts.listener != null) opts.listener.lifted(cpu, rip, end);
        if (opts.logItems.contains("op_lift")) opts.log.print("OP (as lifted):\n" + IrPrinter.format(fn) + "\n");
        Passes.optimize(fn, opts.checks);
        if (opts.logItems.contains("op")) opts.log.print("OP:\n" + IrPrinter.format(fn) + "\n");
        Translation t = new Translation(rip, end, null, fn);
        if (opts.tier == Tier.JIT) compile(t);
        translated++;
        return t;
    }

    public boolean checks() { return opts.checks; }

    /** Lifts the guest block at rip without optimising it; {@link #lastEnd()} is its end. */
    public synchronized IrFunction liftBlock(Cpu cpu, long rip) {
        IrFunction fn = lifter.lift(codeReader(cpu), rip);
        lastEnd = lifter.endAddress();
        return fn;
    }

    private long lastEnd;

    /** End address of the block {@link #liftBlock} lifted last. */
    public synchronized long lastEnd() { return lastEnd; }

    /** Compiles a region; null if its method would be too large for HotSpot to compile. */
    public synchronized CompiledBlock compileRegion(IrFunction region) { return compileRegion(region, new int[1]); }

    /** As {@link #compileRegion(IrFunction)}; the method's bytecode length goes to size[0]. */
    public synchronized CompiledBlock compileRegion(IrFunction region, int[] size) {
        if (opts.logItems.contains("op_opt")) opts.log.print(IrPrinter.format(region));
        CompiledBlock code = compiler.compile(region, RegionFormer.MAX_BYTECODE, size);
        if (code != null && opts.logItems.contains("out_asm")) opts.log.print(compiler.listing(region));
        if (code != null) compiled++;
        return code;
    }

    /** The bytecode listing of fn's translation (debugging). */
    public synchronized String listing(IrFunction fn) { return compiler.listing(fn); }

    /** Emits and loads bytecode for a translation's IR. */
    public synchronized void compile(Translation t) {
        if (t.code != null) return;   // another thread got here first
        CompiledBlock code = compiler.compile(t.ir);
        if (opts.logItems.contains("out_asm"))
            opts.log.print("OUT: [guest 0x" + Long.toHexString(t.rip) + "]\n" + compiler.listing(t.ir) + "\n");
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

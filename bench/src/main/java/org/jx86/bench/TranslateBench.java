package org.jx86.bench;

import java.util.concurrent.TimeUnit;
import org.jx86.ir.IrFunction;
import org.jx86.ir.Passes;
import org.jx86.jit.BytecodeCompiler;
import org.jx86.jit.CompiledBlock;
import org.jx86.x86.decode.CodeReader;
import org.jx86.x86.lift.Lifter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (c) Translation latency of one tier-1 block, as the runtime's Translator does it: lift,
 * {@link Passes#optimize} (no verification) and {@link BytecodeCompiler#compile}, which
 * generates the class with ASM and defines it as a hidden class. {@code optimize} separates
 * the cost of the first two steps. Scores are microseconds per block.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TranslateBench {
    private final Lifter lifter = new Lifter();
    private final BytecodeCompiler compiler = new BytecodeCompiler(false);
    private CodeReader reader;
    private long[] blocks;
    private int i;

    @Setup
    public void setup() {
        TextSample s = new TextSample();
        reader = s.reader();
        blocks = s.blocks;
    }

    private long nextBlock() {
        int k = i;
        i = ++k == blocks.length ? 0 : k;
        return blocks[k - 1];
    }

    @Benchmark
    public IrFunction optimize() {
        IrFunction fn = lifter.lift(reader, nextBlock());
        Passes.optimize(fn, false);
        return fn;
    }

    @Benchmark
    public CompiledBlock translate() {
        IrFunction fn = lifter.lift(reader, nextBlock());
        Passes.optimize(fn, false);
        return compiler.compile(fn);
    }

    @Benchmark
    public byte[] generateOnly() {
        IrFunction fn = lifter.lift(reader, nextBlock());
        Passes.optimize(fn, false);
        return compiler.generate(fn);
    }
}

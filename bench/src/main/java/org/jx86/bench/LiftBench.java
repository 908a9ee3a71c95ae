package org.jx86.bench;

import java.util.concurrent.TimeUnit;
import org.jx86.ir.IrFunction;
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
 * (b) Lifting: one op decodes and lifts one tier-1 block of {@link TextSample} to IR,
 * cycling through the sample's blocks; the score is ns per block (the setup prints the
 * sample's instructions per block).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LiftBench {
    private final Lifter lifter = new Lifter();
    private CodeReader reader;
    private long[] blocks;
    private int i;

    @Setup
    public void setup() {
        TextSample s = new TextSample();
        reader = s.reader();
        blocks = s.blocks;
        System.out.printf("%n[sample: %d insns, %d blocks, %.1f insns/block]%n",
                s.insns.length, s.blocks.length, (double) s.blockInsns / s.blocks.length);
    }

    @Benchmark
    public IrFunction lift() {
        int k = i;
        IrFunction fn = lifter.lift(reader, blocks[k]);
        i = ++k == blocks.length ? 0 : k;
        return fn;
    }
}

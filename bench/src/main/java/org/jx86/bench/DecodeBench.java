package org.jx86.bench;

import java.util.concurrent.TimeUnit;
import org.jx86.x86.decode.CodeReader;
import org.jx86.x86.decode.Decoder;
import org.jx86.x86.decode.Insn;
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
 * (a) Decoder throughput: one op decodes one instruction of {@link TextSample}, cycling
 * through the sample in order, so the score is ns per instruction over a real mix.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class DecodeBench {
    private final Decoder decoder = new Decoder();
    private final Insn insn = new Insn();
    private CodeReader reader;
    private long[] insns;
    private int i;

    @Setup
    public void setup() {
        TextSample s = new TextSample();
        reader = s.reader();
        insns = s.insns;
    }

    @Benchmark
    public int decode() {
        int k = i;
        decoder.decode(reader, insns[k], insn);
        i = ++k == insns.length ? 0 : k;
        return insn.length;
    }
}

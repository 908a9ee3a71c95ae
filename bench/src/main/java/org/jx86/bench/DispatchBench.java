package org.jx86.bench;

import java.util.concurrent.TimeUnit;
import org.jx86.runtime.Engine;
import org.jx86.runtime.EngineOptions;
import org.jx86.runtime.Tier;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (e) Dispatch: the engine running a guest loop whose body is one block,
 *
 * <pre>
 *   0: b9 NN NN NN NN   mov ecx, LOOPS
 *   5: ff c9            dec ecx          ; block at 5: dec + jnz, LOOPS-1 times
 *   7: 75 fc            jnz 5
 *   9: 0f 05            syscall          ; the handler throws STOP: the run ends
 * </pre>
 *
 * so the score, ns per op with {@code LOOPS} ops per invocation, is the cost of one trip
 * round the dispatcher (successor-link check, execution counter, exit-code check) plus the
 * two-instruction block itself. Translations stay cached across invocations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class DispatchBench {
    static final int LOOPS = 1 << 20;
    static final long CODE = 0x10000, STACK_TOP = 0x80000;

    /** Ends {@link Engine#run} at the guest's syscall; preallocated, without a stack trace. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Stop STOP = new Stop();

        private Stop() { super("stop", null, false, false); }
    }

    private Cpu cpu;
    private Engine engine;

    @Setup
    public void setup() {
        byte[] code = {
            (byte) 0xb9, (byte) LOOPS, (byte) (LOOPS >>> 8), (byte) (LOOPS >>> 16), (byte) (LOOPS >>> 24),
            (byte) 0xff, (byte) 0xc9,
            (byte) 0x75, (byte) 0xfc,
            (byte) 0x0f, (byte) 0x05,
        };
        AddressSpace as = new AddressSpace();
        as.map(CODE, 0x1000, Vma.PROT_READ | Vma.PROT_EXEC, "code");
        as.poke(CODE, code, 0, code.length);
        as.map(STACK_TOP - 0x10000, 0x10000, Vma.PROT_READ | Vma.PROT_WRITE, "stack");
        cpu = new Cpu(as);
        EngineOptions o = new EngineOptions();
        o.tier = Tier.JIT;
        o.checks = false;
        engine = new Engine(c -> { throw Stop.STOP; }, o);
    }

    @Benchmark
    @OperationsPerInvocation(LOOPS)
    public long loop() {
        cpu.rip = CODE;
        cpu.s[org.jx86.vmm.Slots.RSP] = STACK_TOP - 64;
        try {
            engine.run(cpu);
        } catch (Stop expected) {
            // the loop's final syscall
        }
        return cpu.s[org.jx86.vmm.Slots.RCX];
    }

    @TearDown
    public void check() {
        if (cpu.s[org.jx86.vmm.Slots.RCX] != 0) throw new IllegalStateException("loop did not finish");
        if (engine.stats.translations > 3) {
            throw new IllegalStateException("retranslated: " + engine.stats.translations + " translations");
        }
    }
}

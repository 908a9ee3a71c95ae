package org.jx86.bench;

import java.util.concurrent.TimeUnit;
import org.jx86.runtime.Engine;
import org.jx86.runtime.EngineOptions;
import org.jx86.runtime.Tier;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A guest loop that calls a function on every iteration, run three ways ({@link #mode}):
 *
 * <pre>
 *   0: b9 NN NN NN NN   mov ecx, LOOPS
 *   5: e8 06 00 00 00   call 16
 *  10: ff c9            dec ecx
 *  12: 75 f7            jnz 5
 *  14: 0f 05            syscall          ; the handler throws STOP: the run ends
 *  16: 83 c0 01         add eax, 1
 *  19: c3               ret
 * </pre>
 *
 * <ul>
 *   <li>{@code linked}: the default; the loop is a region and the call a linked call
 *       (docs/tier2.md): registers written back, the callee's translation run, reloaded;</li>
 *   <li>{@code followed}: linking off; the region follows the call and guards the return,
 *       so callee and loop are one JVM method (the best case, only for a callee with a
 *       single hot caller);</li>
 *   <li>{@code tier1}: no regions; every call, return and loop trip goes through the
 *       dispatcher.</li>
 * </ul>
 * The score is ns per loop iteration (one call and return, two loop instructions).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CallLinkBench {
    static final int LOOPS = 1 << 20;
    static final long CODE = 0x10000, STACK_TOP = 0x80000;

    @Param({"linked", "followed", "tier1"})
    public String mode;

    private Cpu cpu;
    private Engine engine;

    @Setup
    public void setup() {
        byte[] code = {
            (byte) 0xb9, (byte) LOOPS, (byte) (LOOPS >>> 8), (byte) (LOOPS >>> 16), (byte) (LOOPS >>> 24),
            (byte) 0xe8, 0x06, 0x00, 0x00, 0x00,
            (byte) 0xff, (byte) 0xc9,
            (byte) 0x75, (byte) 0xf7,
            (byte) 0x0f, (byte) 0x05,
            (byte) 0x83, (byte) 0xc0, 0x01,
            (byte) 0xc3,
        };
        AddressSpace as = new AddressSpace();
        as.map(CODE, 0x1000, Vma.PROT_READ | Vma.PROT_EXEC, "code");
        as.poke(CODE, code, 0, code.length);
        as.map(STACK_TOP - 0x10000, 0x10000, Vma.PROT_READ | Vma.PROT_WRITE, "stack");
        cpu = new Cpu(as);
        EngineOptions o = new EngineOptions();
        o.tier = Tier.JIT;
        o.checks = false;
        o.regionThreshold = mode.equals("tier1") ? 0 : 1000;
        o.linkCalls = mode.equals("linked");
        engine = new Engine(c -> { throw DispatchBench.Stop.STOP; }, o);
    }

    @Benchmark
    @OperationsPerInvocation(LOOPS)
    public long loop() {
        cpu.rip = CODE;
        cpu.s[Slots.RSP] = STACK_TOP - 64;
        try {
            engine.run(cpu);
        } catch (DispatchBench.Stop expected) {
            // the loop's final syscall
        }
        return cpu.s[Slots.RAX];
    }

    @TearDown
    public void check() {
        if (cpu.s[Slots.RCX] != 0) throw new IllegalStateException("loop did not finish");
        if (!mode.equals("tier1") && engine.stats.regions == 0) throw new IllegalStateException("no region was formed");
    }
}

package org.jx86.bench;

import java.util.concurrent.TimeUnit;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Mem;
import org.jx86.vmm.mem.Vma;
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
 * (d) The soft-MMU fast path: {@link Mem#read64} and {@link Mem#write64} hitting the TLB on a
 * mapped page. Must allocate nothing (STYLE.md §10): run with {@code -prof gc} and check
 * {@code gc.alloc.rate.norm} is 0 B/op (or use {@code bench/check-alloc}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TlbBench {
    static final long DATA = 0x20000;

    private Cpu cpu;
    private long offset;

    @Setup
    public void setup() {
        AddressSpace as = new AddressSpace();
        as.map(DATA, 0x1000, Vma.PROT_READ | Vma.PROT_WRITE, "data");
        cpu = new Cpu(as);
        cpu.tlb.generation = as.generation();
        Mem.write64(cpu, DATA + 8, 0x1122334455667788L); // misses once, fills the TLB
        if (Mem.read64(cpu, DATA + 8) != 0x1122334455667788L) throw new IllegalStateException("TLB");
    }

    /** Walks the page 8 bytes at a time so the index and offset are not constants. */
    @Benchmark
    public long read64() {
        long o = offset;
        offset = (o + 8) & 0xFF8;
        return Mem.read64(cpu, DATA + o);
    }

    @Benchmark
    public void write64() {
        long o = offset;
        offset = (o + 8) & 0xFF8;
        Mem.write64(cpu, DATA + o, o);
    }
}

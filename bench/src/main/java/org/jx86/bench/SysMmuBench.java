package org.jx86.bench;

import java.util.concurrent.TimeUnit;
import org.jx86.vmm.sys.Access;
import org.jx86.vmm.sys.Cr;
import org.jx86.vmm.sys.PhysMem;
import org.jx86.vmm.sys.SysFeatures;
import org.jx86.vmm.sys.SysMmu;
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
 * System-mode MMU: a translation that hits the PCID-tagged TLB, and MOV to CR3 with the
 * no-flush hint between address spaces whose roots are cached (2 roots, alternating) or
 * not (5 roots in rotation, more than the 4 the root cache holds). All must allocate
 * nothing: run with {@code -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SysMmuBench {
    static final long DATA = 0x40_0000;
    static final int SPACES = 5;
    static final int REGIONS = 8;

    private SysMmu mmu;
    private final long[] cr3 = new long[SPACES];
    private long offset;
    private int next;

    @Setup
    public void setup() {
        PhysMem mem = new PhysMem(16L << 20);
        mmu = new SysMmu(SysFeatures.all(), mem);
        // Five PML4s sharing one PDPT and PD; the PD maps 2 MiB regions 2..9 through page
        // tables (4 KiB pages) and the rest with 2 MiB pages: all identity maps.
        long pdpt = 0x10_0000, pd = 0x10_1000;
        for (int i = 0; i < 512; i++) mem.write64(pd + 8L * i, ((long) i << 21) | 0x87);
        for (int r = 0; r < REGIONS; r++) {
            long pt = 0x10_2000 + 0x1000L * r;
            long base = (long) (r + 2) << 21;
            for (int j = 0; j < 512; j++) mem.write64(pt + 8L * j, (base + ((long) j << 12)) | 7);
            mem.write64(pd + 8L * (r + 2), pt | 7);
        }
        mem.write64(pdpt, pd | 7);
        for (int s = 0; s < SPACES; s++) {
            long pml4 = 0x11_0000 + 0x1000L * s;
            mem.write64(pml4, pdpt | 7);
            cr3[s] = pml4 | (s + 1);
        }
        mmu.cr0 = Cr.CR0_PE | Cr.CR0_PG | Cr.CR0_WP;
        mmu.cr4 = Cr.CR4_PAE | Cr.CR4_PCIDE;
        mmu.efer = Cr.EFER_LME | Cr.EFER_LMA | Cr.EFER_NXE;
        mmu.cs64 = true;
        mmu.cr3 = cr3[0] & ~0xFFFL;
        mmu.recompute();
        mmu.write(DATA, 8, 42, Access.READ);
    }

    /** Translation of a data read hitting the TLB (offset varies so nothing is constant). */
    @Benchmark
    public long tlbHit() {
        long o = offset;
        offset = (o + 8) & 0xFF8;
        return mmu.translate(DATA + o, Access.READ);
    }

    /** Load through the TLB hit path and physical memory. */
    @Benchmark
    public long read64Hit() {
        long o = offset;
        offset = (o + 8) & 0xFF8;
        return mmu.read(DATA + o, 8, Access.READ);
    }

    /**
     * After a switch the address space reads one page in each of 8 regions. The TLB is
     * indexed by virtual page only, so the previous space's fills have evicted these
     * entries: each read misses the TLB. With the root cached, its paging-structure cache
     * turns each walk into one entry read; with a fresh root each walk reads 4 levels.
     */
    private long touch() {
        long sum = 0;
        for (int r = 0; r < REGIONS; r++) sum += mmu.read(((long) (r + 2) << 21) + 0x5000, 8, Access.READ);
        return sum;
    }

    /** MOV CR3 (no-flush) alternating between two cached roots, then 8 TLB-missing reads. */
    @Benchmark
    public long cr3SwitchRootHit() {
        int s = next ^ 1;
        next = s;
        mmu.movToCr3(cr3[s] | Cr.CR3_NOFLUSH);
        return touch();
    }

    /** MOV CR3 (no-flush) rotating through five roots: every switch misses the root cache. */
    @Benchmark
    public long cr3SwitchRootMiss() {
        int s = next + 1 == SPACES ? 0 : next + 1;
        next = s;
        mmu.movToCr3(cr3[s] | Cr.CR3_NOFLUSH);
        return touch();
    }
}

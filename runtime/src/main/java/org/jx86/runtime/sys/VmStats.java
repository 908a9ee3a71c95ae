package org.jx86.runtime.sys;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jx86.vmm.sys.SysVcpu;

/** The counters `jx86 vm --stats` prints: VM exits by kind, MMU and TLB activity, faults. */
final class VmStats {
    final Map<String, LongAdder> exits = new ConcurrentHashMap<>();
    final Map<String, LongAdder> exceptions = new ConcurrentHashMap<>();
    final AtomicLong ipis = new AtomicLong(), interrupts = new AtomicLong(), blocks = new AtomicLong(),
        translations = new AtomicLong();

    void exit(String kind) { exits.computeIfAbsent(kind, k -> new LongAdder()).increment(); }

    void exception(String kind) { exceptions.computeIfAbsent(kind, k -> new LongAdder()).increment(); }

    void print(PrintWriter out, Machine m) {
        out.println("jx86 vm statistics:");
        out.printf("  blocks run %d, translations %d, code invalidations %d%n", blocks.get(), translations.get(),
            m.code.invalidations);
        out.println("  VM exits by kind:");
        for (var e : new TreeMap<>(exits).entrySet()) out.printf("    %-12s %d%n", e.getKey(), e.getValue().sum());
        out.println("  exceptions delivered:");
        for (var e : new TreeMap<>(exceptions).entrySet()) out.printf("    %-12s %d%n", e.getKey(), e.getValue().sum());
        out.printf("  interrupts delivered %d, IPIs sent %d%n", interrupts.get(), ipis.get());
        long cr3 = 0, alloc = 0, reuse = 0, flush = 0, full = 0, miss = 0, walks = 0, pf = 0, psc = 0, front = 0, slow = 0;
        for (SysVcpu v : m.vcpus) {
            cr3 += v.mmu.cr3Writes;
            alloc += v.mmu.roots.allocations;
            reuse += v.mmu.roots.reuses;
            flush += v.mmu.tlb.flushes;
            full += v.mmu.tlb.fullFlushes;
            miss += v.mmu.tlb.misses;
            walks += v.mmu.walker.walks;
            pf += v.mmu.pageFaults;
            psc += v.mmu.pscHits;
            front += v.frontFlushes;
            slow += v.cpu.tlb.misses;
        }
        out.printf("  CR3 writes %d, MMU root allocations %d, root reuses %d%n", cr3, alloc, reuse);
        out.printf("  TLB flushes %d (full %d), TLB misses %d, page walks %d (%d from the paging-structure cache), "
            + "page faults %d, front-TLB flushes %d, front-TLB misses %d%n", flush, full, miss, walks, psc, pf, front, slow);
    }
}

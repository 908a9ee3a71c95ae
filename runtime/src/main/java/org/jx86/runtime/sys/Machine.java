package org.jx86.runtime.sys;

import java.io.OutputStream;
import java.io.PrintWriter;
import org.jx86.runtime.EngineOptions;
import org.jx86.runtime.Tier;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.sys.PhysMem;
import org.jx86.vmm.sys.SysCpuid;
import org.jx86.vmm.sys.SysMemoryMap;
import org.jx86.vmm.sys.SysMmu;
import org.jx86.vmm.sys.SysVcpu;
import org.jx86.vmm.sys.X2Apic;

/**
 * A system-mode machine: guest RAM, vCPUs each on its own JVM thread, their APICs, the
 * I/O ports and the shared code cache. It ends when the guest writes the debug-exit port,
 * triple-faults, or every vCPU halts with interrupts off.
 */
public final class Machine {
    /** Exit statuses besides the debug-exit port's (v << 1) | 1. */
    public static final int TRIPLE_FAULT = 4, ALL_HALTED = 6, INTERNAL = 70;

    final VmConfig cfg;
    final PhysMem mem;
    final SysVcpu[] vcpus;
    final X2Apic[] apics;
    final SysCodeCache code;
    final PortIo ports;
    final EngineOptions engineOptions = new EngineOptions();
    final VmStats stats = new VmStats();
    private volatile boolean stopped;
    private int status = -1;
    private String reason;
    private int running;

    public Machine(VmConfig cfg, OutputStream console) {
        this.cfg = cfg;
        this.mem = new PhysMem(cfg.memory);
        this.code = new SysCodeCache(cfg.memory);
        this.ports = new PortIo(console, this);
        this.vcpus = new SysVcpu[cfg.smp];
        this.apics = new X2Apic[cfg.smp];
        engineOptions.tier = Tier.MIXED;
        for (int i = 0; i < cfg.smp; i++) {
            SysMmu mmu = new SysMmu(cfg.features, mem);
            Cpu cpu = new Cpu(null);
            cpu.memory = new SysMemoryMap(mmu, code);
            cpu.cpuid = SysCpuid.model(cfg.features, i);
            vcpus[i] = new SysVcpu(i, cpu, mmu);
            apics[i] = new X2Apic(i);
        }
    }

    boolean stopped() { return stopped; }

    /** Ends the run with a status (first caller wins); reason, if any, is printed. */
    synchronized void exit(int status, String reason) {
        if (stopped) return;
        this.status = status;
        this.reason = reason;
        stopped = true;
        for (X2Apic a : apics) {
            Thread t = a.owner;
            if (t != null) java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    /** Fixed IPI from an ICR write (x2APIC format: destination in bits 63:32). */
    void sendIpi(int from, long icr) {
        int vector = (int) icr & 0xFF;
        int mode = (int) (icr >>> 8) & 7;
        int shorthand = (int) (icr >>> 18) & 3;
        long dest = icr >>> 32;
        if (mode != 0) return; // only fixed delivery; INIT/SIPI are unnecessary (all vCPUs start at once)
        for (int i = 0; i < apics.length; i++) {
            boolean hit = switch (shorthand) {
                case 1 -> i == from;
                case 2 -> true;
                case 3 -> i != from;
                default -> dest == 0xFFFF_FFFFL || dest == i;
            };
            if (hit) apics[i].post(vector);
        }
        stats.ipis.incrementAndGet();
    }

    /** Called by a vCPU thread that halted for good (HLT with IF = 0 and no timer). */
    synchronized void vcpuDone() {
        if (--running == 0) exit(ALL_HALTED, "all vCPUs halted with interrupts disabled");
    }

    /** Boots and runs to the end; returns the exit status. */
    public int run(long entry, PrintWriter err) throws InterruptedException {
        Thread[] threads = new Thread[vcpus.length];
        synchronized (this) {
            running = vcpus.length;
        }
        for (int i = 0; i < vcpus.length; i++) {
            BootLoader.resetVcpu(vcpus[i], entry, cfg);
            SysEngine e = new SysEngine(this, vcpus[i], apics[i]);
            threads[i] = new Thread(e, "vcpu" + i);
            threads[i].setDaemon(true);
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        ports.flush();
        if (reason != null) err.println("jx86: " + reason);
        if (cfg.stats) stats.print(err, this);
        err.flush();
        return status;
    }
}

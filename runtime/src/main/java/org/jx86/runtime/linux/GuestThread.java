package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;

/**
 * Per-thread state of a guest thread: its id, vCPU and the addresses the kernel keeps per
 * task (clear_child_tid, the robust futex list). Everything else a thread uses is the
 * process's ({@link LinuxProcess}), shared with its siblings.
 */
public final class GuestThread {
    public final LinuxProcess process;
    public final int tid;
    public final Cpu cpu;
    /** The JVM thread running this guest thread (set once it starts). */
    volatile Thread host;
    /** set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken when the thread ends. */
    volatile long clearChildTid;
    /** set_robust_list: head of the robust futex list, walked when the thread ends. */
    volatile long robustList;
    /** This thread's signal mask, pending signals and alternate stack. */
    final ThreadSignals signals;

    GuestThread(LinuxProcess process, int tid, Cpu cpu) {
        this.process = process;
        this.tid = tid;
        this.cpu = cpu;
        this.signals = process.signals().thread(cpu);
    }

    public long clearChildTid() { return clearChildTid; }

    public long robustList() { return robustList; }

    public ThreadSignals signals() { return signals; }

    @Override
    public String toString() { return "guest thread " + tid; }
}

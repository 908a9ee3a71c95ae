package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;

/**
 * The per-thread half of signal state (what Linux keeps in task_struct rather than
 * signal_struct): the blocked mask, thread-directed pending signals, the alternate signal
 * stack, the mask saved by sigsuspend, and how to wake the thread from a blocking system call.
 * Its fields are guarded by the process's {@link SignalState} lock; {@link #post} may be
 * called from any thread.
 */
public final class ThreadSignals {
    private static final ThreadLocal<ThreadSignals> CURRENT = new ThreadLocal<>();

    final SignalState process;
    /**
     * What restart_syscall resumes after a call returned -ERESTART_RESTARTBLOCK and no handler
     * ran (the kernel's restart_block): the rest of a sleep or poll, with the time left. Only
     * the thread itself touches it.
     */
    RestartBlock restartBlock;

    /** The continuation of an interrupted system call (returns its result, or another restart code). */
    @FunctionalInterface
    interface RestartBlock { long resume(Cpu c); }

    /** The vCPU running this thread; execve moves the thread onto the new image's. */
    volatile Cpu cpu;
    long blocked;
    /** The host thread running this guest thread (its CPU time is the thread's, for CPU-time timers). */
    volatile Thread host;
    final PendingSignals pending = new PendingSignals();
    long altSp, altSize;
    int altFlags = SignalState.SS_DISABLE;
    /** Mask to restore after the handler that ends a sigsuspend (valid when hasSavedMask). */
    long savedMask;
    boolean hasSavedMask;
    /** Wakes this thread from the blocking call it is in, or null. */
    private volatile Runnable waker;
    /** The process is ending (exit_group or a fatal signal in another thread): give up blocking calls. */
    private volatile boolean stopping;

    ThreadSignals(SignalState process, Cpu cpu) {
        this.process = process;
        this.cpu = cpu;
    }

    /** The guest thread running on the calling host thread, or null (unit tests, host threads). */
    public static ThreadSignals current() { return CURRENT.get(); }

    /** Marks the calling host thread as running this guest thread (blocking calls find it here). */
    public void bindToCurrentThread() {
        CURRENT.set(this);
        host = Thread.currentThread();
    }

    /** Ends {@link #bindToCurrentThread} (the guest thread is done with this host thread). */
    public static void unbindCurrentThread() { CURRENT.remove(); }

    public Cpu cpu() { return cpu; }

    /** Sends sig to this thread (tkill/tgkill, faults). Thread-safe. */
    public void post(int sig, Siginfo info) { process.postToThread(this, sig, info); }

    public long blocked() {
        synchronized (process) {
            return blocked;
        }
    }

    /** True when a signal could be delivered now: a blocking system call must give up. */
    public boolean interrupted() {
        if (stopping || process.groupStopped()) return true;
        synchronized (process) {
            return process.deliverable(this) != 0;
        }
    }

    /**
     * Asks this thread to stop (another thread ends the process): its blocking call gives up
     * and its dispatcher, seeing {@link Cpu#events}, asks {@link GuestThreads} what to do.
     */
    void stop() {
        stopping = true;
        kick();
    }

    /** True once the process is ending ({@link #stop}). */
    boolean isStopping() { return stopping; }

    /** Registers how to wake this thread while it blocks; pair with {@link #endBlocking}. */
    public void beginBlocking(Runnable wake) { waker = wake; }

    /**
     * Waits on monitor (its lock held by the caller) until it is notified or, for a guest
     * thread, a signal becomes deliverable (wake must notify monitor). Throws ERESTARTSYS when
     * one is deliverable before waiting; returns true when one is after. Host threads (unit
     * tests) just wait. A Java interrupt is EINTR.
     */
    static boolean awaitOn(Object monitor, Runnable wake) {
        ThreadSignals t = current();
        // Register the waker before looking: a signal arriving in between then waits for our wait().
        if (t != null) t.beginBlocking(wake);
        try {
            if (t != null && t.interrupted()) throw new LinuxError(SignalDelivery.ERESTARTSYS);
            monitor.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinuxError(Errno.EINTR);
        } finally {
            if (t != null) t.endBlocking();
        }
        return t != null && t.interrupted();
    }

    public void endBlocking() { waker = null; }

    /** Called (without the process lock) whenever this thread may have a deliverable signal. */
    void kick() {
        cpu.events = 1;
        cpu.exitRequest = 1;   // out of a tier-2 loop, back to the dispatcher that delivers
        Runnable w = waker;
        if (w != null) w.run();
    }
}

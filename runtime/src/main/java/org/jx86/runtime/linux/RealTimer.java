package org.jx86.runtime.linux;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A process's ITIMER_REAL (setitimer, getitimer, alarm): when it expires the process gets
 * SIGALRM (si_code SI_KERNEL, as the kernel's it_real_fn sends it); with an interval it
 * re-arms. Expiries run on one daemon scheduler thread shared by all processes of the JVM.
 */
public final class RealTimer {
    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jx86-itimer");
        t.setDaemon(true);
        return t;
    });

    private final SignalState signals;
    private ScheduledFuture<?> task;
    private long deadline;   // System.nanoTime() of the next expiry, valid while task != null
    private long interval;   // ns, 0 for one-shot
    private long generation; // tells an expiry that was cancelled too late from the current one

    RealTimer(SignalState signals) { this.signals = signals; }

    /**
     * Arms (value > 0) or disarms (value == 0) the timer.
     *
     * @return the previous {remaining ns, interval ns}
     */
    public synchronized long[] set(long valueNs, long intervalNs) {
        long[] old = get();
        if (task != null) task.cancel(false);
        task = null;
        interval = intervalNs;
        if (valueNs > 0) schedule(System.nanoTime() + valueNs);
        return old;
    }

    /** {remaining ns (0 when disarmed), interval ns}. */
    public synchronized long[] get() {
        if (task == null) return new long[] {0, interval};
        return new long[] {Math.max(1, deadline - System.nanoTime()), interval};
    }

    private void schedule(long at) {
        deadline = at;
        long gen = ++generation;
        task = SCHEDULER.schedule(() -> expire(gen), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void expire(long gen) {
        synchronized (this) {
            if (task == null || gen != generation) return;
            task = null;
            if (interval > 0) schedule(Math.max(deadline + interval, System.nanoTime()));
        }
        signals.post(Sig.SIGALRM, Siginfo.kernel(Sig.SIGALRM));
    }
}

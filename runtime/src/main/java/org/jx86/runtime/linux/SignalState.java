package org.jx86.runtime.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jx86.vmm.Cpu;

/**
 * The process-wide half of signal state (Linux's signal_struct and sighand): dispositions
 * (rt_sigaction), process-directed pending signals (kill), the guest threads' per-thread
 * halves ({@link ThreadSignals}) and the ITIMER_REAL timer. This object's monitor is the
 * process's signal lock (the kernel's siglock): it guards its own fields and those of every
 * {@link ThreadSignals}.
 *
 * <p>Posting a signal (from any host thread: the guest itself, a timer, a host signal, another
 * guest process) records it as pending and sets {@link Cpu#events} of a thread that can take
 * it, waking that thread if it blocks in a system call. The thread delivers it before its next
 * block ({@link SignalDelivery}).
 */
public final class SignalState {
    public static final long SIG_DFL = 0, SIG_IGN = 1;
    public static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;
    public static final long SA_SIGINFO = 4, SA_ONSTACK = 0x0800_0000, SA_RESTART = 0x1000_0000,
        SA_NODEFER = 0x4000_0000, SA_RESETHAND = 0x8000_0000L, SA_RESTORER = 0x0400_0000;
    /** MINSIGSTKSZ of the x86-64 uapi. */
    public static final long MINSIGSTKSZ = 2048;
    /** SIGKILL and SIGSTOP can never be blocked. */
    static final long UNBLOCKABLE = Sig.bit(Sig.SIGKILL) | Sig.bit(Sig.SIGSTOP);

    /** One rt_sigaction record (struct kernel_sigaction on x86-64, 32 bytes). */
    public record Action(long handler, long flags, long restorer, long mask) {
        public static final Action DEFAULT = new Action(SIG_DFL, 0, 0, 0);

        public boolean has(long flag) { return (flags & flag) != 0; }
    }

    private final Action[] actions = new Action[Sig.MAX + 1];
    private final PendingSignals shared = new PendingSignals();
    private final List<ThreadSignals> threads = new CopyOnWriteArrayList<>();
    private final RealTimer realTimer = new RealTimer(this);
    private final PosixTimers timers = new PosixTimers(this);
    private volatile int pid = LinuxProcess.PID, uid;
    /** signalfd readers sleep here; every post wakes them (signalfd_notify). posts counts posts. */
    private final Object postWaiters = new Object();
    private long posts;
    /** The process's entry in the process table (job control reports go through it). */
    private volatile ProcessEntry entry;
    /** Job control: the process is stopped (SIGSTOP and friends) until a SIGCONT. */
    private volatile boolean groupStopped;
    /** Threads parked in {@link #awaitContinue}; guarded by postWaiters. */
    private int parked;
    private static final long STOP_WAIT_NS = 500_000_000L;
    /** The stop signals, which a SIGCONT cancels (and which cancel a pending SIGCONT). */
    private static final long STOP_SIGNALS = Sig.bit(Sig.SIGSTOP) | Sig.bit(Sig.SIGTSTP) | Sig.bit(Sig.SIGTTIN)
        | Sig.bit(Sig.SIGTTOU);

    public SignalState() {
        java.util.Arrays.fill(actions, Action.DEFAULT);
        uid = (int) HostIds.CURRENT.uid;
    }

    /** Adds a guest thread running on cpu; its mask starts as given (a new thread inherits its creator's). */
    public ThreadSignals addThread(Cpu cpu, long blocked) {
        ThreadSignals t = new ThreadSignals(this, cpu);
        t.blocked = blocked & ~UNBLOCKABLE;
        threads.add(t);
        return t;
    }

    /** t ended: process-directed signals it was chosen for go to another thread. */
    public void removeThread(ThreadSignals t) {
        threads.remove(t);
        ThreadSignals next;
        synchronized (this) {
            next = retarget(shared.mask(), t);
        }
        if (next != null) next.kick();
    }

    /**
     * A thread other than except that can take one of the process-directed signals sigs, or null
     * (the kernel's retarget_shared_pending, when a thread blocks signals or exits). Lock held.
     */
    private ThreadSignals retarget(long sigs, ThreadSignals except) {
        if (sigs == 0) return null;
        for (ThreadSignals o : threads) if (o != except && (sigs & ~o.blocked) != 0) return o;
        return null;
    }

    /** The signal state of the thread running on cpu (adding it as the main thread if it is the first). */
    public ThreadSignals thread(Cpu cpu) {
        for (ThreadSignals t : threads) if (t.cpu == cpu) return t;
        synchronized (this) {
            for (ThreadSignals t : threads) if (t.cpu == cpu) return t;
            return addThread(cpu, 0);
        }
    }

    public RealTimer realTimer() { return realTimer; }

    /** timer_create's timers and ITIMER_VIRTUAL/ITIMER_PROF. */
    PosixTimers timers() { return timers; }

    /** The threads' signal states (a snapshot-safe list). */
    List<ThreadSignals> threads() { return threads; }

    /** The pid and uid filled into siginfo of signals this process sends. */
    public int pid() { return pid; }

    public void setPid(int p) { pid = p; }

    void setEntry(ProcessEntry e) { entry = e; }

    ProcessEntry entry() { return entry; }

    boolean groupStopped() { return groupStopped; }

    /**
     * Job control when a signal is sent, whatever its disposition (the kernel's prepare_signal),
     * lock held: SIGCONT drops pending stop signals (and resumes a stopped process, {@link
     * #resume}); a stop signal drops a pending SIGCONT. A SIGKILL wakes a stopped process at
     * its {@link #posted}, so that it can die.
     */
    private void prepare(int sig) {
        if (sig == Sig.SIGCONT) {
            for (int s = Sig.SIGSTOP; s <= Sig.SIGTTOU; s++) {
                shared.discard(s);
                for (ThreadSignals t : threads) t.pending.discard(s);
            }
        } else if ((Sig.bit(sig) & STOP_SIGNALS) != 0) {
            shared.discard(Sig.SIGCONT);
            for (ThreadSignals t : threads) t.pending.discard(Sig.SIGCONT);
        }
    }

    /**
     * After a SIGCONT was queued (or discarded as ignored), lock held: ends a stop. The parked
     * threads wake at the post that follows ({@link #posted}) and find the SIGCONT already
     * pending, so its handler runs before they go on. True when the process was stopped.
     */
    private boolean resume(int sig) {
        if (sig != Sig.SIGCONT || !groupStopped) return false;
        groupStopped = false;
        return true;
    }

    /**
     * The default action of a stop signal, taken by thread t: the process stops (its parent is
     * told), every other thread parks at its next signal check or blocking call, and t parks
     * until a SIGCONT or a SIGKILL, or the process ends.
     */
    void stopGroup(ThreadSignals t, int sig) {
        groupStopped = true;
        for (ThreadSignals o : threads) if (o != t) o.kick();
        // As Linux, the parent hears of the stop once every thread has stopped (bounded: a
        // thread in a host call the JVM cannot interrupt never parks).
        long deadline = System.nanoTime() + STOP_WAIT_NS;
        synchronized (postWaiters) {
            while (groupStopped && parked < threads.size() - 1 && System.nanoTime() < deadline) {
                try {
                    postWaiters.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (groupStopped) JobControl.stopped(entry, sig);
        awaitContinue(t);
    }

    /** Parks t while the process is stopped (a thread that sees the stop at its signal check). */
    void awaitContinue(ThreadSignals t) {
        if (!groupStopped) return;
        t.beginBlocking(() -> {
            synchronized (postWaiters) {
                postWaiters.notifyAll();
            }
        });
        boolean interrupted = false; // a JVM interrupt does not end a stop (only SIGCONT, SIGKILL, the process ending)
        try {
            synchronized (postWaiters) {
                parked++;
                postWaiters.notifyAll();
                try {
                    while (groupStopped && !t.isStopping() && (pending(t) & Sig.bit(Sig.SIGKILL)) == 0) {
                        try {
                            postWaiters.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                } finally {
                    parked--;
                }
            }
        } finally {
            t.endBlocking();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    public int uid() { return uid; }

    public synchronized Action action(int sig) { return actions[sig]; }

    public void setAction(int sig, Action a) {
        synchronized (this) {
            actions[sig] = a;
            if (ignored(sig)) {
                shared.discard(sig);
                for (ThreadSignals t : threads) t.pending.discard(sig);
            }
        }
    }

    /** setAction for callers that hold the lock and need no discarding (SA_RESETHAND: SIG_DFL). */
    void setActionLocked(int sig, Action a) { actions[sig] = a; }

    /**
     * execve: handlers go back to SIG_DFL (ignored signals stay ignored) and t's alternate stack
     * is cleared; the mask, pending signals and the real-time timer survive (signal(7), execve(2)).
     */
    public synchronized void resetForExec(ThreadSignals t) {
        for (int s = 1; s <= Sig.MAX; s++) if (actions[s].handler() != SIG_IGN) actions[s] = Action.DEFAULT;
        t.altSp = 0;
        t.altSize = 0;
        t.altFlags = SS_DISABLE;
        timers.deleteAll(false); // POSIX timers end at execve; the interval timers survive
    }

    /** True once a guest thread was added (an execve image then inherits them). */
    public boolean hasThreads() { return !threads.isEmpty(); }

    /**
     * execve at its point of no return: {@link #resetForExec} for t, which then continues on
     * the new image's vCPU with its mask and pending signals.
     */
    public void execOnto(ThreadSignals t, Cpu newCpu) {
        synchronized (this) {
            resetForExec(t);
            t.cpu = newCpu;
        }
        newCpu.events = 1; // re-examine what is pending before the new image's first block
    }

    /**
     * fork: the child's signal state has the same dispositions, and its only thread (on
     * childCpu) the forking thread's mask and alternate stack; nothing is pending and no
     * timer is armed (fork(2)).
     */
    public synchronized SignalState forkCopy(ThreadSignals parent, Cpu childCpu) {
        SignalState child = new SignalState();
        System.arraycopy(actions, 0, child.actions, 0, actions.length);
        ThreadSignals t = child.addThread(childCpu, parent.blocked);
        t.altSp = parent.altSp;
        t.altSize = parent.altSize;
        t.altFlags = parent.altFlags;
        return child;
    }

    /** Sets t's blocked mask (SIGKILL and SIGSTOP silently stay unblocked). */
    public void setBlocked(ThreadSignals t, long mask) {
        boolean ready;
        ThreadSignals other;
        synchronized (this) {
            long newly = mask & ~t.blocked;
            t.blocked = mask & ~UNBLOCKABLE;
            ready = deliverable(t) != 0;
            other = retarget(shared.mask() & newly & ~UNBLOCKABLE, t);
        }
        if (ready) t.kick();
        if (other != null) other.kick();
    }

    /** Signals pending for t (thread-directed and process-directed), blocked or not. */
    public synchronized long pending(ThreadSignals t) { return t.pending.mask() | shared.mask(); }

    /**
     * Sends sig to the process (kill): the first thread not blocking it takes it. sig 0 only
     * checks. Thread-safe; this is the entry point for other processes, timers and host signals.
     * Returns false when this siginfo was discarded on arrival (the signal is ignored, or a
     * standard signal of that number is pending already).
     */
    public boolean post(int sig, Siginfo info) {
        if (sig == 0) return true;
        List<ThreadSignals> wake = new ArrayList<>(1);
        boolean queued, resumed;
        synchronized (this) {
            prepare(sig);
            // Blocked signals are never ignored: the handler may change before they are unblocked.
            queued = !(ignored(sig) && threads.stream().noneMatch(t -> (t.blocked & Sig.bit(sig)) != 0));
            if (queued) {
                queued = shared.add(info);
                for (ThreadSignals t : threads) {
                    if ((t.blocked & Sig.bit(sig)) == 0) {
                        wake.add(t);
                        break;
                    }
                }
            }
            resumed = resume(sig);
        }
        for (ThreadSignals t : wake) t.kick();
        posted();
        if (resumed) JobControl.continued(entry);
        return queued;
    }

    /** Sends sig to one thread (tgkill, SIGPIPE, faults); false when it was discarded (ignored). */
    boolean postToThread(ThreadSignals t, int sig, Siginfo info) {
        if (sig == 0) return true;
        boolean ready = false, queued, resumed;
        synchronized (this) {
            prepare(sig);
            queued = !(ignored(sig) && (t.blocked & Sig.bit(sig)) == 0);
            if (queued) {
                ready = (t.blocked & Sig.bit(sig)) == 0;
                queued = t.pending.add(info);
            }
            resumed = resume(sig);
        }
        if (ready) t.kick();
        posted();
        if (resumed) JobControl.continued(entry);
        return queued;
    }

    private void posted() {
        synchronized (postWaiters) {
            posts++;
            postWaiters.notifyAll();
        }
    }

    /** How many signals were posted to this process (signalfd's EPOLLET edges). */
    long posts() {
        synchronized (postWaiters) {
            return posts;
        }
    }

    /**
     * Sleeps until ready holds, re-checking after every post (a signalfd read). Throws
     * -ERESTARTSYS when a signal becomes deliverable to t meanwhile, or the process ends.
     */
    void awaitPost(ThreadSignals t, java.util.function.BooleanSupplier ready) {
        t.beginBlocking(() -> {
            synchronized (postWaiters) {
                postWaiters.notifyAll();
            }
        });
        try {
            synchronized (postWaiters) {
                while (!ready.getAsBoolean()) {
                    if (t.interrupted()) throw new LinuxError(SignalDelivery.ERESTARTSYS);
                    postWaiters.wait();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinuxError(Errno.EINTR);
        } finally {
            t.endBlocking();
        }
    }

    /** True when sig is still waiting for a thread and taking it would end the process (host signal fallback). */
    synchronized boolean stillPendingAndFatal(int sig) {
        boolean pendingAnywhere = (shared.mask() & Sig.bit(sig)) != 0;
        if (!pendingAnywhere || actions[sig].handler() != SIG_DFL) return false;
        if (threads.stream().allMatch(t -> (t.blocked & Sig.bit(sig)) != 0)) return false; // blocked: stays pending
        Sig.Action d = Sig.defaultAction(sig);
        return d == Sig.Action.TERMINATE || d == Sig.Action.CORE;
    }

    /** The pending, unblocked signals of t (held lock). */
    long deliverable(ThreadSignals t) {
        return (t.pending.mask() | shared.mask()) & ~t.blocked;
    }

    /** Dequeues the next deliverable signal of t, or returns null; clears t's event flag when none is left. */
    synchronized Siginfo dequeue(ThreadSignals t) {
        while (true) {
            long ready = deliverable(t);
            if (ready == 0) {
                t.cpu.events = 0;
                return null;
            }
            Siginfo si = take(t, PendingSignals.first(ready));
            if (si != null) return si;
        }
    }

    /** Takes one pending sig of t (lock held); null when it was a stale POSIX timer signal, now dropped. */
    private Siginfo take(ThreadSignals t, int sig) {
        Siginfo si = (t.pending.mask() & Sig.bit(sig)) != 0 ? t.pending.take(sig) : shared.take(sig);
        return si.code() == Siginfo.SI_TIMER ? timers.delivered(si) : si;
    }

    /** Dequeues a pending signal of t that is in set (sigtimedwait), blocked or not, or null. */
    synchronized Siginfo dequeueFrom(ThreadSignals t, long set) {
        while (true) {
            long ready = (t.pending.mask() | shared.mask()) & set;
            if (ready == 0) return null;
            Siginfo si = take(t, PendingSignals.first(ready));
            if (si != null) return si;
        }
    }

    /** True when sig would be discarded on arrival (SIG_IGN, or SIG_DFL with action ignore). Lock held. */
    boolean ignored(int sig) {
        if (Sig.uncatchable(sig)) return false;
        long h = actions[sig].handler();
        return h == SIG_IGN || h == SIG_DFL && (Sig.defaultAction(sig) == Sig.Action.IGNORE
            || Sig.defaultAction(sig) == Sig.Action.CONTINUE);
    }
}

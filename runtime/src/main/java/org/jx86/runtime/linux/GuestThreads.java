package org.jx86.runtime.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jx86.runtime.Engine;
import org.jx86.runtime.GuestCrash;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.mem.Mem;

/**
 * The threads of one guest process and how the process ends. Each guest thread runs the
 * shared {@link Engine} on its own JVM thread with its own vCPU.
 *
 * <p>Ending: exit (the system call) ends one thread; the process ends with the last one,
 * with that thread's status. exit_group, or a fatal signal in any thread, records how the
 * process ends ({@link #ending}), asks every other thread to stop ({@link ThreadSignals#stop}:
 * the vCPU's event flag, checked before each block, which makes {@link SignalDelivery} call
 * {@link #interrupted}, and the wake-up of a blocking call; plus a JVM interrupt for other
 * waits), and the main thread rethrows it to whoever started the process. A thread blocked
 * in an uninterruptible host call (a read of the host's terminal) stays blocked until the
 * call returns; the process still ends, as its JVM thread is a daemon.
 */
public final class GuestThreads {
    /** How long the ending thread waits for its siblings to stop before it returns anyway, ms. */
    private static final long STOP_WAIT_MS = 2000;

    private final LinuxProcess process;
    private final Map<Integer, GuestThread> live = new LinkedHashMap<>();
    private final ThreadLocal<GuestThread> current = new ThreadLocal<>();
    private GuestThread main;
    private Engine engine;
    /** How the process ends (GuestExit or GuestSignalExit), once decided; guarded by this. */
    private RuntimeException ending;

    GuestThreads(LinuxProcess process) { this.process = process; }

    /** Registers the main thread (tid = pid) and the engine every thread of the process shares. */
    public synchronized GuestThread startMain(Cpu cpu, Engine engine) {
        this.engine = engine;
        // A fork child's main thread may be registered already (clear_child_tid from clone).
        if (main == null || main.cpu != cpu) main = new GuestThread(process, process.pid(), cpu);
        main.host = Thread.currentThread();
        live.put(main.tid, main);
        current.set(main);
        return main;
    }

    /** The guest thread running on cpu (the main thread if none was registered yet). */
    public GuestThread of(Cpu cpu) {
        GuestThread t = current.get();
        if (t != null && t.cpu == cpu) return t;
        synchronized (this) {
            for (GuestThread g : live.values()) if (g.cpu == cpu) return g;
            if (main == null) {
                main = new GuestThread(process, process.pid(), cpu);
                live.put(main.tid, main);
            }
            return main;
        }
    }

    public synchronized GuestThread byTid(long tid) { return live.get((int) tid); }

    public synchronized int count() { return live.size(); }

    public synchronized List<GuestThread> all() { return new ArrayList<>(live.values()); }

    synchronized Engine engine() { return engine; }

    /**
     * Adds a new thread (not yet started) whose signal mask is blocked, or returns null when
     * the process is ending.
     */
    synchronized GuestThread add(Cpu cpu, long blocked) {
        if (ending != null || engine == null) return null;
        process.signals().addThread(cpu, blocked);
        // The main thread's id is the pid; the others come from the process table's pid space.
        GuestThread t = new GuestThread(process, process.entry().table().newTid(), cpu);
        live.put(t.tid, t);
        return t;
    }

    synchronized RuntimeException ending() { return ending; }

    /** Body of a secondary thread's JVM thread. */
    void run(GuestThread t) {
        current.set(t);
        t.signals.bindToCurrentThread();
        try {
            RuntimeException end = null;
            try {
                engine().run(t.cpu);
            } catch (ThreadExit e) {
                if (ending() == null) {
                    threadExited(t, e.status);
                    return;
                }
            } catch (ExecReplaced e) {
                // execve in this thread: the main thread's runner continues with the new image
                // once the others have stopped. This thread's signal state moved to that image.
                exitGroup(e, t);
                forget(t);
                return;
            } catch (GuestExit | GuestSignalExit e) {
                end = e;
            } catch (GuestCrash c) {
                end = GuestRunner.signalExit(c);
            } catch (RuntimeException | Error e) {
                end = new IllegalStateException("guest thread " + t.tid + ": " + e, e);
            }
            if (end != null) exitGroup(end, t);
            remove(t);
        } finally {
            ThreadSignals.unbindCurrentThread();
        }
    }

    /**
     * Records how the process ends (the first caller wins) and asks every other thread to stop.
     * Returns false when another way of ending was recorded first.
     */
    public boolean exitGroup(RuntimeException how, GuestThread caller) {
        List<GuestThread> others = new ArrayList<>();
        boolean first;
        synchronized (this) {
            first = ending == null;
            if (first) ending = how;
            for (GuestThread g : live.values()) if (g != caller) others.add(g);
            notifyAll();
        }
        for (GuestThread g : others) {
            g.signals.stop();
            Thread h = g.host;
            if (h != null && h != Thread.currentThread()) h.interrupt();
        }
        return first;
    }

    /** Waits (bounded) until every thread but the caller has stopped. */
    void awaitOthers(GuestThread caller) {
        long deadline = System.nanoTime() + STOP_WAIT_MS * 1_000_000;
        synchronized (this) {
            while (live.size() > (live.containsValue(caller) ? 1 : 0)) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) return;
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * The engine's interrupt hook: when the process is ending, the main thread throws how it
     * ends and any other thread stops.
     */
    void interrupted(Cpu cpu) {
        RuntimeException how = ending();
        if (how == null) return;
        if (of(cpu) == main) throw how;
        throw new ThreadExit(0);
    }

    /**
     * The main thread called exit: it ends like any thread, and the process ends when the
     * last thread does. Returns how the process ends, waiting for that if needed.
     */
    RuntimeException mainExited(int status) {
        GuestThread m;
        synchronized (this) {
            if (ending != null) return ending;
            m = main;
        }
        threadExited(m, status);
        synchronized (this) {
            while (ending == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // only exit_group interrupts the main thread; it sets ending first
                }
            }
            return ending;
        }
    }

    /**
     * A thread ended by exit: the kernel's mm_release work (robust futexes, clear_child_tid
     * with a futex wake), then, if it was the last, the process ends with its status.
     */
    void threadExited(GuestThread t, int status) {
        Cpu c = t.cpu;
        RobustList.release(process, c, t.tid, t.robustList);
        long a = t.clearChildTid;
        if (a != 0) {
            try {
                Mem.write32(c, a, 0);
                process.futexes().wake(a, 1, Futexes.BITSET_ANY);
            } catch (GuestFault f) {
                // an unmapped clear_child_tid is ignored, as Linux does
            }
        }
        process.signals().removeThread(t.signals);   // an exited thread takes no more signals
        synchronized (this) {
            live.remove(t.tid);
            if (live.isEmpty() && ending == null) ending = new GuestExit(status);
            notifyAll();
        }
        if (t != main) process.entry().table().releaseTid(t.tid);
    }

    private void remove(GuestThread t) {
        process.signals().removeThread(t.signals);
        forget(t);
    }

    /** t is gone: its id is free again once it has left the list. */
    private void forget(GuestThread t) {
        synchronized (this) {
            live.remove(t.tid);
            notifyAll();
        }
        if (t != main) process.entry().table().releaseTid(t.tid);
    }
}

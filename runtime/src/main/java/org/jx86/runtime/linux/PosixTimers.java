package org.jx86.runtime.linux;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A process's POSIX timers (timer_create .. timer_delete) and its CPU-time interval timers
 * (ITIMER_VIRTUAL, ITIMER_PROF), kept with the process's signal state as Linux keeps them in
 * signal_struct. This object's monitor guards them; lock order: the signal lock before this one
 * ({@link #delivered} runs under it), and an expiry posts its signal without holding this lock.
 *
 * <p>As on Linux (kernel/time/posix-timers.c): an expiry queues one SI_TIMER signal carrying
 * the timer id and sigev_value; a periodic timer is re-armed only when that signal is
 * delivered, and si_overrun / timer_getoverrun count the periods that passed meanwhile; a
 * signal queued before timer_settime or timer_delete touched the timer is dropped on delivery.
 *
 * <p>Wall-clock timers run on the shared timer thread. CPU-time clocks are sampled every
 * {@link #CPU_TICK} while such a timer is armed, from the JVM's CPU time of the host threads
 * running the process's guest threads (threads that ended no longer count, and the JVM's own
 * work for the guest, such as translating code, counts as the thread's): an approximation of
 * the kernel's accounting, which also only checks CPU timers at each tick. ITIMER_VIRTUAL uses
 * the threads' user time, ITIMER_PROF and CLOCK_PROCESS_CPUTIME_ID user plus system time.
 */
final class PosixTimers {
    static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD = 2, SIGEV_THREAD_ID = 4;
    /** Pseudo clocks of the CPU interval timers. */
    static final int CLOCK_ITIMER_VIRTUAL = -1, CLOCK_ITIMER_PROF = -2;
    private static final long CPU_TICK = 1_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int DISARMED = 0, ARMED = 1, REQUEUE_PENDING = 2;

    /** One timer. Guarded by the owning PosixTimers. */
    static final class Timer {
        final int id, clock, notify, signo;
        final long value;
        /** SIGEV_THREAD_ID's thread; null: the process. */
        final ThreadSignals target;
        /** The creating thread, whose CPU time CLOCK_THREAD_CPUTIME_ID measures. */
        final ThreadSignals owner;
        int status = DISARMED;
        /** Next expiry: System.nanoTime() for wall clocks, the clock's CPU ns for CPU clocks. */
        long deadline, interval;
        long overrun = -1, overrunLast;
        /** Changes on every timer_settime/delete: a signal queued with an older one is dropped. */
        long seq;
        ScheduledFuture<?> task;

        Timer(int id, int clock, int notify, int signo, long value, ThreadSignals target, ThreadSignals owner) {
            this.id = id;
            this.clock = clock;
            this.notify = notify;
            this.signo = signo;
            this.value = value;
            this.target = target;
            this.owner = owner;
        }

        boolean cpuClock() { return clock < 0 || clock == TimeSyscalls.CLOCK_PROCESS_CPUTIME_ID
            || clock == TimeSyscalls.CLOCK_THREAD_CPUTIME_ID; }
    }

    private final SignalState signals;
    private final Map<Integer, Timer> table = new TreeMap<>();
    private int nextId;
    /** ITIMER_VIRTUAL (1) and ITIMER_PROF (2). */
    private final Timer[] itimers = new Timer[3];
    private ScheduledFuture<?> cpuTick;
    /** The SI_TIMER siginfos queued by timers and not delivered yet (a guest may forge others with sigqueue). */
    private final java.util.Set<Siginfo> inFlight = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    PosixTimers(SignalState signals) {
        this.signals = signals;
        itimers[1] = new Timer(-1, CLOCK_ITIMER_VIRTUAL, SIGEV_SIGNAL, Sig.SIGVTALRM, 0, null, null);
        itimers[2] = new Timer(-1, CLOCK_ITIMER_PROF, SIGEV_SIGNAL, Sig.SIGPROF, 0, null, null);
    }

    /** timer_create; returns the new id. The caller has validated the sigevent. */
    synchronized int create(int clock, int notify, int signo, long value, boolean defaultValue,
                            ThreadSignals target, ThreadSignals owner) {
        while (table.containsKey(nextId)) nextId = (nextId + 1) & Integer.MAX_VALUE;
        int id = nextId;
        nextId = (nextId + 1) & Integer.MAX_VALUE;
        table.put(id, new Timer(id, clock, notify, signo, defaultValue ? id : value, target, owner));
        return id;
    }

    synchronized Timer get(int id) {
        Timer t = table.get(id);
        if (t == null) throw new LinuxError(Errno.EINVAL);
        return t;
    }

    synchronized void delete(int id) {
        Timer t = get(id);
        disarm(t);
        table.remove(id);
    }

    /** execve and exit: every POSIX timer goes (the interval timers survive execve). */
    synchronized void deleteAll(boolean itimersToo) {
        for (Timer t : table.values()) disarm(t);
        table.clear();
        if (itimersToo) for (int i = 1; i <= 2; i++) disarm(itimers[i]);
    }

    Timer itimer(int which) { return itimers[which]; }

    private void disarm(Timer t) {
        t.seq++;
        t.status = DISARMED;
        if (t.task != null) t.task.cancel(false);
        t.task = null;
    }

    /**
     * Arms t (valueNs &gt; 0; absolute: a time of t's clock) or disarms it, and returns the old
     * {remaining, interval}.
     */
    synchronized long[] set(Timer t, long valueNs, long intervalNs, boolean absolute) {
        long[] old = get(t);
        disarm(t);
        t.interval = intervalNs;
        t.overrun = -1;
        t.overrunLast = 0;
        if (valueNs == 0) return old;
        if (t.cpuClock()) {
            t.deadline = absolute ? valueNs : now(t) + valueNs;
        } else if (absolute) { // a time of t's clock; converted once (later clock changes are not followed)
            t.deadline = System.nanoTime() + (valueNs - TimeSyscalls.now(t.clock));
        } else {
            t.deadline = System.nanoTime() + valueNs;
        }
        t.status = ARMED;
        schedule(t);
        return old;
    }

    /** {remaining ns (0 when disarmed), interval ns}, as common_timer_get reports them. */
    synchronized long[] get(Timer t) {
        if (t.status == DISARMED) return new long[] {0, t.interval};
        long now = now(t);
        if (t.interval > 0 && (t.status != ARMED || t.notify == SIGEV_NONE)) t.overrun += forward(t, now);
        long remaining = t.deadline - now;
        if (remaining <= 0) {
            if (t.notify == SIGEV_NONE) {
                if (t.interval == 0) t.status = DISARMED;
                return new long[] {0, t.interval};
            }
            return new long[] {1, t.interval}; // expired, signal not delivered yet
        }
        return new long[] {remaining, t.interval};
    }

    synchronized long overrun(Timer t) { return Math.min(t.overrunLast, Integer.MAX_VALUE); }

    /** hrtimer_forward: moves t's deadline past now by whole intervals and returns how many. */
    private static long forward(Timer t, long now) {
        if (t.deadline > now) return 0;
        long k = (now - t.deadline) / t.interval + 1;
        t.deadline += k * t.interval;
        return k;
    }

    private void schedule(Timer t) {
        if (t.notify == SIGEV_NONE && t.id >= 0) return; // nothing happens at expiry; get() computes it
        if (t.cpuClock()) {
            if (cpuTick == null) {
                cpuTick = RealTimer.SCHEDULER.scheduleAtFixedRate(this::checkCpu, CPU_TICK, CPU_TICK,
                    TimeUnit.NANOSECONDS);
            }
            return;
        }
        long seq = t.seq;
        t.task = RealTimer.SCHEDULER.schedule(() -> expire(t, seq), Math.max(0, t.deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS);
    }

    /** A wall-clock timer's expiry. */
    private void expire(Timer t, long seq) {
        Siginfo si;
        synchronized (this) {
            if (t.seq != seq || t.status != ARMED) return;
            t.task = null;
            si = queued(t);
        }
        send(t, si, seq);
    }

    /** The expiry of an armed timer (lock held): its new status and the signal to send. */
    private Siginfo queued(Timer t) {
        if (t.id < 0) { // ITIMER_VIRTUAL/PROF re-arm at once and send SI_KERNEL, coalescing
            if (t.interval > 0) forward(t, now(t));
            else t.status = DISARMED;
            return Siginfo.kernel(t.signo);
        }
        t.status = t.interval > 0 ? REQUEUE_PENDING : DISARMED;
        Siginfo si = new Siginfo(t.signo, Siginfo.SI_TIMER, t.id & 0xFFFF_FFFFL, t.value, t.seq);
        inFlight.add(si);
        return si;
    }

    private void send(Timer t, Siginfo si, long seq) {
        boolean queued = t.target != null ? signals.postToThread(t.target, t.signo, si) : signals.post(t.signo, si);
        if (!queued && t.id >= 0) {
            synchronized (this) { // ignored: a periodic timer goes on (it never gets a delivery to re-arm it)
                inFlight.remove(si);
                if (t.seq == seq && t.status == REQUEUE_PENDING) {
                    forward(t, now(t));
                    t.status = ARMED;
                    schedule(t);
                }
            }
        }
    }

    /**
     * A dequeued SI_TIMER signal (signal lock held): null when its timer was deleted or set
     * again since it was queued; else the siginfo with si_overrun, after re-arming a periodic
     * timer (posixtimer_deliver_signal).
     */
    synchronized Siginfo delivered(Siginfo si) {
        if (!inFlight.remove(si)) return si; // sent by rt_sigqueueinfo with si_code SI_TIMER
        Timer t = table.get((int) si.word16());
        if (t == null || t.seq != si.word32()) return null;
        long orun = 0;
        if (t.interval > 0 && t.status == REQUEUE_PENDING) {
            t.overrun += forward(t, now(t));
            t.status = ARMED;
            schedule(t);
            t.overrunLast = t.overrun;
            t.overrun = -1;
            orun = Math.min(t.overrunLast, Integer.MAX_VALUE);
        }
        return new Siginfo(si.signo(), Siginfo.SI_TIMER, (t.id & 0xFFFF_FFFFL) | orun << 32, si.word24(), 0);
    }

    /** The CPU-clock tick: fires expired CPU timers; stops when none is armed. */
    private void checkCpu() {
        List<Timer> fire = new ArrayList<>();
        List<Siginfo> infos = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        synchronized (this) {
            boolean any = false;
            for (Timer t : all()) {
                if (!t.cpuClock() || t.status != ARMED) continue;
                any = true;
                if (now(t) < t.deadline) continue;
                fire.add(t);
                seqs.add(t.seq);
                infos.add(queued(t));
            }
            if (!any && cpuTick != null) {
                cpuTick.cancel(false);
                cpuTick = null;
            }
        }
        for (int i = 0; i < fire.size(); i++) send(fire.get(i), infos.get(i), seqs.get(i));
    }

    private List<Timer> all() {
        List<Timer> l = new ArrayList<>(table.values());
        l.add(itimers[1]);
        l.add(itimers[2]);
        return l;
    }

    /** Now, in the domain of t's deadline: System.nanoTime() for wall clocks, else the CPU clock's ns. */
    private long now(Timer t) {
        return switch (t.clock) {
            case CLOCK_ITIMER_VIRTUAL -> processCpu(true);
            case CLOCK_ITIMER_PROF, TimeSyscalls.CLOCK_PROCESS_CPUTIME_ID -> processCpu(false);
            case TimeSyscalls.CLOCK_THREAD_CPUTIME_ID -> threadCpu(t.owner, false);
            default -> System.nanoTime();
        };
    }

    /** CPU time (user only, or user + system) of the host threads running the process's guest threads. */
    long processCpu(boolean userOnly) {
        long sum = 0;
        for (ThreadSignals ts : signals.threads()) sum += threadCpu(ts, userOnly);
        return sum;
    }

    private static long threadCpu(ThreadSignals ts, boolean userOnly) {
        Thread h = ts == null ? null : ts.host;
        if (h == null) return 0;
        long v = userOnly ? THREADS.getThreadUserTime(h.getId()) : THREADS.getThreadCpuTime(h.getId());
        return Math.max(0, v);
    }
}

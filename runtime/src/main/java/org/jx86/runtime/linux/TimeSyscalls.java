package org.jx86.runtime.linux;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * Clocks and sleeps: clock_gettime, clock_getres, gettimeofday, time, nanosleep,
 * clock_nanosleep, times. Real time is the host's; CLOCK_MONOTONIC is System.nanoTime
 * (the host's CLOCK_MONOTONIC on Linux); CPU-time clocks are the CPU time of the host threads
 * running the guest thread, or all of the process's guest threads ({@link PosixTimers}).
 */
final class TimeSyscalls {
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2,
        CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5,
        CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9,
        CLOCK_TAI = 11;
    static final int TIMER_ABSTIME = 1;
    /** Resolution of the coarse clocks: one 250 Hz tick (ns). */
    static final long COARSE_RES = 4_000_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    TimeSyscalls(LinuxProcess p) { }

    void register(SyscallTable t) {
        t.sys2("clock_gettime", this::clockGettime);
        t.sys2("clock_getres", this::clockGetres);
        t.sys2("gettimeofday", this::gettimeofday);
        t.sys1("time", this::time);
        t.sys2("nanosleep", (c, req, rem) -> sleep(c, CLOCK_MONOTONIC, 0, req, rem));
        t.sys4("clock_nanosleep", this::sleep);
        t.sys1("times", this::times);
    }

    /** Reads clock id in nanoseconds; EINVAL for an unknown clock. */
    static long now(int clock) {
        switch (clock) {
            case CLOCK_REALTIME, CLOCK_REALTIME_COARSE, CLOCK_TAI, CLOCK_REALTIME_ALARM -> {
                Instant i = Instant.now();
                return i.getEpochSecond() * 1_000_000_000L + i.getNano();
            }
            case CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME, CLOCK_BOOTTIME_ALARM -> {
                return System.nanoTime();
            }
            case CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID -> {
                ThreadSignals self = ThreadSignals.current();
                if (clock == CLOCK_PROCESS_CPUTIME_ID && self != null) return self.process.timers().processCpu(false);
                long t = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
                return t >= 0 ? t : System.nanoTime();
            }
            default -> throw new LinuxError(Errno.EINVAL);
        }
    }

    long clockGettime(Cpu c, long clock, long tp) {
        long ns = now((int) clock);
        UserMem.writeTimespec(c, tp, Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
        return 0;
    }

    long clockGetres(Cpu c, long clock, long res) {
        now((int) clock);
        boolean coarse = clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;
        if (res != 0) UserMem.writeTimespec(c, res, 0, coarse ? COARSE_RES : 1);
        return 0;
    }

    long gettimeofday(Cpu c, long tv, long tz) {
        long ns = now(CLOCK_REALTIME);
        if (tv != 0) {
            Mem.write64(c, tv, ns / 1_000_000_000L);
            Mem.write64(c, tv + 8, ns % 1_000_000_000L / 1000);
        }
        if (tz != 0) Mem.write64(c, tz, 0); // tz_minuteswest = 0, tz_dsttime = 0
        return 0;
    }

    long time(Cpu c, long tloc) {
        long s = now(CLOCK_REALTIME) / 1_000_000_000L;
        if (tloc != 0) Mem.write64(c, tloc, s);
        return s;
    }

    /** clock_nanosleep (nanosleep is the relative CLOCK_MONOTONIC case). */
    long sleep(Cpu c, long clock, long flags, long req, long rem) {
        if (clock == CLOCK_THREAD_CPUTIME_ID) return -Errno.EINVAL;
        if (clock == CLOCK_PROCESS_CPUTIME_ID) return -Errno.EOPNOTSUPP;
        long start = now((int) clock);
        long ns = UserMem.timespecNanos(c, req);
        boolean abs = (flags & TIMER_ABSTIME) != 0;
        long left = abs ? ns - start : ns;
        return sleepUntil(c, System.nanoTime() + Math.max(0, left), abs, rem);
    }

    /**
     * Sleeps until deadline (System.nanoTime()). Interrupted, an absolute sleep returns
     * -ERESTARTNOHAND (restarted with the same arguments); a relative one writes the time left
     * to rem and returns -ERESTART_RESTARTBLOCK: a handler makes it EINTR, and without one
     * restart_syscall sleeps on to the same deadline (hrtimer_nanosleep_restart).
     */
    private long sleepUntil(Cpu c, long deadline, boolean abs, long rem) {
        long left = deadline - System.nanoTime();
        ThreadSignals t = ThreadSignals.current();
        Thread self = Thread.currentThread();
        if (t != null) t.beginBlocking(() -> LockSupport.unpark(self));
        try {
            while (left > 0) {
                if (t != null && t.interrupted()) {
                    if (abs) return -SignalDelivery.ERESTARTNOHAND;
                    long r = Math.max(0, deadline - System.nanoTime());
                    if (rem != 0) UserMem.writeTimespec(c, rem, r / 1_000_000_000L, r % 1_000_000_000L);
                    t.restartBlock = cc -> sleepUntil(cc, deadline, false, rem);
                    return -SignalDelivery.ERESTART_RESTARTBLOCK;
                }
                LockSupport.parkNanos(left);
                left = deadline - System.nanoTime();
            }
        } finally {
            if (t != null) t.endBlocking();
        }
        return 0;
    }

    /** times(2): struct tms in clock ticks (USER_HZ 100); returns ticks since an arbitrary point. */
    long times(Cpu c, long buf) {
        long cpu = now(CLOCK_THREAD_CPUTIME_ID);
        long user = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadUserTime() : cpu;
        long tick = 1_000_000_000L / Auxv.CLKTCK;
        if (buf != 0) {
            java.nio.ByteBuffer b = UserMem.struct(32).putLong(0, user / tick).putLong(8, Math.max(0, cpu - user) / tick);
            UserMem.write(c, buf, b);
        }
        return System.nanoTime() / tick;
    }
}

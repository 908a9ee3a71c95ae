package org.jx86.runtime.linux;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * POSIX timers (timer_create, timer_settime, timer_gettime, timer_getoverrun, timer_delete;
 * {@link PosixTimers}) and timerfds (timerfd_create, timerfd_settime, timerfd_gettime;
 * {@link TimerFdFile}). SIGEV_THREAD is user space's business: glibc and musl start a helper
 * thread and ask the kernel for SIGEV_THREAD_ID.
 */
final class TimerSyscalls {
    private static final AtomicLong TIMERFD_INO = new AtomicLong(0x7800);
    private static final int TFD_TIMER_ABSTIME = 1, TFD_TIMER_CANCEL_ON_SET = 2;
    /** The type bits of a CPU clock id: CPUCLOCK_PROF 0, CPUCLOCK_VIRT 1, CPUCLOCK_SCHED 2; 3 is invalid. */
    private static final int CPUCLOCK_VIRT = 1, CPUCLOCK_MAX = 3;

    private final LinuxProcess p;

    TimerSyscalls(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys3("timer_create", this::timerCreate);
        t.sys4("timer_settime", this::timerSettime);
        t.sys2("timer_gettime", this::timerGettime);
        t.sys1("timer_getoverrun", (c, id) -> p.signals().timers().overrun(timer(id)));
        t.sys1("timer_delete", (c, id) -> {
            p.signals().timers().delete((int) id);
            return 0;
        });
        t.sys2("timerfd_create", this::timerfdCreate);
        t.sys4("timerfd_settime", this::timerfdSettime);
        t.sys2("timerfd_gettime", this::timerfdGettime);
    }

    private PosixTimers.Timer timer(long id) {
        if (id < 0 || id > Integer.MAX_VALUE) throw new LinuxError(Errno.EINVAL);
        return p.signals().timers().get((int) id);
    }

    /** Clocks a timer may run on: EINVAL for unknown ids, EOPNOTSUPP for clocks without timers. */
    private static int checkClock(long clock) {
        switch ((int) clock) {
            case TimeSyscalls.CLOCK_REALTIME, TimeSyscalls.CLOCK_MONOTONIC, TimeSyscalls.CLOCK_PROCESS_CPUTIME_ID,
                TimeSyscalls.CLOCK_THREAD_CPUTIME_ID, TimeSyscalls.CLOCK_BOOTTIME, TimeSyscalls.CLOCK_TAI -> {
                return 0;
            }
            case TimeSyscalls.CLOCK_MONOTONIC_RAW, TimeSyscalls.CLOCK_REALTIME_COARSE,
                TimeSyscalls.CLOCK_MONOTONIC_COARSE -> { return Errno.EOPNOTSUPP; }
            case TimeSyscalls.CLOCK_REALTIME_ALARM, TimeSyscalls.CLOCK_BOOTTIME_ALARM -> { return Errno.EPERM; }
            default -> { return Errno.EINVAL; }
        }
    }

    /** struct sigevent: sigev_value (8), sigev_signo (int), sigev_notify (int), sigev_notify_thread_id (int). */
    long timerCreate(Cpu c, long clockArg, long sevp, long idPtr) {
        long clock = (int) clockArg; // clockid_t is an int
        ThreadSignals owner = p.signals().thread(c);
        if (clock < 0) { // a CPU clock id as glibc and clock_getcpuclockid make them: (~pid << 3) | thread << 2 | type
            int type = (int) clock & 3;
            long id = ~(clock >> 3);
            if (type == CPUCLOCK_MAX) return -Errno.EINVAL;
            if ((clock & 4) != 0) {
                GuestThread g = id == 0 ? p.threads().of(c) : p.threads().byTid(id);
                if (g == null) return -Errno.EINVAL;
                owner = g.signals;
                clock = TimeSyscalls.CLOCK_THREAD_CPUTIME_ID;
            } else {
                if (id != 0 && id != p.pid()) return -Errno.EINVAL; // other processes' CPU clocks: not yet
                clock = type == CPUCLOCK_VIRT ? PosixTimers.CLOCK_ITIMER_VIRTUAL : TimeSyscalls.CLOCK_PROCESS_CPUTIME_ID;
            }
        } else {
            int e = checkClock(clock);
            if (e != 0) return -e;
        }
        int notify = PosixTimers.SIGEV_SIGNAL, signo = Sig.SIGALRM;
        long value = 0;
        ThreadSignals target = null;
        if (sevp != 0) {
            ByteBuffer b = UserMem.readStruct(c, sevp, 20);
            value = b.getLong(0);
            signo = b.getInt(8);
            notify = b.getInt(12);
            switch (notify) { // good_sigevent
                case PosixTimers.SIGEV_THREAD_ID -> {
                    GuestThread g = p.threads().byTid(b.getInt(16));
                    if (g == null) return -Errno.EINVAL;
                    target = g.signals;
                    if (signo <= 0 || signo > Sig.MAX) return -Errno.EINVAL;
                }
                case PosixTimers.SIGEV_SIGNAL, PosixTimers.SIGEV_THREAD -> {
                    if (signo <= 0 || signo > Sig.MAX) return -Errno.EINVAL;
                }
                case PosixTimers.SIGEV_NONE -> { }
                default -> { return -Errno.EINVAL; }
            }
        }
        PosixTimers timers = p.signals().timers();
        int id = timers.create((int) clock, notify, signo, value, sevp == 0, target, owner);
        try {
            Mem.write32(c, idPtr, id);
        } catch (RuntimeException ex) {
            timers.delete(id);
            throw ex;
        }
        return 0;
    }

    /** struct itimerspec: it_interval then it_value, each a timespec; {value, interval} in ns. */
    private static long[] readItimerspec(Cpu c, long addr) {
        return new long[] {UserMem.timespecNanos(c, addr + 16), UserMem.timespecNanos(c, addr)};
    }

    private static void writeItimerspec(Cpu c, long addr, long[] remainingInterval) {
        long v = remainingInterval[0], i = remainingInterval[1];
        UserMem.write(c, addr, UserMem.struct(32).putLong(0, i / 1_000_000_000L).putLong(8, i % 1_000_000_000L)
            .putLong(16, v / 1_000_000_000L).putLong(24, v % 1_000_000_000L));
    }

    long timerSettime(Cpu c, long id, long flags, long newValue, long oldValue) {
        PosixTimers.Timer t = timer(id);
        if (newValue == 0) return -Errno.EFAULT;
        long[] v = readItimerspec(c, newValue);
        long[] old = p.signals().timers().set(t, v[0], v[1], (flags & TimeSyscalls.TIMER_ABSTIME) != 0);
        if (oldValue != 0) writeItimerspec(c, oldValue, old);
        return 0;
    }

    long timerGettime(Cpu c, long id, long cur) {
        writeItimerspec(c, cur, p.signals().timers().get(timer(id)));
        return 0;
    }

    long timerfdCreate(Cpu c, long clockArg, long flags) {
        int clock = (int) clockArg;
        switch (clock) {
            case TimeSyscalls.CLOCK_REALTIME, TimeSyscalls.CLOCK_MONOTONIC, TimeSyscalls.CLOCK_BOOTTIME -> { }
            case TimeSyscalls.CLOCK_REALTIME_ALARM, TimeSyscalls.CLOCK_BOOTTIME_ALARM -> { return -Errno.EPERM; }
            default -> { return -Errno.EINVAL; }
        }
        if ((flags & ~(OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK)) != 0) return -Errno.EINVAL;
        TimerFdFile f = new TimerFdFile(clock, (int) flags, TIMERFD_INO.getAndIncrement());
        return p.fds().install(f, (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    private TimerFdFile timerfd(long fd) {
        if (!(p.fds().get(fd) instanceof TimerFdFile f)) throw new LinuxError(Errno.EINVAL);
        return f;
    }

    long timerfdSettime(Cpu c, long fd, long flags, long newValue, long oldValue) {
        if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) != 0) return -Errno.EINVAL;
        TimerFdFile f = timerfd(fd);
        long[] v = readItimerspec(c, newValue);
        long[] old = f.set(v[0], v[1], (flags & TFD_TIMER_ABSTIME) != 0);
        if (oldValue != 0) writeItimerspec(c, oldValue, old);
        return 0;
    }

    long timerfdGettime(Cpu c, long fd, long cur) {
        writeItimerspec(c, cur, timerfd(fd).get());
        return 0;
    }
}

package org.jx86.runtime.linux;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.Mem;

/**
 * The signal system calls: rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend,
 * rt_sigtimedwait, rt_sigreturn, sigaltstack, pause, alarm, setitimer, getitimer and
 * signalfd ({@link SignalFdFile}). The
 * kernel's sigset_t is 8 bytes on x86-64, and any other sigsetsize is EINVAL.
 */
final class SignalSyscalls {
    static final int SIGSET_SIZE = 8;
    static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;

    private final SignalState signals;
    private final SignalDelivery delivery;

    private final LinuxProcess process;

    SignalSyscalls(LinuxProcess p, SignalDelivery delivery) {
        this.process = p;
        this.signals = p.signals();
        this.delivery = delivery;
    }

    void register(SyscallTable t) {
        t.sys4("rt_sigaction", this::rtSigaction);
        t.sys4("rt_sigprocmask", this::rtSigprocmask);
        t.sys2("rt_sigpending", this::rtSigpending);
        t.sys2("sigaltstack", this::sigaltstack);
        t.sys2("rt_sigsuspend", this::rtSigsuspend);
        t.sys4("rt_sigtimedwait", this::rtSigtimedwait);
        t.sys0("rt_sigreturn", delivery::sigreturn);
        t.sys3("rt_sigqueueinfo", (c, pid, sig, info) -> sigqueueinfo(c, pid, pid, sig, info, false));
        t.sys4("rt_tgsigqueueinfo", (c, tgid, tid, sig, info) -> sigqueueinfo(c, tgid, tid, sig, info, true));
        t.sys0("pause", this::pause);
        t.sys0("restart_syscall", this::restartSyscall);
        t.sys1("alarm", this::alarm);
        t.sys3("setitimer", this::setitimer);
        t.sys2("getitimer", this::getitimer);
        t.sys3("signalfd", (c, fd, mask, size) -> signalfd4(c, fd, mask, size, 0));
        t.sys4("signalfd4", this::signalfd4);
    }

    private static final java.util.concurrent.atomic.AtomicLong SIGNALFD_INO = new java.util.concurrent.atomic.AtomicLong(0x7000);

    /** signalfd4(fd, mask, sizemask, flags): a new signalfd (fd -1) or a new mask for an existing one. */
    long signalfd4(Cpu c, long fd, long maskPtr, long sizemask, long flags) {
        if (sizemask != SIGSET_SIZE || (flags & ~(OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK)) != 0) return -Errno.EINVAL;
        long mask = Mem.read64(c, maskPtr);
        if ((int) fd != -1) {
            if (!(process.fds().get(fd) instanceof SignalFdFile f)) return -Errno.EINVAL;
            f.setMask(mask);
            return fd;
        }
        SignalFdFile f = new SignalFdFile(mask, (int) flags, SIGNALFD_INO.getAndIncrement());
        return process.fds().install(f, (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    private ThreadSignals thread(Cpu c) { return signals.thread(c); }

    /** struct kernel_sigaction: sa_handler, sa_flags, sa_restorer, sa_mask (8 bytes each). */
    long rtSigaction(Cpu c, long sig, long act, long oldact, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE || !Sig.valid((int) sig)) return -Errno.EINVAL;
        int s = (int) sig;
        SignalState.Action next = null;
        if (act != 0) {
            if (Sig.uncatchable(s)) return -Errno.EINVAL;
            ByteBuffer b = UserMem.readStruct(c, act, 32);
            long mask = b.getLong(24) & ~SignalState.UNBLOCKABLE;
            next = new SignalState.Action(b.getLong(0), b.getLong(8), b.getLong(16), mask);
        }
        if (oldact != 0) {
            SignalState.Action a = signals.action(s);
            UserMem.write(c, oldact, UserMem.struct(32).putLong(0, a.handler()).putLong(8, a.flags())
                .putLong(16, a.restorer()).putLong(24, a.mask()));
        }
        if (next != null) signals.setAction(s, next);
        return 0;
    }

    long rtSigprocmask(Cpu c, long how, long set, long oldset, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE) return -Errno.EINVAL;
        ThreadSignals t = thread(c);
        long old = t.blocked();
        long next = old;
        if (set != 0) {
            long s = Mem.read64(c, set);
            switch ((int) how) {
                case SignalState.SIG_BLOCK -> next = old | s;
                case SignalState.SIG_UNBLOCK -> next = old & ~s;
                case SignalState.SIG_SETMASK -> next = s;
                default -> { return -Errno.EINVAL; }
            }
        }
        if (oldset != 0) Mem.write64(c, oldset, old);
        if (set != 0) signals.setBlocked(t, next); // a now-unblocked pending signal is delivered on return
        return 0;
    }

    long rtSigpending(Cpu c, long set, long sigsetsize) {
        if (sigsetsize > SIGSET_SIZE) return -Errno.EINVAL;
        ThreadSignals t = thread(c);
        long v = signals.pending(t) & t.blocked();
        for (int i = 0; i < sigsetsize; i++) Mem.write8(c, set + i, v >>> (8 * i));
        return 0;
    }

    /** Replaces the mask and sleeps until a signal is delivered; the handler's frame saves the old mask. */
    long rtSigsuspend(Cpu c, long mask, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE) return -Errno.EINVAL;
        long m = Mem.read64(c, mask);
        ThreadSignals t = thread(c);
        synchronized (signals) {
            t.savedMask = t.blocked;
            t.hasSavedMask = true;
            t.blocked = m & ~SignalState.UNBLOCKABLE;
        }
        waitForSignal(t, Long.MAX_VALUE);
        return -SignalDelivery.ERESTARTNOHAND;
    }

    /** restart_syscall: resumes the thread's restart block once; without one, EINTR (do_no_restart_syscall). */
    long restartSyscall(Cpu c) {
        ThreadSignals t = thread(c);
        ThreadSignals.RestartBlock b = t.restartBlock;
        t.restartBlock = null;
        return b != null ? b.resume(c) : -Errno.EINTR;
    }

    long pause(Cpu c) {
        waitForSignal(thread(c), Long.MAX_VALUE);
        return -SignalDelivery.ERESTARTNOHAND;
    }

    /** rt_sigtimedwait(set, info, timeout): takes a pending signal of set without running its handler. */
    long rtSigtimedwait(Cpu c, long setPtr, long infoPtr, long timeout, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE) return -Errno.EINVAL;
        long set = Mem.read64(c, setPtr) & ~SignalState.UNBLOCKABLE;
        long deadline = timeout == 0 ? Long.MAX_VALUE : System.nanoTime() + UserMem.timespecNanos(c, timeout);
        ThreadSignals t = thread(c);
        Thread self = Thread.currentThread();
        // While waiting the signals of set are unblocked (the kernel's real_blocked), so a
        // signal sent to the process picks this thread and wakes it; the handler never runs
        // because the signal is dequeued here, before the mask comes back.
        long real;
        synchronized (signals) {
            real = t.blocked;
            t.blocked = real & ~set;
        }
        t.beginBlocking(() -> LockSupport.unpark(self));
        try {
            while (true) {
                Siginfo si = signals.dequeueFrom(t, set);
                if (si == null && t.interrupted()) {
                    si = signals.dequeueFrom(t, set); // one of set may have come with the wake-up
                    if (si == null) return -Errno.EINTR;
                }
                if (si != null) {
                    if (infoPtr != 0) UserMem.write(c, infoPtr, si.toBytes());
                    return si.signo();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return -Errno.EAGAIN;
                LockSupport.parkNanos(Math.min(left, 1_000_000_000L));
            }
        } finally {
            t.endBlocking();
            signals.setBlocked(t, real);
        }
    }

    /**
     * rt_sigqueueinfo / rt_tgsigqueueinfo (sigqueue, pthread_sigqueue): the guest supplies the
     * siginfo; another process may only send negative si_codes other than SI_TKILL.
     * rt_sigqueueinfo accepts a thread's id for its process; rt_tgsigqueueinfo reaches the
     * threads of the caller's own process.
     */
    long sigqueueinfo(Cpu c, long tgid, long tid, long sig, long infoPtr, boolean thread) {
        if (sig < 0 || sig > Sig.MAX) return -Errno.EINVAL;
        ByteBuffer b = UserMem.readStruct(c, infoPtr, Siginfo.SIZE);
        Siginfo si = new Siginfo((int) sig, b.getInt(8), b.getLong(16), b.getLong(24), b.getLong(32));
        if (!thread && tgid != signals.pid()) {
            ProcessTable table = process.entry().table();
            ProcessEntry e = tgid <= 0 ? null : table.get((int) tgid);
            if (e == null && tgid > 0) e = table.ownerOfThread((int) tgid); // a thread's id: its process
            if (e == null) return -Errno.ESRCH;
            if (e != process.entry()) {
                if (si.code() >= 0 || si.code() == Siginfo.SI_TKILL) return -Errno.EPERM;
                LinuxProcess target = e.image();
                if (sig != 0 && target != null) target.signals().post((int) sig, si); // a zombie's is never taken
                return 0;
            }
            tgid = tid = signals.pid();
        }
        if (thread) {
            GuestThread g = tgid == signals.pid() ? process.threads().byTid(tid) : null;
            if (g == null) return -Errno.ESRCH;
            if (sig != 0) g.signals.post((int) sig, si);
            return 0;
        }
        if (sig != 0) signals.post((int) sig, si);
        return 0;
    }

    /** Sleeps until a signal is deliverable to t or the deadline passes (System.nanoTime()). */
    static void waitForSignal(ThreadSignals t, long deadline) {
        Thread self = Thread.currentThread();
        t.beginBlocking(() -> LockSupport.unpark(self));
        try {
            while (!t.interrupted()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                LockSupport.parkNanos(Math.min(left, 1_000_000_000L));
            }
        } finally {
            t.endBlocking();
        }
    }

    long alarm(Cpu c, long seconds) {
        long[] old = signals.realTimer().set((seconds & 0xFFFF_FFFFL) * 1_000_000_000L, 0);
        long us = (old[0] + 999) / 1000;
        long secs = us / 1_000_000;
        // Rounded as the kernel's alarm_setitimer does: up at half a second, and never 0 while armed.
        if (secs == 0 && us != 0 || us % 1_000_000 >= 500_000) secs++;
        return secs;
    }

    /** struct itimerval: it_interval then it_value, each a struct timeval (seconds, microseconds). */
    long setitimer(Cpu c, long which, long newValue, long oldValue) {
        if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF) return -Errno.EINVAL;
        long interval = 0, value = 0;
        if (newValue != 0) {
            ByteBuffer b = UserMem.readStruct(c, newValue, 32);
            interval = timeval(b, 0);
            value = timeval(b, 16);
            if (interval < 0 || value < 0) return -Errno.EINVAL;
        }
        long[] old = which == ITIMER_REAL ? signals.realTimer().set(value, interval)
            : signals.timers().set(signals.timers().itimer((int) which), value, interval, false);
        if (oldValue != 0) writeItimerval(c, oldValue, old);
        return 0;
    }

    /** ITIMER_VIRTUAL and ITIMER_PROF count CPU time ({@link PosixTimers} says how it is measured). */
    long getitimer(Cpu c, long which, long value) {
        if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF) return -Errno.EINVAL;
        writeItimerval(c, value, which == ITIMER_REAL ? signals.realTimer().get()
            : signals.timers().get(signals.timers().itimer((int) which)));
        return 0;
    }

    /** A timeval in ns; -1 when tv_usec is out of range. */
    private static long timeval(ByteBuffer b, int off) {
        long sec = b.getLong(off), usec = b.getLong(off + 8);
        if (sec < 0 || usec < 0 || usec >= 1_000_000) return -1;
        return sec * 1_000_000_000L + usec * 1000;
    }

    private static void writeItimerval(Cpu c, long addr, long[] remainingInterval) {
        long v = (remainingInterval[0] + 999) / 1000, i = (remainingInterval[1] + 999) / 1000;
        UserMem.write(c, addr, UserMem.struct(32).putLong(0, i / 1_000_000).putLong(8, i % 1_000_000)
            .putLong(16, v / 1_000_000).putLong(24, v % 1_000_000));
    }

    /** sas_ss_flags: SS_ONSTACK when sp is on t's alternate stack, SS_DISABLE when it has none, else 0. Lock held. */
    static int ssFlags(ThreadSignals t, long sp) {
        if (t.altSize == 0 || t.altFlags == SignalState.SS_DISABLE) return SignalState.SS_DISABLE;
        return sp > t.altSp && sp - t.altSp <= t.altSize ? SignalState.SS_ONSTACK : 0;
    }

    /** stack_t: ss_sp (8), ss_flags (int, padded to 8), ss_size (8). */
    long sigaltstack(Cpu c, long ss, long oldss) {
        ThreadSignals t = thread(c);
        long rsp = c.s[Slots.RSP];
        long curSp, curSize;
        int curFlags;
        synchronized (signals) {
            curSp = t.altSp;
            curSize = t.altSize;
            curFlags = ssFlags(t, rsp) | t.altFlags & SignalState.SS_AUTODISARM;
        }
        long sp = 0, size = 0;
        int flags = 0;
        if (ss != 0) {
            ByteBuffer b = UserMem.readStruct(c, ss, 24);
            sp = b.getLong(0);
            flags = b.getInt(8);
            size = b.getLong(16);
        }
        if (oldss != 0) UserMem.write(c, oldss, UserMem.struct(24).putLong(0, curSp).putInt(8, curFlags).putLong(16, curSize));
        if (ss != 0) {
            int e = setAltStack(t, rsp, sp, flags, size);
            if (e != 0) return -e;
        }
        return 0;
    }

    /** do_sigaltstack: returns 0 or an errno. */
    static int setAltStack(ThreadSignals t, long rsp, long sp, int flags, long size) {
        int mode = flags & ~SignalState.SS_AUTODISARM;
        if (mode != 0 && mode != SignalState.SS_DISABLE && mode != SignalState.SS_ONSTACK) return Errno.EINVAL;
        synchronized (t.process) {
            if (ssFlags(t, rsp) == SignalState.SS_ONSTACK) return Errno.EPERM;
            if (mode == SignalState.SS_DISABLE) {
                t.altSp = 0;
                t.altSize = 0;
                t.altFlags = SignalState.SS_DISABLE;
                return 0;
            }
            if (size < SignalState.MINSIGSTKSZ) return Errno.ENOMEM;
            t.altSp = sp;
            t.altSize = size;
            t.altFlags = flags & SignalState.SS_AUTODISARM;
            return 0;
        }
    }

    /** restore_altstack on rt_sigreturn: errors are ignored, as in the kernel. */
    static void restoreAltStack(ThreadSignals t, long rsp, long sp, int flags, long size) {
        setAltStack(t, rsp, sp, flags, size);
    }
}

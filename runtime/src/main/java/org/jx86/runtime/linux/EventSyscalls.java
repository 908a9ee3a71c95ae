package org.jx86.runtime.linux;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * eventfd, eventfd2 and the epoll calls. epoll_wait waits like {@link Poll}: it re-scans the
 * interest list with a growing sleep. A signal ends the wait with EINTR, as ep_poll does:
 * epoll_wait is never restarted, with or without SA_RESTART, and also fails with EINTR after
 * the process was stopped and continued; epoll_pwait installs its mask for the wait as ppoll
 * does (the handler runs with it).
 */
final class EventSyscalls {
    private static final AtomicLong INO = new AtomicLong(0x6000);
    private static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    /** Linux's EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
    private static final int MAX_EVENTS = Integer.MAX_VALUE / 12;

    private final LinuxProcess p;
    private final Poll poll;

    EventSyscalls(LinuxProcess p) {
        this.p = p;
        this.poll = new Poll(p);
    }

    void register(SyscallTable t) {
        t.sys1("eventfd", (c, n) -> eventfd2(c, n, 0));
        t.sys2("eventfd2", this::eventfd2);
        t.sys1("epoll_create", (c, size) -> size <= 0 ? -Errno.EINVAL : epollCreate1(c, 0));
        t.sys1("epoll_create1", this::epollCreate1);
        t.sys4("epoll_ctl", this::epollCtl);
        t.sys4("epoll_wait", (c, ep, ev, max, ms) -> epollWait(c, ep, ev, max, ms));
        t.sys6("epoll_pwait", this::epollPwait);
    }

    private long eventfd2(Cpu c, long initval, long flags) {
        int allowed = OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK | EventFile.EFD_SEMAPHORE;
        if ((flags & ~allowed) != 0) return -Errno.EINVAL;
        EventFile f = new EventFile(initval & 0xFFFF_FFFFL, (int) flags, INO.getAndIncrement());
        return p.fds().install(f, (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    private long epollCreate1(Cpu c, long flags) {
        if ((flags & ~OpenFlags.O_CLOEXEC) != 0) return -Errno.EINVAL;
        return p.fds().install(new EpollFile(INO.getAndIncrement()), (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    private EpollFile epoll(long epfd) {
        OpenFile f = p.fds().get(epfd);
        if (!(f instanceof EpollFile e)) throw new LinuxError(Errno.EINVAL);
        return e;
    }

    private long epollCtl(Cpu c, long epfd, long op, long fd, long event) {
        OpenFile ef = p.fds().get(epfd);
        OpenFile target = p.fds().get(fd);
        if (!(ef instanceof EpollFile ep) || target == ef) return -Errno.EINVAL;
        if (target.fullReads() || target.isDirectory()) return -Errno.EPERM; // regular files do not poll
        int events = 0;
        long data = 0;
        if (op != EPOLL_CTL_DEL) {
            events = (int) Mem.read32(c, event);
            data = Mem.read64(c, event + 4);
        }
        switch ((int) op) {
            case EPOLL_CTL_ADD -> ep.add((int) fd, target, events, data);
            case EPOLL_CTL_MOD -> ep.modify((int) fd, target, events, data);
            case EPOLL_CTL_DEL -> ep.remove((int) fd, target);
            default -> { return -Errno.EINVAL; }
        }
        return 0;
    }

    private long epollPwait(Cpu c, long epfd, long ev, long max, long ms, long sigmask, long sigsetsize) {
        if (sigmask == 0) return epollWait(c, epfd, ev, max, ms);
        if (sigsetsize != 8) return -Errno.EINVAL;
        return poll.withMask(c, Mem.read64(c, sigmask), () -> epollWait(c, epfd, ev, max, ms));
    }

    private long epollWait(Cpu c, long epfd, long ev, long max, long ms) {
        if (max <= 0 || max > MAX_EVENTS) return -Errno.EINVAL;
        EpollFile ep = epoll(epfd);
        int timeout = (int) ms;
        long deadline = timeout < 0 ? -1 : System.nanoTime() + timeout * 1_000_000L;
        int cap = (int) Math.min(max, 1024);
        int[] events = new int[cap];
        long[] data = new long[cap];
        ThreadSignals t = ThreadSignals.current();
        Thread self = Thread.currentThread();
        if (t != null) t.beginBlocking(() -> LockSupport.unpark(self));
        int n;
        try {
            for (long sleep = 50_000; ; sleep = Math.min(sleep * 2, 5_000_000)) {
                n = ep.collect(p.fds(), cap, events, data);
                if (n > 0 || !Poll.sleepUntil(t, deadline, sleep)) break;
            }
        } catch (LinuxError e) {
            // ep_poll fails with EINTR itself: never restarted, not even after a stop and SIGCONT.
            if (e.errno == SignalDelivery.ERESTARTNOHAND) return -Errno.EINTR;
            throw e;
        } finally {
            if (t != null) t.endBlocking();
        }
        java.nio.ByteBuffer b = UserMem.struct(12 * n);
        for (int i = 0; i < n; i++) b.putInt(12 * i, events[i]).putLong(12 * i + 4, data[i]);
        UserMem.write(c, ev, b);
        return n;
    }
}

package org.jx86.runtime.linux;

/** Per-process resource limits (getrlimit/setrlimit/prlimit64), with a typical Linux default set. */
public final class Rlimits {
    public static final int CPU = 0, FSIZE = 1, DATA = 2, STACK = 3, CORE = 4, RSS = 5, NPROC = 6, NOFILE = 7,
        MEMLOCK = 8, AS = 9, LOCKS = 10, SIGPENDING = 11, MSGQUEUE = 12, NICE = 13, RTPRIO = 14, RTTIME = 15;
    public static final int COUNT = 16;
    /** RLIM_INFINITY. */
    public static final long INFINITY = -1L;

    private final long[] soft = new long[COUNT];
    private final long[] hard = new long[COUNT];

    public Rlimits() {
        java.util.Arrays.fill(soft, INFINITY);
        java.util.Arrays.fill(hard, INFINITY);
        set(STACK, Layout.STACK_SIZE, INFINITY);
        set(CORE, 0, INFINITY);
        set(NPROC, 63_432, 63_432);
        set(NOFILE, Layout.NOFILE, 1_048_576);
        set(MEMLOCK, 8L << 20, 8L << 20);
        set(SIGPENDING, 63_432, 63_432);
        set(MSGQUEUE, 819_200, 819_200);
        set(NICE, 0, 0);
        set(RTPRIO, 0, 0);
    }

    /** A copy for a forked child. */
    public synchronized Rlimits copy() {
        Rlimits c = new Rlimits();
        System.arraycopy(soft, 0, c.soft, 0, COUNT);
        System.arraycopy(hard, 0, c.hard, 0, COUNT);
        return c;
    }

    private void set(int r, long s, long h) {
        soft[r] = s;
        hard[r] = h;
    }

    public synchronized long soft(int r) { return soft[r]; }

    public synchronized long hard(int r) { return hard[r]; }

    /** Sets a limit; returns 0 or -errno (EINVAL if soft &gt; hard, EPERM when raising hard). */
    public synchronized int update(int r, long s, long h) {
        if (Long.compareUnsigned(s, h) > 0) return -Errno.EINVAL;
        if (Long.compareUnsigned(h, hard[r]) > 0) return -Errno.EPERM;
        set(r, s, h);
        return 0;
    }
}

package org.jx86.runtime.linux;

import java.nio.ByteBuffer;

/**
 * A signalfd: reading it takes pending signals of its mask from the reading thread (its own
 * pending set, then the process's) as 128-byte struct signalfd_siginfo records, instead of
 * delivering them; poll reports POLLIN while one is pending. As on Linux the signals are those
 * of whoever reads or polls, not of the process that created the fd, and they are normally
 * blocked (else ordinary delivery may take them first). A blocking read waits for a post to
 * the reader's process ({@link SignalState#awaitPost}) and gives up with -ERESTARTSYS when
 * another signal becomes deliverable.
 */
final class SignalFdFile extends OpenFile {
    /** sizeof(struct signalfd_siginfo). */
    static final int RECORD = 128;

    private volatile long mask;
    private final long ino;

    SignalFdFile(long mask, int flags, long ino) {
        super(OpenFlags.O_RDWR | (flags & OpenFlags.O_NONBLOCK));
        this.ino = ino;
        setMask(mask);
    }

    /** signalfd on an existing fd replaces the mask (SIGKILL and SIGSTOP are never taken). */
    void setMask(long m) { mask = m & ~SignalState.UNBLOCKABLE; }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len < RECORD) throw new LinuxError(Errno.EINVAL);
        ThreadSignals t = ThreadSignals.current();
        if (t == null) throw new LinuxError(Errno.EAGAIN);
        SignalState s = t.process;
        int n = 0;
        while (n + RECORD <= len) {
            Siginfo si = s.dequeueFrom(t, mask);
            if (si == null) {
                if (n > 0) break;
                if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) throw new LinuxError(Errno.EAGAIN);
                s.awaitPost(t, () -> (s.pending(t) & mask) != 0);
                continue;
            }
            byte[] r = record(si).array();
            System.arraycopy(r, 0, b, off + n, RECORD);
            n += RECORD;
        }
        return n;
    }

    /** signalfd_copyinfo: which fields are copied depends on the siginfo's layout (siginfo_layout). */
    static ByteBuffer record(Siginfo si) {
        ByteBuffer r = UserMem.struct(RECORD);
        int code = si.code(), sig = si.signo();
        r.putInt(0, sig).putInt(8, code);
        // Offsets: ssi_pid 12, ssi_uid 16, ssi_tid 24, ssi_overrun 32, ssi_status 40, ssi_int 44,
        // ssi_ptr 48, ssi_utime 56, ssi_addr 72.
        if (code > Siginfo.SI_USER && code < Siginfo.SI_KERNEL && sig == Sig.SIGCHLD) {
            r.putInt(12, si.pid()).putInt(16, si.uid()).putInt(40, (int) si.word24()).putLong(56, si.word32());
        } else if (code > Siginfo.SI_USER && code < Siginfo.SI_KERNEL && si.hasAddr()) {
            r.putLong(72, si.addr());
        } else if (code == Siginfo.SI_TIMER) { // si_tid, si_overrun, si_value
            r.putInt(24, (int) si.word16()).putInt(32, (int) (si.word16() >>> 32))
                .putInt(44, (int) si.word24()).putLong(48, si.word24());
        } else if (code < 0) { // SI_QUEUE, SI_TKILL, ...: pid, uid and the value
            r.putInt(12, si.pid()).putInt(16, si.uid()).putInt(44, (int) si.word24()).putLong(48, si.word24());
        } else { // SI_USER, SI_KERNEL
            r.putInt(12, si.pid()).putInt(16, si.uid());
        }
        return r;
    }

    @Override
    public int pollEvents() {
        ThreadSignals t = ThreadSignals.current();
        return t != null && (t.process.pending(t) & mask) != 0 ? Poll.POLLIN : 0;
    }

    /** Every signal sent to the polling process wakes signalfd waiters, as signalfd_notify does. */
    @Override
    public long edges(int interest) {
        ThreadSignals t = ThreadSignals.current();
        return t != null ? t.process.posts() : -1;
    }

    @Override
    public HostStat stat() { return HostStat.synthetic(0600, 0, ino); }

    @Override
    public String procLink() { return "anon_inode:[signalfd]"; }
}

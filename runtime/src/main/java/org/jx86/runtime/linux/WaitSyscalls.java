package org.jx86.runtime.linux;

import java.nio.ByteBuffer;
import java.util.function.Predicate;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * wait4 and waitid over the {@link ProcessTable}: exits, and with WUNTRACED/WSTOPPED and
 * WCONTINUED the stops and continues of job control ({@link JobControl}); the rusage of a
 * reaped child is all zeros.
 */
final class WaitSyscalls {
    static final int WNOHANG = 1, WUNTRACED = 2, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x0100_0000,
        WNOTHREAD = 0x2000_0000, WALL = 0x4000_0000, WCLONE = 0x8000_0000;
    static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
    /** sizeof(struct rusage) and sizeof(siginfo_t) on x86-64. */
    static final int RUSAGE_SIZE = 144, SIGINFO_SIZE = 128;

    private final LinuxProcess p;

    WaitSyscalls(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys4("wait4", this::wait4);
        t.sys5("waitid", this::waitid);
    }

    long wait4(Cpu c, long pid, long statusAddr, long options, long rusage) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL | WCLONE)) != 0) return -Errno.EINVAL;
        int id = (int) pid;
        if (id == Integer.MIN_VALUE) return -Errno.ESRCH;
        ProcessEntry self = p.entry();
        Predicate<ProcessEntry> which;
        if (id > 0) which = e -> e.pid == id;
        else if (id == 0) {
            int g = self.pgid();
            which = e -> e.pgid == g;
        } else if (id == -1) which = e -> true;
        else which = e -> e.pgid == -id;
        int events = ProcessTable.WAIT_EXITED | ((options & WUNTRACED) != 0 ? ProcessTable.WAIT_STOPPED : 0)
            | ((options & WCONTINUED) != 0 ? ProcessTable.WAIT_CONTINUED : 0);
        ProcessTable.Reaped r = self.table().waitChild(self, which, events, (options & WNOHANG) != 0, true);
        if (r == null) return 0;
        if (statusAddr != 0) Mem.write32(c, statusAddr, r.status());
        if (rusage != 0) UserMem.write(c, rusage, new byte[RUSAGE_SIZE]);
        return r.pid();
    }

    long waitid(Cpu c, long idtype, long id, long infop, long options, long rusage) {
        if ((options & ~(WNOHANG | WSTOPPED | WEXITED | WCONTINUED | WNOWAIT | WNOTHREAD | WALL | WCLONE)) != 0
            || (options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) return -Errno.EINVAL;
        ProcessEntry self = p.entry();
        Predicate<ProcessEntry> which;
        switch ((int) idtype) {
            case P_ALL -> which = e -> true;
            case P_PID -> {
                if ((int) id <= 0) return -Errno.EINVAL;
                which = e -> e.pid == (int) id;
            }
            case P_PGID -> {
                if ((int) id < 0) return -Errno.EINVAL;
                int g = (int) id == 0 ? self.pgid() : (int) id;
                which = e -> e.pgid == g;
            }
            default -> { return -Errno.EINVAL; }
        }
        int events = ((options & WEXITED) != 0 ? ProcessTable.WAIT_EXITED : 0)
            | ((options & WSTOPPED) != 0 ? ProcessTable.WAIT_STOPPED : 0)
            | ((options & WCONTINUED) != 0 ? ProcessTable.WAIT_CONTINUED : 0);
        ProcessTable.Reaped r = self.table().waitChild(self, which, events, (options & WNOHANG) != 0,
            (options & WNOWAIT) == 0);
        if (infop != 0) {
            ByteBuffer b = UserMem.struct(SIGINFO_SIZE);
            if (r != null) {
                b.putInt(0, Sig.SIGCHLD);                           // si_signo
                b.putInt(8, WaitStatus.siCode(r.status()));         // si_code
                b.putInt(16, r.pid());                              // si_pid
                b.putInt(20, (int) HostIds.CURRENT.uid);            // si_uid
                b.putInt(24, WaitStatus.siStatus(r.status()));      // si_status
            }
            UserMem.write(c, infop, b);
        }
        if (rusage != 0 && r != null) UserMem.write(c, rusage, new byte[RUSAGE_SIZE]);
        return 0;
    }
}

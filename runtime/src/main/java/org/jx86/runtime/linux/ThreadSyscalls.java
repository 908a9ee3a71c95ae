package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * Threads: clone of a thread, exit and exit_group, gettid, set_tid_address, robust lists,
 * tkill/tgkill and futex. Per-thread state lives in {@link GuestThread}.
 */
final class ThreadSyscalls {
    /** Sizeof struct robust_list_head. */
    static final int ROBUST_LIST_HEAD_SIZE = 24;
    /** tkill names no process: the thread may be in any. */
    private static final int ANY_PROCESS = -1;

    private final LinuxProcess p;
    private final FutexSyscall futex;

    ThreadSyscalls(LinuxProcess p) {
        this.p = p;
        this.futex = new FutexSyscall(p);
    }

    void register(SyscallTable t) {
        t.sys1("exit", (c, status) -> { throw new ThreadExit((int) status); });
        t.sys1("exit_group", (c, status) -> {
            GuestExit e = new GuestExit((int) status);
            p.threads().exitGroup(e, p.threads().of(c));
            throw e;
        });
        t.sys0("gettid", c -> p.threads().of(c).tid);
        t.sys1("set_tid_address", (c, a) -> {
            GuestThread g = p.threads().of(c);
            g.clearChildTid = a;
            return g.tid;
        });
        t.sys2("set_robust_list", (c, head, len) -> {
            if (len != ROBUST_LIST_HEAD_SIZE) return -Errno.EINVAL;
            p.threads().of(c).robustList = head;
            return 0;
        });
        t.sys3("get_robust_list", (c, tid, headPtr, lenPtr) -> {
            GuestThread g = tid == 0 ? p.threads().of(c) : p.threads().byTid(tid);
            if (g == null) return -Errno.ESRCH;
            Mem.write64(c, headPtr, g.robustList);
            Mem.write64(c, lenPtr, ROBUST_LIST_HEAD_SIZE);
            return 0;
        });
        t.sys2("tkill", (c, tid, sig) -> signalThread(c, ANY_PROCESS, tid, sig));
        t.sys3("tgkill", (c, tgid, tid, sig) -> signalThread(c, tgid, tid, sig));
        t.sys6("futex", futex::futex);
    }

    /**
     * tkill/tgkill: sig (SI_TKILL, the sender's pid and uid) becomes pending for that thread
     * alone, delivered when it does not block it; signal 0 only checks the thread exists.
     */
    private long signalThread(Cpu c, long tgid, long tid, long sig) {
        if (sig < 0 || sig > Sig.MAX || tid <= 0 || tgid <= 0 && tgid != ANY_PROCESS) return -Errno.EINVAL;
        GuestThread g = find(c, (int) tgid, (int) tid);
        if (g == null) return -Errno.ESRCH;
        SignalState s = p.signals();
        if (sig != 0) g.signals.post((int) sig, Siginfo.user((int) sig, Siginfo.SI_TKILL, s.pid(), s.uid()));
        return 0;
    }

    /** The living thread tid of process tgid (ANY_PROCESS: of whichever process has it), or null. */
    private GuestThread find(Cpu c, int tgid, int tid) {
        GuestThread self = p.threads().of(c);
        if (tgid == p.pid() || tgid == ANY_PROCESS) {
            GuestThread g = tid == self.tid ? self : p.threads().byTid(tid);
            if (g != null || tgid != ANY_PROCESS) return g;
        }
        ProcessTable table = p.entry().table();
        for (ProcessEntry e : table.select(e -> tgid == ANY_PROCESS || e.pid == tgid)) {
            LinuxProcess img = e.image;
            GuestThread g = img != null ? img.threads().byTid(tid) : null;
            if (g != null) return g;
        }
        return null;
    }
}

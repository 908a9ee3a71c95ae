package org.jx86.runtime.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jx86.runtime.EngineOptions;

/**
 * The guest processes of one jx86 run, like a PID namespace whose init is the first guest:
 * pids, parent and child links, process groups, sessions, the terminal's foreground group,
 * zombies and their reaping.
 *
 * <ul>
 * <li>The first guest is {@link LinuxProcess#PID}; its parent {@link LinuxProcess#PPID} is
 *     outside (the host). It starts in that parent's process group and session, as a
 *     program started by a non-interactive parent does, so setsid() succeeds in it.
 * <li>Children and threads get the lowest unused id above the last one given: a thread id
 *     comes from the same space as pids (as on Linux), so no process gets a live thread's id.
 * <li>Orphans are reparented to the nearest subreaper ancestor, else to the first guest.
 * <li>When the first guest exits, every other guest process is killed (SIGKILL), as the
 *     kernel does when a namespace's init exits; jx86 then exits with the first guest's
 *     status.
 * </ul>
 *
 * All state is guarded by this object's monitor, which is also what wait4 sleeps on. Lock
 * order: this monitor before a process's signal lock (posting SIGCHLD, reading dispositions);
 * wakers of blocked guest threads take only their own wait object's monitor.
 */
public final class ProcessTable {
    private final Map<Integer, ProcessEntry> live = new HashMap<>();
    /** Ids of the living secondary threads of all processes (a main thread's id is its pid). */
    private final java.util.Set<Integer> tids = new java.util.HashSet<>();
    private int lastPid;
    private ProcessEntry first;
    private int foreground;
    private volatile EngineOptions engineOptions = new EngineOptions();

    /** Registers the first guest's image. */
    synchronized ProcessEntry first(LinuxProcess image) {
        ProcessEntry e = new ProcessEntry(this, LinuxProcess.PID);
        e.ppid = LinuxProcess.PPID;
        e.pgid = LinuxProcess.PPID;
        e.sid = LinuxProcess.PPID;
        e.image = image;
        live.put(e.pid, e);
        lastPid = e.pid;
        first = e;
        foreground = e.pgid;
        return e;
    }

    /** Engine options every process of this run uses (set by the runner of the first guest). */
    public EngineOptions engineOptions() { return engineOptions; }

    public void setEngineOptions(EngineOptions o) { engineOptions = o; }

    /** A new child of parent in parent's group and session; its image is set by the caller. */
    synchronized ProcessEntry newChild(ProcessEntry parent) {
        int pid = nextId();
        ProcessEntry e = new ProcessEntry(this, pid);
        e.parent = parent;
        e.ppid = parent.pid;
        e.pgid = parent.pgid;
        e.sid = parent.sid;
        e.subreaper = false;
        parent.children.add(e);
        live.put(pid, e);
        return e;
    }

    /** A thread id for a new thread (clone with CLONE_THREAD), from the pid space. */
    synchronized int newTid() {
        int tid = nextId();
        tids.add(tid);
        return tid;
    }

    /** The thread with this id ended: its id may be given again. */
    synchronized void releaseTid(int tid) { tids.remove(tid); }

    /** The lowest id above the last one given that no process, thread, group or session uses. */
    private int nextId() {
        int id = lastPid;
        do {
            id = id >= (1 << 22) - 1 ? LinuxProcess.PID + 1 : id + 1; // pid_max is 4194304
        } while (live.containsKey(id) || tids.contains(id) || isGroupOrSession(id));
        lastPid = id;
        return id;
    }

    private boolean isGroupOrSession(int id) {
        for (ProcessEntry e : live.values()) if (e.pgid == id || e.sid == id) return true;
        return false;
    }

    /** The process with this pid (a zombie included), or null. */
    public synchronized ProcessEntry get(int pid) { return live.get(pid); }

    /**
     * The living process that has a secondary thread with this id, or null: kill() of a thread's
     * id signals its whole thread group, as Linux's find_vpid does for any task.
     */
    ProcessEntry ownerOfThread(int tid) {
        List<ProcessEntry> procs;
        synchronized (this) {
            if (!tids.contains(tid)) return null;
            procs = new ArrayList<>(live.values());
        }
        for (ProcessEntry e : procs) {
            LinuxProcess img = e.image;
            if (img != null && img.threads().byTid(tid) != null) return e;
        }
        return null;
    }

    /** Living (not zombie) processes matching the filter. */
    synchronized List<ProcessEntry> select(Predicate<ProcessEntry> filter) {
        List<ProcessEntry> out = new ArrayList<>();
        for (ProcessEntry e : live.values()) if (!e.zombie && filter.test(e)) out.add(e);
        return out;
    }

    // ---- groups and sessions

    /** setpgid(pid, pgid) from caller, with Linux's checks. */
    synchronized int setpgid(ProcessEntry caller, int pid, int pgid) {
        if (pgid < 0) return -Errno.EINVAL;
        ProcessEntry t = pid == 0 ? caller : live.get(pid);
        if (t == null || t.zombie || t != caller && t.parent != caller) return -Errno.ESRCH;
        if (t != caller && t.execed) return -Errno.EACCES;
        if (t.sid != caller.sid) return -Errno.EPERM;
        if (t.pid == t.sid) return -Errno.EPERM; // a session leader cannot move
        int g = pgid == 0 ? t.pid : pgid;
        if (g != t.pid) {
            boolean exists = false;
            for (ProcessEntry e : live.values()) if (!e.zombie && e.pgid == g && e.sid == caller.sid) exists = true;
            if (!exists) return -Errno.EPERM;
        }
        t.pgid = g;
        return 0;
    }

    synchronized int setsid(ProcessEntry caller) {
        for (ProcessEntry e : live.values()) if (!e.zombie && e.pgid == caller.pid) return -Errno.EPERM;
        caller.sid = caller.pid;
        caller.pgid = caller.pid;
        return caller.pid;
    }

    /** getpgid/getsid of pid (0 = caller); -ESRCH when there is no such process. */
    synchronized int idOf(ProcessEntry caller, int pid, boolean session) {
        ProcessEntry t = pid == 0 ? caller : live.get(pid);
        if (t == null) return -Errno.ESRCH;
        return session ? t.sid : t.pgid;
    }

    synchronized int foreground() { return foreground; }

    /** tcsetpgrp: the group must exist in the caller's session. */
    synchronized int setForeground(ProcessEntry caller, int pgrp) {
        if (pgrp < 0) return -Errno.EINVAL;
        for (ProcessEntry e : live.values())
            if (!e.zombie && e.pgid == pgrp && e.sid == caller.sid) {
                foreground = pgrp;
                return 0;
            }
        return -Errno.EPERM;
    }

    // ---- exit and wait

    /**
     * Records that e ended with a wait status: closes its descriptors, makes it a zombie
     * (or reaps it at once when its parent ignores SIGCHLD), reparents its children, wakes
     * waiters and sends SIGCHLD to the parent. When e is the first guest, kills the rest.
     */
    void exit(ProcessEntry e, int status) {
        LinuxProcess img = e.image;
        img.space().releaseShared(); // MAP_SHARED file pages go back to the file before a waiter reads it
        img.fds().closeAll();
        img.signals().realTimer().set(0, 0); // a periodic ITIMER_REAL of a dead process would fire forever
        img.signals().timers().deleteAll(true);
        ProcessEntry parent;
        List<ProcessEntry> others = List.of();
        synchronized (this) {
            e.status = status;
            e.zombie = true;
            e.vforkReleased = true;
            ProcessEntry reaper = reaperFor(e);
            for (ProcessEntry ch : e.children) {
                ch.parent = reaper;
                ch.ppid = reaper != null ? reaper.pid : 0;
                if (reaper != null) reaper.children.add(ch);
            }
            e.children.clear();
            parent = e.parent;
            if (parent != null && autoReap(parent)) reap(e);
            if (e == first) others = select(x -> x != e);
            // SIGCHLD before waking waiters, as Linux does: once wait returns, it has been sent.
            if (parent != null && !parent.zombie) {
                parent.image.signals().post(Sig.SIGCHLD, Siginfo.child(WaitStatus.siCode(status), e.pid,
                    img.signals().uid(), WaitStatus.siStatus(status)));
            }
            notifyAll();
        }
        for (ProcessEntry o : others) o.image.signals().post(Sig.SIGKILL, Siginfo.kernel(Sig.SIGKILL));
    }

    /** The nearest living subreaper ancestor of e, else the first guest (null for the first guest itself). */
    private ProcessEntry reaperFor(ProcessEntry e) {
        if (e == first) return null;
        for (ProcessEntry a = e.parent; a != null; a = a.parent) if (a.subreaper && !a.zombie) return a;
        return first.zombie ? null : first;
    }

    /** SIGCHLD set to SIG_IGN (or SA_NOCLDWAIT) means children are reaped without a zombie. */
    private static boolean autoReap(ProcessEntry parent) {
        SignalState.Action a = parent.image.signals().action(Sig.SIGCHLD);
        final long SA_NOCLDWAIT = 2;
        return a.handler() == SignalState.SIG_IGN || (a.flags() & SA_NOCLDWAIT) != 0;
    }

    private void reap(ProcessEntry z) {
        live.remove(z.pid);
        if (z.parent != null) z.parent.children.remove(z);
    }

    /** A child that wait found: its pid and wait status. */
    record Reaped(int pid, int status) {}

    /**
     * wait4/waitid: waits for a child of caller matching which to end.
     *
     * @param reap    false for WNOWAIT: leave the zombie in place
     * @return the child; null with WNOHANG when none has ended yet
     * @throws LinuxError ECHILD when no child matches; ERESTARTSYS when a signal becomes
     *                    deliverable to the calling guest thread while it waits
     */
    Reaped waitChild(ProcessEntry caller, Predicate<ProcessEntry> which, boolean nohang, boolean reap) {
        return waitChild(caller, which, WAIT_EXITED, nohang, reap);
    }

    /** What waitChild reports: exits (WEXITED), stops (WUNTRACED) and continues (WCONTINUED). */
    static final int WAIT_EXITED = 1, WAIT_STOPPED = 2, WAIT_CONTINUED = 4;

    /**
     * waitChild for the events given (WAIT_* bits). A stop or continue report is consumed
     * when reap is true (no WNOWAIT); its status is WaitStatus.stopped(sig) or CONTINUED.
     */
    Reaped waitChild(ProcessEntry caller, Predicate<ProcessEntry> which, int events, boolean nohang, boolean reap) {
        ThreadSignals t = ThreadSignals.current();
        if (t != null) t.beginBlocking(this::wakeAll);
        try {
            return waitChildBlocking(t, caller, which, events, nohang, reap);
        } finally {
            if (t != null) t.endBlocking();
        }
    }

    private synchronized void wakeAll() { notifyAll(); }

    private Reaped waitChildBlocking(ThreadSignals t, ProcessEntry caller, Predicate<ProcessEntry> which,
                                     int events, boolean nohang, boolean reap) {
        synchronized (this) {
            while (true) {
                boolean any = false;
                for (ProcessEntry ch : caller.children) {
                    if (!which.test(ch)) continue;
                    any = true;
                    if (ch.zombie) {
                        if ((events & WAIT_EXITED) == 0) continue;
                        if (reap) reap(ch);
                        return new Reaped(ch.pid, ch.status);
                    }
                    if ((events & WAIT_STOPPED) != 0 && ch.stopReport != 0) {
                        int st = WaitStatus.stopped(ch.stopReport);
                        if (reap) ch.stopReport = 0;
                        return new Reaped(ch.pid, st);
                    }
                    if ((events & WAIT_CONTINUED) != 0 && ch.continueReport) {
                        if (reap) ch.continueReport = false;
                        return new Reaped(ch.pid, WaitStatus.CONTINUED);
                    }
                }
                if (!any) throw new LinuxError(Errno.ECHILD);
                if (nohang) return null;
                if (t != null && t.interrupted()) throw new LinuxError(SignalDelivery.ERESTARTSYS);
                try {
                    wait();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new LinuxError(Errno.EINTR);
                }
            }
        }
    }

    /** Sleeps until the vfork child releases its parent (execve or exit). */
    void awaitVforkRelease(ProcessEntry child) {
        synchronized (this) {
            while (!child.vforkReleased) {
                try {
                    wait();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

package org.jx86.runtime.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * A process as the process table sees it, across execve: pid, parent, process group,
 * session, children, and once it has exited its wait status (a zombie until its parent
 * reaps it). The image it runs ({@link LinuxProcess}) is replaced by execve; the entry
 * stays. Fields other than pid are guarded by the {@link ProcessTable}'s lock.
 */
public final class ProcessEntry {
    public final int pid;
    final ProcessTable table;
    ProcessEntry parent;
    /** The parent's pid as getppid reports it (PPID for the first guest, whose parent is the host). */
    int ppid;
    int pgid;
    int sid;
    final List<ProcessEntry> children = new ArrayList<>();
    /** PR_SET_CHILD_SUBREAPER: orphaned descendants are reparented here rather than to the first guest. */
    boolean subreaper;
    /** The current image; replaced by execve. */
    volatile LinuxProcess image;
    /** The wait status once exited ({@link WaitStatus}); valid when zombie. */
    int status;
    boolean zombie;
    /** The process called execve since fork (setpgid on it from the parent then fails). */
    volatile boolean execed;
    /** Job control: the stop signal to report to wait with WUNTRACED (0: none), and a pending WCONTINUED report. */
    int stopReport;
    boolean continueReport;
    /** A vfork parent sleeps on this entry until the child execs or exits. */
    boolean vforkReleased = true;

    ProcessEntry(ProcessTable table, int pid) {
        this.table = table;
        this.pid = pid;
    }

    public LinuxProcess image() { return image; }

    public int ppid() {
        synchronized (table) {
            return ppid;
        }
    }

    public int pgid() {
        synchronized (table) {
            return pgid;
        }
    }

    public int sid() {
        synchronized (table) {
            return sid;
        }
    }

    public ProcessTable table() { return table; }

    /** Lets a vfork parent continue (the child called execve or exited). */
    void releaseVfork() {
        synchronized (table) {
            vforkReleased = true;
            table.notifyAll();
        }
    }

    @Override
    public String toString() { return "process " + pid; }
}

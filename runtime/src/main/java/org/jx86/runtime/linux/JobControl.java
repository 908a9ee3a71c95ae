package org.jx86.runtime.linux;

import java.util.List;

/**
 * Job control between processes: what a process stopping or continuing tells its parent
 * (SIGCHLD with CLD_STOPPED / CLD_CONTINUED unless the parent set SA_NOCLDSTOP, and a report
 * for wait4 with WUNTRACED / WCONTINUED), orphaned process groups (where SIGTSTP, SIGTTIN and
 * SIGTTOU do not stop), and the terminal's foreground group, which gets a host Ctrl-C.
 * The stopping itself is {@link SignalState#stopGroup} and {@link SignalDelivery}. Takes the
 * process table's lock, never while holding a signal lock.
 */
final class JobControl {
    static final long SA_NOCLDSTOP = 1;
    static final int CLD_STOPPED = 5, CLD_CONTINUED = 6;

    private JobControl() {}

    /** e stopped for sig: a wait report and SIGCHLD for its parent (do_notify_parent_cldstop). */
    static void stopped(ProcessEntry e, int sig) {
        if (e == null) return;
        ProcessTable table = e.table;
        synchronized (table) {
            e.stopReport = sig;
            e.continueReport = false;
            notifyParent(e, CLD_STOPPED, sig);
            table.notifyAll();
        }
    }

    /** e was stopped and a SIGCONT resumed it. */
    static void continued(ProcessEntry e) {
        if (e == null) return;
        ProcessTable table = e.table;
        synchronized (table) {
            e.stopReport = 0;
            e.continueReport = true;
            notifyParent(e, CLD_CONTINUED, Sig.SIGCONT);
            table.notifyAll();
        }
    }

    private static void notifyParent(ProcessEntry e, int code, int status) {
        ProcessEntry parent = e.parent;
        if (parent == null || parent.zombie || parent.image == null) return;
        SignalState ps = parent.image.signals();
        if (ps.action(Sig.SIGCHLD).has(SA_NOCLDSTOP)) return;
        ps.post(Sig.SIGCHLD, new Siginfo(Sig.SIGCHLD, code,
            (e.pid & 0xFFFF_FFFFL) | (long) ps.uid() << 32, status & 0xFFFF_FFFFL, 0));
    }

    /**
     * True when e's process group is orphaned: no member has a living parent in another group
     * of the same session (POSIX; the kernel's will_become_orphaned_pgrp). The first guest's
     * parent is outside the table, in the first guest's own group and session.
     */
    static boolean orphanedGroup(ProcessEntry e) {
        if (e == null) return true;
        ProcessTable table = e.table;
        synchronized (table) {
            int g = e.pgid;
            for (ProcessEntry m : table.select(x -> x.pgid == g)) {
                ProcessEntry p = m.parent;
                if (p != null && !p.zombie && p.pgid != g && p.sid == m.sid) return false;
            }
            return true;
        }
    }

    /**
     * A host SIGINT (Ctrl-C) goes to the terminal's foreground process group, as the tty
     * driver sends it; false when that group has no living process (the caller then sends it
     * to the first guest).
     */
    static boolean toForegroundGroup(ProcessEntry any, int sig, Siginfo info) {
        if (any == null) return false;
        ProcessTable table = any.table;
        List<ProcessEntry> group;
        synchronized (table) {
            int fg = table.foreground();
            group = table.select(x -> x.pgid == fg);
        }
        boolean sent = false;
        for (ProcessEntry m : group) {
            LinuxProcess img = m.image;
            if (img != null) {
                img.signals().post(sig, info);
                sent = true;
            }
        }
        return sent;
    }
}

package org.jx86.runtime.linux;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's signal state: dispositions (rt_sigaction), the blocked mask and pending set
 * (rt_sigprocmask), and the alternate stack (sigaltstack).
 *
 * <p>Delivery to guest handlers is not implemented yet. What works: a signal a process sends
 * itself (raise, abort, kill) with the default action ends it with {@link GuestSignalExit};
 * ignored signals are discarded; blocked ones stay pending until unblocked, which is what
 * glibc's raise() relies on (it blocks all signals around tgkill). A signal with a guest
 * handler is recorded as delivered and logged once, so abort() falls through to its second
 * raise with SIG_DFL and ends the process as Linux would.
 */
public final class SignalState {
    private static final Logger LOG = LoggerFactory.getLogger(SignalState.class);

    public static final long SIG_DFL = 0, SIG_IGN = 1;
    public static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;
    /** MINSIGSTKSZ of the x86-64 uapi. */
    public static final long MINSIGSTKSZ = 2048;

    /** One rt_sigaction record (struct kernel_sigaction on x86-64, 32 bytes). */
    public record Action(long handler, long flags, long restorer, long mask) {
        public static final Action DEFAULT = new Action(SIG_DFL, 0, 0, 0);
    }

    private final Action[] actions = new Action[Sig.MAX + 1];
    private long blocked;
    private long pending;
    private long altSp, altSize;
    private int altFlags = SS_DISABLE;
    private final boolean[] warned = new boolean[Sig.MAX + 1];
    /** A fatal signal posted by another process, not yet acted on (0: none). */
    private volatile int fatal;
    /** Wakes the process's threads so they notice {@link #fatal} (set by the process runner). */
    private volatile Runnable waker = () -> { };

    public SignalState() { java.util.Arrays.fill(actions, Action.DEFAULT); }

    /** The child's state after fork: the same dispositions, mask and alternate stack; nothing pending. */
    public synchronized SignalState forkCopy() {
        SignalState c = new SignalState();
        System.arraycopy(actions, 0, c.actions, 0, actions.length);
        c.blocked = blocked;
        c.altSp = altSp;
        c.altSize = altSize;
        c.altFlags = altFlags;
        return c;
    }

    /**
     * The state after execve: handled signals reset to SIG_DFL, ignored ones stay ignored;
     * the mask and pending set survive; the alternate stack is gone.
     */
    public synchronized SignalState execCopy() {
        SignalState c = new SignalState();
        for (int i = 1; i <= Sig.MAX; i++)
            if (actions[i].handler() == SIG_IGN) c.actions[i] = new Action(SIG_IGN, 0, 0, 0);
        c.blocked = blocked;
        c.pending = pending;
        c.fatal = fatal;
        return c;
    }

    public void setWaker(Runnable r) { waker = r; }

    /**
     * Sends signo to this process from another process (kill). The one entry point other
     * processes use. For now: ignored and blocked signals behave as in {@link #raise}; a
     * signal whose default action ends the process is recorded and the process's threads are
     * woken to act on it ({@link #takeFatal}); a guest handler is not run yet.
     */
    public void post(int signo) {
        if (signo == 0) return;
        synchronized (this) {
            if (ignored(signo)) return;
            if ((blocked & Sig.bit(signo)) != 0) {
                pending |= Sig.bit(signo);
                return;
            }
            Action a = actions[signo];
            if (a.handler() != SIG_DFL) {
                // Debug, not warn: shells install SIGCHLD handlers and would print this on every child.
                LOG.debug("guest handler for {} not run: signal delivery is not implemented yet", Sig.name(signo));
                return;
            }
            Sig.Action d = Sig.defaultAction(signo);
            if (d != Sig.Action.TERMINATE && d != Sig.Action.CORE) return;
            if (fatal == 0) fatal = signo;
        }
        waker.run();
    }

    /** Throws the {@link GuestSignalExit} of a posted fatal signal, if any. */
    public void takeFatal() {
        int sig = fatal;
        if (sig != 0) throw new GuestSignalExit(sig);
    }

    /** True when a posted fatal signal waits to be acted on. */
    public boolean fatalPending() { return fatal != 0; }

    public synchronized Action action(int sig) { return actions[sig]; }

    public synchronized void setAction(int sig, Action a) {
        actions[sig] = a;
        if (ignored(sig)) pending &= ~Sig.bit(sig);
    }

    public synchronized long blocked() { return blocked; }

    public synchronized long pending() { return pending; }

    /** Sets the blocked mask (SIGKILL and SIGSTOP silently stay unblocked), then delivers what became unblocked. */
    public void setBlocked(long mask) {
        synchronized (this) {
            blocked = mask & ~(Sig.bit(Sig.SIGKILL) | Sig.bit(Sig.SIGSTOP));
        }
        deliverPending();
    }

    public synchronized long[] altStack() { return new long[] {altSp, altFlags, altSize}; }

    public synchronized void setAltStack(long sp, int flags, long size) {
        altSp = sp;
        altFlags = flags;
        altSize = size;
    }

    /** Sends sig to this process (kill/tgkill of itself). sig 0 only checks. */
    public void raise(int sig) {
        if (sig == 0) return;
        synchronized (this) {
            if (ignored(sig)) return;
            if ((blocked & Sig.bit(sig)) != 0) {
                pending |= Sig.bit(sig);
                return;
            }
        }
        deliver(sig);
    }

    private void deliverPending() {
        while (true) {
            int sig;
            synchronized (this) {
                long ready = pending & ~blocked;
                if (ready == 0) return;
                sig = Long.numberOfTrailingZeros(ready) + 1;
                pending &= ~Sig.bit(sig);
            }
            deliver(sig);
        }
    }

    private void deliver(int sig) {
        Action a = action(sig);
        if (a.handler() == SIG_DFL) {
            switch (Sig.defaultAction(sig)) {
                case TERMINATE, CORE -> throw new GuestSignalExit(sig);
                case STOP -> LOG.warn("guest sent itself {}; stopping is not modelled, continuing", Sig.name(sig));
                default -> { }
            }
            return;
        }
        synchronized (this) {
            if (warned[sig]) return;
            warned[sig] = true;
        }
        LOG.warn("guest handler for {} not run: signal delivery is not implemented yet", Sig.name(sig));
    }

    /** True when sig would be discarded on arrival (SIG_IGN, or SIG_DFL with action ignore). */
    private boolean ignored(int sig) {
        if (Sig.uncatchable(sig)) return false;
        long h = actions[sig].handler();
        return h == SIG_IGN || h == SIG_DFL && (Sig.defaultAction(sig) == Sig.Action.IGNORE
            || Sig.defaultAction(sig) == Sig.Action.CONTINUE);
    }
}

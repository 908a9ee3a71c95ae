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

    public SignalState() { java.util.Arrays.fill(actions, Action.DEFAULT); }

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

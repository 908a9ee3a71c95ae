package org.jx86.runtime.linux;

import java.nio.ByteBuffer;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.Mem;

/**
 * rt_sigaction, rt_sigprocmask, rt_sigpending and sigaltstack: they record state in
 * {@link SignalState}; delivery to guest handlers comes later. The kernel's sigset_t is 8 bytes
 * on x86-64, and any other sigsetsize is EINVAL.
 */
final class SignalSyscalls {
    static final int SIGSET_SIZE = 8;

    private final SignalState signals;

    SignalSyscalls(LinuxProcess p) { this.signals = p.signals(); }

    void register(SyscallTable t) {
        t.sys4("rt_sigaction", this::rtSigaction);
        t.sys4("rt_sigprocmask", this::rtSigprocmask);
        t.sys2("rt_sigpending", this::rtSigpending);
        t.sys2("sigaltstack", this::sigaltstack);
    }

    /** struct kernel_sigaction: sa_handler, sa_flags, sa_restorer, sa_mask (8 bytes each). */
    long rtSigaction(Cpu c, long sig, long act, long oldact, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE || !Sig.valid((int) sig)) return -Errno.EINVAL;
        int s = (int) sig;
        SignalState.Action next = null;
        if (act != 0) {
            if (Sig.uncatchable(s)) return -Errno.EINVAL;
            ByteBuffer b = UserMem.readStruct(c, act, 32);
            long mask = b.getLong(24) & ~(Sig.bit(Sig.SIGKILL) | Sig.bit(Sig.SIGSTOP));
            next = new SignalState.Action(b.getLong(0), b.getLong(8), b.getLong(16), mask);
        }
        if (oldact != 0) {
            SignalState.Action a = signals.action(s);
            UserMem.write(c, oldact, UserMem.struct(32).putLong(0, a.handler()).putLong(8, a.flags())
                .putLong(16, a.restorer()).putLong(24, a.mask()));
        }
        if (next != null) signals.setAction(s, next);
        return 0;
    }

    long rtSigprocmask(Cpu c, long how, long set, long oldset, long sigsetsize) {
        if (sigsetsize != SIGSET_SIZE) return -Errno.EINVAL;
        long old = signals.blocked();
        long next = old;
        if (set != 0) {
            long s = Mem.read64(c, set);
            switch ((int) how) {
                case SignalState.SIG_BLOCK -> next = old | s;
                case SignalState.SIG_UNBLOCK -> next = old & ~s;
                case SignalState.SIG_SETMASK -> next = s;
                default -> { return -Errno.EINVAL; }
            }
        }
        if (oldset != 0) Mem.write64(c, oldset, old);
        if (set != 0) signals.setBlocked(next); // may end the process with a now-unblocked signal
        return 0;
    }

    long rtSigpending(Cpu c, long set, long sigsetsize) {
        if (sigsetsize > SIGSET_SIZE) return -Errno.EINVAL;
        long v = signals.pending() & signals.blocked();
        for (int i = 0; i < sigsetsize; i++) Mem.write8(c, set + i, v >>> (8 * i));
        return 0;
    }

    /** stack_t: ss_sp (8), ss_flags (int, padded to 8), ss_size (8). */
    long sigaltstack(Cpu c, long ss, long oldss) {
        long[] cur = signals.altStack();
        long rsp = c.s[Slots.RSP];
        boolean onStack = cur[2] != 0 && rsp - cur[0] < cur[2] && rsp >= cur[0];
        long sp = 0, size = 0;
        int flags = 0;
        if (ss != 0) {
            ByteBuffer b = UserMem.readStruct(c, ss, 24);
            sp = b.getLong(0);
            flags = b.getInt(8);
            size = b.getLong(16);
            int mode = flags & ~SignalState.SS_AUTODISARM;
            if (mode != 0 && mode != SignalState.SS_DISABLE && mode != SignalState.SS_ONSTACK) return -Errno.EINVAL;
            if (onStack) return -Errno.EPERM;
            if (mode != SignalState.SS_DISABLE && size < SignalState.MINSIGSTKSZ) return -Errno.ENOMEM;
        }
        if (oldss != 0) {
            int oflags = cur[1] == SignalState.SS_DISABLE ? SignalState.SS_DISABLE : (int) cur[1];
            if (onStack) oflags = SignalState.SS_ONSTACK;
            UserMem.write(c, oldss, UserMem.struct(24).putLong(0, cur[0]).putInt(8, oflags).putLong(16, cur[2]));
        }
        if (ss != 0) {
            if ((flags & ~SignalState.SS_AUTODISARM) == SignalState.SS_DISABLE) {
                signals.setAltStack(0, SignalState.SS_DISABLE, 0);
            } else {
                signals.setAltStack(sp, flags & SignalState.SS_AUTODISARM, size);
            }
        }
        return 0;
    }
}

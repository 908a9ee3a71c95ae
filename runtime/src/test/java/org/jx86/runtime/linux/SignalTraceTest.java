package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jx86.vmm.mem.Mem;
import org.junit.jupiter.api.Test;

/** --strace text for signals, as strace 6 prints it. */
class SignalTraceTest {
    @Test
    void siginfoLines() {
        assertEquals("{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10}",
            Siginfo.fault(Sig.SIGSEGV, Siginfo.SEGV_MAPERR, 0x10).strace());
        assertEquals("{si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=NULL}",
            Siginfo.fault(Sig.SIGSEGV, Siginfo.SEGV_ACCERR, 0).strace());
        assertEquals("{si_signo=SIGTRAP, si_code=SI_KERNEL}", Siginfo.kernel(Sig.SIGTRAP).strace());
        assertEquals("{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=1000, si_uid=0}",
            Siginfo.user(Sig.SIGUSR1, Siginfo.SI_TKILL, 1000, 0).strace());
        // As strace 6 prints timer and sigqueue signals (checked against strace -f of a native run).
        assertEquals("{si_signo=SIGUSR1, si_code=SI_TIMER, si_timerid=0, si_overrun=0, si_int=77, si_ptr=0x4d}",
            new Siginfo(Sig.SIGUSR1, Siginfo.SI_TIMER, 0, 77, 0).strace());
        assertEquals("{si_signo=SIGALRM, si_code=SI_TIMER, si_timerid=0x1, si_overrun=3, si_int=0, si_ptr=NULL}",
            new Siginfo(Sig.SIGALRM, Siginfo.SI_TIMER, 1 | 3L << 32, 0, 0).strace());
        assertEquals("{si_signo=SIGUSR2, si_code=SI_QUEUE, si_pid=1000, si_uid=0, si_int=5, si_ptr=0x5}",
            new Siginfo(Sig.SIGUSR2, Siginfo.SI_QUEUE, 1000, 5, 0).strace());
        assertEquals("{si_signo=SIGCHLD, si_code=CLD_STOPPED, si_pid=1001, si_uid=0, si_status=19}",
            Siginfo.child(JobControl.CLD_STOPPED, 1001, 0, Sig.SIGSTOP).strace());
        assertEquals("{si_signo=SIGFPE, si_code=FPE_INTDIV, si_addr=0x401000}",
            Siginfo.fault(Sig.SIGFPE, Siginfo.FPE_INTDIV, 0x401000).strace());
    }

    @Test
    void sets() {
        assertEquals("[]", SignalTrace.set(0));
        assertEquals("[USR1 TERM]", SignalTrace.set(Sig.bit(Sig.SIGUSR1) | Sig.bit(Sig.SIGTERM)));
        assertEquals("~[KILL STOP]", SignalTrace.set(~(Sig.bit(Sig.SIGKILL) | Sig.bit(Sig.SIGSTOP))));
        assertEquals("[RT_1]", SignalTrace.set(Sig.bit(Sig.SIGRTMIN + 1)));
    }

    @Test
    void sigactionArguments() {
        SyscallHarness h = new SyscallHarness();
        long act = h.alloc(32);
        Mem.write64(h.cpu, act, 0x401000);
        Mem.write64(h.cpu, act + 8, SignalState.SA_RESTORER | SignalState.SA_SIGINFO | SignalState.SA_RESTART);
        Mem.write64(h.cpu, act + 16, 0x401100);
        Mem.write64(h.cpu, act + 24, Sig.bit(Sig.SIGUSR2));
        assertEquals("SIGUSR1, {sa_handler=0x401000, sa_mask=[USR2], sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO,"
            + " sa_restorer=0x401100}, NULL, 8", SignalTrace.args(h.cpu, "rt_sigaction", new long[] {10, act, 0, 8, 0, 0}));
        assertEquals("SIG_BLOCK, [USR2], NULL, 8",
            SignalTrace.args(h.cpu, "rt_sigprocmask", new long[] {0, act + 24, 0, 8, 0, 0}));
        assertEquals("1000, SIGTERM", SignalTrace.args(h.cpu, "kill", new long[] {1000, 15, 0, 0, 0, 0}));
    }
}

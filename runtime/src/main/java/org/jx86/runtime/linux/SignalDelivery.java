package org.jx86.runtime.linux;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import org.jx86.runtime.GuestEvents;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.sse.Mxcsr;
import org.jx86.vmm.Vector;

/**
 * Delivers signals to one process's guest threads: the engine calls {@link #fault} for CPU
 * exceptions and {@link #pending} when a thread's event flag is set; the system call layer
 * calls {@link #afterInterruptedSyscall} when a blocking call gave up for a signal.
 *
 * <p>A signal with a handler gets an rt_sigframe ({@link SignalFrame}); one with the default
 * action terminate or core ends the process ({@link GuestSignalExit}); ignored ones vanish.
 * A fault signal that is blocked or ignored kills with the default action, as Linux's
 * force_sig_fault does. Several deliverable signals nest frames, newest innermost.
 */
public final class SignalDelivery implements GuestEvents {
    /** Kernel-internal restart codes a blocking system call returns when a signal interrupted it. */
    public static final int ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514,
        ERESTART_RESTARTBLOCK = 516;
    /** __NR_restart_syscall. */
    static final int NR_RESTART_SYSCALL = 219;

    private final SignalState state;
    private final GuestThreads threads;
    private final boolean strace;
    private final FileOutputStream traceOut = new FileOutputStream(FileDescriptor.err);

    private final LinuxProcess process;

    public SignalDelivery(LinuxProcess p) {
        this.process = p;
        this.state = p.signals();
        this.threads = p.threads();
        this.strace = p.options().strace();
    }

    public static boolean isRestart(long r) { return r <= -ERESTARTSYS && r >= -ERESTART_RESTARTBLOCK; }

    /** strace's text for a restart code, e.g. "? ERESTARTSYS (To be restarted if SA_RESTART is set)". */
    public static String restartText(long r) {
        return switch ((int) -r) {
            case ERESTARTSYS -> "? ERESTARTSYS (To be restarted if SA_RESTART is set)";
            case ERESTARTNOINTR -> "? ERESTARTNOINTR (To be restarted)";
            case ERESTARTNOHAND -> "? ERESTARTNOHAND (To be restarted if no handler)";
            default -> "? ERESTART_RESTARTBLOCK (Interrupted by signal)";
        };
    }

    @Override
    public boolean fault(Cpu cpu, GuestFault f) {
        Siginfo info = siginfoFor(cpu, f);
        int sig = info.signo();
        long[] regs = {faultErrorCode(f), f.vector, f.vector == Vector.PF ? f.address : 0};
        if (f.vector == Vector.BP) cpu.rip += 1; // INT3 is a trap: the handler sees RIP after it
        ThreadSignals t = state.thread(cpu);
        SignalState.Action a;
        synchronized (state) {
            a = state.action(sig);
            boolean blocked = (t.blocked & Sig.bit(sig)) != 0;
            if (blocked || a.handler() == SignalState.SIG_IGN || a.handler() == SignalState.SIG_DFL) {
                trace("--- " + Sig.name(sig) + " " + info.strace() + " ---");
                trace("+++ killed by " + Sig.name(sig) + " (core dumped) +++");
                if (f.vector == Vector.BP) cpu.rip -= 1;
                return false;
            }
            a = takeAction(sig, a);
        }
        trace("--- " + Sig.name(sig) + " " + info.strace() + " ---");
        handle(cpu, t, a, info, regs);
        return true;
    }

    @Override
    public void pending(Cpu cpu) { deliver(cpu, state.thread(cpu), 0, 0); }

    /**
     * After a system call returned a restart code: delivers what is pending, then either
     * restarts the call (rewinds RIP to the SYSCALL instruction, RAX = nr) or makes it fail
     * with EINTR, following the kernel's rules for each code and SA_RESTART.
     */
    public void afterInterruptedSyscall(Cpu cpu, long nr, long code) {
        deliver(cpu, state.thread(cpu), nr, code);
    }

    private void deliver(Cpu cpu, ThreadSignals t, long nr, long restart) {
        threads.interrupted(cpu); // the process is ending: this thread stops instead
        state.awaitContinue(t);   // the process is stopped (job control): park until SIGCONT
        threads.interrupted(cpu);
        UserMem.syncTlb(cpu);
        boolean handled = false;
        while (true) {
            Siginfo info;
            SignalState.Action a;
            synchronized (state) {
                info = state.dequeue(t);
                if (info == null) break;
                a = state.action(info.signo());
                if (a.handler() > SignalState.SIG_IGN) a = takeAction(info.signo(), a);
            }
            int sig = info.signo();
            trace("--- " + Sig.name(sig) + " " + info.strace() + " ---");
            if (a.handler() == SignalState.SIG_IGN) continue;
            if (a.handler() == SignalState.SIG_DFL) {
                switch (Sig.defaultAction(sig)) {
                    case TERMINATE, CORE -> {
                        trace("+++ killed by " + Sig.name(sig)
                            + (Sig.defaultAction(sig) == Sig.Action.CORE ? " (core dumped)" : "") + " +++");
                        throw new GuestSignalExit(sig);
                    }
                    case STOP -> {
                        // Job-control stops do nothing in an orphaned process group; SIGSTOP always stops.
                        if (sig != Sig.SIGSTOP && JobControl.orphanedGroup(state.entry())) continue;
                        trace("--- stopped by " + Sig.name(sig) + " ---");
                        state.stopGroup(t, sig);
                        threads.interrupted(cpu); // SIGKILL or exit_group while stopped
                        continue;
                    }
                    default -> { continue; } // ignore; SIGCONT's continuing happened when it was sent
                }
            }
            if (restart != 0) {
                int code = (int) -restart;
                boolean again = code == ERESTARTNOINTR || code == ERESTARTSYS && a.has(SignalState.SA_RESTART);
                if (again) restartSyscall(cpu, nr);
                else cpu.s[Slots.RAX] = -Errno.EINTR;
                restart = 0;
            }
            handle(cpu, t, a, info, new long[3]);
            handled = true;
        }
        if (restart != 0) {
            // No handler ran: the call is restarted transparently (the kernel's no-handler rule);
            // a restart block is resumed by restart_syscall, with the time left.
            restartSyscall(cpu, restart == -ERESTART_RESTARTBLOCK ? NR_RESTART_SYSCALL : nr);
        }
        // dequeue cleared cpu.events: look again for an exit_group that set it meanwhile
        threads.interrupted(cpu);
        if (!handled) {
            synchronized (state) {
                if (t.hasSavedMask) { // sigsuspend woken by a signal that ended up ignored
                    t.hasSavedMask = false;
                    t.blocked = t.savedMask;
                }
            }
        }
    }

    private static void restartSyscall(Cpu cpu, long nr) {
        cpu.rip -= 2;
        cpu.s[Slots.RAX] = nr;
    }

    /** Applies SA_RESETHAND (lock held) and returns the action to run. */
    private SignalState.Action takeAction(int sig, SignalState.Action a) {
        if (a.has(SignalState.SA_RESETHAND)) state.setActionLocked(sig, SignalState.Action.DEFAULT);
        return a;
    }

    /** Builds the frame and switches the thread's mask and stack for the handler. */
    private void handle(Cpu cpu, ThreadSignals t, SignalState.Action a, Siginfo info, long[] faultRegs) {
        int sig = info.signo();
        long frame;
        long savedMask, current;
        long[] uStack;
        synchronized (state) {
            long sp = cpu.s[Slots.RSP];
            uStack = new long[] {t.altSp, SignalSyscalls.ssFlags(t, sp) | t.altFlags & SignalState.SS_AUTODISARM,
                t.altSize};
            boolean useAlt = a.has(SignalState.SA_ONSTACK)
                && SignalSyscalls.ssFlags(t, sp - SignalFrame.RED_ZONE) == 0;
            frame = SignalFrame.frameAddress(sp - SignalFrame.RED_ZONE, useAlt, t.altSp + t.altSize);
            current = t.blocked;  // sigsuspend's temporary mask while it waits
            savedMask = t.hasSavedMask ? t.savedMask : t.blocked;
            t.hasSavedMask = false;
            if (useAlt && (t.altFlags & SignalState.SS_AUTODISARM) != 0) {
                t.altSp = 0;
                t.altSize = 0;
                t.altFlags = SignalState.SS_DISABLE;
            }
        }
        try {
            if (!a.has(SignalState.SA_RESTORER)) throw GuestFault.of(Vector.GP); // x86-64 needs a restorer
            SignalFrame.push(cpu, frame, a, info, savedMask, uStack, faultRegs);
        } catch (GuestFault f) {
            // The frame cannot be written (stack overflow without an alternate stack): the kernel forces SIGSEGV.
            trace("+++ killed by SIGSEGV (core dumped) +++");
            throw new GuestSignalExit(Sig.SIGSEGV, "cannot build the signal frame for " + Sig.name(sig)
                + " at 0x" + Long.toHexString(frame));
        }
        long add = a.mask() | (a.has(SignalState.SA_NODEFER) ? 0 : Sig.bit(sig));
        synchronized (state) {
            t.blocked = (current | add) & ~SignalState.UNBLOCKABLE;
        }
    }

    /** rt_sigreturn: restore the interrupted context; a corrupt frame kills with SIGSEGV. */
    public long sigreturn(Cpu cpu) {
        ThreadSignals t = state.thread(cpu);
        long[] r;
        try {
            r = SignalFrame.restore(cpu);
        } catch (GuestFault f) {
            trace("+++ killed by SIGSEGV (core dumped) +++");
            throw new GuestSignalExit(Sig.SIGSEGV, "rt_sigreturn with a bad frame at 0x"
                + Long.toHexString(cpu.s[Slots.RSP] - 8));
        }
        state.setBlocked(t, r[0]);
        t.restartBlock = null; // as the kernel: a later restart_syscall fails with EINTR
        SignalSyscalls.restoreAltStack(t, cpu.s[Slots.RSP], r[1], (int) r[2], r[3]);
        return cpu.s[Slots.RAX];
    }

    /** The signal and siginfo a CPU exception raises in user mode (arch/x86/kernel/traps.c). */
    static Siginfo siginfoFor(Cpu cpu, GuestFault f) {
        return switch (f.vector) {
            case Vector.PF -> (f.errorCode & GuestFault.PF_BUS) != 0
                ? Siginfo.fault(Sig.SIGBUS, Siginfo.BUS_ADRERR, f.address)
                : Siginfo.fault(Sig.SIGSEGV,
                (f.errorCode & GuestFault.PF_PRESENT) != 0 ? Siginfo.SEGV_ACCERR : Siginfo.SEGV_MAPERR, f.address);
            case Vector.DE -> Siginfo.fault(Sig.SIGFPE, Siginfo.FPE_INTDIV, cpu.rip);
            case Vector.XM -> Siginfo.fault(Sig.SIGFPE, Mxcsr.siCode(cpu.s[Slots.MXCSR]), cpu.rip);
            case Vector.MF -> Siginfo.fault(Sig.SIGFPE,
                    Mxcsr.siCodeForUnmasked(cpu.x87.sw & ~cpu.x87.cw & 0x3F), cpu.rip);
            case Vector.UD -> Siginfo.fault(Sig.SIGILL, Siginfo.ILL_ILLOPN, cpu.rip);
            case Vector.BP -> Siginfo.kernel(Sig.SIGTRAP);
            case Vector.DB -> Siginfo.fault(Sig.SIGTRAP, Siginfo.TRAP_BRKPT, cpu.rip);
            case Vector.AC -> Siginfo.fault(Sig.SIGBUS, Siginfo.BUS_ADRALN, 0);
            default -> Siginfo.kernel(Sig.SIGSEGV); // #GP, #SS, #NP: si_code SI_KERNEL, no address
        };
    }

    /** The error code the kernel reports in sigcontext.err: user-mode page faults carry PF_USER. */
    private static long faultErrorCode(GuestFault f) {
        return f.vector == Vector.PF ? (f.errorCode | GuestFault.PF_USER) & ~GuestFault.PF_BUS : f.errorCode;
    }

    void trace(String line) {
        if (!strace) return;
        // As strace -f: lines of processes other than the first carry their pid.
        int pid = process.pid();
        String prefix = pid != LinuxProcess.PID ? "[pid " + pid + "] " : "";
        try {
            traceOut.write(HostPaths.bytes(prefix + line + "\n"));
        } catch (IOException e) {
            // stderr gone: nothing sensible to do
        }
    }
}

package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jx86.vmm.Flags;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;
import org.jx86.vmm.mem.Mem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rt_sigframe against the layout of the Linux x86-64 uapi headers (offsets as a native
 * program prints them with offsetof): where the frame goes, what the handler's registers are,
 * and that rt_sigreturn restores everything the handler changed in the ucontext.
 */
class SignalFrameTest {
    static final long HANDLER = 0x401000, RESTORER = 0x401100;
    private SyscallHarness h;
    private long top;

    @BeforeEach
    void setUp() {
        h = new SyscallHarness();
        top = SyscallHarness.SCRATCH + SyscallHarness.SCRATCH_SIZE - 0x1003; // deliberately unaligned
        h.cpu.s[Slots.RSP] = top;
        h.cpu.rip = 0x402345;
    }

    private void handle(int sig, long flags, long mask) {
        long act = h.alloc(32);
        Mem.write64(h.cpu, act, HANDLER);
        Mem.write64(h.cpu, act + 8, flags | SignalState.SA_RESTORER);
        Mem.write64(h.cpu, act + 16, RESTORER);
        Mem.write64(h.cpu, act + 24, mask);
        assertEquals(0, h.call("rt_sigaction", sig, act, 0, 8));
    }

    @Test
    void frameLayoutAndHandlerRegisters() {
        handle(Sig.SIGUSR1, SignalState.SA_SIGINFO, Sig.bit(Sig.SIGUSR2));
        for (int r = 0; r < 16; r++) if (r != Slots.RSP) h.cpu.s[r] = 0x1111L * (r + 1);
        Flags.setRflags(h.cpu, Flags.DF | Flags.CF | 2);
        h.cpu.s[Slots.xmmLo(3)] = 42;
        long rip = 0x402345; // cpu.rip is already past the syscall when the engine calls the personality
        assertEquals(0, h.call("kill", LinuxProcess.PID, Sig.SIGUSR1));
        long sp = h.cpu.s[Slots.RSP];
        assertEquals(HANDLER, h.cpu.rip);
        assertEquals(0, (sp + 8) & 15, "at entry rsp+8 is 16-aligned");
        long fp = (top - 128 - 512) & ~63L;
        assertEquals(((fp - 440) & ~15L) - 8, sp, "frame below the red zone and the 64-aligned fpstate");
        assertEquals(RESTORER, h.read64(sp), "pretcode");
        assertEquals(Sig.SIGUSR1, h.cpu.s[Slots.RDI]);
        assertEquals(sp + 312, h.cpu.s[Slots.RSI], "&siginfo");
        assertEquals(sp + 8, h.cpu.s[Slots.RDX], "&ucontext");
        assertEquals(0, h.cpu.s[Slots.RAX]);
        assertEquals(0, Flags.rflags(h.cpu) & Flags.DF, "DF cleared for the handler");
        assertEquals(0, h.cpu.s[Slots.xmmLo(3)], "handler starts with the initial FPU state");
        long uc = sp + 8, mc = uc + 40;
        assertEquals(6, h.read64(uc), "uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS");
        assertEquals(SignalState.SS_DISABLE, (int) h.read64(uc + 24), "uc_stack.ss_flags");
        assertEquals(0x1111L * 13, h.read64(mc + 32), "r12 at 32 (r8..r15 first)");
        assertEquals(0x1111L * 16, h.read64(mc + 56), "r15 at 56");
        assertEquals(0x1111L * (Slots.RBP + 1), h.read64(mc + 80), "rbp at 80");
        assertEquals(0x1111L * (Slots.RBX + 1), h.read64(mc + 88), "rbx at 88");
        assertEquals(0, h.read64(mc + 104), "rax at 104 (the syscall's result)");
        assertEquals(top, h.read64(mc + 120), "rsp at 120");
        assertEquals(rip, h.read64(mc + 128), "rip at 128");
        assertEquals(Flags.DF | Flags.CF | 2, h.read64(mc + 136) & (Flags.ARITH | Flags.DF | 2), "eflags at 136");
        assertEquals(0x33, h.read64(mc + 144) & 0xFFFF, "cs");
        assertEquals(0x2b, h.read64(mc + 144) >>> 48, "ss");
        assertEquals(fp, h.read64(mc + 184), "fpstate pointer");
        assertEquals(42, h.read64(fp + 160 + 16 * 3), "xmm3 saved in the FXSAVE image");
        assertEquals(0x1F80, h.read64(fp + 24) & 0xFFFF_FFFFL, "mxcsr saved");
        assertEquals(0, h.read64(uc + 296), "uc_sigmask: the mask before delivery");
        assertEquals(Sig.SIGUSR1, (int) h.read64(sp + 312), "si_signo");
        assertEquals(Siginfo.SI_USER, (int) (h.read64(sp + 312 + 8)), "si_code");
        assertEquals(LinuxProcess.PID, (int) h.read64(sp + 312 + 16), "si_pid");
        assertEquals(Sig.bit(Sig.SIGUSR1) | Sig.bit(Sig.SIGUSR2), h.process.signals().thread(h.cpu).blocked(),
            "handler runs with sa_mask and the signal itself blocked");
    }

    @Test
    void sigreturnRestoresWhatTheHandlerChanged() {
        handle(Sig.SIGUSR1, 0, 0);
        h.cpu.s[Slots.RBX] = 7;
        h.cpu.s[Slots.xmmHi(15)] = 99;
        assertEquals(0, h.call("kill", LinuxProcess.PID, Sig.SIGUSR1));
        long sp = h.cpu.s[Slots.RSP];
        long mc = sp + 48;
        Mem.write64(h.cpu, mc + 128, 0x40beef);          // the handler moves RIP
        Mem.write64(h.cpu, mc + 88, 8);                  // and RBX
        Mem.write64(h.cpu, mc + 104, 0x1234);            // RAX: what rt_sigreturn returns
        h.cpu.s[Slots.RSP] = sp + 8;                     // the handler's RET popped pretcode
        h.cpu.s[Slots.RBX] = 0;
        h.cpu.s[Slots.xmmHi(15)] = 0;
        assertEquals(0x1234, h.call("rt_sigreturn"));
        assertEquals(0x40beef, h.cpu.rip);
        assertEquals(8, h.cpu.s[Slots.RBX]);
        assertEquals(top, h.cpu.s[Slots.RSP]);
        assertEquals(99, h.cpu.s[Slots.xmmHi(15)], "FXRSTOR from the frame");
        assertEquals(0, h.process.signals().thread(h.cpu).blocked(), "mask restored from uc_sigmask");
    }

    @Test
    void altStackAndPageFaultSiginfo() {
        long ss = h.alloc(24);
        long alt = SyscallHarness.SCRATCH + 0x1000;
        Mem.write64(h.cpu, ss, alt);
        Mem.write64(h.cpu, ss + 8, 0);
        Mem.write64(h.cpu, ss + 16, 0x4000);
        assertEquals(0, h.call("sigaltstack", ss, 0));
        handle(Sig.SIGSEGV, SignalState.SA_SIGINFO | SignalState.SA_ONSTACK, 0);
        h.cpu.rip = 0x402000;
        boolean delivered = h.process.signalDelivery().fault(h.cpu,
            GuestFault.pageFault(0x10, GuestFault.PF_USER | GuestFault.PF_WRITE));
        assertEquals(true, delivered);
        long sp = h.cpu.s[Slots.RSP];
        long fp = (alt + 0x4000 - 512) & ~63L;
        assertEquals(((fp - 440) & ~15L) - 8, sp, "frame at the top of the alternate stack");
        long si = sp + 312;
        assertEquals(Sig.SIGSEGV, (int) h.read64(si));
        assertEquals(Siginfo.SEGV_MAPERR, (int) h.read64(si + 8));
        assertEquals(0x10, h.read64(si + 16), "si_addr");
        long mc = sp + 48;
        assertEquals(0x402000, h.read64(mc + 128), "rip of the faulting instruction");
        assertEquals(Vector.PF, h.read64(mc + 160), "trapno");
        assertEquals(0x10, h.read64(mc + 176), "cr2");
        assertEquals(6, h.read64(mc + 152), "err: user write");
        assertEquals(alt, h.read64(sp + 8 + 16), "uc_stack.ss_sp");
        assertEquals(0, (int) h.read64(sp + 8 + 24), "uc_stack.ss_flags: the interrupted code was not on it");
        assertEquals(0x4000, h.read64(sp + 8 + 32), "uc_stack.ss_size");
    }

    @Test
    void faultWhileBlockedKills() {
        handle(Sig.SIGFPE, 0, 0);
        long set = h.alloc(8);
        Mem.write64(h.cpu, set, Sig.bit(Sig.SIGFPE));
        assertEquals(0, h.call("rt_sigprocmask", SignalState.SIG_BLOCK, set, 0, 8));
        assertEquals(false, h.process.signalDelivery().fault(h.cpu, GuestFault.of(Vector.DE)));
    }

    @Test
    void frameOnUnmappedStackKillsWithSigsegv() {
        handle(Sig.SIGUSR2, 0, 0);
        h.cpu.s[Slots.RSP] = 0x10;
        GuestSignalExit e = assertThrows(GuestSignalExit.class, () -> h.call("kill", LinuxProcess.PID, Sig.SIGUSR2));
        assertEquals(Sig.SIGSEGV, e.signal);
    }
}

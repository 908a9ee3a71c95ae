package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.vmm.fpu.Fxsave;
import org.jx86.vmm.mem.Mem;

/**
 * The x86-64 rt_sigframe, built on the guest stack for a handler and read back by
 * rt_sigreturn, exactly as arch/x86/kernel/signal_64.c lays it out for a CPU without XSAVE
 * (the CPUID model does not advertise it). Offsets checked against the uapi headers and a
 * native program printing offsetof (ucontext_t, struct sigcontext, siginfo_t).
 *
 * <pre>
 *  frame+0     pretcode: sa_restorer, the handler's return address
 *  frame+8     struct ucontext (304 bytes)
 *     +0   uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS
 *     +8   uc_link = 0
 *     +16  uc_stack: ss_sp, ss_flags (int, padded), ss_size
 *     +40  uc_mcontext = struct sigcontext (256 bytes):
 *            r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags (8 bytes each, +0..+136)
 *            +144 cs, gs, fs, ss (2 bytes each)  +152 err  +160 trapno  +168 oldmask  +176 cr2
 *            +184 fpstate pointer  +192 reserved (64 bytes)
 *     +296 uc_sigmask (the kernel's 8-byte sigset)
 *  frame+312   siginfo (128 bytes)
 *  fpstate     FXSAVE image (512 bytes, 64-aligned, above the frame; sw_reserved bytes zero)
 * </pre>
 * The handler starts with rsp = frame, so (rsp + 8) is 16-aligned as after a call.
 */
public final class SignalFrame {
    private SignalFrame() {}

    public static final int UC = 8, UC_STACK = UC + 16, MCONTEXT = UC + 40, SIGMASK = UC + 296, SIGINFO = UC + 304;
    public static final int FRAME_SIZE = SIGINFO + Siginfo.SIZE;
    /** Offsets inside struct sigcontext. */
    public static final int SC_RSP = 120, SC_RIP = 128, SC_EFLAGS = 136, SC_CS = 144, SC_ERR = 152, SC_TRAPNO = 160,
        SC_OLDMASK = 168, SC_CR2 = 176, SC_FPSTATE = 184;
    public static final int FPSTATE_SIZE = 512;
    public static final long UC_SIGCONTEXT_SS = 2, UC_STRICT_RESTORE_SS = 4;
    public static final long RED_ZONE = 128;
    public static final int USER_CS = 0x33, USER_DS = 0x2b;
    /** Register slots in sigcontext order (r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp). */
    static final int[] GREGS = {8, 9, 10, 11, 12, 13, 14, 15, Slots.RDI, Slots.RSI, Slots.RBP, Slots.RBX,
        Slots.RDX, Slots.RAX, Slots.RCX, Slots.RSP};
    /** RFLAGS bits sigreturn takes from the frame (the kernel's FIX_EFLAGS). */
    static final long FIX_EFLAGS = Flags.ARITH | Flags.DF | 0x100 /* TF */ | 0x4_0000 /* AC */ | 0x1_0000 /* RF */;

    /** The stack a frame for a handler with these flags goes to, before the red zone: {top, onAltStack}. */
    static long frameAddress(long sp, boolean useAlt, long altTop) {
        if (useAlt) sp = altTop;
        long fp = (sp - FPSTATE_SIZE) & ~63L;
        return ((fp - FRAME_SIZE) & ~15L) - 8;
    }

    /** The fpstate area of a frame built at frameAddress (it sits just above the frame). */
    static long fpstate(long frame) { return (frame + 8 + FRAME_SIZE + 63) & ~63L; }

    /**
     * Writes the frame at frame for the vCPU's current state and points the vCPU at the handler.
     *
     * @param uStack  {ss_sp, ss_flags, ss_size} as uc_stack records them
     * @param fault   {err, trapno, cr2} of a CPU exception, or zeros
     */
    static void push(Cpu c, long frame, SignalState.Action a, Siginfo info, long savedMask, long[] uStack,
                     long[] fault) {
        long[] s = c.s;
        long fp = fpstate(frame);
        Fxsave.fxsave(c, fp);
        for (int i = 416; i < FPSTATE_SIZE; i += 8) Mem.write64(c, fp + i, 0);
        Mem.write64(c, frame, a.restorer());
        Mem.write64(c, frame + UC, UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS);
        Mem.write64(c, frame + UC + 8, 0);
        Mem.write64(c, frame + UC_STACK, uStack[0]);
        Mem.write64(c, frame + UC_STACK + 8, uStack[1] & 0xFFFF_FFFFL);
        Mem.write64(c, frame + UC_STACK + 16, uStack[2]);
        long mc = frame + MCONTEXT;
        for (int i = 0; i < GREGS.length; i++) Mem.write64(c, mc + 8L * i, s[GREGS[i]]);
        Mem.write64(c, mc + SC_RIP, c.rip);
        Mem.write64(c, mc + SC_EFLAGS, Flags.rflags(c));
        Mem.write64(c, mc + SC_CS, USER_CS | (long) USER_DS << 48);
        Mem.write64(c, mc + SC_ERR, fault[0]);
        Mem.write64(c, mc + SC_TRAPNO, fault[1]);
        Mem.write64(c, mc + SC_OLDMASK, savedMask);
        Mem.write64(c, mc + SC_CR2, fault[2]);
        Mem.write64(c, mc + SC_FPSTATE, fp);
        for (int i = 0; i < 64; i += 8) Mem.write64(c, mc + 192 + i, 0);
        Mem.write64(c, frame + SIGMASK, savedMask);
        UserMem.write(c, frame + SIGINFO, info.toBytes());

        s[Slots.RSP] = frame;
        s[Slots.RDI] = info.signo();
        s[Slots.RSI] = frame + SIGINFO;
        s[Slots.RDX] = frame + UC;
        s[Slots.RAX] = 0;
        Flags.setRflags(c, Flags.rflags(c) & ~(Flags.DF | 0x100 | 0x1_0000));
        c.rip = a.handler();
        // The handler starts with the initial FPU state (fpu__clear_user_states).
        c.x87.init();
        s[Slots.MXCSR] = 0x1F80;
        for (int n = 0; n < 16; n++) s[Slots.xmmLo(n)] = s[Slots.xmmHi(n)] = 0;
    }

    /**
     * rt_sigreturn: restores registers, flags, FPU state from the frame whose pretcode the
     * handler's RET popped (so the frame starts at rsp - 8). Returns {mask, ss_sp, ss_flags, ss_size}
     * for the caller to apply; a bad frame throws a GuestFault.
     */
    static long[] restore(Cpu c) {
        long[] s = c.s;
        long frame = s[Slots.RSP] - 8;
        long mc = frame + MCONTEXT;
        long[] g = new long[GREGS.length];
        for (int i = 0; i < GREGS.length; i++) g[i] = Mem.read64(c, mc + 8L * i);
        long rip = Mem.read64(c, mc + SC_RIP);
        long flags = Mem.read64(c, mc + SC_EFLAGS);
        long fp = Mem.read64(c, mc + SC_FPSTATE);
        long mask = Mem.read64(c, frame + SIGMASK);
        long ssSp = Mem.read64(c, frame + UC_STACK), ssFlags = (int) Mem.read64(c, frame + UC_STACK + 8),
            ssSize = Mem.read64(c, frame + UC_STACK + 16);
        if (fp != 0) {
            Fxsave.fxrstor(c, fp);
        } else {
            c.x87.init();
            s[Slots.MXCSR] = 0x1F80;
            for (int n = 0; n < 16; n++) s[Slots.xmmLo(n)] = s[Slots.xmmHi(n)] = 0;
        }
        for (int i = 0; i < GREGS.length; i++) s[GREGS[i]] = g[i];
        Flags.setRflags(c, (Flags.rflags(c) & ~FIX_EFLAGS) | (flags & FIX_EFLAGS));
        c.rip = rip;
        return new long[] {mask, ssSp, ssFlags, ssSize};
    }
}

package org.jx86.runtime.linux;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.BitSet;
import org.jx86.runtime.SyscallHandler;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux x86-64 system call interface of one process: the engine calls
 * {@link #syscall} when a guest executes SYSCALL, with {@code cpu.rip} already past it.
 *
 * <p>Convention: number in RAX, arguments in RDI, RSI, RDX, R10, R8, R9; result or -errno in
 * RAX; RCX receives the return RIP and R11 RFLAGS, as the SYSCALL instruction leaves them.
 * A {@link GuestFault} while copying user memory becomes -EFAULT; an unimplemented call
 * returns -ENOSYS and is logged once at debug level. exit and exit_group throw
 * {@link GuestExit}; a fatal signal throws {@link GuestSignalExit}.
 */
public final class LinuxSyscalls implements SyscallHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxSyscalls.class);
    /** Slots of R8..R11 (x86 register numbers; {@link Slots} names only the first eight). */
    private static final int R8 = 8, R9 = 9, R10 = 10, R11 = 11;

    private final LinuxProcess process;
    private final SyscallTable table = new SyscallTable();
    private final BitSet reported = new BitSet();
    private final boolean strace;
    private final FileOutputStream traceOut = new FileOutputStream(FileDescriptor.err);

    public LinuxSyscalls(LinuxProcess process) {
        this.process = process;
        this.strace = process.options().strace();
        new IoSyscalls(process).register(table);
        new Ioctls(process).register(table);
        new FsSyscalls(process).register(table);
        new DirSyscalls(process).register(table);
        new MemorySyscalls(process).register(table);
        new TimeSyscalls(process).register(table);
        new ProcessSyscalls(process).register(table);
        new ThreadSyscalls(process).register(table);
        new IdentitySyscalls(process).register(table);
        new SignalSyscalls(process, process.signalDelivery()).register(table);
        new ForkSyscalls(process).register(table);
        new ExecSyscalls(process).register(table);
        new WaitSyscalls(process).register(table);
        new Poll(process).register(table);
        new EventSyscalls(process).register(table);
        new SocketSyscalls(process).register(table);
        new StatfsSyscalls(process).register(table);
        new TimerSyscalls(process).register(table);
    }

    public LinuxProcess process() { return process; }

    /** The dispatch table (to list what is implemented). */
    public SyscallTable table() { return table; }

    @Override
    public void syscall(Cpu cpu) {
        long[] s = cpu.s;
        long nr = s[Slots.RAX];
        s[Slots.RCX] = cpu.rip;
        s[R11] = Flags.rflags(cpu);
        long a0 = s[Slots.RDI], a1 = s[Slots.RSI], a2 = s[Slots.RDX], a3 = s[R10], a4 = s[R8],
            a5 = s[R9];
        UserMem.syncTlb(cpu);
        long r;
        try {
            r = invoke(cpu, nr, a0, a1, a2, a3, a4, a5);
        } catch (GuestExit | ThreadExit | GuestSignalExit | ExecReplaced e) {
            if (strace) trace(cpu, nr, a0, a1, a2, a3, a4, a5, e instanceof GuestSignalExit ? "? (" + e.getMessage() + ")"
                : e instanceof ExecReplaced ? "0" : "?");
            throw e;
        }
        s[Slots.RAX] = r;
        if (SignalDelivery.isRestart(r)) { // interrupted by a signal: deliver it, then restart or fail with EINTR
            if (strace) trace(cpu, nr, a0, a1, a2, a3, a4, a5, SignalDelivery.restartText(r));
            process.signalDelivery().afterInterruptedSyscall(cpu, nr, r);
            return;
        }
        if (strace) trace(cpu, nr, a0, a1, a2, a3, a4, a5, result(r));
    }

    /** Runs system call nr and returns RAX's new value. */
    public long invoke(Cpu cpu, long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        SyscallTable.Handler h = table.get(nr);
        if (h == null) return unimplemented(nr);
        try {
            return h.call(cpu, a0, a1, a2, a3, a4, a5);
        } catch (LinuxError e) {
            return -e.errno;
        } catch (GuestFault f) {
            return -Errno.EFAULT;
        } catch (IOException e) {
            return -Errno.of(e);
        } catch (UnsupportedOperationException | SecurityException e) {
            return -Errno.EPERM;
        }
    }

    private long unimplemented(long nr) {
        boolean first;
        synchronized (reported) {
            first = nr < 0 || nr > Integer.MAX_VALUE || !reported.get((int) nr);
            if (first && nr >= 0 && nr <= Integer.MAX_VALUE) reported.set((int) nr);
        }
        if (first) LOG.debug("unimplemented system call {} ({}): returning -ENOSYS", SyscallNames.name(nr), nr);
        return -Errno.ENOSYS;
    }

    private static String result(long r) {
        if (r < 0 && r >= -4095) return "-1 " + Errno.name((int) -r) + " (" + Errno.message((int) -r) + ")";
        return r >= 0 && r < 0x10000 ? Long.toString(r) : "0x" + Long.toHexString(r);
    }

    private void trace(Cpu cpu, long nr, long a0, long a1, long a2, long a3, long a4, long a5, String result) {
        long[] a = {a0, a1, a2, a3, a4, a5};
        StringBuilder sb = new StringBuilder();
        int tid = process.threads().of(cpu).tid;
        if (tid != LinuxProcess.PID) sb.append("[pid ").append(tid).append("] "); // as strace -f
        sb.append(SyscallNames.name(nr)).append('(');
        String decoded = SignalTrace.args(cpu, SyscallNames.name(nr), a);
        if (decoded != null) sb.append(decoded);
        int n = decoded != null ? 0 : table.get(nr) != null ? table.arity(nr) : 6;
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            long v = a[i];
            sb.append(v >= -4096 && v < 0x10000 ? Long.toString(v) : "0x" + Long.toHexString(v));
        }
        sb.append(") = ").append(result).append('\n');
        try {
            traceOut.write(HostPaths.bytes(sb.toString()));
        } catch (IOException e) {
            // stderr gone: nothing sensible to do
        }
    }
}

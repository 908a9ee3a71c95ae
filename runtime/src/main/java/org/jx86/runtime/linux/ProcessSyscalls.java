package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Mem;

/**
 * The process: pids, rseq, arch_prctl, prctl, kill of itself, getrandom, sched_* and
 * umask. Threads, exit and futex are {@link ThreadSyscalls}.
 */
final class ProcessSyscalls {
    static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004,
        ARCH_GET_CPUID = 0x1011, ARCH_SET_CPUID = 0x1012;
    static final int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4,
        PR_SET_NAME = 15, PR_GET_NAME = 16, PR_SET_CHILD_SUBREAPER = 36, PR_GET_CHILD_SUBREAPER = 37, PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39;
    static final int GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;

    private final LinuxProcess p;

    ProcessSyscalls(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys0("getpid", c -> p.pid());
        t.sys0("getppid", c -> p.entry().ppid());
        t.sys0("getpgrp", c -> p.entry().pgid());
        t.sys1("getpgid", (c, pid) -> p.entry().table().idOf(p.entry(), (int) pid, false));
        t.sys1("getsid", (c, pid) -> p.entry().table().idOf(p.entry(), (int) pid, true));
        t.sys2("setpgid", (c, pid, pgid) -> p.entry().table().setpgid(p.entry(), (int) pid, (int) pgid));
        t.sys0("setsid", c -> p.entry().table().setsid(p.entry()));
        t.sys4("rseq", (c, a, len, flags, sig) -> -Errno.ENOSYS);
        t.sys2("arch_prctl", this::archPrctl);
        t.sys5("prctl", this::prctl);
        t.sys2("kill", (c, pid, sig) -> kill((int) pid, sig));
        t.sys3("getrandom", this::getrandom);
        t.sys0("sched_yield", c -> {
            Thread.yield();
            return 0;
        });
        t.sys3("sched_getaffinity", this::schedGetaffinity);
        t.sys3("sched_setaffinity", (c, pid, len, mask) -> pid == 0 || pid == p.pid() ? 0 : -Errno.ESRCH);
        t.sys1("sched_getscheduler", (c, pid) -> pid == 0 || pid == p.pid() ? 0 : -Errno.ESRCH);
        t.sys2("sched_getparam", (c, pid, param) -> {
            if (pid != 0 && pid != p.pid()) return -Errno.ESRCH;
            Mem.write32(c, param, 0);
            return 0;
        });
        t.sys3("getcpu", (c, cpu, node, cache) -> {
            if (cpu != 0) Mem.write32(c, cpu, 0);
            if (node != 0) Mem.write32(c, node, 0);
            return 0;
        });
        t.sys1("umask", (c, mask) -> {
            int old = p.umask();
            p.setUmask((int) mask);
            return old;
        });
    }

    long archPrctl(Cpu c, long code, long addr) {
        switch ((int) code) {
            case ARCH_SET_FS, ARCH_SET_GS -> {
                if (addr < 0 || addr >= AddressSpace.USER_LIMIT) return -Errno.EPERM;
                c.s[code == ARCH_SET_FS ? Slots.FS_BASE : Slots.GS_BASE] = addr;
                return 0;
            }
            case ARCH_GET_FS, ARCH_GET_GS -> {
                Mem.write64(c, addr, c.s[code == ARCH_GET_FS ? Slots.FS_BASE : Slots.GS_BASE]);
                return 0;
            }
            case ARCH_GET_CPUID -> { return 1; }
            case ARCH_SET_CPUID -> { return -Errno.ENODEV; }
            default -> { return -Errno.EINVAL; }
        }
    }

    long prctl(Cpu c, long option, long a2, long a3, long a4, long a5) {
        switch ((int) option) {
            case PR_SET_NAME -> {
                byte[] name = new byte[15];
                int n = 0;
                for (int ch; n < name.length && (ch = (int) Mem.read8(c, a2 + n)) != 0; n++) name[n] = (byte) ch;
                p.setComm(java.util.Arrays.copyOf(name, n));
                return 0;
            }
            case PR_GET_NAME -> {
                UserMem.write(c, a2, java.util.Arrays.copyOf(p.comm(), 16));
                return 0;
            }
            case PR_GET_DUMPABLE -> { return 1; }
            case PR_SET_CHILD_SUBREAPER -> {
                synchronized (p.entry().table()) {
                    p.entry().subreaper = a2 != 0;
                }
                return 0;
            }
            case PR_GET_CHILD_SUBREAPER -> {
                boolean on;
                synchronized (p.entry().table()) {
                    on = p.entry().subreaper;
                }
                Mem.write32(c, a2, on ? 1 : 0);
                return 0;
            }
            case PR_SET_DUMPABLE, PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS -> { return 0; }
            case PR_GET_PDEATHSIG -> {
                Mem.write32(c, a2, 0);
                return 0;
            }
            case PR_GET_NO_NEW_PRIVS -> { return 0; }
            default -> { return -Errno.EINVAL; }
        }
    }

    /**
     * kill: pid &gt; 0 one process (or the process of thread pid), 0 the caller's group, -1 every process but the first guest
     * and the caller, &lt; -1 the group -pid. Every target, the caller included, gets the
     * signal through {@link SignalState#post} with an SI_USER siginfo naming the sender; the
     * caller takes its own before the next guest instruction.
     */
    long kill(int pid, long sig) {
        if (sig < 0 || sig > Sig.MAX) return -Errno.EINVAL;
        ProcessEntry self = p.entry();
        ProcessTable table = self.table();
        java.util.List<ProcessEntry> targets;
        if (pid > 0) {
            ProcessEntry t = table.get(pid);
            if (t == null) t = table.ownerOfThread(pid); // a secondary thread's id: its thread group
            if (t == null) return -Errno.ESRCH;
            targets = java.util.List.of(t); // a zombie accepts and drops the signal
        } else if (pid == -1) {
            targets = table.select(e -> e.pid != LinuxProcess.PID && e != self);
            if (targets.isEmpty()) return -Errno.ESRCH;
        } else {
            if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
            int g = pid == 0 ? self.pgid() : -pid;
            targets = table.select(e -> e.pgid == g);
            if (targets.isEmpty()) return -Errno.ESRCH;
        }
        SignalState from = p.signals();
        Siginfo si = Siginfo.user((int) sig, Siginfo.SI_USER, from.pid(), from.uid());
        for (ProcessEntry t : targets) {
            LinuxProcess img = t.image;
            if (img != null && !zombie(t)) img.signals().post((int) sig, si);
        }
        return 0;
    }

    private static boolean zombie(ProcessEntry e) {
        synchronized (e.table) {
            return e.zombie;
        }
    }

    long getrandom(Cpu c, long buf, long len, long flags) {
        if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0) return -Errno.EINVAL;
        if ((flags & GRND_RANDOM) != 0 && (flags & GRND_INSECURE) != 0) return -Errno.EINVAL;
        int n = (int) Math.min(Math.max(len, 0), 0x1ff_ffff); // Linux caps one call at 32 MiB - 1
        byte[] b = new byte[Math.min(n, Layout.IO_CHUNK)];
        long done = 0;
        while (done < n) {
            int k = (int) Math.min(b.length, n - done);
            synchronized (p.random()) {
                p.random().nextBytes(b, 0, k);
            }
            UserMem.write(c, buf + done, b, 0, k);
            done += k;
        }
        return done;
    }

    /** The mask has one bit per host CPU; returns the kernel cpumask size (8 bytes up to 64 CPUs). */
    long schedGetaffinity(Cpu c, long pid, long len, long mask) {
        if (pid != 0 && pid != p.pid()) return -Errno.ESRCH;
        int cpus = Runtime.getRuntime().availableProcessors();
        int size = ((cpus + 63) / 64) * 8;
        if (len < size || (len & 7) != 0) return -Errno.EINVAL;
        java.nio.ByteBuffer b = UserMem.struct(size);
        for (int i = 0; i < cpus; i++) b.put(i / 8, (byte) (b.get(i / 8) | 1 << (i % 8)));
        UserMem.write(c, mask, b);
        return size;
    }
}

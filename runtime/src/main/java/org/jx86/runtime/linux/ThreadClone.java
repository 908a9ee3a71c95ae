package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.Mem;

/**
 * clone with CLONE_VM | CLONE_THREAD: a new guest thread on a new JVM thread, with its own
 * vCPU (the parent's registers, RAX = 0, the new stack, FS base from tls) and TLB, sharing
 * the address space, file descriptors, code cache and translations of the process.
 */
public final class ThreadClone {
    private ThreadClone() {}

    public static final long CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
        CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000, CLONE_PARENT = 0x8000,
        CLONE_THREAD = 0x10000, CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000,
        CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_DETACHED = 0x400000,
        CLONE_UNTRACED = 0x800000, CLONE_CHILD_SETTID = 0x1000000, CLONE_IO = 0x80000000L;
    /** Flags a thread clone may carry; the namespace flags and others are refused. */
    static final long ALLOWED = 0xFF | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_PTRACE
        | CLONE_VFORK | CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID
        | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID | CLONE_IO;

    /**
     * Starts the thread. The parent's cpu.rip is already past the SYSCALL, where the child
     * continues too.
     *
     * @return the new thread's id, or -errno
     */
    public static long start(LinuxProcess proc, Cpu parent, long flags, long newsp, long ptid, long ctid, long tls) {
        // The kernel's consistency rules (copy_process): a thread shares signal handlers,
        // which need a shared address space.
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) return -Errno.EINVAL;
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) return -Errno.EINVAL;
        if ((flags & ~ALLOWED) != 0) return -Errno.EINVAL;
        if ((flags & CLONE_SETTLS) != 0 && (tls < 0 || tls >= org.jx86.vmm.mem.AddressSpace.USER_LIMIT))
            return -Errno.EPERM;

        Cpu c = new Cpu(parent.memory);
        System.arraycopy(parent.s, 0, c.s, 0, c.s.length);
        c.x87.copyFrom(parent.x87);
        c.rip = parent.rip;
        c.cpuid = parent.cpuid;
        c.owner = parent.owner;
        c.s[Slots.RAX] = 0;
        if (newsp != 0) c.s[Slots.RSP] = newsp;
        if ((flags & CLONE_SETTLS) != 0) c.s[Slots.FS_BASE] = tls;

        GuestThreads threads = proc.threads();
        threads.of(parent);   // make sure the caller is registered before its first sibling
        GuestThread t = threads.add(c, proc.signals().thread(parent).blocked()); // a new thread inherits the mask
        if (t == null) return -Errno.EAGAIN;
        // Both ids are stored before either thread runs on, as the kernel does: pthread_create
        // and the new thread may read them at once. A bad address is ignored, as in Linux.
        if ((flags & CLONE_PARENT_SETTID) != 0) putTid(parent, ptid, t.tid);
        if ((flags & CLONE_CHILD_SETTID) != 0) putTid(parent, ctid, t.tid);
        if ((flags & CLONE_CHILD_CLEARTID) != 0) t.clearChildTid = ctid;

        Thread h = new Thread(() -> threads.run(t), "jx86-tid-" + t.tid);
        h.setDaemon(true);
        t.host = h;
        h.start();
        return t.tid;
    }

    private static void putTid(Cpu cpu, long addr, int tid) {
        try {
            Mem.write32(cpu, addr, tid);
        } catch (GuestFault f) {
            // ignored, as put_user failures in copy_process are
        }
    }
}

package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.Mem;

/**
 * fork, vfork and clone (clone3 is left to -ENOSYS, which glibc answers by falling back to
 * clone). A new process gets a copy-on-write copy of the address space, a copy of the fd
 * table sharing the open file descriptions, the parent's registers with RAX = 0, and runs on
 * a new JVM thread with its own engine and code cache (see {@link GuestRunner#start}).
 *
 * <ul>
 * <li>CLONE_VM|CLONE_THREAD (a thread) goes to {@link ThreadClone}.
 * <li>vfork and CLONE_VFORK: the parent sleeps until the child calls execve or exits. The
 *     child runs in a copy of the parent's memory, not in it, so what a vfork child writes
 *     before execve is not seen by the parent (posix_spawn then cannot report an exec
 *     failure through memory; the child's exit status 127 still reports it).
 * <li>CLONE_VM without CLONE_THREAD is treated the same way (a copy), with the new stack.
 * </ul>
 */
final class ForkSyscalls {
    static final long CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400,
        CLONE_SIGHAND = 0x800, CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000,
        CLONE_PARENT = 0x8000, CLONE_THREAD = 0x10000, CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000,
        CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000,
        CLONE_DETACHED = 0x400000, CLONE_UNTRACED = 0x800000, CLONE_CHILD_SETTID = 0x1000000;
    /** Namespace and other flags jx86 does not model. */
    static final long UNSUPPORTED = 0x7E02_0000L | CLONE_PIDFD;

    private final LinuxProcess p;

    ForkSyscalls(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys0("fork", c -> fork(c, 0, 0, 0, 0, 0));
        t.sys0("vfork", c -> fork(c, CLONE_VFORK, 0, 0, 0, 0));
        t.sys5("clone", this::clone);
    }

    /** clone(flags, newsp, parent_tid, child_tid, tls): the x86-64 argument order. */
    long clone(Cpu c, long flags, long newsp, long ptid, long ctid, long tls) {
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) return -Errno.EINVAL;
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) return -Errno.EINVAL;
        if ((flags & CLONE_VM) != 0 && (flags & CLONE_THREAD) != 0)
            return ThreadClone.start(p, c, flags, newsp, ptid, ctid, tls);
        if ((flags & (UNSUPPORTED | CLONE_SIGHAND | CLONE_FILES | CLONE_FS)) != 0) return -Errno.EINVAL;
        return fork(c, flags, newsp, ptid, ctid, tls);
    }

    private long fork(Cpu c, long flags, long newsp, long ptid, long ctid, long tls) {
        ProcessEntry parent = p.entry();
        ProcessEntry childEntry = parent.table().newChild(parent);
        LinuxProcess child = p.forkImage(childEntry, c);
        childEntry.image = child;
        Cpu cc = child.mainCpu();
        cc.s[Slots.RAX] = 0;
        if (newsp != 0) cc.s[Slots.RSP] = newsp;
        if ((flags & CLONE_SETTLS) != 0) cc.s[Slots.FS_BASE] = tls;
        cc.owner = child;
        int pid = childEntry.pid;
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            Mem.write32(c, ptid, pid);
            Mem.write32(cc, ptid, pid);
        }
        if ((flags & CLONE_CHILD_SETTID) != 0) Mem.write32(cc, ctid, pid);
        if ((flags & CLONE_CHILD_CLEARTID) != 0) child.threads().of(cc).clearChildTid = ctid;
        boolean vfork = (flags & CLONE_VFORK) != 0;
        if (vfork) childEntry.vforkReleased = false;
        GuestRunner.start(child, cc);
        if (vfork) parent.table().awaitVforkRelease(childEntry);
        return pid;
    }
}

package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;

/**
 * clone with CLONE_VM|CLONE_THREAD: a new thread of proc. Placeholder on the processes
 * branch: the threads branch replaces this class with the real implementation.
 */
public final class ThreadClone {
    private ThreadClone() {}

    /** Returns the new thread's tid, or -errno. */
    public static long start(LinuxProcess proc, Cpu parent, long flags, long newsp, long ptid, long ctid, long tls) {
        return -Errno.ENOSYS;
    }
}

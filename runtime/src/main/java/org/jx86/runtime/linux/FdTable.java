package org.jx86.runtime.linux;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * A process's file descriptor table: fd number to {@link OpenFile} plus the per-fd
 * close-on-exec flag. New descriptors take the lowest free number, as POSIX requires;
 * the table never grows past RLIMIT_NOFILE (EMFILE).
 */
public final class FdTable {
    private OpenFile[] files = new OpenFile[64];
    private boolean[] cloexec = new boolean[64];
    private volatile IntSupplier limit;

    /** limit supplies the current RLIMIT_NOFILE soft limit. */
    public FdTable(IntSupplier limit) { this.limit = limit; }

    /** Where RLIMIT_NOFILE comes from (a forked or exec'd image has its own limits). */
    void setLimit(IntSupplier l) { limit = l; }

    /** The child's table after fork: the same fds and flags, sharing each open file description. */
    public synchronized FdTable forkCopy() {
        FdTable t = new FdTable(limit);
        t.files = files.clone();
        t.cloexec = cloexec.clone();
        for (OpenFile f : t.files) if (f != null) f.retain();
        return t;
    }

    /** execve: closes every close-on-exec fd. */
    public void closeOnExec() {
        for (int fd = highest(); fd >= 0; fd--) {
            boolean close;
            synchronized (this) {
                close = fd < files.length && files[fd] != null && cloexec[fd];
            }
            try {
                if (close) close(fd);
            } catch (java.io.IOException e) {
                // as at exit: nothing to report
            }
        }
    }
    /** A table with the JVM's stdin, stdout and stderr as fds 0, 1 and 2. */
    public static FdTable withHostStdio(IntSupplier limit) {
        FdTable t = new FdTable(limit);
        t.files[0] = HostStdio.stdin();
        t.files[1] = HostStdio.stdout();
        t.files[2] = HostStdio.stderr();
        return t;
    }

    /** The open file of fd; EBADF if none. */
    public synchronized OpenFile get(long fd) {
        if (fd < 0 || fd >= files.length || files[(int) fd] == null) throw new LinuxError(Errno.EBADF);
        return files[(int) fd];
    }

    public synchronized boolean isOpen(long fd) { return fd >= 0 && fd < files.length && files[(int) fd] != null; }

    /** Installs f at the lowest free fd &ge; min; EMFILE when none is below the limit. */
    public synchronized int install(OpenFile f, boolean closeOnExec, int min) {
        int max = limit.getAsInt();
        if (min < 0 || min >= max) throw new LinuxError(Errno.EINVAL);
        for (int fd = min; fd < max; fd++) {
            if (fd >= files.length) grow(fd);
            if (files[fd] == null) {
                files[fd] = f;
                cloexec[fd] = closeOnExec;
                return fd;
            }
        }
        throw new LinuxError(Errno.EMFILE);
    }

    public int install(OpenFile f, boolean closeOnExec) { return install(f, closeOnExec, 0); }

    /** dup: a new fd for the same open file, lowest free &ge; min. */
    public synchronized int dup(long fd, int min, boolean closeOnExec) {
        OpenFile f = get(fd);
        int nfd = install(f, closeOnExec, min);
        f.retain();
        return nfd;
    }

    /** dup2/dup3: makes newfd refer to fd's open file, closing what newfd referred to. */
    public int dupTo(long fd, long newfd, boolean closeOnExec) throws IOException {
        OpenFile old;
        synchronized (this) {
            OpenFile f = get(fd);
            if (newfd < 0 || newfd >= limit.getAsInt()) throw new LinuxError(Errno.EBADF);
            int n = (int) newfd;
            if (n >= files.length) grow(n);
            old = files[n];
            if (old == f) {
                cloexec[n] = closeOnExec;
                return n;
            }
            f.retain();
            files[n] = f;
            cloexec[n] = closeOnExec;
        }
        if (old != null && old.dropRef()) old.release();
        return (int) newfd;
    }

    public void close(long fd) throws IOException {
        OpenFile f;
        synchronized (this) {
            f = get(fd);
            files[(int) fd] = null;
            cloexec[(int) fd] = false;
        }
        if (f.dropRef()) f.release();
    }

    public synchronized boolean closeOnExec(long fd) {
        get(fd);
        return cloexec[(int) fd];
    }

    public synchronized void setCloseOnExec(long fd, boolean on) {
        get(fd);
        cloexec[(int) fd] = on;
    }

    /** The highest fd number in use, or -1. */
    public synchronized int highest() {
        for (int i = files.length - 1; i >= 0; i--) if (files[i] != null) return i;
        return -1;
    }

    /** Closes every fd (process exit). Errors are ignored, as the kernel does at exit. */
    public void closeAll() {
        for (int fd = highest(); fd >= 0; fd--) {
            try {
                if (isOpen(fd)) close(fd);
            } catch (IOException e) {
                // nothing to report to an exiting process
            }
        }
    }

    private void grow(int fd) {
        int n = Math.max(files.length * 2, fd + 1);
        files = Arrays.copyOf(files, n);
        cloexec = Arrays.copyOf(cloexec, n);
    }
}

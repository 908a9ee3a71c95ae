package org.jx86.runtime.linux;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns guest path strings into host paths: relative paths against the guest's working
 * directory or a dirfd, absolute paths tried under the sysroot first (qemu-user's -L rule:
 * a path that exists under the sysroot wins, anything else is the host's own).
 */
public final class PathResolver {
    private final LinuxProcess process;

    PathResolver(LinuxProcess process) { this.process = process; }

    /** Resolves path for an *at() call; ENOENT for "", EBADF/ENOTDIR for a bad dirfd. */
    public Path resolve(long dirfd, String path) {
        if (path.isEmpty()) throw new LinuxError(Errno.ENOENT);
        if (path.startsWith("/")) return host(path);
        return base(dirfd).resolve(HostPaths.path(path));
    }

    /** The directory a relative path starts from: the cwd for AT_FDCWD, else the dirfd's directory. */
    public Path base(long dirfd) {
        if ((int) dirfd == OpenFlags.AT_FDCWD) return process.cwd();
        OpenFile f = process.fds().get((int) dirfd);
        if (!f.isDirectory() || f.path() == null) throw new LinuxError(Errno.ENOTDIR);
        return f.path();
    }

    /** A guest absolute path on the host, honouring the sysroot. */
    public Path host(String abs) {
        ProcessOptions o = process.options();
        if (o.hasSysroot()) {
            Path p = o.sysroot().resolve(HostPaths.path(abs.substring(1)));
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return p;
        }
        return HostPaths.path(abs);
    }

    /**
     * For a path naming something under this process's /proc directory (/proc/self/...,
     * /proc/thread-self/..., /proc/PID/...), the part after it ("exe", "fd/3"); else null.
     */
    public String procSelf(Path p) {
        String s = p.normalize().toString();
        if (s.equals("/proc/cpuinfo")) return ProcFs.CPUINFO;
        for (String prefix : new String[] {"/proc/self/", "/proc/thread-self/", "/proc/" + process.pid() + "/"})
            if (s.startsWith(prefix)) return s.substring(prefix.length());
        return null;
    }
}

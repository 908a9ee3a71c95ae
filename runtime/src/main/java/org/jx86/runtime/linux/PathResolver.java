package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Turns guest path strings into host paths: relative paths against the guest's working
 * directory or a dirfd, absolute paths tried under the sysroot first (qemu-user's -L rule:
 * a path that exists under the sysroot wins, anything else is the host's own). Under
 * {@code --root} every path is resolved inside the root instead ({@link RootJail}).
 */
public final class PathResolver {
    /** The /proc/self files {@link ProcFs} makes up (besides magic links and fd/N). */
    private static final Set<String> SYNTHESIZED = Set.of("maps", "cmdline", "environ", "auxv", "status");
    private static final Set<String> MAGIC = Set.of("root", "cwd", "exe");

    private final LinuxProcess process;
    private final RootJail jail;
    private final RootJail.ProcLinks procLinks = new RootJail.ProcLinks() {
        @Override
        public boolean isSelf(String name) {
            return name.equals("self") || name.equals("thread-self") || name.equals(Integer.toString(process.pid()));
        }

        @Override
        public List<String> link(String name) {
            String g = switch (name) {
                case "root" -> "/";
                case "cwd" -> jail.guestPath(process.cwd());
                case "exe" -> jail.guestPath(process.exe());
                default -> null;
            };
            return g == null ? null : RootJail.split(g);
        }

        @Override
        public List<String> fdLink(String fd) {
            try {
                Path p = process.fds().get(Integer.parseInt(fd)).path();
                String g = p == null ? null : jail.guestPath(p);
                return g == null ? null : RootJail.split(g);
            } catch (NumberFormatException | LinuxError e) {
                return null;
            }
        }

        @Override
        public boolean synthesized(List<String> c) {
            if (c.size() == 2) return c.get(1).equals("cpuinfo");
            if (c.size() == 3 && isSelf(c.get(1))) return SYNTHESIZED.contains(c.get(2)) || MAGIC.contains(c.get(2));
            return c.size() == 4 && isSelf(c.get(1)) && c.get(2).equals("fd") && fdLink(c.get(3)) != null;
        }
    };

    PathResolver(LinuxProcess process) {
        this.process = process;
        Path root = process.options().root();
        try {
            this.jail = root != null ? new RootJail(root) : null;
        } catch (IOException e) {
            throw new IllegalArgumentException("--root " + root + ": " + e.getMessage(), e);
        }
    }

    /** The --root confinement, or null. */
    public RootJail jail() { return jail; }

    /** Resolves path for an *at() call, following a final symlink; ENOENT for "", EBADF/ENOTDIR for a bad dirfd. */
    public Path resolve(long dirfd, String path) { return resolve(dirfd, path, true); }

    /** As {@link #resolve}, for calls that act on a final symlink itself (lstat, readlink, unlink, rename...). */
    public Path resolveNoFollow(long dirfd, String path) { return resolve(dirfd, path, false); }

    /**
     * For calls that create, remove or rename the final component: no final symlink is
     * followed, and under --root a final "." or ".." is refused (EINVAL, ENOTEMPTY) rather
     * than resolved to the directory it names.
     */
    public Path resolveForChange(long dirfd, String path) {
        if (jail != null) {
            List<String> c = RootJail.split(path);
            String last = c.isEmpty() ? "" : c.get(c.size() - 1);
            if (last.equals(".")) throw new LinuxError(Errno.EINVAL);
            if (last.equals("..")) throw new LinuxError(Errno.ENOTEMPTY);
            if (c.isEmpty()) throw new LinuxError(Errno.EBUSY);   // the root itself
        }
        return resolve(dirfd, path, false);
    }

    /** Resolves path, following a final symlink when follow is set. */
    public Path resolve(long dirfd, String path, boolean follow) {
        if (path.isEmpty()) throw new LinuxError(Errno.ENOENT);
        if (jail != null) {
            String start = path.startsWith("/") ? "/" : jail.guestPath(base(dirfd));
            if (start == null) throw new LinuxError(Errno.ENOENT);   // a directory outside the root
            return jail.resolve(start, path, follow, procLinks);
        }
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

    /** A guest absolute path on the host, honouring the sysroot (or the root). */
    public Path host(String abs) {
        if (jail != null) return jail.resolve("/", abs, true, procLinks);
        ProcessOptions o = process.options();
        if (o.hasSysroot()) {
            Path p = o.sysroot().resolve(HostPaths.path(abs.substring(1)));
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return p;
        }
        return HostPaths.path(abs);
    }

    /** How a host path inside the guest's view is shown to the guest (getcwd, /proc links). */
    public String guestName(Path host) {
        if (jail == null) return host.toString();
        String g = jail.guestPath(host);
        if (g == null) throw new LinuxError(Errno.ENOENT);
        return g;
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

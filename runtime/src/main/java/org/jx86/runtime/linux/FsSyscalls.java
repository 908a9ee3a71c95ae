package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessMode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jx86.vmm.Cpu;

/**
 * Path-based calls that open or inspect files: open, openat, creat, stat, lstat, fstat,
 * newfstatat, statx, access, faccessat(2), readlink(at), getcwd, chdir, fchdir.
 */
final class FsSyscalls {
    private final LinuxProcess p;
    private final PathResolver paths;

    FsSyscalls(LinuxProcess p) {
        this.p = p;
        this.paths = p.paths();
    }

    void register(SyscallTable t) {
        t.sys3("open", (c, path, flags, mode) -> openat(c, OpenFlags.AT_FDCWD, path, flags, mode));
        t.sys2("creat", (c, path, mode) -> openat(c, OpenFlags.AT_FDCWD, path,
            OpenFlags.O_CREAT | OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, mode));
        t.sys4("openat", this::openat);
        t.sys2("stat", (c, path, buf) -> newfstatat(c, OpenFlags.AT_FDCWD, path, buf, 0));
        t.sys2("lstat", (c, path, buf) -> newfstatat(c, OpenFlags.AT_FDCWD, path, buf, OpenFlags.AT_SYMLINK_NOFOLLOW));
        t.sys2("fstat", this::fstat);
        t.sys4("newfstatat", this::newfstatat);
        t.sys5("statx", this::statx);
        t.sys2("access", (c, path, mode) -> faccessat2(c, OpenFlags.AT_FDCWD, path, mode, 0));
        t.sys3("faccessat", (c, dirfd, path, mode) -> faccessat2(c, dirfd, path, mode, 0));
        t.sys4("faccessat2", this::faccessat2);
        t.sys3("readlink", (c, path, buf, size) -> readlinkat(c, OpenFlags.AT_FDCWD, path, buf, size));
        t.sys4("readlinkat", this::readlinkat);
        t.sys2("getcwd", this::getcwd);
        t.sys1("chdir", this::chdir);
        t.sys1("fchdir", this::fchdir);
    }

    long openat(Cpu c, long dirfd, long pathAddr, long flags, long mode) throws IOException {
        int fl = (int) flags;
        if ((fl & OpenFlags.O_ACCMODE) == 3 && (fl & OpenFlags.O_PATH) == 0) return -Errno.EINVAL;
        Path path = paths.resolve(dirfd, UserMem.path(c, pathAddr), OpenFlags.followsLast(fl));
        OpenFile f = null;
        String proc = paths.procSelf(path);
        if (proc != null) {
            f = ProcFs.open(p, proc);
            if (f != null && OpenFlags.writable(fl)) return -Errno.EACCES;
            Path alias = ProcFs.alias(p, proc);
            if (alias != null) path = alias;
        }
        if (f == null) f = open(path, fl, (int) mode & 07777 & ~p.umask());
        return p.fds().install(f, (fl & OpenFlags.O_CLOEXEC) != 0);
    }

    /** Opens a host path with open(2) flags; perm is the creation mode after the umask. */
    OpenFile open(Path path, int flags, int perm) throws IOException {
        int acc = flags & OpenFlags.O_ACCMODE;
        int status = (flags & ~(OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_NOCTTY | OpenFlags.O_TRUNC
            | OpenFlags.O_CLOEXEC)) | OpenFlags.O_LARGEFILE;
        boolean follow = (flags & OpenFlags.O_NOFOLLOW) == 0;
        if ((flags & OpenFlags.O_PATH) != 0) {
            HostStat st = HostStat.of(path, follow);
            return new PathFile(path, flags & (OpenFlags.O_PATH | OpenFlags.O_NOFOLLOW | OpenFlags.O_DIRECTORY)
                | OpenFlags.O_LARGEFILE, st.isDirectory());
        }
        if ((flags & OpenFlags.O_TMPFILE) == OpenFlags.O_TMPFILE) return tmpfile(path, acc, status, perm);
        HostStat st;
        try {
            st = HostStat.of(path, follow);
        } catch (NoSuchFileException e) {
            st = null;
        }
        boolean create = (flags & OpenFlags.O_CREAT) != 0;
        if (st != null) {
            if (create && (flags & OpenFlags.O_EXCL) != 0) throw new LinuxError(Errno.EEXIST);
            if (st.type() == HostStat.S_IFLNK) throw new LinuxError(Errno.ELOOP);
            if (st.isDirectory()) {
                if (acc != OpenFlags.O_RDONLY || create) throw new LinuxError(Errno.EISDIR);
                return new DirectoryFile(path, status);
            }
            if ((flags & OpenFlags.O_DIRECTORY) != 0) throw new LinuxError(Errno.ENOTDIR);
        } else {
            if (!create) throw new LinuxError(Errno.ENOENT);
            if ((flags & OpenFlags.O_DIRECTORY) != 0) throw new LinuxError(Errno.EINVAL);
        }
        Set<OpenOption> opts = new HashSet<>();
        if (acc != OpenFlags.O_WRONLY) opts.add(StandardOpenOption.READ);
        if (acc != OpenFlags.O_RDONLY) opts.add(StandardOpenOption.WRITE);
        boolean hostAppend = acc == OpenFlags.O_WRONLY && (flags & OpenFlags.O_APPEND) != 0;
        if (hostAppend) opts.add(StandardOpenOption.APPEND);
        if (create) opts.add((flags & OpenFlags.O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        if ((flags & OpenFlags.O_TRUNC) != 0 && acc != OpenFlags.O_RDONLY) opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        if (!follow) opts.add(LinkOption.NOFOLLOW_LINKS);
        if ((flags & OpenFlags.O_SYNC) == OpenFlags.O_SYNC) opts.add(StandardOpenOption.SYNC);
        else if ((flags & OpenFlags.O_DSYNC) != 0) opts.add(StandardOpenOption.DSYNC);
        FileChannel ch;
        if (create && st == null) {
            ch = FileChannel.open(path, opts, permissions(perm));
            setMode(path, perm); // the host umask applied too; the guest's umask is the one that counts
        } else {
            ch = FileChannel.open(path, opts);
        }
        HostStat opened = st != null && (flags & OpenFlags.O_TRUNC) == 0 ? st : HostStat.of(path, true);
        return new HostFile(path, ch, status, hostAppend, opened);
    }

    /** O_TMPFILE: an unnamed file in directory dir, emulated by creating and unlinking one. */
    private OpenFile tmpfile(Path dir, int acc, int status, int perm) throws IOException {
        if (acc == OpenFlags.O_RDONLY) throw new LinuxError(Errno.EINVAL);
        if (!HostStat.of(dir, true).isDirectory()) throw new LinuxError(Errno.ENOTDIR);
        Path f = Files.createTempFile(dir, ".jx86-tmpfile", "", permissions(perm));
        Set<OpenOption> opts = new HashSet<>(List.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
        FileChannel ch = FileChannel.open(f, opts);
        HostStat st = HostStat.of(f, true);
        Files.delete(f);
        return new HostFile(f, ch, status & ~OpenFlags.O_TMPFILE | OpenFlags.O_RDWR, false, st);
    }

    static FileAttribute<?>[] permissions(int perm) {
        StringBuilder sb = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            sb.append((perm >> shift & 4) != 0 ? 'r' : '-').append((perm >> shift & 2) != 0 ? 'w' : '-')
                .append((perm >> shift & 1) != 0 ? 'x' : '-');
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(sb.toString()))};
    }

    static void setMode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode & 07777);
    }

    long fstat(Cpu c, long fd, long buf) throws IOException {
        UserMem.write(c, buf, p.fds().get(fd).stat().toStat());
        return 0;
    }

    long newfstatat(Cpu c, long dirfd, long pathAddr, long buf, long flags) throws IOException {
        int allowed = OpenFlags.AT_SYMLINK_NOFOLLOW | OpenFlags.AT_EMPTY_PATH | OpenFlags.AT_NO_AUTOMOUNT;
        if ((flags & ~allowed) != 0) return -Errno.EINVAL;
        UserMem.write(c, buf, statAt(c, dirfd, pathAddr, (int) flags).toStat());
        return 0;
    }

    long statx(Cpu c, long dirfd, long pathAddr, long flags, long mask, long buf) throws IOException {
        final int syncTypeMask = 0x6000;
        int allowed = OpenFlags.AT_SYMLINK_NOFOLLOW | OpenFlags.AT_EMPTY_PATH | OpenFlags.AT_NO_AUTOMOUNT | syncTypeMask;
        if ((flags & ~allowed) != 0 || (flags & syncTypeMask) == syncTypeMask) return -Errno.EINVAL;
        if ((mask & 0x8000_0000L) != 0) return -Errno.EINVAL; // STATX__RESERVED
        UserMem.write(c, buf, statAt(c, dirfd, pathAddr, (int) flags).toStatx());
        return 0;
    }

    private HostStat statAt(Cpu c, long dirfd, long pathAddr, int flags) throws IOException {
        String s = UserMem.path(c, pathAddr);
        if (s.isEmpty() && (flags & OpenFlags.AT_EMPTY_PATH) != 0) {
            return (int) dirfd == OpenFlags.AT_FDCWD ? HostStat.of(p.cwd(), true) : p.fds().get(dirfd).stat();
        }
        return stat(paths.resolve(dirfd, s, (flags & OpenFlags.AT_SYMLINK_NOFOLLOW) == 0), (flags & OpenFlags.AT_SYMLINK_NOFOLLOW) == 0);
    }

    /** stat of a resolved path, with this process's /proc/self entries standing in for the JVM's. */
    HostStat stat(Path path, boolean follow) throws IOException {
        String proc = paths.procSelf(path);
        if (proc != null) {
            boolean isLink = ProcFs.readlink(p, proc) != null;
            if (isLink && !follow) return HostStat.synthetic(HostStat.S_IFLNK | 0777, 64, proc.hashCode() & 0xffffL);
            if (proc.startsWith("fd/")) return p.fds().get(Integer.parseInt(proc.substring(3))).stat();
            Path alias = ProcFs.alias(p, proc);
            if (alias != null) return HostStat.of(alias, true);
            OpenFile synth = ProcFs.open(p, proc);
            if (synth != null) return synth.stat();
        }
        return HostStat.of(path, follow);
    }

    long faccessat2(Cpu c, long dirfd, long pathAddr, long mode, long flags) throws IOException {
        if ((mode & ~7) != 0) return -Errno.EINVAL;
        int allowed = OpenFlags.AT_EACCESS | OpenFlags.AT_SYMLINK_NOFOLLOW | OpenFlags.AT_EMPTY_PATH;
        if ((flags & ~allowed) != 0) return -Errno.EINVAL;
        String s = UserMem.path(c, pathAddr);
        Path path;
        if (s.isEmpty() && (flags & OpenFlags.AT_EMPTY_PATH) != 0) {
            path = (int) dirfd == OpenFlags.AT_FDCWD ? p.cwd() : p.fds().get(dirfd).path();
            if (path == null) return mode == 0 ? 0 : -Errno.EACCES;
        } else {
            path = paths.resolve(dirfd, s, (flags & OpenFlags.AT_SYMLINK_NOFOLLOW) == 0);
        }
        String proc = paths.procSelf(path);
        if (proc != null) {
            Path alias = ProcFs.alias(p, proc);
            if (alias != null) path = alias;
            else if (ProcFs.open(p, proc) != null) return (mode & 3) != 0 ? -Errno.EACCES : 0;
        }
        stat(path, (flags & OpenFlags.AT_SYMLINK_NOFOLLOW) == 0); // ENOENT, ENOTDIR, ELOOP first
        List<AccessMode> modes = new ArrayList<>();
        if ((mode & 4) != 0) modes.add(AccessMode.READ);
        if ((mode & 2) != 0) modes.add(AccessMode.WRITE);
        if ((mode & 1) != 0) modes.add(AccessMode.EXECUTE);
        if (!modes.isEmpty()) path.getFileSystem().provider().checkAccess(path, modes.toArray(new AccessMode[0]));
        return 0;
    }

    long readlinkat(Cpu c, long dirfd, long pathAddr, long buf, long size) throws IOException {
        if (size <= 0 || size > Integer.MAX_VALUE) return -Errno.EINVAL;
        Path path = paths.resolveNoFollow(dirfd, UserMem.path(c, pathAddr));
        String proc = paths.procSelf(path);
        String target = proc != null ? ProcFs.readlink(p, proc) : null;
        if (target == null) target = Files.readSymbolicLink(path).toString();
        byte[] b = HostPaths.bytes(target);
        int n = (int) Math.min(b.length, size);
        UserMem.write(c, buf, b, 0, n);
        return n;
    }

    long getcwd(Cpu c, long buf, long size) {
        byte[] b = HostPaths.bytes(paths.guestName(p.cwd()));
        if (size < b.length + 1L) return -Errno.ERANGE;
        UserMem.write(c, buf, java.util.Arrays.copyOf(b, b.length + 1));
        return b.length + 1;
    }

    long chdir(Cpu c, long pathAddr) throws IOException {
        return changeDir(paths.resolve(OpenFlags.AT_FDCWD, UserMem.path(c, pathAddr)));
    }

    long fchdir(Cpu c, long fd) throws IOException {
        OpenFile f = p.fds().get(fd);
        if (!f.isDirectory() || f.path() == null) return -Errno.ENOTDIR;
        return changeDir(f.path());
    }

    private long changeDir(Path dir) throws IOException {
        if (!HostStat.of(dir, true).isDirectory()) return -Errno.ENOTDIR;
        dir.getFileSystem().provider().checkAccess(dir, AccessMode.EXECUTE);
        p.setCwd(dir.toRealPath()); // the kernel's getcwd reports the physical path
        return 0;
    }
}

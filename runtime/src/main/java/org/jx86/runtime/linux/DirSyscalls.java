package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.jx86.vmm.Cpu;

/**
 * Calls that change the file system or list it: getdents64, mkdir(at), rmdir, unlink(at),
 * rename(at/at2), link(at), symlink(at), chmod family, truncate.
 */
final class DirSyscalls {
    private static final int RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

    private final LinuxProcess p;
    private final PathResolver paths;

    DirSyscalls(LinuxProcess p) {
        this.p = p;
        this.paths = p.paths();
    }

    void register(SyscallTable t) {
        t.sys3("getdents64", this::getdents64);
        t.sys2("mkdir", (c, path, mode) -> mkdirat(c, OpenFlags.AT_FDCWD, path, mode));
        t.sys3("mkdirat", this::mkdirat);
        t.sys1("rmdir", (c, path) -> unlinkat(c, OpenFlags.AT_FDCWD, path, OpenFlags.AT_REMOVEDIR));
        t.sys1("unlink", (c, path) -> unlinkat(c, OpenFlags.AT_FDCWD, path, 0));
        t.sys3("unlinkat", this::unlinkat);
        t.sys2("rename", (c, a, b) -> renameat2(c, OpenFlags.AT_FDCWD, a, OpenFlags.AT_FDCWD, b, 0));
        t.sys4("renameat", (c, d1, a, d2, b) -> renameat2(c, d1, a, d2, b, 0));
        t.sys5("renameat2", this::renameat2);
        t.sys2("link", (c, a, b) -> linkat(c, OpenFlags.AT_FDCWD, a, OpenFlags.AT_FDCWD, b, 0));
        t.sys5("linkat", this::linkat);
        t.sys2("symlink", (c, target, link) -> symlinkat(c, target, OpenFlags.AT_FDCWD, link));
        t.sys3("symlinkat", this::symlinkat);
        t.sys2("chmod", (c, path, mode) -> fchmodat(c, OpenFlags.AT_FDCWD, path, mode));
        t.sys2("fchmod", this::fchmod);
        t.sys3("fchmodat", this::fchmodat);
        t.sys2("truncate", this::truncate);
    }

    /**
     * Fills buf with struct linux_dirent64 records: u64 d_ino, s64 d_off, u16 d_reclen,
     * u8 d_type, NUL-terminated d_name, padded to 8 bytes.
     */
    long getdents64(Cpu c, long fd, long buf, long count) throws IOException {
        if (!(p.fds().get(fd) instanceof DirectoryFile dir)) return -Errno.ENOTDIR;
        int cap = (int) Math.min(count, Layout.IO_CHUNK);
        ByteBuffer out = UserMem.struct(cap);
        List<DirectoryFile.Entry> entries = dir.remaining();
        int n = 0;
        for (DirectoryFile.Entry e : entries) {
            int reclen = (19 + e.name().length + 1 + 7) & ~7;
            if (out.position() + reclen > cap) break;
            int at = out.position();
            out.putLong(e.ino()).putLong(dir.offsetAfter(n)).putShort((short) reclen).put((byte) e.type())
                .put(e.name());
            out.position(at + reclen);
            n++;
        }
        if (n == 0 && !entries.isEmpty()) return -Errno.EINVAL;
        UserMem.write(c, buf, out.array(), 0, out.position());
        dir.advance(n);
        return out.position();
    }

    long mkdirat(Cpu c, long dirfd, long pathAddr, long mode) throws IOException {
        Path path = paths.resolveForChange(dirfd, UserMem.path(c, pathAddr));
        int perm = (int) mode & 07777 & ~p.umask();
        Files.createDirectory(path, FsSyscalls.permissions(perm));
        FsSyscalls.setMode(path, perm);
        return 0;
    }

    long unlinkat(Cpu c, long dirfd, long pathAddr, long flags) throws IOException {
        if ((flags & ~OpenFlags.AT_REMOVEDIR) != 0) return -Errno.EINVAL;
        Path path = paths.resolveForChange(dirfd, UserMem.path(c, pathAddr));
        HostStat st = HostStat.of(path, false);
        if ((flags & OpenFlags.AT_REMOVEDIR) != 0) {
            if (!st.isDirectory()) return -Errno.ENOTDIR;
            String last = path.getFileName() != null ? path.getFileName().toString() : "";
            if (last.equals(".")) return -Errno.EINVAL;
            if (last.equals("..")) return -Errno.ENOTEMPTY;
        } else if (st.isDirectory()) {
            return -Errno.EISDIR;
        }
        Files.delete(path);
        return 0;
    }

    long renameat2(Cpu c, long olddirfd, long oldAddr, long newdirfd, long newAddr, long flags) throws IOException {
        if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0) return -Errno.EINVAL;
        if ((flags & (RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0) return -Errno.EINVAL; // not supported by the JDK
        Path from = paths.resolveForChange(olddirfd, UserMem.path(c, oldAddr));
        Path to = paths.resolveForChange(newdirfd, UserMem.path(c, newAddr));
        if ((flags & RENAME_NOREPLACE) != 0 && Files.exists(to, LinkOption.NOFOLLOW_LINKS)) return -Errno.EEXIST;
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE); // rename(2), which replaces the target
        return 0;
    }

    long linkat(Cpu c, long olddirfd, long oldAddr, long newdirfd, long newAddr, long flags) throws IOException {
        if ((flags & ~(OpenFlags.AT_SYMLINK_FOLLOW | OpenFlags.AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        Path from = paths.resolveForChange(olddirfd, UserMem.path(c, oldAddr));
        Path to = paths.resolveForChange(newdirfd, UserMem.path(c, newAddr));
        if ((flags & OpenFlags.AT_SYMLINK_FOLLOW) != 0) from = from.toRealPath();
        Files.createLink(to, from);
        return 0;
    }

    long symlinkat(Cpu c, long targetAddr, long dirfd, long linkAddr) throws IOException {
        String target = UserMem.path(c, targetAddr);
        if (target.isEmpty()) return -Errno.ENOENT;
        Path link = paths.resolveForChange(dirfd, UserMem.path(c, linkAddr));
        Files.createSymbolicLink(link, HostPaths.path(target));
        return 0;
    }

    long fchmodat(Cpu c, long dirfd, long pathAddr, long mode) throws IOException {
        FsSyscalls.setMode(paths.resolve(dirfd, UserMem.path(c, pathAddr)), (int) mode);
        return 0;
    }

    long fchmod(Cpu c, long fd, long mode) throws IOException {
        Path path = p.fds().get(fd).path();
        if (path == null) return -Errno.EINVAL;
        FsSyscalls.setMode(path, (int) mode);
        return 0;
    }

    long truncate(Cpu c, long pathAddr, long len) throws IOException {
        if (len < 0) return -Errno.EINVAL;
        Path path = paths.resolve(OpenFlags.AT_FDCWD, UserMem.path(c, pathAddr));
        if (HostStat.of(path, true).isDirectory()) return -Errno.EISDIR;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            new HostFile(path, ch, OpenFlags.O_WRONLY, false, HostStat.of(path, true)).truncate(len);
        }
        return 0;
    }
}

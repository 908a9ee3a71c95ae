package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path-based calls: open/read/fstat of temp files, stat layouts, directories, cwd, /proc/self. */
class FsSyscallsTest {
    @TempDir Path dir;
    final SyscallHarness h = new SyscallHarness();

    private ByteBuffer struct(long addr, int len) {
        return ByteBuffer.wrap(h.read(addr, len)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void openatReadFstat() throws Exception {
        Path f = dir.resolve("file.txt");
        Files.writeString(f, "hello world\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        long path = h.cstring(f.toString());
        int fd = (int) h.call("openat", OpenFlags.AT_FDCWD, path, OpenFlags.O_RDONLY);
        assertTrue(fd >= 0);
        long buf = h.alloc(64);
        assertEquals(12, h.call("read", fd, buf, 64));
        assertEquals("hello world\n", h.string(buf, 12));
        long st = h.alloc(HostStat.STAT_SIZE);
        assertEquals(0, h.call("fstat", fd, st));
        ByteBuffer b = struct(st, HostStat.STAT_SIZE);
        Map<String, Object> a = Files.readAttributes(f, "unix:*");
        assertEquals((long) (Long) a.get("dev"), b.getLong(0));
        assertEquals((long) (Long) a.get("ino"), b.getLong(8));
        assertEquals(1, b.getLong(16));
        assertEquals(HostStat.S_IFREG | 0640, b.getInt(24));
        assertEquals((int) (Integer) a.get("uid"), b.getInt(28));
        assertEquals((int) (Integer) a.get("gid"), b.getInt(32));
        assertEquals(12, b.getLong(48));
        assertEquals(4096, b.getLong(56));
        assertEquals(8, b.getLong(64));
        java.time.Instant mt = ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toInstant();
        assertEquals(mt.getEpochSecond(), b.getLong(88));
        assertEquals(mt.getNano(), b.getLong(96));

        long st2 = h.alloc(HostStat.STAT_SIZE);
        assertEquals(0, h.call("stat", path, st2));
        assertEquals(b, struct(st2, HostStat.STAT_SIZE));
        assertEquals(0, h.call("newfstatat", fd, h.cstring(""), st2, OpenFlags.AT_EMPTY_PATH));
        assertEquals(12, struct(st2, HostStat.STAT_SIZE).getLong(48));
    }

    @Test
    void statxLayout() throws Exception {
        Path f = dir.resolve("x");
        Files.write(f, new byte[5000]);
        long buf = h.alloc(HostStat.STATX_SIZE);
        assertEquals(0, h.call("statx", OpenFlags.AT_FDCWD, h.cstring(f.toString()), 0, 0xfff, buf));
        ByteBuffer b = struct(buf, HostStat.STATX_SIZE);
        assertEquals(HostStat.STATX_BASIC_STATS, b.getInt(0));
        assertEquals(HostStat.S_IFREG, b.getShort(28) & HostStat.S_IFMT);
        assertEquals(5000, b.getLong(40));
        assertEquals(16, b.getLong(48));
        assertEquals((long) (Long) Files.getAttribute(f, "unix:ino"), b.getLong(32));
        long dev = (Long) Files.getAttribute(f, "unix:dev");
        assertEquals(HostStat.major(dev), b.getInt(136));
        assertEquals(HostStat.minor(dev), b.getInt(140));
    }

    @Test
    void lstatSeesTheLinkStatFollowsIt() throws Exception {
        Path target = dir.resolve("t");
        Files.writeString(target, "abc");
        Path link = Files.createSymbolicLink(dir.resolve("l"), target);
        long st = h.alloc(HostStat.STAT_SIZE);
        assertEquals(0, h.call("lstat", h.cstring(link.toString()), st));
        assertEquals(HostStat.S_IFLNK, struct(st, 144).getInt(24) & HostStat.S_IFMT);
        assertEquals(0, h.call("stat", h.cstring(link.toString()), st));
        assertEquals(HostStat.S_IFREG, struct(st, 144).getInt(24) & HostStat.S_IFMT);
        long buf = h.alloc(256);
        assertEquals(target.toString().length(), h.call("readlink", h.cstring(link.toString()), buf, 256));
        assertEquals(target.toString(), h.string(buf, target.toString().length()));
        assertEquals(-Errno.EINVAL, h.call("readlink", h.cstring(target.toString()), buf, 256));
        assertEquals(3, h.call("readlink", h.cstring(link.toString()), buf, 3), "truncated, no NUL");
        assertEquals(-Errno.ELOOP, h.call("open", h.cstring(link.toString()), OpenFlags.O_NOFOLLOW));
    }

    @Test
    void openErrors() throws Exception {
        Path f = dir.resolve("exists");
        Files.writeString(f, "");
        long missing = h.cstring(dir.resolve("missing").toString());
        assertEquals(-Errno.ENOENT, h.call("open", missing, 0));
        assertEquals(-Errno.ENOENT, h.call("stat", missing, h.alloc(144)));
        assertEquals(-Errno.EEXIST, h.call("open", h.cstring(f.toString()), OpenFlags.O_CREAT | OpenFlags.O_EXCL | 1, 0644));
        assertEquals(-Errno.ENOTDIR, h.call("open", h.cstring(f.toString()), OpenFlags.O_DIRECTORY));
        assertEquals(-Errno.ENOTDIR, h.call("open", h.cstring(f + "/sub"), 0));
        assertEquals(-Errno.EISDIR, h.call("open", h.cstring(dir.toString()), OpenFlags.O_WRONLY));
        assertEquals(-Errno.EINVAL, h.call("open", h.cstring(f.toString()), 3));
        assertEquals(-Errno.ENOENT, h.call("open", h.cstring(""), 0));
        assertEquals(-Errno.ENAMETOOLONG, h.call("open", h.cstring("a".repeat(5000)), 0));
        assertEquals(-Errno.EBADF, h.call("openat", 77, h.cstring("rel"), 0));
        int fd = (int) h.call("open", h.cstring(f.toString()), 0);
        assertEquals(-Errno.ENOTDIR, h.call("openat", fd, h.cstring("rel"), 0));
        assertEquals(-Errno.EBADF, h.call("write", fd, h.cstring("x"), 1));
    }

    @Test
    void createHonoursTheGuestUmask() throws Exception {
        assertEquals(022, h.call("umask", 027));
        Path f = dir.resolve("new");
        int fd = (int) h.call("creat", h.cstring(f.toString()), 0666);
        assertTrue(fd >= 0);
        assertEquals(2, h.call("write", fd, h.cstring("hi"), 2));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("hi", Files.readString(f));
        int again = (int) h.call("open", h.cstring(f.toString()), OpenFlags.O_WRONLY | OpenFlags.O_TRUNC);
        assertTrue(again >= 0);
        assertEquals(0, Files.size(f));
    }

    @Test
    void directoriesAndGetdents() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        Files.writeString(d.resolve("a.txt"), "x");
        Files.createDirectory(d.resolve("sub"));
        Files.createSymbolicLink(d.resolve("ln"), d.resolve("a.txt"));
        int fd = (int) h.call("open", h.cstring(d.toString()), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        assertTrue(fd >= 0);
        assertEquals(-Errno.EISDIR, h.call("read", fd, h.alloc(8), 8));
        Map<String, Integer> types = new java.util.TreeMap<>();
        long buf = h.alloc(64);  // small buffer: several calls needed
        int calls = 0;
        while (true) {
            long n = h.call("getdents64", fd, buf, 64);
            assertTrue(n >= 0, "getdents64 = " + n);
            if (n == 0) break;
            calls++;
            ByteBuffer b = struct(buf, (int) n);
            for (int off = 0; off < n; ) {
                int reclen = b.getShort(off + 16) & 0xffff;
                assertEquals(0, reclen % 8);
                int type = b.get(off + 18);
                int end = off + 19;
                while (b.get(end) != 0) end++;
                types.put(new String(h.read(buf + off + 19, end - off - 19)), type);
                off += reclen;
            }
        }
        assertTrue(calls > 1);
        assertEquals(Map.of(".", 4, "..", 4, "a.txt", 8, "sub", 4, "ln", 10), types);
        assertEquals(0, h.call("getdents64", fd, buf, 64), "end of directory");
        assertEquals(0, h.call("lseek", fd, 0, 0));
        assertEquals(-Errno.EINVAL, h.call("getdents64", fd, buf, 10), "buffer too small for one entry");
        assertTrue(h.call("getdents64", fd, h.alloc(4096), 4096) > 0, "rewound");

        // *at() relative to a directory fd
        long st = h.alloc(144);
        assertEquals(0, h.call("newfstatat", fd, h.cstring("a.txt"), st, 0));
        assertEquals(1, struct(st, 144).getLong(48));
        assertEquals(-Errno.ENOTDIR, h.call("getdents64", (int) h.call("openat", fd, h.cstring("a.txt"), 0), buf, 64));
    }

    @Test
    void mkdirUnlinkRenameRmdir() throws Exception {
        long d = h.cstring(dir.resolve("nd").toString());
        assertEquals(0, h.call("mkdir", d, 0755));
        assertEquals(-Errno.EEXIST, h.call("mkdir", d, 0755));
        assertTrue(Files.isDirectory(dir.resolve("nd")));
        Path f = dir.resolve("nd/f");
        Files.writeString(f, "1");
        assertEquals(-Errno.ENOTEMPTY, h.call("rmdir", d));
        assertEquals(-Errno.EISDIR, h.call("unlink", d));
        assertEquals(-Errno.ENOTDIR, h.call("unlinkat", OpenFlags.AT_FDCWD, h.cstring(f.toString()), OpenFlags.AT_REMOVEDIR));
        long g = h.cstring(dir.resolve("nd/g").toString());
        assertEquals(0, h.call("rename", h.cstring(f.toString()), g));
        assertFalse(Files.exists(f));
        Files.writeString(f, "2");
        assertEquals(-Errno.EEXIST, h.call("renameat2", OpenFlags.AT_FDCWD, h.cstring(f.toString()), OpenFlags.AT_FDCWD, g, 1));
        assertEquals(0, h.call("renameat", OpenFlags.AT_FDCWD, h.cstring(f.toString()), OpenFlags.AT_FDCWD, g));
        assertEquals("2", Files.readString(dir.resolve("nd/g")));
        assertEquals(0, h.call("unlink", g));
        assertEquals(-Errno.ENOENT, h.call("unlink", g));
        assertEquals(0, h.call("rmdir", d));
        assertEquals(0, h.call("mkdirat", OpenFlags.AT_FDCWD, d, 0700));
        assertEquals(0, h.call("unlinkat", OpenFlags.AT_FDCWD, d, OpenFlags.AT_REMOVEDIR));
        assertEquals(0, h.call("symlink", h.cstring("target"), h.cstring(dir.resolve("s").toString())));
        assertEquals("target", Files.readSymbolicLink(dir.resolve("s")).toString());
        assertEquals(0, h.call("chmod", h.cstring(dir.toString()), 0750));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void cwdChdirAndRelativePaths() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("rel.txt"), "rel");
        assertEquals(0, h.call("chdir", h.cstring(sub.toString())));
        long buf = h.alloc(4096);
        String want = sub.toRealPath().toString();
        assertEquals(want.length() + 1, h.call("getcwd", buf, 4096));
        assertEquals(want, h.string(buf, want.length()));
        assertEquals(0, h.read(buf + want.length(), 1)[0]);
        assertEquals(-Errno.ERANGE, h.call("getcwd", buf, 3));
        int fd = (int) h.call("open", h.cstring("rel.txt"), 0);
        assertTrue(fd >= 0);
        assertEquals(0, h.call("chdir", h.cstring("..")));
        assertEquals(dir.toRealPath(), h.process.cwd());
        assertEquals(-Errno.ENOTDIR, h.call("chdir", h.cstring("sub/rel.txt")));
        int dfd = (int) h.call("open", h.cstring("sub"), OpenFlags.O_DIRECTORY);
        assertEquals(0, h.call("fchdir", dfd));
        assertEquals(sub.toRealPath(), h.process.cwd());
        assertEquals(-Errno.ENOTDIR, h.call("fchdir", fd));
    }

    @Test
    void accessChecks() throws Exception {
        Path f = dir.resolve("a");
        Files.writeString(f, "");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
        long p = h.cstring(f.toString());
        assertEquals(0, h.call("access", p, 0));
        assertEquals(0, h.call("access", p, 4));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) assertEquals(-Errno.EACCES, h.call("access", p, 2));
        assertEquals(-Errno.EACCES, h.call("faccessat", OpenFlags.AT_FDCWD, p, 1));
        assertEquals(-Errno.ENOENT, h.call("access", h.cstring(dir + "/nope"), 0));
        assertEquals(-Errno.EINVAL, h.call("access", p, 8));
        assertEquals(0, h.call("faccessat2", OpenFlags.AT_FDCWD, h.cstring(dir.toString()), 1, 0));
    }

    @Test
    void procSelfDescribesTheGuest() throws Exception {
        long buf = h.alloc(4096);
        long n = h.call("readlink", h.cstring("/proc/self/exe"), buf, 4096);
        assertEquals("/bin/true", h.string(buf, (int) n));
        n = h.call("readlinkat", OpenFlags.AT_FDCWD, h.cstring("/proc/1000/cwd"), buf, 4096);
        assertEquals(h.process.cwd().toString(), h.string(buf, (int) n));
        int[] fds = new int[2];
        long pf = h.alloc(8);
        h.call("pipe2", pf, 0);
        fds[0] = (int) h.read32(pf);
        n = h.call("readlink", h.cstring("/proc/self/fd/" + fds[0]), buf, 4096);
        assertTrue(h.string(buf, (int) n).startsWith("pipe:["));
        assertEquals(-Errno.ENOENT, h.call("readlink", h.cstring("/proc/self/fd/99"), buf, 4096));

        int fd = (int) h.call("open", h.cstring("/proc/self/maps"), 0);
        assertTrue(fd >= 0);
        n = h.call("read", fd, buf, 4096);
        String maps = h.string(buf, (int) n);
        assertTrue(maps.startsWith("00100000-00200000 rw-p 00000000 00:00 0"), maps);
        int cmd = (int) h.call("open", h.cstring("/proc/self/cmdline"), 0);
        n = h.call("read", cmd, buf, 4096);
        assertEquals("prog\0arg1\0", h.string(buf, (int) n));
        assertEquals(-Errno.EACCES, h.call("open", h.cstring("/proc/self/maps"), OpenFlags.O_WRONLY));

        long st = h.alloc(144);
        assertEquals(0, h.call("stat", h.cstring("/proc/self/exe"), st));
        assertEquals((long) (Long) Files.getAttribute(Path.of("/bin/true"), "unix:ino"), struct(st, 144).getLong(8));
        int exe = (int) h.call("open", h.cstring("/proc/self/exe"), 0);
        assertEquals(4, h.call("read", exe, buf, 4));
        assertEquals("\u007fELF", h.string(buf, 4));
    }

    @Test
    void sysrootIsTriedFirstForAbsolutePaths() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(root.resolve("only-in-sysroot"), "guest");
        SyscallHarness s = new SyscallHarness(new ProcessOptions(dir.resolve("root"), 1, false));
        long buf = s.alloc(16);
        int fd = (int) s.call("open", s.cstring("/etc/only-in-sysroot"), 0);
        assertEquals(5, s.call("read", fd, buf, 16));
        assertEquals("guest", s.string(buf, 5));
        Path hostOnly = dir.resolve("host-only");
        Files.writeString(hostOnly, "host");
        fd = (int) s.call("open", s.cstring(hostOnly.toString()), 0);
        assertEquals(4, s.call("read", fd, buf, 16), "paths missing from the sysroot are the host's");
    }
}

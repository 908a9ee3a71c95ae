package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.Vma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptor I/O through the real dispatch path: pipes, vectors, offsets, dup, fcntl, EFAULT. */
class IoSyscallsTest {
    @TempDir Path dir;
    final SyscallHarness h = new SyscallHarness();

    private int[] pipe() {
        long fds = h.alloc(8);
        assertEquals(0, h.call("pipe2", fds, 0));
        return new int[] {(int) h.read32(fds), (int) h.read32(fds + 4)};
    }

    @Test
    void writeToAPipeAndReadBack() {
        int[] p = pipe();
        assertEquals(0, p[0]);
        assertEquals(1, p[1]);
        long msg = h.cstring("hello, pipe");
        assertEquals(11, h.call("write", p[1], msg, 11));
        long buf = h.alloc(64);
        assertEquals(11, h.call("read", p[0], buf, 64));
        assertEquals("hello, pipe", h.string(buf, 11));
        assertEquals(-Errno.EBADF, h.call("write", p[0], msg, 1));
        assertEquals(-Errno.EBADF, h.call("read", p[1], buf, 1));
        assertEquals(-Errno.ESPIPE, h.call("lseek", p[0], 0, 0));
        assertEquals(0, h.call("close", p[1]));
        assertEquals(0, h.call("read", p[0], buf, 64), "EOF once the writer is gone");
    }

    @Test
    void syscallSetsRcxAndR11LikeTheInstruction() {
        h.cpu.rip = 0x401234;
        h.call("getpid");
        assertEquals(0x401234, h.cpu.s[Slots.RCX]);
        assertEquals(org.jx86.vmm.Flags.rflags(h.cpu), h.cpu.s[11]);
    }

    @Test
    void writevGathersAndReadvScatters() {
        int[] p = pipe();
        long a = h.cstring("abc"), b = h.cstring("defgh");
        long iov = h.alloc(32);
        org.jx86.vmm.mem.Mem.write64(h.cpu, iov, a);
        org.jx86.vmm.mem.Mem.write64(h.cpu, iov + 8, 3);
        org.jx86.vmm.mem.Mem.write64(h.cpu, iov + 16, b);
        org.jx86.vmm.mem.Mem.write64(h.cpu, iov + 24, 5);
        assertEquals(8, h.call("writev", p[1], iov, 2));
        long x = h.alloc(4), y = h.alloc(8);
        long iov2 = h.alloc(32);
        org.jx86.vmm.mem.Mem.write64(h.cpu, iov2, x);
        org.jx86.vmm.mem.Mem.write64(h.cpu, iov2 + 8, 2);
        org.jx86.vmm.mem.Mem.write64(h.cpu, iov2 + 16, y);
        org.jx86.vmm.mem.Mem.write64(h.cpu, iov2 + 24, 8);
        assertEquals(8, h.call("readv", p[0], iov2, 2));
        assertEquals("ab", h.string(x, 2));
        assertEquals("cdefgh", h.string(y, 6));
        assertEquals(-Errno.EINVAL, h.call("writev", p[1], iov, 5000));
    }

    @Test
    void filesOffsetsAndPositionedIo() throws Exception {
        Path f = dir.resolve("data");
        Files.writeString(f, "0123456789");
        int fd = (int) h.call("openat", OpenFlags.AT_FDCWD, h.cstring(f.toString()), OpenFlags.O_RDWR);
        assertEquals(0, fd);
        long buf = h.alloc(16);
        assertEquals(4, h.call("read", fd, buf, 4));
        assertEquals("0123", h.string(buf, 4));
        assertEquals(4, h.call("lseek", fd, 0, OpenFlags.SEEK_CUR));
        assertEquals(3, h.call("pread64", fd, buf, 3, 7));
        assertEquals("789", h.string(buf, 3));
        assertEquals(4, h.call("lseek", fd, 0, OpenFlags.SEEK_CUR), "pread leaves the offset alone");
        assertEquals(2, h.call("pwrite64", fd, h.cstring("XY"), 2, 8));
        assertEquals(10, h.call("lseek", fd, 0, OpenFlags.SEEK_END));
        assertEquals(-Errno.EINVAL, h.call("lseek", fd, -20, OpenFlags.SEEK_CUR));
        assertEquals(-Errno.EINVAL, h.call("lseek", fd, 0, 99));
        assertEquals(0, h.call("read", fd, buf, 16), "at end of file");
        assertEquals(0, h.call("ftruncate", fd, 5));
        assertEquals(10, h.call("lseek", fd, 0, OpenFlags.SEEK_CUR), "ftruncate keeps the offset");
        assertEquals(0, h.call("close", fd));
        assertEquals("01234", Files.readString(f));
        assertEquals(-Errno.EBADF, h.call("close", fd));
    }

    @Test
    void appendMode() throws Exception {
        Path f = dir.resolve("log");
        Files.writeString(f, "a");
        long path = h.cstring(f.toString());
        int w = (int) h.call("open", path, OpenFlags.O_WRONLY | OpenFlags.O_APPEND);
        int rw = (int) h.call("open", path, OpenFlags.O_RDWR | OpenFlags.O_APPEND);
        assertEquals(1, h.call("write", w, h.cstring("b"), 1));
        assertEquals(1, h.call("write", rw, h.cstring("c"), 1));
        assertEquals("abc", Files.readString(f));
        assertEquals(OpenFlags.O_RDWR | OpenFlags.O_APPEND | OpenFlags.O_LARGEFILE, h.call("fcntl", rw, OpenFlags.F_GETFL));
    }

    @Test
    void dupFamilyAndFcntl() throws Exception {
        Path f = dir.resolve("d");
        Files.writeString(f, "abcdef");
        int fd = (int) h.call("open", h.cstring(f.toString()), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);
        assertEquals(OpenFlags.FD_CLOEXEC, h.call("fcntl", fd, OpenFlags.F_GETFD));
        int d = (int) h.call("dup", fd);
        assertEquals(fd + 1, d);
        assertEquals(0, h.call("fcntl", d, OpenFlags.F_GETFD), "dup clears close-on-exec");
        long buf = h.alloc(8);
        h.call("read", fd, buf, 2);
        assertEquals(2, h.call("lseek", d, 0, OpenFlags.SEEK_CUR), "dups share the offset");
        assertEquals(10, h.call("dup2", fd, 10));
        assertEquals(10, h.call("dup2", 10, 10));
        assertEquals(-Errno.EINVAL, h.call("dup3", 10, 10, 0));
        assertEquals(11, h.call("dup3", fd, 11, OpenFlags.O_CLOEXEC));
        assertEquals(OpenFlags.FD_CLOEXEC, h.call("fcntl", 11, OpenFlags.F_GETFD));
        assertEquals(20, h.call("fcntl", fd, OpenFlags.F_DUPFD, 20));
        assertEquals(21, h.call("fcntl", fd, OpenFlags.F_DUPFD_CLOEXEC, 20));
        assertEquals(0, h.call("fcntl", fd, OpenFlags.F_SETFL, OpenFlags.O_NONBLOCK));
        assertEquals(OpenFlags.O_NONBLOCK | OpenFlags.O_LARGEFILE, h.call("fcntl", d, OpenFlags.F_GETFL));
        assertEquals(-Errno.EINVAL, h.call("fcntl", fd, 12345));
        assertEquals(-Errno.EBADF, h.call("fcntl", 99, OpenFlags.F_GETFD));
        assertEquals(0, h.call("close", fd));
        assertEquals(2, h.call("read", d, buf, 2), "the file stays open while a dup refers to it");
        assertEquals(0, h.call("close_range", 0, -1, 0));
        assertEquals(-Errno.EBADF, h.call("close", d));
    }

    @Test
    void badBuffersAreEfault() throws Exception {
        int[] p = pipe();
        assertEquals(-Errno.EFAULT, h.call("write", p[1], 0x1000, 4), "unmapped source");
        assertEquals(-Errno.EFAULT, h.call("write", p[1], -1L, 4), "kernel address");
        h.as.map(0x30_0000, 0x1000, Vma.PROT_READ, "ro");
        assertEquals(3, h.call("write", p[1], h.cstring("xyz"), 3));
        assertEquals(-Errno.EFAULT, h.call("read", p[0], 0x30_0000, 3), "read-only destination");
        assertEquals(-Errno.EFAULT, h.call("clock_gettime", 0, 0x30_0000));
        assertEquals(-Errno.EFAULT, h.call("openat", OpenFlags.AT_FDCWD, 0x40_0000, 0));
        assertEquals(-Errno.EFAULT, h.call("pipe2", 0x30_0000, 0));
    }

    @Test
    void readIntoAPartlyMappedBufferStopsAtTheHole() throws Exception {
        Path f = dir.resolve("big");
        byte[] data = new byte[8192];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        Files.write(f, data);
        int fd = (int) h.call("open", h.cstring(f.toString()), 0);
        long end = SyscallHarness.SCRATCH + SyscallHarness.SCRATCH_SIZE;
        assertEquals(100, h.call("read", fd, end - 100, 8192));
        assertEquals((byte) 99, h.read(end - 1, 1)[0]);
        assertEquals(100, h.call("lseek", fd, 0, OpenFlags.SEEK_CUR), "only what was copied is consumed");
    }

    @Test
    void ioctlsOnNonTerminals() throws Exception {
        int[] p = pipe();
        long buf = h.alloc(64);
        assertEquals(-Errno.ENOTTY, h.call("ioctl", p[0], Ioctls.TCGETS, buf));
        assertEquals(-Errno.ENOTTY, h.call("ioctl", p[1], Ioctls.TIOCGWINSZ, buf));
        assertEquals(-Errno.EBADF, h.call("ioctl", 42, Ioctls.TCGETS, buf));
        h.call("write", p[1], h.cstring("12345"), 5);
        assertEquals(0, h.call("ioctl", p[0], Ioctls.FIONREAD, buf));
        assertEquals(0, h.call("ioctl", p[0], Ioctls.FIOCLEX, 0));
        assertEquals(OpenFlags.FD_CLOEXEC, h.call("fcntl", p[0], OpenFlags.F_GETFD));
        Path f = dir.resolve("x");
        Files.writeString(f, "abcd");
        int fd = (int) h.call("open", h.cstring(f.toString()), 0);
        assertEquals(0, h.call("ioctl", fd, Ioctls.FIONREAD, buf));
        assertEquals(4, h.read32(buf));
        assertEquals(-Errno.ENOTTY, h.call("ioctl", fd, 0x12345678, buf));
    }

    @Test
    void brokenPipeRaisesSigpipe() {
        int[] p = pipe();
        h.call("close", p[0]);
        GuestSignalExit e = assertThrows(GuestSignalExit.class, () -> h.call("write", p[1], h.cstring("x"), 1));
        assertEquals(Sig.SIGPIPE, e.signal);
        assertEquals(141, e.exitStatus());
        // with SIGPIPE ignored, the write fails with EPIPE instead
        long act = h.alloc(32);
        org.jx86.vmm.mem.Mem.write64(h.cpu, act, SignalState.SIG_IGN);
        assertEquals(0, h.call("rt_sigaction", Sig.SIGPIPE, act, 0, 8));
        assertEquals(-Errno.EPIPE, h.call("write", p[1], h.cstring("x"), 1));
    }

    @Test
    void stdioDescriptorsWrapTheHost() throws Exception {
        HostStdio out = HostStdio.stdout();
        assertEquals(false, out.canRead());
        assertEquals(true, out.canWrite());
        int type = out.stat().type();
        org.junit.jupiter.api.Assertions.assertTrue(type == HostStat.S_IFCHR || type == HostStat.S_IFIFO
            || type == HostStat.S_IFREG || type == HostStat.S_IFSOCK, Integer.toOctalString(type));
        org.junit.jupiter.api.Assertions.assertFalse(out.procLink().isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(HostStdio.stdin().canRead());
    }
}

package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * Descriptor I/O: read, write and their vector and positioned forms, lseek, close, dup*,
 * fcntl, pipe, fsync, ftruncate, close_range. Terminal ioctls live in {@link Ioctls}.
 *
 * <p>Data moves through a host buffer in chunks of at most {@link Layout#IO_CHUNK}. Reads
 * stop at the first page that cannot be written and return what was transferred, so a
 * buffer larger than its mapping behaves as on Linux (EFAULT only if nothing was copied).
 */
final class IoSyscalls {
    private static final int IOV_MAX = 1024;
    private static final AtomicLong PIPE_INO = new AtomicLong(0x4000);

    private final LinuxProcess p;
    private final FdTable fds;

    IoSyscalls(LinuxProcess p) {
        this.p = p;
        this.fds = p.fds();
    }

    void register(SyscallTable t) {
        t.sys3("read", this::read);
        t.sys3("write", this::write);
        t.sys3("readv", this::readv);
        t.sys3("writev", this::writev);
        t.sys4("pread64", this::pread64);
        t.sys4("pwrite64", this::pwrite64);
        t.sys4("preadv", this::preadv);
        t.sys4("pwritev", this::pwritev);
        t.sys3("lseek", this::lseek);
        t.sys1("close", this::close);
        t.sys1("dup", this::dup);
        t.sys2("dup2", this::dup2);
        t.sys3("dup3", this::dup3);
        t.sys3("fcntl", this::fcntl);
        t.sys1("pipe", (c, fds2) -> pipe2(c, fds2, 0));
        t.sys2("pipe2", this::pipe2);
        t.sys1("fsync", this::fsync);
        t.sys1("fdatasync", this::fsync);
        t.sys2("ftruncate", this::ftruncate);
        t.sys3("close_range", this::closeRange);
    }

    private OpenFile readable(long fd) {
        OpenFile f = fds.get(fd);
        if (!f.canRead()) throw new LinuxError(Errno.EBADF);
        return f;
    }

    private OpenFile writable(long fd) {
        OpenFile f = fds.get(fd);
        if (!f.canWrite()) throw new LinuxError(Errno.EBADF);
        return f;
    }

    private static int count(long n) {
        if (n < 0) throw new LinuxError(Errno.EINVAL);
        return (int) Math.min(n, Layout.MAX_RW_COUNT);
    }

    long read(Cpu c, long fd, long buf, long n) throws IOException { return readAt(c, readable(fd), buf, count(n), -1); }

    long pread64(Cpu c, long fd, long buf, long n, long pos) throws IOException {
        if (pos < 0) throw new LinuxError(Errno.EINVAL);
        return readAt(c, readable(fd), buf, count(n), pos);
    }

    /** Reads up to n bytes into guest memory at buf, from the file offset (pos &lt; 0) or pos. */
    private long readAt(Cpu c, OpenFile f, long buf, int n, long pos) throws IOException {
        if (n == 0) return 0;
        long done = 0;
        byte[] tmp = new byte[Math.min(n, Layout.IO_CHUNK)];
        while (done < n) {
            int want = UserMem.accessiblePrefix(c, buf + done, (int) Math.min(n - done, tmp.length), true);
            if (want == 0) {
                if (done == 0) throw new LinuxError(Errno.EFAULT);
                break;
            }
            int got = pos < 0 ? f.read(tmp, 0, want) : f.pread(tmp, 0, want, pos + done);
            if (got > 0) Mem.writeBytes(c, buf + done, tmp, 0, got);
            done += got;
            if (got < want || !f.fullReads()) break;
        }
        return done;
    }

    long write(Cpu c, long fd, long buf, long n) throws IOException {
        return writeAt(c, writable(fd), buf, count(n), -1);
    }

    long pwrite64(Cpu c, long fd, long buf, long n, long pos) throws IOException {
        if (pos < 0) throw new LinuxError(Errno.EINVAL);
        return writeAt(c, writable(fd), buf, count(n), pos);
    }

    private long writeAt(Cpu c, OpenFile f, long buf, int n, long pos) throws IOException {
        if (n == 0) return 0;
        long done = 0;
        byte[] tmp = new byte[Math.min(n, Layout.IO_CHUNK)];
        while (done < n) {
            int len = UserMem.accessiblePrefix(c, buf + done, (int) Math.min(n - done, tmp.length), false);
            if (len == 0) {
                if (done == 0) throw new LinuxError(Errno.EFAULT);
                break;
            }
            Mem.readBytes(c, buf + done, tmp, 0, len);
            try {
                done += put(f, tmp, len, pos < 0 ? -1 : pos + done);
            } catch (LinuxError e) {
                if (done > 0) break; // interrupted or would block after some bytes: report them
                throw e;
            }
        }
        return done;
    }

    /** One host write; a broken pipe raises SIGPIPE first, as the kernel does. */
    private int put(OpenFile f, byte[] b, int len, long pos) throws IOException {
        try {
            return pos < 0 ? f.write(b, 0, len) : f.pwrite(b, 0, len, pos);
        } catch (IOException e) {
            if (Errno.of(e) == Errno.EPIPE) {
                Siginfo si = Siginfo.user(Sig.SIGPIPE, Siginfo.SI_USER, p.signals().pid(), p.signals().uid());
                ThreadSignals t = ThreadSignals.current();
                if (t != null && t.process == p.signals()) t.post(Sig.SIGPIPE, si);
                else p.signals().post(Sig.SIGPIPE, si);
            }
            throw e;
        }
    }

    /** The (base, len) pairs of an iovec array. */
    private static long[] iovecs(Cpu c, long iov, long cnt) {
        if (cnt < 0 || cnt > IOV_MAX) throw new LinuxError(Errno.EINVAL);
        long[] v = new long[(int) cnt * 2];
        long total = 0;
        for (int i = 0; i < cnt; i++) {
            v[2 * i] = Mem.read64(c, iov + 16L * i);
            v[2 * i + 1] = Mem.read64(c, iov + 16L * i + 8);
            if (v[2 * i + 1] < 0 || (total += v[2 * i + 1]) < 0) throw new LinuxError(Errno.EINVAL);
        }
        return v;
    }

    long readv(Cpu c, long fd, long iov, long cnt) throws IOException {
        return readVector(c, readable(fd), iov, cnt, -1);
    }

    long preadv(Cpu c, long fd, long iov, long cnt, long pos) throws IOException {
        if (pos < 0) throw new LinuxError(Errno.EINVAL);
        return readVector(c, readable(fd), iov, cnt, pos);
    }

    private long readVector(Cpu c, OpenFile f, long iov, long cnt, long pos) throws IOException {
        long[] v = iovecs(c, iov, cnt);
        long done = 0;
        for (int i = 0; i < v.length; i += 2) {
            int want = count(Math.min(v[i + 1], Layout.MAX_RW_COUNT - done));
            if (want == 0) continue;
            long got;
            try {
                got = readAt(c, f, v[i], want, pos < 0 ? -1 : pos + done);
            } catch (LinuxError e) {
                if (done > 0 && e.errno == Errno.EFAULT) break;
                throw e;
            }
            done += got;
            if (got < want) break;
        }
        return done;
    }

    long writev(Cpu c, long fd, long iov, long cnt) throws IOException {
        return writeVector(c, writable(fd), iov, cnt, -1);
    }

    long pwritev(Cpu c, long fd, long iov, long cnt, long pos) throws IOException {
        if (pos < 0) throw new LinuxError(Errno.EINVAL);
        return writeVector(c, writable(fd), iov, cnt, pos);
    }

    /** Gathers the vectors into one host write when they fit a chunk, so a pipe or terminal sees one write. */
    private long writeVector(Cpu c, OpenFile f, long iov, long cnt, long pos) throws IOException {
        long[] v = iovecs(c, iov, cnt);
        long total = 0;
        for (int i = 1; i < v.length; i += 2) total += v[i];
        if (total <= Layout.IO_CHUNK) {
            byte[] tmp = new byte[(int) total];
            int off = 0;
            for (int i = 0; i < v.length; i += 2) {
                int len = (int) v[i + 1];
                int ok = UserMem.accessiblePrefix(c, v[i], len, false);
                Mem.readBytes(c, v[i], tmp, off, ok);
                off += ok;
                if (ok < len) {
                    if (off == 0) throw new LinuxError(Errno.EFAULT);
                    break;
                }
            }
            return off == 0 ? 0 : put(f, tmp, off, pos);
        }
        long done = 0;
        for (int i = 0; i < v.length; i += 2) {
            if (v[i + 1] == 0) continue;
            done += writeAt(c, f, v[i], count(Math.min(v[i + 1], Layout.MAX_RW_COUNT - done)), pos < 0 ? -1 : pos + done);
        }
        return done;
    }

    long lseek(Cpu c, long fd, long off, long whence) throws IOException {
        return fds.get(fd).seek(off, (int) whence);
    }

    long close(Cpu c, long fd) throws IOException {
        fds.close((int) fd);
        return 0;
    }

    long dup(Cpu c, long fd) { return fds.dup(fd, 0, false); }

    long dup2(Cpu c, long fd, long nfd) throws IOException {
        if (fd == nfd) {
            fds.get(fd);
            return nfd;
        }
        return fds.dupTo(fd, nfd, false);
    }

    long dup3(Cpu c, long fd, long nfd, long flags) throws IOException {
        if ((flags & ~OpenFlags.O_CLOEXEC) != 0 || fd == nfd) return -Errno.EINVAL;
        return fds.dupTo(fd, nfd, flags != 0);
    }

    long fcntl(Cpu c, long fd, long cmd, long arg) {
        OpenFile f = fds.get(fd);
        switch ((int) cmd) {
            case OpenFlags.F_DUPFD, OpenFlags.F_DUPFD_CLOEXEC -> {
                if (arg < 0 || arg > Integer.MAX_VALUE) return -Errno.EINVAL;
                return fds.dup(fd, (int) arg, cmd == OpenFlags.F_DUPFD_CLOEXEC);
            }
            case OpenFlags.F_GETFD -> { return fds.closeOnExec(fd) ? OpenFlags.FD_CLOEXEC : 0; }
            case OpenFlags.F_SETFD -> {
                fds.setCloseOnExec(fd, (arg & OpenFlags.FD_CLOEXEC) != 0);
                return 0;
            }
            case OpenFlags.F_GETFL -> { return f.statusFlags(); }
            case OpenFlags.F_SETFL -> {
                f.setStatusFlags((int) arg);
                return 0;
            }
            case OpenFlags.F_GETLK, OpenFlags.F_OFD_GETLK -> {
                // One process holds every lock it takes, so no lock ever conflicts: report F_UNLCK.
                Mem.write16(c, arg, OpenFlags.F_UNLCK);
                return 0;
            }
            case OpenFlags.F_SETLK, OpenFlags.F_SETLKW, OpenFlags.F_OFD_SETLK, OpenFlags.F_OFD_SETLKW -> {
                Mem.read16(c, arg);
                return 0;
            }
            case OpenFlags.F_GETOWN, OpenFlags.F_SETOWN -> { return 0; }
            case OpenFlags.F_GETPIPE_SZ, OpenFlags.F_SETPIPE_SZ -> {
                return f instanceof PipeFile ? PipeFile.CAPACITY : -Errno.EBADF;
            }
            default -> { return -Errno.EINVAL; }
        }
    }

    long pipe2(Cpu c, long out, long flags) throws IOException {
        int allowed = OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT;
        if ((flags & ~allowed) != 0) return -Errno.EINVAL;
        Mem.probe(c, out, org.jx86.vmm.mem.MemoryMap.WRITE);
        Mem.probe(c, out + 7, org.jx86.vmm.mem.MemoryMap.WRITE);
        PipeFile[] ends = PipeFile.create((int) flags & (OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT),
            PIPE_INO.getAndIncrement());
        boolean cloexec = (flags & OpenFlags.O_CLOEXEC) != 0;
        int r = fds.install(ends[0], cloexec);
        int w;
        try {
            w = fds.install(ends[1], cloexec);
        } catch (LinuxError e) {
            fds.close(r);
            ends[1].release();
            throw e;
        }
        ByteBuffer b = UserMem.struct(8).putInt(0, r).putInt(4, w);
        UserMem.write(c, out, b);
        return 0;
    }

    long fsync(Cpu c, long fd) throws IOException {
        fds.get(fd).sync();
        return 0;
    }

    long ftruncate(Cpu c, long fd, long len) throws IOException {
        OpenFile f = fds.get(fd);
        if (len < 0 || !f.canWrite()) return -Errno.EINVAL;
        f.truncate(len);
        return 0;
    }

    long closeRange(Cpu c, long first, long last, long flags) throws IOException {
        final int cloexec = 4, unshare = 2;
        if ((flags & ~(cloexec | unshare)) != 0 || Long.compareUnsigned(first, last) > 0) return -Errno.EINVAL;
        long hi = Math.min(Integer.toUnsignedLong((int) last), fds.highest());
        for (long fd = first; fd <= hi; fd++) {
            if (!fds.isOpen(fd)) continue;
            if ((flags & cloexec) != 0) fds.setCloseOnExec(fd, true);
            else fds.close(fd);
        }
        return 0;
    }
}

package org.jx86.runtime.linux;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM's own stdin, stdout or stderr, handed to the guest as fd 0, 1 and 2. Reads and
 * writes go straight to the host descriptor through unbuffered streams, so guest output
 * interleaves exactly with anything else written to the same descriptor.
 *
 * <p>Reads of a stdin that can block (a pipe or terminal) go through {@link HostReadPump}, so a
 * guest signal interrupts them. Closing the guest fd does not close the host descriptor. Seeking (stdin redirected from
 * a file) uses the descriptor's FileChannel, which fails with ESPIPE on pipes and terminals.
 */
public final class HostStdio extends OpenFile {
    private final int hostFd;
    private final FileInputStream in;
    private final FileOutputStream out;
    private final boolean terminal;
    /** Interruptible reads when stdin is a pipe, FIFO, socket or terminal (null for regular files). */
    private final HostReadPump pump;

    private HostStdio(int hostFd, int statusFlags, FileInputStream in, FileOutputStream out) {
        super(statusFlags);
        this.hostFd = hostFd;
        this.in = in;
        this.out = out;
        this.terminal = detectTerminal(hostFd);
        this.pump = in != null && mayBlock(hostFd) ? new HostReadPump(in) : null;
    }

    /** True when reads of the host fd can block: anything but a regular file or a directory. */
    private static boolean mayBlock(int fd) {
        try {
            int type = HostStat.of(Path.of("/proc/self/fd/" + fd), true).mode() & HostStat.S_IFMT;
            return type != HostStat.S_IFREG && type != HostStat.S_IFDIR && type != HostStat.S_IFBLK;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static HostStdio stdin() {
        return new HostStdio(0, hostFlags(0, OpenFlags.O_RDONLY), new FileInputStream(FileDescriptor.in), null);
    }

    public static HostStdio stdout() {
        return new HostStdio(1, hostFlags(1, OpenFlags.O_WRONLY), null, new FileOutputStream(FileDescriptor.out));
    }

    public static HostStdio stderr() {
        return new HostStdio(2, hostFlags(2, OpenFlags.O_WRONLY), null, new FileOutputStream(FileDescriptor.err));
    }

    private FileChannel channel() { return in != null ? in.getChannel() : out.getChannel(); }

    @Override
    public boolean canRead() { return in != null; }

    @Override
    public boolean canWrite() { return out != null; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pump != null) return pump.read(b, off, len);
        return Math.max(0, in.read(b, off, len));
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        return len;
    }

    @Override
    public int pread(byte[] b, int off, int len, long pos) throws IOException {
        return Math.max(0, channel().read(ByteBuffer.wrap(b, off, len), pos));
    }

    @Override
    public int pwrite(byte[] b, int off, int len, long pos) throws IOException {
        return channel().write(ByteBuffer.wrap(b, off, len), pos);
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        if (terminal) throw new LinuxError(Errno.ESPIPE);
        FileChannel ch = channel();
        long target = seekTarget(offset, whence, ch.position(), ch.size());
        ch.position(target);
        return target;
    }

    @Override
    public HostStat stat() throws IOException {
        try {
            return HostStat.of(Path.of("/proc/self/fd/" + hostFd), true);
        } catch (IOException | UnsupportedOperationException e) {
            return HostStat.synthetic(HostStat.S_IFCHR | 0620, 0, hostFd + 3);
        }
    }

    @Override
    public boolean isTerminal() { return terminal; }

    @Override
    public int available() throws IOException {
        if (pump != null) return pump.available();
        return in != null ? in.available() : 0;
    }

    @Override
    public String procLink() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + hostFd)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "/dev/pts/0";
        }
    }

    /** A terminal is a character device under /dev/pts or /dev/tty*; without /proc, ask the JDK. */
    private static boolean detectTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /** The host's status flags of fd (from /proc/self/fdinfo), as F_GETFL reports them natively. */
    private static int hostFlags(int fd, int fallback) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd)))
                if (line.startsWith("flags:"))
                    return Integer.parseInt(line.substring(6).trim(), 8) & ~OpenFlags.O_CLOEXEC;
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc
        }
        return fallback | OpenFlags.O_LARGEFILE;
    }
}

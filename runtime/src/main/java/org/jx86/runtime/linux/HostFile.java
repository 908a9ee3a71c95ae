package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A host file opened with open/openat: a regular file or a device such as /dev/null, over a
 * {@link FileChannel} whose position is the description's offset.
 *
 * <p>O_APPEND is emulated by seeking to the end before each write when the channel could
 * not be opened in append mode (the JDK refuses READ with APPEND); a guest is one host
 * process, so only other host processes could observe the difference.
 */
public final class HostFile extends OpenFile {
    private final Path path;
    private final FileChannel ch;
    private final boolean hostAppend;
    /** Status at open time, used by fstat once the path has been unlinked or renamed away. */
    private final HostStat opened;

    public HostFile(Path path, FileChannel ch, int statusFlags, boolean hostAppend, HostStat opened) {
        super(statusFlags);
        this.path = path;
        this.ch = ch;
        this.hostAppend = hostAppend;
        this.opened = opened;
    }

    public FileChannel channel() { return ch; }

    @Override
    public boolean fullReads() { return opened.isRegular(); }

    /**
     * The MAP_SHARED pages of this file when some guest maps it: pages stored into are
     * written back before the file is read, and a write to the file shows in them after.
     */
    private SharedFile mapped() { return opened.isRegular() ? FileMappings.of(opened) : null; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        SharedFile m = mapped();
        if (m != null) m.writeBack();
        if (opened.isRegular()) return readFully(ch, b, off, len, -1);
        return Math.max(0, ch.read(ByteBuffer.wrap(b, off, len)));
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        if ((statusFlags & OpenFlags.O_APPEND) != 0 && !hostAppend && opened.isRegular()) ch.position(ch.size());
        SharedFile m = mapped();
        long pos = m == null ? 0 : (statusFlags & OpenFlags.O_APPEND) != 0 ? ch.size() : ch.position();
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) ch.write(buf);
        if (m != null) m.reload(pos, len);
        return len;
    }

    @Override
    public int pread(byte[] b, int off, int len, long pos) throws IOException {
        SharedFile m = mapped();
        if (m != null) m.writeBack();
        if (!opened.isRegular() && !opened.isDirectory()) return Math.max(0, ch.read(ByteBuffer.wrap(b, off, len), pos));
        return readFully(ch, b, off, len, pos);
    }

    @Override
    public int pwrite(byte[] b, int off, int len, long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) ch.write(buf, pos + buf.position() - off);
        SharedFile m = mapped();
        if (m != null) m.reload(pos, len);
        return len;
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        long target = seekTarget(offset, whence, ch.position(), ch.size());
        ch.position(target);
        return target;
    }

    @Override
    public HostStat stat() throws IOException {
        try {
            HostStat s = HostStat.of(path, true);
            if (s.ino() == opened.ino() && s.dev() == opened.dev()) return s;
        } catch (NoSuchFileException e) {
            // unlinked while open: fall through to what we know
        }
        return opened.isRegular() ? opened.withSize(ch.size()) : opened;
    }

    @Override
    public void truncate(long size) throws IOException {
        if (!opened.isRegular()) throw new LinuxError(Errno.EINVAL);
        SharedFile m = mapped();
        if (m != null) m.writeBack();
        long cur = ch.size();
        long pos = ch.position();
        if (size < cur) {
            ch.truncate(size);
            ch.position(pos); // the JDK clamps the position; Linux leaves the offset alone
        } else if (size > cur) {
            ch.write(ByteBuffer.allocate(1), size - 1);
        }
        if (m != null) m.reload(Math.min(cur, size), Long.MAX_VALUE); // cut pages read zero past the new end
    }

    @Override
    public void sync() throws IOException { ch.force(true); }

    @Override
    public int available() throws IOException {
        return opened.isRegular() ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, ch.size() - ch.position())) : 0;
    }

    @Override
    public Path path() { return path; }

    @Override
    public String procLink() { return path.toAbsolutePath().toString(); }

    @Override
    protected void release() throws IOException { ch.close(); }
}

package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open directory: usable as a dirfd, with fchdir and fstat, and read with getdents64.
 * The listing is taken on the first getdents64 (host readdir order, "." and ".." first) and
 * the offset is an index into it; lseek(fd, 0, SEEK_SET) rewinds and re-reads.
 */
public final class DirectoryFile extends OpenFile {
    /** One entry: name bytes, inode, and the d_type value (DT_*). */
    public record Entry(byte[] name, long ino, int type) {}

    public static final int DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6, DT_REG = 8,
        DT_LNK = 10, DT_SOCK = 12;

    private final Path path;
    private List<Entry> entries;
    private int index;

    public DirectoryFile(Path path, int statusFlags) {
        super(statusFlags);
        this.path = path;
    }

    @Override
    public int read(byte[] b, int off, int len) { throw new LinuxError(Errno.EISDIR); }

    @Override
    public int pread(byte[] b, int off, int len, long pos) { throw new LinuxError(Errno.EISDIR); }

    @Override
    public synchronized long seek(long offset, int whence) {
        if (whence == OpenFlags.SEEK_SET && offset >= 0) {
            index = (int) Math.min(offset, Integer.MAX_VALUE);
            if (offset == 0) entries = null;
            return offset;
        }
        if (whence == OpenFlags.SEEK_CUR && offset == 0) return index;
        throw new LinuxError(Errno.EINVAL);
    }

    /** Entries from the current offset on; advance with {@link #advance}. */
    public synchronized List<Entry> remaining() throws IOException {
        if (entries == null) entries = list();
        return index >= entries.size() ? List.of() : entries.subList(index, entries.size());
    }

    public synchronized void advance(int n) { index += n; }

    /** The offset after the entry at position i of {@link #remaining()} (d_off). */
    public synchronized long offsetAfter(int i) { return index + i + 1L; }

    private List<Entry> list() throws IOException {
        List<Entry> list = new ArrayList<>();
        list.add(new Entry(new byte[] {'.'}, HostStat.of(path, true).ino(), DT_DIR));
        list.add(new Entry(new byte[] {'.', '.'}, inoOrZero(path.resolve("..")), DT_DIR));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
            for (Path p : ds) {
                long ino = 0;
                int type = DT_UNKNOWN;
                try {
                    HostStat s = HostStat.of(p, false);
                    ino = s.ino();
                    type = dtype(s.type());
                } catch (NoSuchFileException e) {
                    continue; // removed since readdir returned it
                }
                list.add(new Entry(HostPaths.bytes(p.getFileName().toString()), ino, type));
            }
        }
        return list;
    }

    private static long inoOrZero(Path p) {
        try {
            return HostStat.of(p, true).ino();
        } catch (IOException e) {
            return 0;
        }
    }

    static int dtype(int fmt) {
        return switch (fmt) {
            case HostStat.S_IFIFO -> DT_FIFO;
            case HostStat.S_IFCHR -> DT_CHR;
            case HostStat.S_IFDIR -> DT_DIR;
            case HostStat.S_IFBLK -> DT_BLK;
            case HostStat.S_IFREG -> DT_REG;
            case HostStat.S_IFLNK -> DT_LNK;
            case HostStat.S_IFSOCK -> DT_SOCK;
            default -> DT_UNKNOWN;
        };
    }

    @Override
    public HostStat stat() throws IOException { return HostStat.of(path, true); }

    @Override
    public Path path() { return path; }

    @Override
    public boolean isDirectory() { return true; }

    @Override
    public String procLink() { return path.toAbsolutePath().toString(); }
}

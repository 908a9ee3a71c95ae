package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An O_PATH descriptor: names a file system object without opening it for I/O. Usable as a
 * dirfd, with fstat and fchdir; read and write fail with EBADF.
 */
public final class PathFile extends OpenFile {
    private final Path path;
    private final boolean directory;

    public PathFile(Path path, int statusFlags, boolean directory) {
        super(statusFlags);
        this.path = path;
        this.directory = directory;
    }

    @Override
    public boolean canRead() { return false; }

    @Override
    public boolean canWrite() { return false; }

    @Override
    public HostStat stat() throws IOException { return HostStat.of(path, true); }

    @Override
    public Path path() { return path; }

    @Override
    public boolean isDirectory() { return directory; }

    @Override
    public String procLink() { return path.toAbsolutePath().toString(); }
}

package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JDK exceptions map back to the host's errno. */
class ErrnoTest {
    @TempDir Path dir;

    @Test
    void exceptionClasses() {
        assertEquals(Errno.ENOENT, Errno.of(new NoSuchFileException("x")));
        assertEquals(Errno.EACCES, Errno.of(new AccessDeniedException("x")));
        assertEquals(Errno.EEXIST, Errno.of(new FileAlreadyExistsException("x")));
        assertEquals(Errno.ENOTDIR, Errno.of(new NotDirectoryException("x")));
        assertEquals(Errno.ENOTEMPTY, Errno.of(new DirectoryNotEmptyException("x")));
        assertEquals(Errno.EBADF, Errno.of(new ClosedChannelException()));
    }

    @Test
    void strerrorTexts() {
        assertEquals(Errno.ENOTDIR, Errno.of(new FileSystemException("x", null, "Not a directory")));
        assertEquals(Errno.ELOOP, Errno.of(new FileSystemException("x", null,
            "Too many levels of symbolic links or unable to access attributes of symbolic link")));
        assertEquals(Errno.EPIPE, Errno.of(new IOException("Broken pipe")));
        assertEquals(Errno.ENOSPC, Errno.of(new IOException("No space left on device")));
        assertEquals(Errno.EIO, Errno.of(new IOException("something odd")));
        assertEquals(Errno.EIO, Errno.of(new IOException()));
    }

    @Test
    void realFailures() throws IOException {
        Path f = Files.writeString(dir.resolve("f"), "");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> Files.createDirectory(f.resolve("sub")));
        assertEquals(Errno.ENOTDIR, Errno.of(e));
        e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> Files.readSymbolicLink(f));
        assertEquals(Errno.EINVAL, Errno.of(e));
    }

    @Test
    void namesAndMessages() {
        assertEquals("ENOENT", Errno.name(2));
        assertEquals("No such file or directory", Errno.message(2));
        assertEquals("E999", Errno.name(999));
        assertEquals("Unknown error 999", Errno.message(999));
    }
}

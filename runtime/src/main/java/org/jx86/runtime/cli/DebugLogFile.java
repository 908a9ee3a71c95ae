package org.jx86.runtime.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jx86.runtime.linux.GuestLoadException;

/** Opens and closes the -d log: -D FILE (truncated, as qemu does), else the JVM's stderr. */
final class DebugLogFile {
    private DebugLogFile() {}

    static PrintStream open(Path file) throws GuestLoadException {
        if (file == null) return new PrintStream(new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.err), 1 << 16), false);
        try {
            return new PrintStream(new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 16), false);
        } catch (IOException e) {
            throw new GuestLoadException(ExitStatus.USAGE, "-D " + file + ": " + e.getMessage());
        }
    }

    static void close(PrintStream log, Path file) {
        if (log == null) return;
        if (file == null) log.flush();
        else log.close();
    }
}

package org.jx86.runtime.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jx86.runtime.linux.GuestLoadException;

/**
 * Finds the program to run the way a shell does: a name containing a slash is a path; any
 * other name is looked up in PATH (an empty entry means the current directory).
 */
public final class ProgramResolver {
    private ProgramResolver() {}

    /**
     * @param file   the host file
     * @param execfn the name to pass as AT_EXECFN: the path as given, or DIR/NAME from PATH
     */
    public record Resolved(Path file, String execfn) {}

    public static Resolved resolve(String name, String pathEnv) throws GuestLoadException {
        if (name.isEmpty()) throw new GuestLoadException(ExitStatus.NOT_FOUND, "No such file or directory");
        if (name.indexOf('/') >= 0) return new Resolved(check(path(name)), name);
        boolean sawNonExecutable = false;
        for (String dir : (pathEnv != null ? pathEnv : "/usr/local/bin:/usr/bin:/bin").split(":", -1)) {
            String full = (dir.isEmpty() ? "." : dir) + "/" + name;
            Path p;
            try {
                p = Path.of(full);
            } catch (InvalidPathException e) {
                continue;
            }
            if (!Files.isRegularFile(p)) continue;
            if (Files.isExecutable(p)) return new Resolved(p, full);
            sawNonExecutable = true;
        }
        if (sawNonExecutable) throw new GuestLoadException(ExitStatus.NOT_EXECUTABLE, "Permission denied");
        throw new GuestLoadException(ExitStatus.NOT_FOUND, "command not found");
    }

    private static Path path(String name) throws GuestLoadException {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new GuestLoadException(ExitStatus.NOT_FOUND, "No such file or directory");
        }
    }

    /** The checks execve makes before reading the file. */
    private static Path check(Path p) throws GuestLoadException {
        if (!Files.exists(p)) throw new GuestLoadException(ExitStatus.NOT_FOUND, "No such file or directory");
        if (Files.isDirectory(p)) throw new GuestLoadException(ExitStatus.NOT_EXECUTABLE, "Is a directory");
        if (!Files.isReadable(p) || !Files.isExecutable(p))
            throw new GuestLoadException(ExitStatus.NOT_EXECUTABLE, "Permission denied");
        return p;
    }
}

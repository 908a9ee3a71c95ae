package org.jx86.runtime.linux;

import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Conversions between guest byte strings (paths, argv, environment) and host Java strings.
 * The JDK encodes file names with {@code sun.jnu.encoding}; using the same charset keeps
 * guest bytes and host file names in step (exactly so under a UTF-8 locale).
 */
public final class HostPaths {
    private HostPaths() {}

    public static final Charset CHARSET = charset();

    private static Charset charset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    public static byte[] bytes(String s) { return s.getBytes(CHARSET); }

    public static String string(byte[] b) { return new String(b, CHARSET); }

    /** A host Path for a guest path string; ENOENT when the host cannot represent it. */
    public static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new LinuxError(Errno.ENOENT);
        }
    }
}

package org.jx86.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jx86.runtime.linux.GuestLoadException;

/**
 * The bundled demo guest (a static x86-64 "hello" on the classpath at {@value #RESOURCE}),
 * run by a bare {@code jx86}. It is copied to a temporary executable file, deleted when the
 * JVM exits.
 */
public final class DemoGuest {
    private DemoGuest() {}

    public static final String RESOURCE = "/demo/hello";
    public static final String NAME = "hello";

    public static Path extract() throws GuestLoadException {
        try (InputStream in = DemoGuest.class.getResourceAsStream(RESOURCE)) {
            if (in == null)
                throw new GuestLoadException(ExitStatus.NOT_FOUND, "the demo guest (classpath resource " + RESOURCE
                    + ") is not in this build; run a program with: jx86 run PROGRAM [ARGS...]");
            Path f = Files.createTempFile("jx86-demo-", "-" + NAME,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            f.toFile().deleteOnExit();
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            return f;
        } catch (IOException e) {
            throw new GuestLoadException(ExitStatus.NOT_EXECUTABLE, "cannot extract the demo guest: " + e.getMessage());
        }
    }
}

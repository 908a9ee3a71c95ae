package org.jx86.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dynamically linked programs of the machine, run through their own ld.so from the root
 * sysroot: stdout and exit status must match a native run (issue 4 grows this list).
 */
class DynamicProgramsTest {
    @TempDir static Path dir;

    static Stream<Arguments> programs() throws Exception {
        // Deleted at exit in reverse order of registration: the files first, then the folder.
        Path d = Files.createTempDirectory("jx86-dyn");
        d.toFile().deleteOnExit();
        for (String n : List.of("banana", "apple", "cherry", "date")) {
            Files.writeString(d.resolve(n + ".txt"), n + "\n" + n.length() + "\n").toFile().deleteOnExit();
        }
        Path lines = d.resolve("lines.txt");
        Files.writeString(lines, "pear\nfig\napple\nkiwi\nbanana\n").toFile().deleteOnExit();
        return Stream.of(
            Arguments.of("/bin/echo", List.of("hello", "dynamic", "world"), null),
            Arguments.of("/bin/cat", List.of(), lines),
            Arguments.of("/bin/ls", List.of("-1", d.toString()), null),
            Arguments.of("/usr/bin/sort", List.of(lines.toString()), null),
            Arguments.of("/usr/bin/wc", List.of(lines.toString()), null),
            Arguments.of("/bin/ls", List.of("/nonexistent-jx86"), null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("programs")
    void matchesNative(String program, List<String> args, Path stdin) throws Exception {
        Path bin = Path.of(program);
        assumeTrue(Files.isExecutable(bin), program + " not installed");
        Path in = stdin != null ? stdin : Files.writeString(dir.resolve("empty"), "");
        Duration t = Duration.ofSeconds(120);
        ProcessRunner.Result nat = ProcessRunner.run(GuestRunner.nativeCommand(bin, args), TestConfig.GUEST_ENV, in, dir, t);
        ProcessRunner.Result jx = ProcessRunner.run(GuestRunner.runnerCommand(bin, args), TestConfig.GUEST_ENV, in, dir, t);
        assertEquals(new String(nat.stdout()), new String(jx.stdout()), program + " stdout; stderr: " + new String(jx.stderr()));
        assertArrayEquals(nat.stdout(), jx.stdout());
        assertEquals(nat.exit(), jx.exit(), program + " exit status; stderr: " + new String(jx.stderr()));
    }
}

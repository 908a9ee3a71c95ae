package org.jx86.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input to {@code jx86 run} must end with exactly one line on stderr starting with
 * {@code jx86: } that names the file, nothing on stdout, no Java stack trace, and the status a
 * shell gives: 127 when the program does not exist, 126 when it exists but cannot be executed as
 * an x86-64 Linux program (directory, empty, text, truncated ELF, other ELF class or machine).
 * Every fixture is mode 755, so rejection is about content, not permissions.
 *
 * <p>Needs the real jx86 command line; with {@code -Djx86.tests.runner=native} these tests are
 * skipped.
 */
class CliBadInputTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int NOT_FOUND = 127;
    private static final int NOT_EXECUTABLE = 126;
    private static Path dir;

    @BeforeAll
    static void fixtures() throws Exception {
        Assumptions.assumeTrue(TestConfig.isJx86Runner(),
                "command-line tests need the jx86 runner (jx86.tests.runner=" + TestConfig.runner() + ")");
        GuestRunner.checkJx86Available();
        dir = TestConfig.targetDir().resolve("cli-fixtures");
        Files.createDirectories(dir.resolve("a-directory"));
        write("empty-file", new byte[0]);
        write("text-file", "#!/bin/sh\necho this is a shell script, not an ELF file\n".getBytes());
        write("elf32-i386", ElfFixtures.elf32I386());
        write("elf64-aarch64", ElfFixtures.elf64Aarch64());
        Path tinySource = dir.resolve("tiny.c");
        Files.writeString(tinySource, "#include <stdio.h>\nint main(void) { puts(\"tiny\"); return 0; }\n");
        Path tiny = GuestBuild.build(tinySource, Variant.GCC_O2, dir.resolve("tiny"));
        byte[] head = new byte[100];
        try (InputStream in = Files.newInputStream(tiny)) {
            assertEquals(100, in.readNBytes(head, 0, 100));
        }
        write("truncated-elf", head);
    }

    private static void write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void missingFile() throws IOException {
        expectError("missing file", dir.resolve("no-such-program"), NOT_FOUND);
    }

    @Test
    void directory() throws IOException {
        expectError("a directory", dir.resolve("a-directory"), NOT_EXECUTABLE);
    }

    @Test
    void emptyFile() throws IOException {
        expectError("an empty file", dir.resolve("empty-file"), NOT_EXECUTABLE);
    }

    @Test
    void textFile() throws IOException {
        expectError("a text file (shell script)", dir.resolve("text-file"), NOT_EXECUTABLE);
    }

    @Test
    void truncatedElf() throws IOException {
        expectError("a truncated ELF (first 100 bytes of a static binary)", dir.resolve("truncated-elf"), NOT_EXECUTABLE);
    }

    @Test
    void elf32() throws IOException {
        expectError("a 32-bit i386 ELF (ELFCLASS32)", dir.resolve("elf32-i386"), NOT_EXECUTABLE);
    }

    @Test
    void aarch64Elf() throws IOException {
        expectError("an AArch64 ELF (e_machine=183)", dir.resolve("elf64-aarch64"), NOT_EXECUTABLE);
    }

    @Test
    void runWithoutProgramRunsTheDemo() throws IOException {
        List<String> cmd = GuestRunner.jx86Command();
        ProcessRunner.Result r = ProcessRunner.run(cmd, TestConfig.GUEST_ENV, null, dir, Duration.ofSeconds(120));
        String ctx = context("jx86 run (no program: the bundled demo)", cmd, r);
        assertAll(ctx,
                () -> assertFalse(r.timedOut(), "timed out"),
                () -> assertEquals(0, r.exit(), "exit status"),
                () -> assertFalse(r.stdout().length == 0, "stdout is empty"),
                () -> assertNoStackTrace(r));
    }

    private static void expectError(String what, Path program, int status) throws IOException {
        List<String> cmd = new ArrayList<>(GuestRunner.jx86Command());
        cmd.add(program.toString());
        ProcessRunner.Result r = ProcessRunner.run(cmd, TestConfig.GUEST_ENV, null, dir, TIMEOUT);
        String ctx = context(what, cmd, r);
        List<String> errLines = r.stderrText().lines().toList();
        assertFalse(r.timedOut(), () -> "timed out after " + TIMEOUT.toSeconds() + " s\n" + ctx);
        assertAll(ctx,
                () -> assertNotEquals(0, r.exit(), "must exit non-zero"),
                () -> assertNoStackTrace(r),
                () -> assertEquals(1, errLines.size(), "exactly one line on stderr"),
                () -> assertTrue(!errLines.isEmpty() && errLines.get(0).startsWith("jx86: "),
                        "stderr starts with 'jx86: '"),
                () -> assertTrue(r.stderrText().contains(program.getFileName().toString()),
                        "the message names the file"),
                () -> assertEquals("", r.stdoutText(), "nothing on stdout"),
                () -> assertEquals(status, r.exit(),
                        "exit status (shell convention: 127 = not found, 126 = found but not an executable x86-64 program)"));
    }

    private static void assertNoStackTrace(ProcessRunner.Result r) {
        String all = r.stdoutText() + r.stderrText();
        assertFalse(all.contains("Exception") || all.contains("at org.") || all.contains("at java."),
                "no Java exception or stack trace in the output");
    }

    private static String context(String what, List<String> cmd, ProcessRunner.Result r) {
        return what + "\n  command: " + GuestRunner.reproduce(cmd, null) + "\n  exit: "
                + (r.timedOut() ? "timeout" : r.exit()) + "\n  stdout: " + clip(r.stdoutText()) + "\n  stderr: "
                + clip(r.stderrText()) + "\n";
    }

    private static String clip(String s) {
        String t = s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
        return t.isEmpty() ? "(empty)" : t.replace("\n", "\n          ");
    }
}

package org.jx86.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guest signals against host descriptors, which the corpus cannot set up (it feeds stdin from
 * a file): a blocking read of stdin when stdin is a host pipe that stays open without data is
 * interrupted by a signal exactly as natively (EINTR, or a restart with SA_RESTART); and a
 * SIGINT sent to the jx86 JVM (a Ctrl-C) reaches every process of the guest's foreground
 * process group. Programs are in src/test/c/hoststdin.
 */
class HostStdinSignalTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static Path dir;

    @BeforeAll
    static void build() throws Exception {
        Assumptions.assumeTrue(TestConfig.isJx86Runner(), "needs the jx86 runner");
        GuestRunner.checkJx86Available();
        dir = TestConfig.targetDir().resolve("hoststdin");
        Files.createDirectories(dir);
    }

    private static Path program(String name, Variant v) throws Exception {
        Path src = TestConfig.corpusDir().resolveSibling("hoststdin").resolve(name + ".c");
        return GuestBuild.build(src, v, dir.resolve(name + "-" + v.name()));
    }

    /** Runs cmd with stdin an open pipe into which nothing is written; returns {exit, stdout}. */
    private static Object[] runWithOpenStdin(List<String> cmd) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(TestConfig.GUEST_ENV);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.redirectOutput(out.toFile());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (OutputStream keepOpen = p.getOutputStream()) {
            // A read that no signal interrupts would block forever: bounded wait, then a failure.
            boolean done = p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) ProcessRunner.killTree(p);
            assertTrue(done, "timed out (the read of stdin was not interrupted?): " + cmd);
            return new Object[] {p.exitValue(), Files.readString(out)};
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void readOfAnOpenEmptyStdinPipeIsInterruptedLikeNatively() throws Exception {
        for (Variant v : new Variant[] {Variant.GCC_O2, Variant.MUSL_O2}) {
            Path bin = program("stdin_signal", v);
            Object[] nat = runWithOpenStdin(GuestRunner.nativeCommand(bin, List.of()));
            Object[] jx = runWithOpenStdin(GuestRunner.runnerCommand(bin, List.of()));
            assertEquals(nat[1], jx[1], "stdout of stdin_signal " + v);
            assertEquals(nat[0], jx[0], "exit status of stdin_signal " + v);
            assertEquals(53, nat[0], "native run");
        }
    }

    @Test
    void hostSigintReachesTheForegroundProcessGroup() throws Exception {
        Path bin = program("host_sigint_group", Variant.GCC_O2);
        ProcessBuilder pb = new ProcessBuilder(GuestRunner.runnerCommand(bin, List.of())).directory(dir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertEquals("ready", line);
            out.append(line).append('\n');
            // the shell's builtin kill: no procps needed
            Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + p.pid()).start();
            assertEquals(0, kill.waitFor());
            // Bounded: if the child never gets the SIGINT the parent waits for it forever.
            boolean done = p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) ProcessRunner.killTree(p);
            for (String l; (l = r.readLine()) != null; ) out.append(l).append('\n');
            assertTrue(done, "timed out; output so far: " + out);
        }
        assertEquals("ready\nchild got SIGINT\nparent got SIGINT, child exited 0\n", out.toString());
        assertEquals(55, p.exitValue());
    }
}

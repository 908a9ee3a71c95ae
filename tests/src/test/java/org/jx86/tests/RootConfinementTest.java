package org.jx86.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jx86 run --root DIR} cannot be escaped: a guest program (src/test/c/root/escape.c)
 * tries {@code ..} chains, absolute symlinks, symlink chains and loops, /proc/self/root and
 * other /proc links, chdir("..") loops, openat with a dirfd and symlinks it creates itself,
 * against a secret file next to the root. The oracle is Linux's chroot semantics: each
 * attempt's expected result is written below; the files inside the root stay reachable.
 * A run without --root reads the secret, which shows the program would notice a leak.
 */
class RootConfinementTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static Path dir, root, secret, program;

    @BeforeAll
    static void fixtures() throws Exception {
        Assumptions.assumeTrue(TestConfig.isJx86Runner(),
            "--root tests need the jx86 runner (jx86.tests.runner=" + TestConfig.runner() + ")");
        GuestRunner.checkJx86Available();
        dir = TestConfig.targetDir().resolve("root-confinement").toAbsolutePath();
        deleteTree(dir);
        root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("dir"));
        Files.createDirectories(dir.resolve("outside"));
        secret = dir.resolve("outside/secret.txt");
        Files.writeString(secret, "SECRET\n");
        Files.writeString(root.resolve("inside.txt"), "INSIDE\n");
        Files.writeString(root.resolve("etc/passwd"), "ROOT PASSWD\n");
        Files.createSymbolicLink(root.resolve("etc_link"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("hostlink"), secret);
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../outside/secret.txt"));
        Files.createSymbolicLink(root.resolve("chain1"), Path.of("chain2"));
        Files.createSymbolicLink(root.resolve("chain2"), Path.of("/dir/../chain3"));
        Files.createSymbolicLink(root.resolve("chain3"), Path.of("../../../../../../../.." + secret));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        Files.createSymbolicLink(root.resolve("rootlink"), Path.of("/"));
        program = GuestBuild.build(Path.of("src/test/c/root/escape.c").toAbsolutePath(), Variant.GCC_O2,
            dir.resolve("escape"));
    }

    private static List<String> args() {
        return List.of(secret.toString(), secret.toString().substring(1));
    }

    @Test
    void noPathLeadsOutOfTheRoot() throws Exception {
        List<String> cmd = new ArrayList<>(GuestRunner.jx86Command());
        cmd.add("--root");
        cmd.add(root.toString());
        cmd.add(program.toString());
        cmd.addAll(args());
        // Started outside the root (the runner keeps its capture files in its working
        // directory), so the guest starts in the root's "/".
        ProcessRunner.Result r = ProcessRunner.run(cmd, TestConfig.GUEST_ENV, null, dir, TIMEOUT);
        String out = r.stdoutText();
        assertFalse(r.timedOut(), "timed out; output so far:\n" + out);
        assertEquals(0, r.exit(), out + r.stderrText());
        assertFalse(out.contains("LEAK"), out);
        String expected = String.join("\n",
            "relative inside: INSIDE",
            "absolute inside: INSIDE",
            "absolute host path: ENOENT",
            "dot-dot chain: ENOENT",
            "/etc/passwd is the root's: ROOT PASSWD",
            "absolute symlink re-rooted: ROOT PASSWD",
            "symlink to host absolute path: ENOENT",
            "relative symlink with dot-dots: ENOENT",
            "symlink chain: ENOENT",
            "symlink loop: ELOOP",
            "directory symlink to /: INSIDE",
            "dot-dot through a directory symlink: ENOENT",
            "/proc/self/root + host path: ENOENT",
            "/proc/self/root/inside.txt: INSIDE",
            "readlink /proc/self/root: /",
            "/proc/1/root + host path: ENOENT",
            "/proc/self/mountinfo: ENOENT",
            "/proc/self/cwd + dot-dots: ENOENT",
            "readlink /proc/self/fd/N: /inside.txt",
            "open /dir: ok",
            "openat(dirfd) with dot-dots: ENOENT",
            "openat(dirfd) ../inside.txt: INSIDE",
            "openat(dirfd) host absolute path: ENOENT",
            "getcwd after 20 x chdir(\"..\"): /",
            "relative host path from there: ENOENT",
            "readlink /proc/self/cwd: /",
            "chdir(\"/dir/../..\"): 0",
            "getcwd: /",
            "stat host path: ENOENT",
            "lstat hostlink: a symlink",
            "symlink(\"/\", \"/new\"): 0",
            "through a new symlink to /: ENOENT",
            "symlink(host path, \"/new2\"): 0",
            "through a new symlink to the host path: ENOENT",
            "listing /: . .. chain1 chain2 chain3 dir etc etc_link hostlink inside.txt loop rootlink up",
            "");
        assertEquals(expected, out);
        assertEquals("SECRET\n", Files.readString(secret), "the secret file was changed");
        assertFalse(Files.exists(root.resolve("new")) || Files.exists(root.resolve("new2")));
    }

    @Test
    void withoutRootTheSameAttemptsReachTheSecret() throws Exception {
        List<String> cmd = new ArrayList<>(GuestRunner.jx86Command());
        cmd.add(program.toString());
        cmd.addAll(args());
        cmd.add("read-only");
        ProcessRunner.Result r = ProcessRunner.run(cmd, TestConfig.GUEST_ENV, null, root, TIMEOUT);
        assertFalse(r.timedOut());
        assertTrue(r.stdoutText().contains("absolute host path: LEAK"), r.stdoutText());
        assertTrue(r.stdoutText().contains("symlink to host absolute path: LEAK"), r.stdoutText());
    }

    @Test
    void aMissingRootIsAOneLineError() throws Exception {
        List<String> cmd = new ArrayList<>(GuestRunner.jx86Command());
        cmd.add("--root");
        cmd.add(dir.resolve("no-such-dir").toString());
        cmd.add(program.toString());
        ProcessRunner.Result r = ProcessRunner.run(cmd, TestConfig.GUEST_ENV, null, dir, TIMEOUT);
        assertEquals(127, r.exit());
        assertTrue(r.stderrText().startsWith("jx86: ") && r.stderrText().contains("--root")
            && r.stderrText().strip().lines().count() == 1, r.stderrText());
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}

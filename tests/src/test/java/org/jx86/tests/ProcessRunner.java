package org.jx86.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one subprocess with a fixed environment, stdin from a file, stdout and stderr captured to
 * files (no pipes, so no deadlock and no reader threads), and a timeout that kills the whole
 * process tree. Exit status follows the shell: 128+N when the process died of signal N.
 */
public final class ProcessRunner {
    private ProcessRunner() {}

    /** Outcome of a run; {@code exit} is -1 when the process timed out and was killed. */
    public record Result(int exit, byte[] stdout, byte[] stderr, boolean timedOut, Duration elapsed) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs {@code cmd}.
     *
     * @param env  the complete environment, or null to inherit the test JVM's
     * @param stdin file fed on standard input, or null for an empty stdin
     * @param dir  working directory (also receives the capture files), or null for a temp dir
     */
    public static Result run(List<String> cmd, Map<String, String> env, Path stdin, Path dir, Duration timeout)
            throws IOException {
        Path work = dir != null ? dir : Files.createTempDirectory("jx86-run");
        Files.createDirectories(work);
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
            if (env != null) {
                pb.environment().clear();
                pb.environment().putAll(env);
            }
            pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile())
                    : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(p);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + cmd.get(0), e);
            }
            if (!done) {
                killTree(p);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return new Result(done ? p.exitValue() : -1, Files.readAllBytes(out), Files.readAllBytes(err), !done, elapsed);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (dir == null) {
                Files.deleteIfExists(work);
            }
        }
    }

    /** Kills the process and every descendant (children first), then waits for it to go. */
    public static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Quotes a command for a POSIX shell, for reproduction lines in failure messages. */
    public static String shellQuote(List<String> cmd) {
        StringBuilder sb = new StringBuilder();
        for (String a : cmd) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(shellQuote(a));
        }
        return sb.toString();
    }

    public static String shellQuote(String a) {
        if (!a.isEmpty() && a.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return a;
        }
        return "'" + a.replace("'", "'\\''") + "'";
    }
}

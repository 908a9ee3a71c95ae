package org.jx86.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The differential corpus test: every corpus program, in every selected variant, runs natively
 * and under jx86 with the same arguments ({@link TestConfig#GUEST_ARGS}), environment
 * ({@link TestConfig#GUEST_ENV}) and stdin ({@code corpus-stdin.txt}); stdout, stderr and the exit
 * status must be identical. One dynamic test per (program, variant), grouped by program.
 *
 * <p>Work runs on {@link TestConfig#jobs()} threads: the factory submits every case (build, native
 * run, jx86 run) up front in report order and each dynamic test waits for its own case, so two
 * jx86 JVMs are busy at any time while JUnit still reports in a stable order. Outputs of the last
 * run of each case stay in {@code target/guest-runs/<variant>/<name>/} for inspection.
 */
class NativeVsJx86Test {
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final AtomicInteger KNOWN = new AtomicInteger();
    private static final AtomicInteger SKIPPED = new AtomicInteger();
    private static final AtomicInteger TIMEOUTS = new AtomicInteger();
    private static final List<String> FIXED = new ArrayList<>();
    private static final List<String> TIMES = new ArrayList<>();
    private static int programs;
    private static int variants;
    private static ExecutorService pool;
    private static long startNanos;

    /** Everything one case produced; the comparison happens on the test thread. */
    private record Case(GuestProgram program, Variant variant, Path binary, List<String> nativeCmd,
            List<String> runnerCmd, ProcessRunner.Result nat, ProcessRunner.Result run, String error) {}

    @TestFactory
    Stream<DynamicNode> corpus() {
        List<GuestProgram> progs = GuestProgram.corpus();
        List<Variant> vs = TestConfig.variants();
        startNanos = System.nanoTime();
        programs = progs.size();
        variants = vs.size();
        KnownFailures known = KnownFailures.load(TestConfig.knownFailuresFile());
        Set<String> skipNeeds = TestConfig.skipNeeds();
        String runnerProblem = null;
        if (TestConfig.isJx86Runner()) {
            try {
                GuestRunner.checkJx86Available();
            } catch (AssertionError e) {
                runnerProblem = e.getMessage();
            }
        }
        pool = Executors.newFixedThreadPool(TestConfig.jobs(), daemonThreads());

        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("known-failures.txt is well-formed", () -> assertTrue(known.problems().isEmpty(),
                () -> "problems in " + TestConfig.knownFailuresFile() + ":\n  " + String.join("\n  ", known.problems()))));
        for (GuestProgram p : progs) {
            List<DynamicTest> tests = new ArrayList<>();
            Set<String> skipped = new TreeSet<>(p.needs());
            skipped.retainAll(skipNeeds);
            for (Variant v : vs) {
                String name = v.id();
                if (!skipped.isEmpty()) {
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        SKIPPED.incrementAndGet();
                        Assumptions.abort(p.name() + " needs " + skipped + ", skipped by -Djx86.tests.skipNeeds");
                    }));
                    continue;
                }
                String problem = runnerProblem;
                Future<Case> f = pool.submit(() -> runCase(p, v, problem));
                tests.add(DynamicTest.dynamicTest(name, () -> check(await(f), known.reason(p.name(), v))));
            }
            String display = p.name() + (p.needs().isEmpty() ? "" : " [needs " + String.join(",", p.needs()) + "]");
            nodes.add(DynamicContainer.dynamicContainer(display, tests));
        }
        return nodes.stream();
    }

    private static Case runCase(GuestProgram p, Variant v, String runnerProblem) {
        Path binary;
        try {
            binary = GuestBuild.build(p, v);
        } catch (GuestBuild.BuildException e) {
            return new Case(p, v, null, List.of(), List.of(), null, null, e.getMessage());
        }
        List<String> nativeCmd = GuestRunner.nativeCommand(binary, TestConfig.GUEST_ARGS);
        List<String> runnerCmd = runnerProblem != null ? List.of() : GuestRunner.runnerCommand(binary, TestConfig.GUEST_ARGS);
        Path dir = runDir(p, v);
        try {
            ProcessRunner.Result nat = ProcessRunner.run(nativeCmd, TestConfig.GUEST_ENV, TestConfig.stdinFile(), dir,
                    TestConfig.NATIVE_TIMEOUT);
            save(dir, "native", nat);
            if (runnerProblem != null) {
                return new Case(p, v, binary, nativeCmd, runnerCmd, nat, null, runnerProblem);
            }
            int timeouts = TIMEOUTS.get();
            if (timeouts >= TestConfig.maxTimeouts()) {
                return new Case(p, v, binary, nativeCmd, runnerCmd, nat, null, p.name() + " [" + v.id() + "]: not run, "
                        + timeouts + " runs under " + GuestRunner.runnerName() + " already timed out (after "
                        + TestConfig.maxTimeouts() + " timeouts the rest fail fast, to bound the wall time;"
                        + " change with -Djx86.tests.maxTimeouts=N)\n" + "reproduce:\n  "
                        + GuestRunner.reproduce(runnerCmd, TestConfig.stdinFile()) + "\n");
            }
            ProcessRunner.Result run = ProcessRunner.run(runnerCmd, TestConfig.GUEST_ENV, TestConfig.stdinFile(), dir,
                    GuestRunner.timeout());
            if (run.timedOut()) {
                TIMEOUTS.incrementAndGet();
            }
            save(dir, "run-" + GuestRunner.runnerName().replaceAll("[^\\w.-]", "_"), run);
            return new Case(p, v, binary, nativeCmd, runnerCmd, nat, run, null);
        } catch (IOException e) {
            return new Case(p, v, binary, nativeCmd, runnerCmd, null, null, "running " + p.name() + ": " + e);
        }
    }

    private static void check(Case c, Optional<String> knownReason) {
        String id = c.program().name() + " " + c.variant().id();
        String problem = c.error() != null ? c.error() : compare(c);
        if (c.run() != null) {
            synchronized (TIMES) {
                TIMES.add(String.format("%8.2f s  %s", c.run().elapsed().toMillis() / 1000.0, id));
            }
        }
        if (knownReason.isPresent()) {
            if (problem == null) {
                FAILED.incrementAndGet();
                synchronized (FIXED) {
                    FIXED.add(id);
                }
                throw report(id + " now passes, remove from known-failures (" + TestConfig.knownFailuresFile() + "): '"
                        + id + "  # " + knownReason.get() + "'");
            }
            KNOWN.incrementAndGet();
            System.out.println("known failure, still failing: " + id + "  # " + knownReason.get());
            return;
        }
        if (problem != null) {
            FAILED.incrementAndGet();
            throw report(problem);
        }
        PASSED.incrementAndGet();
    }

    /** Null when native and runner agree, else the report. */
    private static String compare(Case c) {
        ProcessRunner.Result nat = c.nat();
        ProcessRunner.Result run = c.run();
        String runner = GuestRunner.runnerName();
        String title = c.program().name() + " [" + c.variant().id() + "]";
        if (nat.timedOut()) {
            return title + ": the native run did not finish within " + TestConfig.NATIVE_TIMEOUT.toSeconds()
                    + " s; corpus programs must be quick and must not wait for input\n" + reproduction(c);
        }
        if (run.timedOut()) {
            return title + ": " + runner + " did not finish within " + GuestRunner.timeout().toSeconds() + " s (process tree killed);"
                    + " native took " + nat.elapsed().toMillis() + " ms\n"
                    + "stdout so far: " + run.stdout().length + " bytes of " + nat.stdout().length + " expected\n"
                    + tail("stderr so far", run.stderrText())
                    + "(raise the limit with -Djx86.tests.timeout=SECONDS)\n" + reproduction(c);
        }
        String out = OutputDiff.describe("stdout", nat.stdout(), run.stdout(), "native", runner);
        String err = OutputDiff.describe("stderr", nat.stderr(), guestStderr(run), "native", runner);
        if (out == null && err == null && nat.exit() == run.exit()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(title).append(": ").append(runner).append(" differs from native\n");
        sb.append("exit status: native ").append(nat.exit()).append(", ").append(runner).append(' ').append(run.exit())
                .append(nat.exit() == run.exit() ? " (equal)" : " (DIFFERENT)").append('\n');
        sb.append(out == null ? "stdout: equal\n" : out);
        sb.append(err == null ? "stderr: equal\n" : err);
        sb.append(reproduction(c));
        return sb.toString();
    }

    /**
     * The guest's own stderr: when the guest dies of a signal, jx86 (like qemu-user) adds one
     * final line of its own, "jx86: guest terminated by signal N (...)", which the shell would
     * print in a native run; it is the only text removed before comparing.
     */
    static byte[] guestStderr(ProcessRunner.Result run) {
        byte[] e = run.stderr();
        if (run.exit() < 128) return e;
        String s = new String(e, java.nio.charset.StandardCharsets.ISO_8859_1);
        int start = s.lastIndexOf('\n', s.length() - 2) + 1;
        if (s.startsWith("jx86: guest terminated by signal ", start) && s.endsWith("\n"))
            return java.util.Arrays.copyOf(e, start);
        return e;
    }

    private static String reproduction(Case c) {
        return "reproduce:\n  native: " + GuestRunner.reproduce(c.nativeCmd(), TestConfig.stdinFile()) + "\n  "
                + GuestRunner.runnerName() + ": " + GuestRunner.reproduce(c.runnerCmd(), TestConfig.stdinFile()) + "\n"
                + "outputs kept in " + runDir(c.program(), c.variant()) + "/\n";
    }

    private static String tail(String what, String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) {
            return what + ": (empty)\n";
        }
        int from = Math.max(0, lines.size() - 15);
        return what + " (last " + (lines.size() - from) + " lines):\n  " + String.join("\n  ", lines.subList(from, lines.size())) + "\n";
    }

    /**
     * The report as an assertion error without a stack trace: the trace would only show harness
     * frames and bury the diff (the build keeps traces untrimmed for everyone else).
     */
    private static AssertionFailedError report(String message) {
        AssertionFailedError e = new AssertionFailedError(message);
        e.setStackTrace(new StackTraceElement[0]);
        return e;
    }

    private static Path runDir(GuestProgram p, Variant v) {
        return TestConfig.targetDir().resolve("guest-runs").resolve(v.id()).resolve(p.name());
    }

    private static void save(Path dir, String who, ProcessRunner.Result r) throws IOException {
        Files.write(dir.resolve(who + ".stdout"), r.stdout());
        Files.write(dir.resolve(who + ".stderr"), r.stderr());
        Files.writeString(dir.resolve(who + ".status"), (r.timedOut() ? "timeout" : Integer.toString(r.exit())) + "\n");
    }

    private static Case await(Future<Case> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "corpus-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @AfterAll
    static void summary() {
        if (pool != null) {
            pool.shutdownNow();
        }
        int runs = programs * variants;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("corpus: %d programs x %d variants = %d runs, %d passed", programs, variants, runs, PASSED.get()));
        sb.append(String.format(" (%d failed, %d known failures, %d skipped, %d timed out; runner %s, %d jobs, %.1f s)",
                FAILED.get(), KNOWN.get(), SKIPPED.get(), TIMEOUTS.get(), GuestRunner.runnerName(), TestConfig.jobs(),
                (System.nanoTime() - startNanos) / 1e9));
        synchronized (FIXED) {
            for (String id : FIXED) {
                sb.append("\n  now passes, remove from known-failures: ").append(id);
            }
        }
        synchronized (TIMES) {
            if (!TIMES.isEmpty()) {
                sb.append("\n  slowest runs under ").append(GuestRunner.runnerName()).append(':');
                TIMES.stream().sorted(Comparator.reverseOrder()).limit(5).forEach(t -> sb.append("\n  ").append(t));
            }
        }
        System.out.println(sb);
    }
}

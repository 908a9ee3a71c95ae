package org.jx86.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The corpus (gcc -O2 builds) under forced tier 2 (DESIGN.md §3): {@code --region-threshold=2}
 * grows a region from every block that runs twice, so nearly all code runs as tier-2 regions
 * (loops, both sides of branches, guarded returns and indirect calls) rather than tier-1
 * blocks. Output and exit status must equal the native run's, as in {@link NativeVsJx86Test}.
 *
 * <p>A second mode adds {@code --code-cache-limit=64}: the code cache is flushed every few
 * translations (regions included), so eviction, re-translation and the dispatcher's
 * handling of dropped code run all the time; the output must still be the native one.
 * It runs on the programs {@link #EVICTION} names.
 *
 * <p>Programs listed for gcc-O2 in known-failures.txt are skipped here (they fail in every
 * tier). {@code -Djx86.tests.only=REGEX} selects programs.
 */
class Tier2CorpusTest {
    /** Programs also run with a tiny code cache: calls, indirect jumps, self-modifying code. */
    static final List<String> EVICTION = List.of("jit_smc", "func_pointers", "qsort_bsearch", "switch_tables", "recursion");

    private static final List<String> FORCED = List.of("--region-threshold=2");
    private static final List<String> TINY_CACHE = List.of("--region-threshold=2", "--code-cache-limit=64");
    private static ExecutorService pool;

    private record Outcome(String problem) {}

    @TestFactory
    Stream<DynamicNode> corpusUnderTier2() {
        GuestRunner.checkJx86Available();
        KnownFailures known = KnownFailures.load(TestConfig.knownFailuresFile());
        pool = Executors.newFixedThreadPool(TestConfig.jobs(), r -> {
            Thread t = new Thread(r, "tier2-corpus");
            t.setDaemon(true);
            return t;
        });
        List<DynamicNode> nodes = new ArrayList<>();
        for (GuestProgram p : GuestProgram.corpus()) {
            if (known.reason(p.name(), Variant.GCC_O2).isPresent()) continue;
            Future<Outcome> f = pool.submit(() -> run(p, FORCED));
            nodes.add(DynamicTest.dynamicTest(p.name() + " forced tier 2", () -> check(f)));
            if (EVICTION.contains(p.name())) {
                Future<Outcome> g = pool.submit(() -> run(p, TINY_CACHE));
                nodes.add(DynamicTest.dynamicTest(p.name() + " forced tier 2, code cache of 64", () -> check(g)));
            }
        }
        return nodes.stream();
    }

    @AfterAll
    static void shutdown() {
        if (pool != null) pool.shutdownNow();
    }

    private static void check(Future<Outcome> f) throws Exception {
        String problem = f.get().problem();
        if (problem != null) throw new AssertionFailedError(problem);
    }

    private static Outcome run(GuestProgram p, List<String> options) throws Exception {
        Path binary = GuestBuild.build(p, Variant.GCC_O2);
        List<String> nativeCmd = GuestRunner.nativeCommand(binary, TestConfig.GUEST_ARGS);
        List<String> cmd = new ArrayList<>(GuestRunner.jx86Command());
        cmd.addAll(options);
        cmd.add(binary.toString());
        cmd.addAll(TestConfig.GUEST_ARGS);
        Path dir = TestConfig.targetDir().resolve("guest-runs/tier2/" + p.name() + (options.size() > 1 ? "-tiny-cache" : ""));
        java.nio.file.Files.createDirectories(dir);
        ProcessRunner.Result nat = ProcessRunner.run(nativeCmd, TestConfig.GUEST_ENV, TestConfig.stdinFile(), dir,
                TestConfig.NATIVE_TIMEOUT);
        ProcessRunner.Result run = ProcessRunner.run(cmd, TestConfig.GUEST_ENV, TestConfig.stdinFile(), dir,
                GuestRunner.timeout());
        String title = p.name() + " " + options;
        String repro = "reproduce: " + GuestRunner.reproduce(cmd, TestConfig.stdinFile()) + "\n";
        if (run.timedOut()) return new Outcome(title + ": timed out\n" + repro);
        String out = OutputDiff.describe("stdout", nat.stdout(), run.stdout(), "native", "jx86");
        String err = OutputDiff.describe("stderr", nat.stderr(), NativeVsJx86Test.guestStderr(run), "native", "jx86");
        if (out == null && err == null && nat.exit() == run.exit()) return new Outcome(null);
        return new Outcome(title + ": differs from native; exit native " + nat.exit() + ", jx86 " + run.exit() + "\n"
                + Optional.ofNullable(out).orElse("stdout: equal\n") + Optional.ofNullable(err).orElse("stderr: equal\n") + repro);
    }
}

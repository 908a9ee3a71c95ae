package org.jx86.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Paths and the {@code jx86.tests.*} system properties shared by the guest-program tests.
 * Everything a run depends on is fixed here so a failure can be reproduced from its message.
 */
public final class TestConfig {
    private TestConfig() {}

    /** Main class of the jx86 command line, run as {@code java -cp CP MAIN run [opts] PROGRAM ARGS}. */
    public static final String JX86_MAIN = "org.jx86.runtime.cli.Main";

    /** Arguments passed to every corpus program (after argv[0]); shell metacharacters are deliberate. */
    public static final List<String> GUEST_ARGS =
            List.of("alpha", "beta gamma", "42", "--flag=x y", "", "*?$HOME");

    /** The whole environment of every guest (and of the JVM running jx86); nothing is inherited. */
    public static final Map<String, String> GUEST_ENV = fixedEnv();

    private static Map<String, String> fixedEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("LANG", "C");
        env.put("HOME", "/tmp");
        env.put("JX86_TEST", "1");
        return Collections.unmodifiableMap(env);
    }

    /** Timeout of one native run of a corpus program. */
    public static final Duration NATIVE_TIMEOUT = Duration.ofSeconds(30);

    /** The {@code tests/} module directory (works from the reactor root and from the module). */
    public static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        Path p = (basedir != null ? Path.of(basedir) : Path.of("")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("src/test/c")) && Files.isDirectory(p.resolve("tests/src/test/c"))) {
            p = p.resolve("tests");
        }
        return p;
    }

    public static Path corpusDir() {
        return moduleDir().resolve("src/test/c/corpus");
    }

    public static Path targetDir() {
        return moduleDir().resolve("target");
    }

    /** Fixed standard input fed to every corpus program. */
    public static Path stdinFile() {
        return moduleDir().resolve("src/test/resources/corpus-stdin.txt");
    }

    public static Path knownFailuresFile() {
        return moduleDir().resolve("src/test/resources/known-failures.txt");
    }

    /** {@code jx86.tests.variants}: comma-separated variant ids; default all. */
    public static List<Variant> variants() {
        String v = System.getProperty("jx86.tests.variants", "").trim();
        if (v.isEmpty() || v.equals("all")) {
            return List.of(Variant.values());
        }
        List<Variant> out = new ArrayList<>();
        for (String id : v.split("[,\\s]+")) {
            if (!id.isEmpty()) {
                out.add(Variant.byId(id));
            }
        }
        return out;
    }

    /** {@code jx86.tests.only}: regex searched in the program name; null when absent. */
    public static Pattern only() {
        String v = System.getProperty("jx86.tests.only", "").trim();
        return v.isEmpty() ? null : Pattern.compile(v);
    }

    /** {@code jx86.tests.runner}: jx86 (default), native, or prefix:CMD ARGS. */
    public static String runner() {
        return System.getProperty("jx86.tests.runner", "jx86").trim();
    }

    public static boolean isJx86Runner() {
        return runner().equals("jx86");
    }

    public static int jobs() {
        return Math.max(1, Integer.getInteger("jx86.tests.jobs", 2));
    }

    /** {@code jx86.tests.timeout}: seconds per run under the runner (default 120). */
    public static Duration runnerTimeout() {
        return Duration.ofSeconds(Long.getLong("jx86.tests.timeout", 120L));
    }

    /**
     * {@code jx86.tests.maxTimeouts}: after this many runs time out, the remaining cases fail at once
     * instead of each waiting for the timeout (default 6, so a hanging jx86 costs minutes, not hours).
     */
    public static int maxTimeouts() {
        return Math.max(1, Integer.getInteger("jx86.tests.maxTimeouts", 6));
    }

    public static List<String> jvmArgs() {
        return split(System.getProperty("jx86.tests.jvmArgs", ""));
    }

    public static List<String> jx86Args() {
        return split(System.getProperty("jx86.tests.jx86Args", ""));
    }

    /** {@code jx86.tests.skipNeeds}: features whose programs are skipped (e.g. x87). */
    public static Set<String> skipNeeds() {
        return new TreeSet<>(split(System.getProperty("jx86.tests.skipNeeds", "").replace(',', ' ')));
    }

    public static boolean forceRebuild() {
        return Boolean.getBoolean("jx86.tests.rebuild");
    }

    private static List<String> split(String s) {
        s = s.trim();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }
}

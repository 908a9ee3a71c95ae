package org.jx86.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Builds the command lines that run a guest natively and under the runner chosen by
 * {@code jx86.tests.runner}:
 * <ul>
 *   <li>{@code jx86} (default): {@code java -Xss16m -cp CP org.jx86.runtime.cli.Main run [opts] BINARY ARGS}
 *   <li>{@code native}: the binary itself, to self-test the harness while jx86 cannot run yet
 *   <li>{@code prefix:CMD ARGS}: {@code CMD ARGS BINARY ARGS}, e.g. {@code prefix:qemu-x86_64}
 * </ul>
 */
public final class GuestRunner {
    private GuestRunner() {}

    private static volatile String classpath;

    /** The command that runs {@code binary} natively. */
    public static List<String> nativeCommand(Path binary, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(args);
        return cmd;
    }

    /** The command that runs {@code binary} under the configured runner. */
    public static List<String> runnerCommand(Path binary, List<String> args) {
        String runner = TestConfig.runner();
        List<String> cmd = new ArrayList<>();
        if (runner.equals("native")) {
            return nativeCommand(binary, args);
        } else if (runner.startsWith("prefix:")) {
            for (String w : runner.substring("prefix:".length()).trim().split("\\s+")) {
                cmd.add(w);
            }
            cmd.add(binary.toString());
        } else if (runner.equals("jx86")) {
            cmd.addAll(jx86Command());
            cmd.add(binary.toString());
        } else {
            throw new IllegalArgumentException("jx86.tests.runner must be jx86, native or prefix:CMD, not '" + runner + "'");
        }
        cmd.addAll(args);
        return cmd;
    }

    /** {@code java -Xss16m [jvmArgs] -cp CP Main run [jx86Args]}; append the program and its args. */
    public static List<String> jx86Command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xss16m");
        cmd.addAll(TestConfig.jvmArgs());
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(TestConfig.JX86_MAIN);
        cmd.add("run");
        cmd.addAll(TestConfig.jx86Args());
        return cmd;
    }

    /** Name of the runner for reports ("jx86", "native", or the prefix command). */
    public static String runnerName() {
        String r = TestConfig.runner();
        return r.startsWith("prefix:") ? r.substring(7).trim() : r;
    }

    /** Fails with a clear message when the jx86 main class is not on the test classpath. */
    public static void checkJx86Available() {
        try {
            Class.forName(TestConfig.JX86_MAIN, false, GuestRunner.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the jx86 command line " + TestConfig.JX86_MAIN + " is not on the test classpath"
                    + " (is jx86-runtime built? try `mvn -pl tests -am test`); to self-test the harness without jx86"
                    + " use -Djx86.tests.runner=native");
        }
    }

    /**
     * The test JVM's classpath, which contains jx86-runtime and its dependencies. Surefire hides it
     * behind a manifest-only booter jar, so that jar's Class-Path is expanded; the result is also
     * written to {@code target/jx86-classpath.txt} for the reproduction commands in reports.
     */
    public static String classpath() {
        String cp = classpath;
        if (cp == null) {
            cp = System.getProperty("surefire.test.class.path");
            if (cp == null || cp.isBlank()) {
                cp = expandManifestOnlyJar(System.getProperty("java.class.path"));
            }
            classpath = cp;
            try {
                Files.createDirectories(TestConfig.targetDir());
                Files.writeString(classpathFile(), cp + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cp;
    }

    public static Path classpathFile() {
        return TestConfig.targetDir().resolve("jx86-classpath.txt");
    }

    private static String expandManifestOnlyJar(String cp) {
        String[] entries = cp.split(File.pathSeparator);
        if (entries.length != 1 || !entries[0].endsWith(".jar")) {
            return cp;
        }
        try (JarFile jar = new JarFile(entries[0])) {
            Manifest m = jar.getManifest();
            String classPath = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return cp;
            }
            List<String> out = new ArrayList<>();
            Path base = Path.of(entries[0]).toAbsolutePath().getParent();
            for (String e : classPath.trim().split("\\s+")) {
                URI uri = base.toUri().resolve(e);
                out.add(Path.of(uri).toString());
            }
            return String.join(File.pathSeparator, out);
        } catch (IOException | IllegalArgumentException e) {
            return cp;
        }
    }

    /** A shell line reproducing a run of {@code cmd} with the fixed environment and stdin. */
    public static String reproduce(List<String> cmd, Path stdin) {
        StringBuilder sb = new StringBuilder("env -i");
        TestConfig.GUEST_ENV.forEach((k, v) -> sb.append(' ').append(k).append('=').append(ProcessRunner.shellQuote(v)));
        List<String> shown = new ArrayList<>(cmd);
        int cpAt = shown.indexOf("-cp");
        String cpArg = null;
        if (cpAt >= 0 && cpAt + 1 < shown.size()) {
            cpArg = shown.get(cpAt + 1);
            shown.set(cpAt + 1, "@CP@");
        }
        String line = ProcessRunner.shellQuote(shown);
        if (cpArg != null) {
            line = line.replace("@CP@", "\"$(cat " + classpathFile() + ")\"");
        }
        sb.append(' ').append(line);
        if (stdin != null) {
            sb.append(" < ").append(ProcessRunner.shellQuote(stdin.toString()));
        }
        return sb.toString();
    }

    /** Timeout for runs under the configured runner. */
    public static Duration timeout() {
        return TestConfig.runnerTimeout();
    }
}

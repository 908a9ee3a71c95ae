package org.jx86.tests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles corpus programs into {@code target/guests/<variant>/<name>}.
 *
 * <p>Each binary has a {@code <name>.stamp} next to it holding the SHA-256 of the source, the
 * full command line and the compiler's {@code --version}; a build whose stamp matches is skipped,
 * so a second run of the suite compiles nothing. Output goes to a temporary file that is moved
 * into place, so concurrent builds (the tests build on {@link TestConfig#jobs()} threads) never
 * see half-written binaries. A missing compiler is an error naming the package to install, never
 * a silent skip; pick variants with {@code -Djx86.tests.variants=...} instead.
 */
public final class GuestBuild {
    private GuestBuild() {}

    /** Raised when a program cannot be built; the message is meant for the test report. */
    public static final class BuildException extends Exception {
        private static final long serialVersionUID = 1L;

        public BuildException(String message) {
            super(message);
        }
    }

    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(180);
    private static final Map<String, Optional<String>> COMPILER_VERSION = new ConcurrentHashMap<>();

    /** Where the binary of {@code name} built as {@code v} lives. */
    public static Path output(Variant v, String name) {
        return TestConfig.targetDir().resolve("guests").resolve(v.id()).resolve(name);
    }

    /** Builds a corpus program (cached). */
    public static Path build(GuestProgram p, Variant v) throws BuildException {
        return build(p.source(), v, output(v, p.name()), p.cflags());
    }

    /** Builds {@code source} as {@code v} into {@code out} unless the stamp says it is up to date. */
    public static Path build(Path source, Variant v, Path out) throws BuildException {
        return build(source, v, out, List.of());
    }

    /** As {@link #build(Path, Variant, Path)}, with extra compiler flags after the variant's. */
    public static Path build(Path source, Variant v, Path out, List<String> cflags) throws BuildException {
        String version = compilerVersion(v)
                .orElseThrow(() -> new BuildException(v.compiler() + " not found on PATH, needed for variant " + v.id()
                        + ": install it with `" + v.installHint() + "`"
                        + " (or choose variants with -Djx86.tests.variants=" + otherVariants(v) + ")"));
        List<String> cmd = command(v, source, out, cflags);
        String stamp;
        try {
            stamp = stamp(Files.readAllBytes(source), cmd, version);
            Path stampFile = stampFile(out);
            if (!TestConfig.forceRebuild() && Files.isExecutable(out) && Files.exists(stampFile)
                    && Files.readString(stampFile).trim().equals(stamp)) {
                return out;
            }
            Files.createDirectories(out.getParent());
            Path tmp = Files.createTempFile(out.getParent(), "." + out.getFileName(), ".tmp");
            List<String> real = new ArrayList<>(cmd);
            real.set(real.indexOf("-o") + 1, tmp.toString());
            ProcessRunner.Result r = ProcessRunner.run(real, null, null, null, COMPILE_TIMEOUT);
            if (r.timedOut() || r.exit() != 0) {
                Files.deleteIfExists(tmp);
                throw new BuildException("compiling " + source.getFileName() + " as " + v.id() + " failed ("
                        + (r.timedOut() ? "timed out" : "exit " + r.exit()) + "):\n  " + String.join(" ", cmd) + "\n"
                        + r.stdoutText() + r.stderrText());
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(stampFile, stamp + "\n");
            return out;
        } catch (IOException e) {
            throw new BuildException("compiling " + source + " as " + v.id() + ": " + e);
        }
    }

    /** The compile command line, as printed in reports. */
    public static List<String> command(Variant v, Path source, Path out) {
        return command(v, source, out, List.of());
    }

    /** The compile command line with extra flags (a program's {@code jx86-cflags}). */
    public static List<String> command(Variant v, Path source, Path out, List<String> cflags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(v.compiler());
        cmd.addAll(v.flags());
        cmd.addAll(cflags);
        cmd.add("-w");
        cmd.add("-o");
        cmd.add(out.toString());
        cmd.add(source.toString());
        cmd.add("-lm");
        return cmd;
    }

    /** First line of {@code compiler --version}, or empty when the compiler is not on PATH. */
    public static Optional<String> compilerVersion(Variant v) {
        return COMPILER_VERSION.computeIfAbsent(v.compiler(), c -> {
            if (findOnPath(c).isEmpty()) {
                return Optional.empty();
            }
            try {
                ProcessRunner.Result r = ProcessRunner.run(List.of(c, "--version"), null, null, null, Duration.ofSeconds(30));
                String text = r.stdoutText() + r.stderrText();
                return Optional.of(text.lines().findFirst().orElse(c));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    static Optional<Path> findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, exe);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static Path stampFile(Path out) {
        return out.resolveSibling(out.getFileName() + ".stamp");
    }

    private static String stamp(byte[] source, List<String> cmd, String version) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(source);
            // the output path is part of cmd but not of the identity of the build
            md.update(String.join("\0", cmd.subList(0, cmd.indexOf("-o"))).getBytes(StandardCharsets.UTF_8));
            md.update(String.join("\0", cmd.subList(cmd.indexOf("-o") + 2, cmd.size())).getBytes(StandardCharsets.UTF_8));
            md.update(version.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String otherVariants(Variant missing) {
        List<String> ids = new ArrayList<>();
        for (Variant v : Variant.values()) {
            if (!v.compiler().equals(missing.compiler())) {
                ids.add(v.id());
            }
        }
        return String.join(",", ids);
    }
}

package org.jx86.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One corpus program: its name (file name without {@code .c}), source, the features it
 * declares in a {@code jx86-test: needs=x87,...} comment near the top of the file, and the
 * extra compiler flags of a {@code jx86-cflags: -msse4.2 -mbmi2 ...} comment there (added to
 * every variant's command line, e.g. to enable instruction-set extensions).
 */
public record GuestProgram(String name, Path source, Set<String> needs, List<String> cflags) {
    private static final Pattern DIRECTIVE = Pattern.compile("jx86-test:\\s*needs=([\\w,]+)");
    private static final Pattern CFLAGS = Pattern.compile("jx86-cflags:((?:\\s+-[\\w.=,+-]+)+)");

    public static GuestProgram of(Path source) {
        String file = source.getFileName().toString();
        String name = file.substring(0, file.length() - 2);
        Set<String> needs = new TreeSet<>();
        List<String> cflags = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(source);
            for (String line : lines.subList(0, Math.min(10, lines.size()))) {
                Matcher f = CFLAGS.matcher(line);
                if (f.find()) {
                    cflags.addAll(List.of(f.group(1).trim().split("\\s+")));
                }
                Matcher m = DIRECTIVE.matcher(line);
                if (m.find()) {
                    for (String n : m.group(1).split(",")) {
                        if (!n.isEmpty()) {
                            needs.add(n);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GuestProgram(name, source, Set.copyOf(needs), List.copyOf(cflags));
    }

    /** All corpus programs, sorted by name, filtered by {@code jx86.tests.only}. */
    public static List<GuestProgram> corpus() {
        Pattern only = TestConfig.only();
        List<GuestProgram> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestConfig.corpusDir())) {
            files.filter(p -> p.getFileName().toString().endsWith(".c"))
                    .sorted()
                    .map(GuestProgram::of)
                    .filter(g -> only == null || only.matcher(g.name()).find())
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every program name in the corpus, ignoring filters (to validate known-failures.txt). */
    public static Set<String> allNames() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(TestConfig.corpusDir())) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".c"))
                    .forEach(f -> names.add(f.substring(0, f.length() - 2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}

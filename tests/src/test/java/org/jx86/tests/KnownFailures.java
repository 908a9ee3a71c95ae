package org.jx86.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code known-failures.txt}: one {@code PROGRAM VARIANT  # reason} per line, {@code *} for every
 * variant, {@code #} comments and blank lines ignored (FEX's {@code Known_Failures} files).
 */
public final class KnownFailures {
    private final Map<String, String> reasons = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private KnownFailures() {}

    public static KnownFailures load(Path file) {
        KnownFailures k = new KnownFailures();
        if (!Files.exists(file)) {
            return k;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> programs = GuestProgram.allNames();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String reason = "";
            int hash = line.indexOf('#');
            if (hash >= 0) {
                reason = line.substring(hash + 1).trim();
                line = line.substring(0, hash);
            }
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = file.getFileName() + ":" + (i + 1) + ": ";
            String[] f = line.split("\\s+");
            if (f.length != 2) {
                k.problems.add(where + "expected 'PROGRAM VARIANT  # reason', got '" + lines.get(i) + "'");
                continue;
            }
            if (!programs.contains(f[0])) {
                k.problems.add(where + "no corpus program named '" + f[0] + "'");
            }
            if (!f[1].equals("*")) {
                try {
                    Variant.byId(f[1]);
                } catch (IllegalArgumentException e) {
                    k.problems.add(where + e.getMessage());
                }
            }
            if (reason.isEmpty()) {
                k.problems.add(where + "every known failure needs a reason after '#'");
            }
            k.reasons.put(f[0] + " " + f[1], reason.isEmpty() ? "(no reason given)" : reason);
        }
        return k;
    }

    /** The reason when (program, variant) is listed, directly or with {@code *}. */
    public Optional<String> reason(String program, Variant v) {
        String r = reasons.get(program + " " + v.id());
        if (r == null) {
            r = reasons.get(program + " *");
        }
        return Optional.ofNullable(r);
    }

    /** Malformed lines, unknown programs or variants, missing reasons. */
    public List<String> problems() {
        return problems;
    }

    public int size() {
        return reasons.size();
    }
}

package org.jx86.tests;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A short unified-style diff of the first region where two outputs differ: a few context lines,
 * the removed ({@code -}, expected) and added ({@code +}, actual) lines up to the point where
 * both sides agree again, and whether more differences follow. Enough to see a wrong digit or a
 * missing line without opening files; the full outputs stay in {@code target/guest-runs/}.
 */
public final class OutputDiff {
    private OutputDiff() {}

    private static final int CONTEXT = 3;
    private static final int MAX_SHOWN = 12;
    private static final int RESYNC_WINDOW = 200;
    private static final int MAX_LINE = 300;

    /** Null when equal, else a description of the first differing region. */
    public static String describe(String what, byte[] expected, byte[] actual, String expectedName, String actualName) {
        if (Arrays.equals(expected, actual)) {
            return null;
        }
        List<String> e = lines(expected);
        List<String> a = lines(actual);
        StringBuilder sb = new StringBuilder();
        sb.append(what).append(" differs: ").append(expectedName).append(' ').append(expected.length)
                .append(" bytes / ").append(e.size()).append(" lines, ").append(actualName).append(' ')
                .append(actual.length).append(" bytes / ").append(a.size()).append(" lines");
        int first = 0;
        while (first < e.size() && first < a.size() && e.get(first).equals(a.get(first))) {
            first++;
        }
        if (first == e.size() && first == a.size()) {
            int off = 0;
            while (off < expected.length && off < actual.length && expected[off] == actual[off]) {
                off++;
            }
            return sb.append("; the lines match, the bytes differ from offset ").append(off)
                    .append(" (final newline or invalid UTF-8)\n").toString();
        }
        sb.append("; first difference at line ").append(first + 1).append('\n');

        // resync: the smallest i + j such that e[first+i..] and a[first+j..] agree for two lines (or both end)
        int di = e.size() - first;
        int dj = a.size() - first;
        boolean synced = false;
        search:
        for (int sum = 1; sum <= 2 * RESYNC_WINDOW; sum++) {
            for (int i = Math.max(0, sum - RESYNC_WINDOW); i <= Math.min(sum, RESYNC_WINDOW); i++) {
                int j = sum - i;
                if (agree(e, first + i, a, first + j)) {
                    di = i;
                    dj = j;
                    synced = true;
                    break search;
                }
            }
        }
        int from = Math.max(0, first - CONTEXT);
        sb.append("--- ").append(expectedName).append('\n').append("+++ ").append(actualName).append('\n');
        sb.append("@@ -").append(from + 1).append(',').append(first - from + di).append(" +").append(from + 1)
                .append(',').append(first - from + dj).append(" @@\n");
        for (int i = from; i < first; i++) {
            sb.append("  ").append(clip(e.get(i))).append('\n');
        }
        appendLines(sb, "- ", e, first, di);
        appendLines(sb, "+ ", a, first, dj);
        if (!synced) {
            sb.append("(no common lines within ").append(RESYNC_WINDOW).append(" lines after the first difference)\n");
        } else {
            int restE = first + di;
            int restA = first + dj;
            boolean restEqual = e.subList(Math.min(restE, e.size()), e.size()).equals(a.subList(Math.min(restA, a.size()), a.size()));
            sb.append(restEqual ? "(the rest is identical)\n" : "(more differences follow)\n");
        }
        return sb.toString();
    }

    private static boolean agree(List<String> e, int i, List<String> a, int j) {
        if (i > e.size() || j > a.size()) {
            return false;
        }
        if (i == e.size() || j == a.size()) {
            return i == e.size() && j == a.size();
        }
        if (!e.get(i).equals(a.get(j))) {
            return false;
        }
        return i + 1 == e.size() || j + 1 == a.size() ? i + 1 == e.size() && j + 1 == a.size() : e.get(i + 1).equals(a.get(j + 1));
    }

    private static void appendLines(StringBuilder sb, String mark, List<String> l, int from, int count) {
        int shown = Math.min(count, MAX_SHOWN);
        for (int i = from; i < from + shown && i < l.size(); i++) {
            sb.append(mark).append(clip(l.get(i))).append('\n');
        }
        if (count > shown) {
            sb.append(mark).append("... (").append(count - shown).append(" more lines)\n");
        }
    }

    private static List<String> lines(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).lines().toList();
    }

    private static String clip(String s) {
        String v = s.replace("\t", "\\t").replace("\r", "\\r");
        return v.length() > MAX_LINE ? v.substring(0, MAX_LINE) + "... (" + v.length() + " chars)" : v;
    }
}

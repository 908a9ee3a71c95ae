package org.jx86.runtime.profile;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collapsed stacks, the input format of flamegraph.pl and speedscope: one line per distinct
 * stack, {@code outer;...;leaf count}, frames named by function (see {@link Symbolizer}).
 */
final class CollapsedWriter {
    private CollapsedWriter() {}

    static void write(ProfileReport r, PrintWriter out) {
        for (Map.Entry<List<String>, Long> e : sorted(r.stacks))
            out.println(String.join(";", clean(e.getKey())) + " " + e.getValue());
        out.flush();
    }

    /** Most samples first, then by stack text, so output is stable. */
    static List<Map.Entry<List<String>, Long>> sorted(Map<List<String>, Long> stacks) {
        List<Map.Entry<List<String>, Long>> l = new ArrayList<>(stacks.entrySet());
        l.sort((a, b) -> a.getValue().equals(b.getValue()) ? String.join(";", a.getKey()).compareTo(String.join(";", b.getKey()))
            : Long.compare(b.getValue(), a.getValue()));
        return l;
    }

    /** Frame names may not contain the separators of the format. */
    private static List<String> clean(List<String> frames) {
        List<String> out = new ArrayList<>(frames.size());
        for (String f : frames) out.add(f.replace(';', ':').replace(' ', '_').replace('\n', '_'));
        return out;
    }
}

package org.jx86.runtime.profile;

import java.io.PrintWriter;

/** The terminal report: a summary line, the table of hot blocks, then any details asked for. */
final class TableWriter {
    private TableWriter() {}

    static void write(ProfileReport r, PrintWriter out) {
        out.printf("jx86 profile: %s: %d samples every %s, %d blocks translated, %d compiled%n", r.program, r.samples,
            interval(r.intervalNanos), r.translated, r.compiled);
        int symWidth = 24;
        for (ProfileReport.Row row : r.rows) symWidth = Math.min(48, Math.max(symWidth, row.block().label().length()));
        String fmt = "%4s  %-33s  %-" + symWidth + "s  %14s  %8s  %6s  %-6s  %5s%n";
        out.printf(fmt, "#", "address range", "symbol", "executions", "samples", "share", "tier", "insns");
        for (ProfileReport.Row row : r.rows) {
            BlockInfo b = row.block();
            String label = b.label();
            if (label.length() > symWidth) label = label.substring(0, symWidth - 1) + "~";
            out.printf(fmt, row.rank(), ProfileReport.hex(b.rip) + "-" + ProfileReport.hex(b.end), label, b.execCount(),
                b.samples, String.format("%.1f%%", 100 * row.share()), b.tier() + (b.translation.valid ? "" : "*"),
                b.insns);
        }
        if (r.rows.stream().anyMatch(row -> !row.block().translation.valid)) out.println("  * invalidated since (code written or unmapped)");
        if (r.missingBlock != null) out.println("jx86 profile: " + r.missingBlock);
        for (ProfileReport.Row row : r.detailed) {
            BlockInfo b = row.block();
            out.printf("%n--- #%d %s-%s %s (%s, %d executions) ---%n", row.rank(), ProfileReport.hex(b.rip),
                ProfileReport.hex(b.end), b.label(), b.tier(), b.execCount());
            if (row.disasm() != null) out.print("guest code:\n" + row.disasm());
            if (row.ir() != null) out.print("IR:\n" + row.ir());
            if (row.bytecode() != null) out.print("bytecode:\n" + row.bytecode());
        }
        out.flush();
    }

    static String interval(long nanos) {
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + " ms" : nanos / 1000 + " us";
    }
}

package org.jx86.runtime.profile;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The report as one JSON object (fields documented in docs/profiling.md). */
final class JsonWriter {
    private JsonWriter() {}

    static void write(ProfileReport r, PrintWriter out) {
        out.print(json(r));
        out.println();
        out.flush();
    }

    static String json(ProfileReport r) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\"program\":").append(Json.quote(r.program))
            .append(",\"interval_ns\":").append(r.intervalNanos)
            .append(",\"samples\":").append(r.samples)
            .append(",\"blocks_translated\":").append(r.translated)
            .append(",\"blocks_compiled\":").append(r.compiled);
        if (r.missingBlock != null) sb.append(",\"error\":").append(Json.quote(r.missingBlock));
        sb.append(",\"blocks\":[");
        appendRows(sb, r.rows);
        sb.append("],\"details\":[");
        appendRows(sb, r.detailed);
        sb.append("],\"stacks\":[");
        boolean first = true;
        for (Map.Entry<List<String>, Long> e : CollapsedWriter.sorted(r.stacks)) {
            if (!first) sb.append(',');
            first = false;
            sb.append("{\"frames\":[");
            for (int i = 0; i < e.getKey().size(); i++) sb.append(i > 0 ? "," : "").append(Json.quote(e.getKey().get(i)));
            sb.append("],\"samples\":").append(e.getValue()).append('}');
        }
        return sb.append("]}").toString();
    }

    private static void appendRows(StringBuilder sb, List<ProfileReport.Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            ProfileReport.Row row = rows.get(i);
            BlockInfo b = row.block();
            if (i > 0) sb.append(',');
            sb.append("{\"rank\":").append(row.rank())
                .append(",\"start\":").append(Json.quote(ProfileReport.hex(b.rip)))
                .append(",\"end\":").append(Json.quote(ProfileReport.hex(b.end)))
                .append(",\"symbol\":").append(Json.quote(b.label()))
                .append(",\"function\":").append(Json.quote(b.where.function()))
                .append(",\"module\":").append(Json.quote(b.where.module()))
                .append(",\"exec_count\":").append(b.execCount())
                .append(",\"samples\":").append(b.samples)
                .append(",\"share\":").append(String.format(java.util.Locale.ROOT, "%.6f", row.share()))
                .append(",\"tier\":").append(Json.quote(b.tier()))
                .append(",\"valid\":").append(b.translation.valid)
                .append(",\"insns\":").append(b.insns);
            if (row.disasm() != null) sb.append(",\"disasm\":").append(Json.quote(row.disasm()));
            if (row.ir() != null) sb.append(",\"ir\":").append(Json.quote(row.ir()));
            if (row.bytecode() != null) sb.append(",\"bytecode\":").append(Json.quote(row.bytecode()));
            sb.append('}');
        }
    }
}

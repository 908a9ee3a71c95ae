package org.jx86.runtime.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jx86.ir.IrPrinter;
import org.jx86.jit.BytecodeCompiler;

/**
 * What a profile run found, ready for the writers: the hot blocks (most samples first, then
 * most executions), the named stack samples, and the details asked for.
 */
public final class ProfileReport {
    /** Which details to include, for which blocks. */
    public record Options(int top, boolean disasm, boolean ir, boolean bytecode, Long block) {
        boolean anyDetail() { return disasm || ir || bytecode; }
    }

    /** One row. Details are null unless asked for. */
    record Row(int rank, BlockInfo block, double share, String disasm, String ir, String bytecode) {}

    final String program;
    final long intervalNanos;
    final long samples;
    final int translated;
    final int compiled;
    final List<Row> rows = new ArrayList<>();
    /** Rows with details (the top rows, or the --block one). */
    final List<Row> detailed = new ArrayList<>();
    final Map<List<String>, Long> stacks;
    /** Set when --block named an address no block contains. */
    final String missingBlock;

    public ProfileReport(Instrumentation inst, String program, long intervalNanos, Options o) {
        this.program = program;
        this.intervalNanos = intervalNanos;
        this.samples = inst.samples();
        List<BlockInfo> all = inst.blocks();
        this.translated = all.size();
        this.compiled = (int) all.stream().filter(b -> b.translation.code != null).count();
        all.sort(Comparator.comparingLong((BlockInfo b) -> b.samples).thenComparingLong(BlockInfo::execCount)
            .reversed().thenComparingLong(b -> b.rip));
        this.stacks = inst.namedStacks();
        BytecodeCompiler compiler = o.bytecode() ? new BytecodeCompiler() : null;
        String missing = null;
        BlockInfo wanted = null;
        if (o.block() != null) {
            long a = o.block();
            for (BlockInfo b : all) {
                if (a >= b.rip && a < Math.max(b.end, b.rip + 1) && wanted == null) wanted = b;
            }
            if (wanted == null) missing = "no translated block contains 0x" + Long.toHexString(a);
        }
        this.missingBlock = missing;
        for (int i = 0; i < all.size() && i < o.top(); i++) {
            BlockInfo b = all.get(i);
            Row r = o.anyDetail() && o.block() == null ? withDetails(i + 1, b, o, compiler) : new Row(i + 1, b, share(b), null, null, null);
            rows.add(r);
            if (r.disasm() != null || r.ir() != null || r.bytecode() != null) detailed.add(r);
        }
        if (wanted != null) detailed.add(withDetails(all.indexOf(wanted) + 1, wanted,
            o.anyDetail() ? o : new Options(o.top(), true, true, false, o.block()), compiler));
    }

    private double share(BlockInfo b) { return samples == 0 ? 0 : (double) b.samples / samples; }

    private Row withDetails(int rank, BlockInfo b, Options o, BytecodeCompiler compiler) {
        return new Row(rank, b, share(b), o.disasm() ? GuestCode.listing(b.code, b.rip, false) : null,
            o.ir() ? ir(b) : null, o.bytecode() ? bytecode(b, compiler) : null);
    }

    private static String ir(BlockInfo b) {
        try {
            return IrPrinter.format(b.translation.ir);
        } catch (RuntimeException e) {
            return "(IR not available: " + e + ")";
        }
    }

    private static String bytecode(BlockInfo b, BytecodeCompiler compiler) {
        try {
            return compiler.listing(b.translation.ir);
        } catch (RuntimeException e) {
            return "(bytecode not available: " + e + ")";
        }
    }

    static String hex(long a) { return "0x" + Long.toHexString(a); }
}

package org.jx86.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jx86.runtime.EngineOptions;
import org.jx86.runtime.linux.GuestLoadException;
import org.jx86.runtime.profile.ProfileReport;
import org.jx86.runtime.profile.ProfileSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code jx86 profile [options] PROGRAM [ARGS...]}: runs the program like {@code run} (same
 * options; the guest keeps its stdout and stderr) and then reports its hot translated blocks.
 * See docs/profiling.md.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Run an x86-64 Linux program and report its hot translated blocks.",
        "Takes the options of 'run'. The report goes to stderr, or to --output FILE."})
public final class ProfileCommand extends RunCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stderr.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "table (default), json, collapsed (flame-graph stacks) or html (self-contained page).")
    ProfileSession.Format format = ProfileSession.Format.TABLE;

    @Option(names = "--interval", paramLabel = "TIME", converter = IntervalConverter.class,
        description = "Sampling interval: 1ms (default), 250us, 2ms; a bare number is milliseconds.")
    long intervalNanos = 1_000_000;

    @Option(names = "--top", paramLabel = "N", description = "Blocks to list (default 20).")
    int top = 20;

    @Option(names = "--disasm", description = "Show the guest code of the listed blocks.")
    boolean disasm;

    @Option(names = "--ir", description = "Show the IR (after optimisation) of the listed blocks.")
    boolean ir;

    @Option(names = "--bytecode", description = "Show the JVM bytecode of the listed blocks.")
    boolean bytecode;

    @Option(names = "--block", paramLabel = "ADDR", converter = RunCommand.SeedConverter.class,
        description = "Show details (default: code and IR) for the block containing ADDR only.")
    Long block;

    private ProfileSession session;

    @Override
    EngineOptions engineOptions() throws GuestLoadException {
        EngineOptions e = super.engineOptions();
        // Blocks inside a tier-2 region run without passing the dispatcher, where execution
        // counts and samples are taken; until regions count their blocks themselves, the
        // profiler runs tier 1 only so every count is exact (docs/profiling.md).
        e.regionThreshold = 0;
        session = new ProfileSession(debugLog(), intervalNanos);
        e.listener = session.listener();
        session.start();
        return e;
    }

    @Override
    int finish(int status, PrintWriter err) {
        status = super.finish(status, err);
        if (session == null) return status;   // the guest never started
        String shown = program != null ? program : DemoGuest.NAME;
        ProfileReport.Options o = new ProfileReport.Options(Math.max(0, top), disasm, ir, bytecode, block);
        if (output == null) {
            session.finish(shown, o, format, err);
            return status;
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            session.finish(shown, o, format, out);
        } catch (IOException e) {
            err.println("jx86: cannot write " + output + ": " + e.getMessage());
            return ExitStatus.IO_ERROR;
        }
        return status;
    }

    /** "1ms", "250us", "2" (ms) to nanoseconds. */
    static final class IntervalConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String v) {
            String s = v.trim().toLowerCase(java.util.Locale.ROOT);
            double scale = 1e6;
            if (s.endsWith("us")) { scale = 1e3; s = s.substring(0, s.length() - 2); }
            else if (s.endsWith("ms")) s = s.substring(0, s.length() - 2);
            else if (s.endsWith("s")) { scale = 1e9; s = s.substring(0, s.length() - 1); }
            double d;
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--interval: not a duration: '" + v + "'");
            }
            if (!(d * scale >= 10_000) || d * scale > 10e9)
                throw new IllegalArgumentException("--interval must be between 10us and 10s, got '" + v + "'");
            return (long) (d * scale);
        }
    }
}

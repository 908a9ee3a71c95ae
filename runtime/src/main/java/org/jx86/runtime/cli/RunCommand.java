package org.jx86.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jx86.runtime.linux.ProcessOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jx86 run [options] PROGRAM [ARGS...]}: the options; {@link Main} does the running.
 * {@link ProfileCommand} extends it with the profiler's options.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Run an x86-64 Linux program.",
        "Options go before PROGRAM; everything after it is passed to the program."})
public class RunCommand {
    @Option(names = "--debug", description = "Show Java stack traces on internal errors and debug logging.")
    boolean debug;

    @Option(names = {"--sysroot", "-L"}, paramLabel = "DIR", description = {
        "Directory holding the guest's files: the ELF interpreter is loaded from it, and absolute paths "
            + "that exist under it are used from there. Default: /."})
    Path sysroot = Path.of("/");

    @Option(names = "--root", paramLabel = "DIR", description = {
        "Confine the guest's whole file-system view to DIR: every path resolves inside it, with no "
            + "escape through '..', symlinks or /proc (the program itself is given as a host path). "
            + "The ELF interpreter comes from DIR too."})
    Path root;

    final List<GuestEnvironment.Edit> envEdits = new ArrayList<>();

    @Option(names = "-E", paramLabel = "VAR=VALUE", description = "Set VAR in the guest's environment (repeatable).")
    void setEnv(String arg) { envEdits.add(GuestEnvironment.Edit.parseSet(arg)); }

    @Option(names = "-U", paramLabel = "VAR", description = "Remove VAR from the guest's environment (repeatable).")
    void unsetEnv(String name) { envEdits.add(new GuestEnvironment.Edit(name, null)); }

    @Option(names = "--seed", paramLabel = "N", converter = SeedConverter.class,
        description = "Seed for AT_RANDOM and getrandom (decimal or 0x hex). Default: a fixed value.")
    long seed = ProcessOptions.DEFAULT_SEED;

    @Option(names = "--tier", paramLabel = "TIER", description = {
        "How guest code runs: mixed (default: interpret cold blocks, compile hot ones),",
        "jit (compile every block to bytecode at once) or interp (IR interpreter only)."})
    org.jx86.runtime.Tier tier = org.jx86.runtime.Tier.MIXED;

    @Option(names = "--jit-threshold", paramLabel = "N",
        description = "With --tier mixed: executions of a block before it is compiled (default 64).")
    int jitThreshold = 64;

    @Option(names = "--region-threshold", paramLabel = "N", description = {
        "Executions of a block before a tier-2 region (one JVM method for a hot loop and the",
        "blocks around it) is grown from it (default 2000; 0: no tier 2; no effect with --tier interp)."})
    int regionThreshold = 2000;

    @Option(names = "--code-cache-limit", paramLabel = "N",
        description = "Translations kept before the code cache is flushed (default 32768).")
    int codeCacheLimit = org.jx86.runtime.CodeCache.DEFAULT_LIMIT;

    java.util.Set<String> logItems = java.util.Set.of();

    @Option(names = "-d", paramLabel = "ITEM[,ITEM...]", description = {
        "Log as qemu -d does: in_asm, op_lift, op, out_asm, exec, all; -d help lists them."})
    void setLogItems(String spec) { logItems = org.jx86.runtime.profile.DebugLog.parse(spec); }

    @Option(names = "-D", paramLabel = "FILE", description = "Write the -d log to FILE (default: stderr).")
    Path logFile;

    /** The open -d log, or null. */
    java.io.PrintStream log;

    org.jx86.runtime.EngineOptions engineOptions() throws org.jx86.runtime.linux.GuestLoadException {
        org.jx86.runtime.EngineOptions e = new org.jx86.runtime.EngineOptions();
        e.tier = tier;
        e.jitThreshold = Math.max(1, jitThreshold);
        e.regionThreshold = Math.max(0, regionThreshold);
        e.codeCacheLimit = Math.max(1, codeCacheLimit);
        if (!logItems.isEmpty()) {
            log = DebugLogFile.open(logFile);
            e.log = log;
            e.logItems = logItems;
            if (logItems.contains("in_asm") || logItems.contains("exec"))
                e.listener = new org.jx86.runtime.profile.Instrumentation(false, debugLog());
        }
        return e;
    }

    /** The -d items the profile package writes (in_asm, exec), or null when none is asked for. */
    org.jx86.runtime.profile.DebugLog debugLog() {
        return log == null ? null : new org.jx86.runtime.profile.DebugLog(logItems, log);
    }

    /** True for -d help: Main prints the items and exits. */
    boolean logHelpRequested() { return logItems.contains("help"); }

    /** Called once the guest has ended with status; flushes the log. Returns the exit status. */
    int finish(int status, java.io.PrintWriter err) {
        DebugLogFile.close(log, logFile);
        return status;
    }

    @Option(names = "--strace", description = "Log every system call and its result on stderr.")
    boolean strace;

    @Option(names = {"-0", "--argv0"}, paramLabel = "ARG0", description = "argv[0] for the program (default: PROGRAM).")
    String argv0;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM",
        description = "The program: a path, or a name looked up in PATH. Without it, runs the bundled demo.")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program.")
    List<String> args = new ArrayList<>();

    /**
     * The options of {@code jx86 run PROGRAM [ARGS...]} (or of a bare {@code jx86}) when no option
     * is given, exactly as picocli would parse them; null when args need the real parser (an
     * option, an @argument file, another command).
     */
    static RunCommand withoutOptions(String[] args) {
        if (args.length == 0) return new RunCommand();
        if (args.length < 2 || !args[0].equals("run") || args[1].startsWith("-")) return null;
        for (String a : args) if (a.startsWith("@")) return null;   // picocli expands @argument files
        RunCommand c = new RunCommand();
        c.program = args[1];
        c.args.addAll(java.util.Arrays.asList(args).subList(2, args.length));
        return c;
    }

    ProcessOptions processOptions() { return new ProcessOptions(sysroot, seed, strace, root); }

    /** Accepts 42, 0x2a, -1. */
    static final class SeedConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.decode(value);
            } catch (NumberFormatException e) {
                return Long.parseUnsignedLong(value.startsWith("0x") ? value.substring(2) : value,
                    value.startsWith("0x") ? 16 : 10);
            }
        }
    }
}

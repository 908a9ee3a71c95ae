package org.jx86.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jx86.runtime.linux.ProcessOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jx86 run [options] PROGRAM [ARGS...]}: the options; {@link Main} does the running. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Run an x86-64 Linux program.",
        "Options go before PROGRAM; everything after it is passed to the program."})
public final class RunCommand {
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

    org.jx86.runtime.EngineOptions engineOptions() {
        org.jx86.runtime.EngineOptions e = new org.jx86.runtime.EngineOptions();
        e.tier = tier;
        e.jitThreshold = Math.max(1, jitThreshold);
        return e;
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

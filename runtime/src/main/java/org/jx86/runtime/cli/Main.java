package org.jx86.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jx86.runtime.linux.Exec;
import org.jx86.runtime.linux.GuestExit;
import org.jx86.runtime.linux.GuestLoadException;
import org.jx86.runtime.linux.GuestRunner;
import org.jx86.runtime.linux.GuestSignalExit;
import org.jx86.runtime.linux.LinuxProcess;
import org.jx86.runtime.linux.Sig;
import org.jx86.runtime.sys.VmCommand;
import org.jx86.vmm.Cpu;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code jx86} command. {@link #run} parses, loads, runs the guest and returns the exit
 * status (testable); {@link #main} exits with it.
 *
 * <pre>
 *   jx86                         run the bundled demo guest
 *   jx86 run [options] PROGRAM [ARGS...]
 *   jx86 profile [options] PROGRAM [ARGS...]   (run, then report hot blocks: docs/profiling.md)
 *   jx86 --version | --help
 * </pre>
 *
 * Statuses: the guest's own exit status; 128+N when a signal ended it; 127 when the
 * program or its interpreter is not found; 126 when it cannot be executed (not an ELF,
 * wrong architecture, truncated, no permission); 2 for usage errors; 70 for internal
 * errors. Errors are one line on stderr ({@code jx86: PROGRAM: message}); --debug adds the
 * Java stack trace of internal errors.
 */
@Command(name = "jx86", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Runs x86-64 Linux programs on the JVM.", "Without a command, runs the bundled demo guest."})
public final class Main {
    /** Runs a loaded guest; the default is {@link GuestRunner#run}, tests pass a fake. */
    @FunctionalInterface
    public interface Runner {
        void run(LinuxProcess process, Cpu cpu, org.jx86.runtime.EngineOptions options);
    }

    @Option(names = "--debug", description = "Show Java stack traces on internal errors and debug logging.")
    boolean debug;

    private final PrintWriter out;
    private final PrintWriter err;
    private final Runner runner;

    public Main() { this(new PrintWriter(System.out, true), new PrintWriter(System.err, true), GuestRunner::run); }

    public Main(PrintWriter out, PrintWriter err, Runner runner) {
        this.out = out;
        this.err = err;
        this.runner = runner;
    }

    public static void main(String[] args) {
        System.exit(new Main().run(args));
    }

    /** Runs the command line and returns the exit status. */
    public int run(String... args) {
        try {
            return parseAndLaunch(args);
        } catch (RuntimeException | Error e) { // a bug before the guest was even loaded
            err.println("jx86: internal error: " + e);
            if (debug) e.printStackTrace(err);
            err.flush();
            return ExitStatus.INTERNAL;
        }
    }

    private int parseAndLaunch(String... args) {
        // `jx86 run PROGRAM [ARGS...]` without options needs no parser: skipping picocli (old
        // class files that class-data sharing cannot archive) is most of the start-up saving.
        RunCommand options = RunCommand.withoutOptions(args);
        if (options == null) {
            options = parse(args);
            if (options == null) return status;
        }
        if (options.logHelpRequested()) {
            out.print(org.jx86.runtime.profile.DebugLog.help());
            out.flush();
            return ExitStatus.OK;
        }
        options.debug |= debug;
        if (options.debug) System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        return options.finish(launch(options), err);
    }

    /** Exit status when {@link #parse} returns null. */
    private int status;

    /** The chosen command's options, or null with {@link #status} set (help, version or a usage error). */
    private RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        ProfileCommand profile = new ProfileCommand();
        CommandLine cl = new CommandLine(this).addSubcommand(run).addSubcommand(profile).addSubcommand(new VmCommand(err));
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.getSubcommands().get("profile").setStopAtPositional(true);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(out).setErr(err);
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (CommandLine.PicocliException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            status = usage(cause.getMessage());
            return null;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            status = ExitStatus.OK;
            return null;
        }
        if (parsed.subcommand() != null && parsed.subcommand().commandSpec().userObject() instanceof VmCommand vm) {
            status = vm.call();   // jx86 vm: system mode (docs/system-mode.md)
            return null;
        }
        return parsed.hasSubcommand() && parsed.subcommand().commandSpec().userObject() == profile ? profile : run;
    }

    private int usage(String message) {
        err.println("jx86: " + message);
        err.println("Try 'jx86 --help' for more information.");
        return ExitStatus.USAGE;
    }

    private int launch(RunCommand o) {
        String shown = o.program != null ? o.program : DemoGuest.NAME;
        try {
            Path file;
            String execfn;
            List<String> hostEnv = GuestEnvironment.host();
            if (o.program == null) {
                file = DemoGuest.extract();
                execfn = file.toString();
            } else {
                ProgramResolver.Resolved r = ProgramResolver.resolve(o.program, System.getenv("PATH"));
                file = r.file();
                execfn = r.execfn();
            }
            List<String> argv = new ArrayList<>();
            argv.add(o.argv0 != null ? o.argv0 : shown);
            argv.addAll(o.args);
            List<String> env = GuestEnvironment.apply(hostEnv, o.envEdits);
            LinuxProcess process = Exec.load(o.processOptions(), file, execfn, argv, env, true);
            org.jx86.runtime.linux.HostSignals.forwardTo(process.signals());
            runner.run(process, process.mainCpu(), o.engineOptions());
            throw new IllegalStateException("the engine returned without the guest exiting");
        } catch (GuestLoadException e) {
            err.println("jx86: " + shown + ": " + e.getMessage());
            return e.exitStatus();
        } catch (GuestExit e) {
            return e.status;
        } catch (GuestSignalExit e) {
            // Like a shell: death by SIGPIPE or SIGINT is reported by the status alone.
            if (e.signal != Sig.SIGPIPE && e.signal != Sig.SIGINT) err.println("jx86: " + e.getMessage());
            return e.exitStatus();
        } catch (RuntimeException | Error e) {
            err.println("jx86: internal error: " + e);
            if (o.debug) e.printStackTrace(err);
            else err.println("jx86: run with --debug for the Java stack trace");
            return ExitStatus.INTERNAL;
        } finally {
            err.flush();
        }
    }
}

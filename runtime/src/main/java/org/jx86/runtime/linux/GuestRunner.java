package org.jx86.runtime.linux;

import org.jx86.runtime.Engine;
import org.jx86.runtime.EngineOptions;
import org.jx86.runtime.GuestCrash;
import org.jx86.vmm.Cpu;

/**
 * The one place that starts the execution engine on a guest process. A process's main thread
 * runs on one JVM thread with its own engine (and code cache), which the process's other
 * threads share ({@link GuestThreads}); execve replaces the image and the loop starts a new
 * engine on it. When the process ends (its last thread, exit_group, a fatal signal) and its
 * other threads have stopped, its exit is recorded in the {@link ProcessTable} (zombie,
 * SIGCHLD, reparenting).
 *
 * <p>{@link #run} returns only by throwing: {@link GuestExit} (exit/exit_group) or
 * {@link GuestSignalExit} (a fatal signal, including a CPU exception the guest did not
 * handle, which the engine reports as a {@link GuestCrash}).
 */
public final class GuestRunner {
    private GuestRunner() {}

    /** Runs the process's guest code on cpu with default engine options until it exits. */
    public static void run(LinuxProcess process, Cpu cpu) { run(process, cpu, new EngineOptions()); }

    public static void run(LinuxProcess process, Cpu cpu, EngineOptions options) {
        process.entry().table().setEngineOptions(options);
        RuntimeException end = runToEnd(process, cpu, options);
        throw end;
    }

    /** Starts a forked child on a new daemon thread ("jx86-pid-N"). */
    static void start(LinuxProcess child, Cpu cpu) {
        EngineOptions options = child.entry().table().engineOptions();
        // The same stack as the main thread gets from the launcher (-Xss16m): translation recurses.
        Thread t = new Thread(null, () -> runToEnd(child, cpu, options), "jx86-pid-" + child.pid(), 16L << 20);
        t.setDaemon(true); // the JVM ends with the first guest, as the namespace does
        t.start();
    }

    /** Runs images of one process until it ends; records the exit and returns what ended it. */
    private static RuntimeException runToEnd(LinuxProcess process, Cpu cpu, EngineOptions options) {
        RuntimeException end;
        int status;
        while (true) {
            try {
                runImage(process, cpu, options);
                throw new IllegalStateException("the engine returned without the guest exiting");
            } catch (ExecReplaced e) {
                process = e.image;
                cpu = process.mainCpu();
                continue;
            } catch (GuestExit e) {
                end = e;
                status = WaitStatus.exited(e.status);
            } catch (GuestSignalExit e) {
                end = e;
                status = WaitStatus.killed(e.signal, process.rlimits().soft(Rlimits.CORE) != 0);
            } catch (RuntimeException | Error e) {
                // A jx86 bug: the process dies as of SIGSEGV so its parent is not left waiting.
                end = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                status = WaitStatus.killed(Sig.SIGSEGV, false);
                if (process.pid() != LinuxProcess.PID)
                    org.slf4j.LoggerFactory.getLogger(GuestRunner.class).error("internal error in guest process {}",
                        process.pid(), e);
            }
            break;
        }
        process.entry().table().exit(process.entry(), status);
        return end;
    }

    /**
     * Runs one image's main thread; throws how the image ends (exit, a fatal signal, or
     * {@link ExecReplaced} from any of its threads) once its other threads have stopped.
     */
    private static void runImage(LinuxProcess process, Cpu cpu, EngineOptions options) {
        Engine engine = new Engine(new LinuxSyscalls(process), options, process.signalDelivery());
        GuestThreads threads = process.threads();
        GuestThread main = threads.startMain(cpu, engine);
        RuntimeException end;
        try {
            main.signals.bindToCurrentThread();
            engine.run(cpu);
            throw new IllegalStateException("the engine returned without the guest exiting");
        } catch (ThreadExit e) {
            end = threads.mainExited(e.status);
        } catch (GuestExit | GuestSignalExit | ExecReplaced e) {
            end = e;
        } catch (GuestCrash c) {
            end = signalExit(c);
        } finally {
            ThreadSignals.unbindCurrentThread();
        }
        threads.exitGroup(end, main);
        threads.awaitOthers(main);
        if (end instanceof ExecReplaced r && main.signals.cpu() != r.image.mainCpu())
            process.signals().removeThread(main.signals); // execve ran in another thread, whose signal state goes on
        Thread.interrupted();   // a sibling's exit_group may have interrupted this thread
        throw end;
    }

    static GuestSignalExit signalExit(GuestCrash c) { return new GuestSignalExit(c.signal, describe(c)); }

    /** "#PF at 0x0 error 0x4 at rip 0x401136". */
    static String describe(GuestCrash c) {
        String fault = c.fault != null ? c.fault.getMessage() : "fault";
        return fault + " at rip 0x" + Long.toHexString(c.rip);
    }
}

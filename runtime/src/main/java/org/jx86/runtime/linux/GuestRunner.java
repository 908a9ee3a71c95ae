package org.jx86.runtime.linux;

import org.jx86.runtime.Engine;
import org.jx86.runtime.EngineOptions;
import org.jx86.runtime.GuestCrash;
import org.jx86.vmm.Cpu;

/**
 * The one place that starts the execution engine on a loaded guest. It returns only by
 * throwing: {@link GuestExit} (exit/exit_group) or {@link GuestSignalExit} (a fatal signal,
 * including a CPU exception the guest did not handle, which the engine reports as a
 * {@link GuestCrash}). The calling thread runs the guest's main thread; other guest threads
 * share the engine ({@link GuestThreads}), and whichever way the process ends is rethrown
 * here once the other threads have stopped.
 */
public final class GuestRunner {
    private GuestRunner() {}

    /** Runs the process's guest code on cpu with default engine options until it exits. */
    public static void run(LinuxProcess process, Cpu cpu) { run(process, cpu, new EngineOptions()); }

    public static void run(LinuxProcess process, Cpu cpu, EngineOptions options) {
        Engine engine = new Engine(new LinuxSyscalls(process), options, process.signalDelivery());
        GuestThreads threads = process.threads();
        GuestThread main = threads.startMain(cpu, engine);
        RuntimeException end;
        try {
            process.signals().thread(cpu).bindToCurrentThread();
            engine.run(cpu);
            throw new IllegalStateException("the engine returned without the guest exiting");
        } catch (ThreadExit e) {
            end = threads.mainExited(e.status);
        } catch (GuestExit | GuestSignalExit e) {
            end = e;
        } catch (GuestCrash c) {
            end = signalExit(c);
        } finally {
            ThreadSignals.unbindCurrentThread();
        }
        threads.exitGroup(end, main);
        threads.awaitOthers(main);
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

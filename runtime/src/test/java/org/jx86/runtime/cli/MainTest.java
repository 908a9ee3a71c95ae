package org.jx86.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jx86.runtime.linux.Gcc;
import org.jx86.runtime.linux.GuestExit;
import org.jx86.runtime.linux.GuestSignalExit;
import org.jx86.runtime.linux.LinuxProcess;
import org.jx86.runtime.linux.LinuxSyscalls;
import org.jx86.runtime.linux.ProcessOptions;
import org.jx86.runtime.linux.SyscallNames;
import org.jx86.runtime.linux.TestElf;
import org.jx86.vmm.Slots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: statuses and one-line messages, option parsing, and the hand-off to the engine. */
class MainTest {
    @TempDir Path dir;

    final StringWriter out = new StringWriter(), err = new StringWriter();
    final List<LinuxProcess> ran = new ArrayList<>();
    Main.Runner runner = (p, cpu, opts) -> {
        ran.add(p);
        throw new GuestExit(0);
    };

    int run(String... args) {
        return new Main(new PrintWriter(out, true), new PrintWriter(err, true), runner).run(args);
    }

    private Path elf() throws Exception { return TestElf.minimal().write(dir, "prog"); }

    @Test
    void missingFile() {
        assertEquals(127, run("run", dir + "/nope"));
        assertEquals("jx86: " + dir + "/nope: No such file or directory\n", err.toString());
    }

    @Test
    void directory() {
        assertEquals(126, run("run", dir.toString()));
        assertEquals("jx86: " + dir + ": Is a directory\n", err.toString());
    }

    @Test
    void notAnElf() throws Exception {
        Path f = Files.writeString(dir.resolve("script"), "echo hi\n");
        f.toFile().setExecutable(true);
        assertEquals(126, run("run", f.toString()));
        assertEquals("jx86: " + f + ": not an ELF file\n", err.toString());
    }

    @Test
    void truncatedElf() throws Exception {
        byte[] full = TestElf.minimal().bytes();
        Path f = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(full, 0x1800));
        f.toFile().setExecutable(true);
        assertEquals(126, run("run", f.toString()));
        assertEquals("jx86: " + f + ": truncated ELF file\n", err.toString());
    }

    @Test
    void foreignElf() throws Exception {
        TestElf e = TestElf.minimal();
        e.machine = 183;
        Path f = e.write(dir, "arm");
        assertEquals(126, run("run", f.toString()));
        assertEquals("jx86: " + f + ": ELF for aarch64, jx86 runs x86-64 only\n", err.toString());
    }

    @Test
    void notExecutable() throws Exception {
        Path f = elf();
        f.toFile().setExecutable(false);
        if (Files.isExecutable(f)) return; // root can execute anything with any x bit; nothing to test
        assertEquals(126, run("run", f.toString()));
        assertTrue(err.toString().endsWith(": Permission denied\n"));
    }

    @Test
    void commandNotFoundInPath() {
        assertEquals(127, run("run", "jx86-no-such-command-xyz"));
        assertEquals("jx86: jx86-no-such-command-xyz: command not found\n", err.toString());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("run", "--no-such-option", "x"));
        assertTrue(err.toString().startsWith("jx86: Unknown option: '--no-such-option'"), err.toString());
        assertTrue(err.toString().contains("jx86 --help"));
        err.getBuffer().setLength(0);
        assertEquals(2, run("frobnicate"));
        err.getBuffer().setLength(0);
        assertEquals(2, run("run", "-E", "NOEQUALS", "x"));
        assertEquals("jx86: -E expects VAR=VALUE, got 'NOEQUALS'\nTry 'jx86 --help' for more information.\n",
            err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("run", "--seed", "pear", "x"));
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("jx86 "));
        out.getBuffer().setLength(0);
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: jx86"));
        out.getBuffer().setLength(0);
        assertEquals(0, run("run", "--help"));
        assertTrue(out.toString().contains("PROGRAM"));
        assertEquals("", err.toString());
    }

    @Test
    void loadsAndHandsTheProcessToTheEngine() throws Exception {
        Path f = elf();
        assertEquals(0, run("run", "--seed", "0x10", "-E", "JX86_TEST=1", "-U", "PATH", "-E", "PATH=/x", f.toString(),
            "--not-an-option", "two words"));
        assertEquals(1, ran.size());
        LinuxProcess p = ran.get(0);
        assertEquals(List.of(f.toString(), "--not-an-option", "two words"), p.argv());
        assertTrue(p.envp().contains("JX86_TEST=1"));
        assertEquals("/x", GuestEnvironment.get(p.envp(), "PATH"));
        assertEquals(16, p.options().seed());
        assertEquals(0x401000, p.mainCpu().rip);
        assertEquals(f.toRealPath(), p.exe());
        assertEquals("", err.toString());
    }

    @Test
    void optionsAfterTheProgramBelongToIt() throws Exception {
        Path f = elf();
        assertEquals(0, run("run", "--", f.toString(), "--help", "--strace"));
        assertEquals(List.of(f.toString(), "--help", "--strace"), ran.get(0).argv());
        assertFalse(ran.get(0).options().strace());
        assertEquals(0, run("run", "-0", "custom0", "--strace", "--sysroot", dir.toString(), f.toString()));
        assertEquals("custom0", ran.get(1).argv().get(0));
        assertTrue(ran.get(1).options().strace());
        assertEquals(dir, ran.get(1).options().sysroot());
    }

    @Test
    void guestExitStatusIsReturned() throws Exception {
        Path f = elf();
        runner = (p, cpu, opts) -> {
            // what a guest's exit_group(42) looks like to the dispatcher
            LinuxSyscalls sys = new LinuxSyscalls(p);
            cpu.s[Slots.RAX] = SyscallNames.number("exit_group");
            cpu.s[Slots.RDI] = 42;
            sys.syscall(cpu);
        };
        assertEquals(42, run("run", f.toString()));
        assertEquals("", err.toString());
    }

    @Test
    void signalDeathIs128PlusN() throws Exception {
        Path f = elf();
        runner = (p, cpu, opts) -> {
            throw new GuestSignalExit(6);
        };
        assertEquals(134, run("run", f.toString()));
        assertEquals("jx86: guest terminated by signal 6 (Aborted)\n", err.toString());
        err.getBuffer().setLength(0);
        runner = (p, cpu, opts) -> {
            throw new GuestSignalExit(11, "#PF at 0x0 error 0x4 at rip 0x401000");
        };
        assertEquals(139, run("run", f.toString()));
        assertEquals("jx86: guest terminated by signal 11 (Segmentation fault): #PF at 0x0 error 0x4 at rip 0x401000\n",
            err.toString());
        err.getBuffer().setLength(0);
        runner = (p, cpu, opts) -> {
            throw new GuestSignalExit(13);
        };
        assertEquals(141, run("run", f.toString()));
        assertEquals("", err.toString(), "SIGPIPE deaths are silent, as in a shell");
    }

    @Test
    void internalErrorsAreOneLineUnlessDebug() throws Exception {
        Path f = elf();
        runner = (p, cpu, opts) -> {
            throw new IllegalStateException("boom");
        };
        assertEquals(70, run("run", f.toString()));
        assertTrue(err.toString().startsWith("jx86: internal error: java.lang.IllegalStateException: boom\n"));
        assertFalse(err.toString().contains("\tat "));
        err.getBuffer().setLength(0);
        assertEquals(70, run("run", "--debug", f.toString()));
        assertTrue(err.toString().contains("\tat "), "--debug shows the stack trace");
        err.getBuffer().setLength(0);
        runner = (p, cpu, opts) -> { };
        assertEquals(70, run("run", f.toString()));
        assertTrue(err.toString().contains("the engine returned without the guest exiting"));
    }

    @Test
    void pathLookupAndRealPrograms() throws Exception {
        Path exe = Gcc.compile(dir, "hello", Gcc.HELLO, "-static");
        assertEquals(0, run("run", exe.toString(), "a"));
        LinuxProcess p = ran.get(0);
        assertEquals(ProcessOptions.DEFAULT_SEED, p.options().seed());
        ProgramResolver.Resolved r = ProgramResolver.resolve("hello", "/nonexistent:" + dir);
        assertEquals(exe, r.file());
        assertEquals(dir + "/hello", r.execfn());
    }

    @Test
    void demoWithoutArguments() {
        boolean bundled = Main.class.getResource(DemoGuest.RESOURCE) != null;
        int status = run();
        if (bundled) {
            assertEquals(0, status);
            assertEquals(List.of(DemoGuest.NAME), ran.get(0).argv());
        } else {
            assertEquals(127, status);
            assertTrue(err.toString().startsWith("jx86: hello: the demo guest (classpath resource /demo/hello) is not in"));
        }
    }
}

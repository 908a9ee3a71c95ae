package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real engine: small static programs without libc (built with gcc
 * -nostdlib) are loaded by {@link Exec}, run by {@link GuestRunner}, and talk to the host
 * only through system calls. Their fd 1 is a pipe the test reads.
 */
class GuestRunnerTest {
    @TempDir Path dir;

    static final String SYSCALLS = """
        .intel_syntax noprefix
        .globl _start
        .text
        _start:
            mov r12, [rsp]                  # argc
            mov eax, 1                      # write(1, msg, len)
            mov edi, 1
            lea rsi, [rip + msg]
            mov edx, 17
            syscall
            cmp rax, 17
            jne fail
            mov eax, 9                      # mmap(0, 4096, RW, PRIVATE|ANON, -1, 0)
            xor edi, edi
            mov esi, 4096
            mov edx, 3
            mov r10d, 0x22
            mov r8, -1
            xor r9d, r9d
            syscall
            mov qword ptr [rax], 1234
            mov rbx, [rax]
            cmp rbx, 1234
            jne fail
            mov eax, 39                     # getpid
            syscall
            cmp eax, 1000
            jne fail
            mov rdi, [rsp + 16]             # argv[1][0]
            movzx edi, byte ptr [rdi]
            add rdi, r12                    # exit_group(argv[1][0] + argc)
            mov eax, 231
            syscall
        fail:
            mov edi, 99
            mov eax, 231
            syscall
        .data
        msg: .ascii "hello from guest\\n"
        """;

    static final String CRASH = """
        .intel_syntax noprefix
        .globl _start
        .text
        _start:
            mov eax, 5
            mov rax, [0]
            mov eax, 231
            syscall
        """;

    private LinuxProcess load(String name, String asm, List<String> argv) throws Exception {
        Path exe = Gcc.compile(dir, name, "", "-nostdlib", "-static", "-x", "assembler", writeAsm(name, asm).toString());
        return Exec.load(ProcessOptions.defaults(), exe, exe.toString(), argv, List.of("A=1"), false);
    }

    private Path writeAsm(String name, String asm) throws Exception {
        return java.nio.file.Files.writeString(dir.resolve(name + ".S"), asm);
    }

    @Test
    void programTalksThroughSystemCalls() throws Exception {
        LinuxProcess p = load("sys", SYSCALLS, List.of("sys", "\u0010"));
        PipeFile[] pipe = PipeFile.create(0, 1);
        assertEquals(0, p.fds().install(pipe[0], false));
        assertEquals(1, p.fds().install(pipe[1], false));
        GuestExit e = assertThrows(GuestExit.class, () -> GuestRunner.run(p, p.mainCpu()));
        assertEquals(16 + 2, e.status);
        byte[] b = new byte[64];
        int n = pipe[0].read(b, 0, 64);
        assertEquals("hello from guest\n", new String(b, 0, n, StandardCharsets.UTF_8));
    }

    @Test
    void faultBecomesSigsegv() throws Exception {
        LinuxProcess p = load("crash", CRASH, List.of("crash"));
        GuestSignalExit e = assertThrows(GuestSignalExit.class, () -> GuestRunner.run(p, p.mainCpu()));
        assertEquals(Sig.SIGSEGV, e.signal);
        assertEquals(139, e.exitStatus());
        assertTrue(e.getMessage().startsWith("guest terminated by signal 11 (Segmentation fault): #PF at 0x0"),
            e.getMessage());
    }
}

package org.jx86.vmm.fpu;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The host CPU as an oracle (DESIGN.md §7): a tiny C program, built with gcc on first use,
 * that loads a full FXSAVE image with FXRSTOR64, runs the given instruction bytes with
 * {@code rdi} pointing at a 128-byte memory buffer and RFLAGS set, and prints the FXSAVE64
 * image, the memory, RAX and RFLAGS afterwards (or the signal it raised). Shared by the
 * x87 and SSE tests. {@link #get()} returns null when gcc or an x86-64 host is missing.
 */
public final class HostOracle implements AutoCloseable {
    private static final String SOURCE = """
        #define _GNU_SOURCE
        #include <setjmp.h>
        #include <signal.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/mman.h>
        static sigjmp_buf env;
        static void onsig(int s) { siglongjmp(env, s); }
        static int hv(int c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }
        static size_t unhex(const char *s, uint8_t *o, size_t max) {
            size_t n = 0;
            while (s[0] && s[1] && s[0] != ' ' && s[0] != '\\n' && n < max) { o[n++] = hv(s[0]) << 4 | hv(s[1]); s += 2; }
            return n;
        }
        static void hex(const uint8_t *p, size_t n) { for (size_t i = 0; i < n; i++) printf("%02x", p[i]); }
        int main(void) {
            static uint8_t state[512] __attribute__((aligned(64)));
            static uint8_t mem[128] __attribute__((aligned(64)));
            static char line[8192];
            uint8_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (code == MAP_FAILED) return 2;
            struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_handler = onsig; sa.sa_flags = SA_NODEFER;
            sigaction(SIGFPE, &sa, 0); sigaction(SIGSEGV, &sa, 0); sigaction(SIGILL, &sa, 0); sigaction(SIGBUS, &sa, 0);
            static const uint8_t pro[] = {
                0x57,                               /* push rdi */
                0x48, 0x0F, 0xAE, 0x0F,             /* fxrstor64 [rdi] */
                0x48, 0x31, 0xC0,                   /* xor rax, rax */
                0xFF, 0xB7, 0xE8, 0x01, 0, 0,       /* push qword [rdi+0x1E8] */
                0x9D,                               /* popfq */
                0x48, 0x89, 0xF7 };                 /* mov rdi, rsi */
            static const uint8_t epi[] = {
                0x5A,                               /* pop rdx */
                0x48, 0x0F, 0xAE, 0x02,             /* fxsave64 [rdx] */
                0x48, 0x89, 0x82, 0xF0, 0x01, 0, 0, /* mov [rdx+0x1F0], rax */
                0x9C, 0x58,                         /* pushfq; pop rax */
                0x48, 0x89, 0x82, 0xF8, 0x01, 0, 0, /* mov [rdx+0x1F8], rax */
                0xC3 };
            while (fgets(line, sizeof line, stdin)) {
                char *p = line;
                unhex(p, state, 512); p = strchr(p, ' ') + 1;
                unhex(p, mem, 128); p = strchr(p, ' ') + 1;
                uint64_t fl = strtoull(p, &p, 16); p++;
                uint8_t insn[32]; size_t n = unhex(p, insn, sizeof insn);
                memcpy(state + 0x1E8, &fl, 8);
                size_t k = 0;
                memcpy(code + k, pro, sizeof pro); k += sizeof pro;
                memcpy(code + k, insn, n); k += n;
                memcpy(code + k, epi, sizeof epi);
                int sig = sigsetjmp(env, 1);
                if (sig) { printf("FAULT %d\\n", sig); fflush(stdout); continue; }
                ((void (*)(void *, void *))code)(state, mem);
                uint64_t rax, rf; memcpy(&rax, state + 0x1F0, 8); memcpy(&rf, state + 0x1F8, 8);
                hex(state, 512); putchar(' '); hex(mem, 128);
                printf(" %016llx %016llx\\n", (unsigned long long)rax, (unsigned long long)rf);
                fflush(stdout);
            }
            return 0;
        }
        """;

    private static HostOracle instance;
    private static boolean tried;

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    /** What the host did: either {@code signal != 0}, or the state after the instruction. */
    public record Result(int signal, byte[] state, byte[] mem, long rax, long rflags) {}

    private HostOracle(Process p) {
        this.process = p;
        this.in = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII));
        this.out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** The shared oracle, or null when it cannot be built here. */
    public static synchronized HostOracle get() {
        if (tried) return instance;
        tried = true;
        if (!"amd64".equals(System.getProperty("os.arch")) && !"x86_64".equals(System.getProperty("os.arch"))) return null;
        try {
            Path dir = Files.createTempDirectory("jx86-oracle");
            Path src = dir.resolve("oracle.c"), exe = dir.resolve("oracle");
            Files.writeString(src, SOURCE);
            Process cc = new ProcessBuilder("gcc", "-O1", "-o", exe.toString(), src.toString())
                .redirectErrorStream(true).start();
            String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cc.waitFor(60, TimeUnit.SECONDS) || cc.exitValue() != 0) {
                System.err.println("HostOracle: gcc failed: " + log);
                return null;
            }
            Process p = new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            instance = new HostOracle(p);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
            return instance;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Runs {@code code} on the host from the given FXSAVE image, memory and RFLAGS. */
    public synchronized Result run(byte[] fxsave, byte[] mem, long rflags, byte[] code) {
        HexFormat h = HexFormat.of();
        byte[] m = new byte[128];
        System.arraycopy(mem, 0, m, 0, Math.min(128, mem.length));
        try {
            in.write(h.formatHex(fxsave) + " " + h.formatHex(m) + " " + Long.toHexString(rflags) + " "
                + h.formatHex(code) + "\n");
            in.flush();
            String line = out.readLine();
            if (line == null) throw new IllegalStateException("oracle died");
            String[] f = line.split(" ");
            if (f[0].equals("FAULT")) return new Result(Integer.parseInt(f[1]), null, null, 0, 0);
            return new Result(0, h.parseHex(f[0]), h.parseHex(f[1]), Long.parseUnsignedLong(f[2], 16),
                Long.parseUnsignedLong(f[3], 16));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() { process.destroy(); }
}

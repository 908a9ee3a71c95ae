package org.jx86.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boots the guest kernel of tests/src/test/c/sysmode (spec cr3-lam-mmu.md §8, cases 1-63)
 * under {@code jx86 vm} in several machine configurations. The oracle is the spec: every case
 * must print PASS, except the cases that cannot apply to the configuration, which must print
 * SKIP (and exactly those: a case skipped where it applies fails the test). With several
 * vCPUs every vCPU must also pass the IPI TLB-shootdown test; every configuration also runs the
 * x2APIC timer (one-shot, periodic, TSC-deadline) and a SYSCALL/SYSRET round trip from CPL 3. The kernel reports success by
 * writing 0 to the debug-exit port, so jx86 must exit with status (0 << 1) | 1 = 1.
 */
class SystemModeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern LINE = Pattern.compile("^(PASS|FAIL|SKIP) (\\d+)\\b.*$", Pattern.MULTILINE);
    private static Path kernel;

    @BeforeAll
    static void build() throws Exception {
        Assumptions.assumeTrue(TestConfig.isJx86Runner(), "system mode needs the jx86 runner");
        GuestRunner.checkJx86Available();
        Path src = Path.of("src", "test", "c", "sysmode").toAbsolutePath();
        Path out = TestConfig.targetDir().resolve("sysmode");
        Files.createDirectories(out);
        kernel = out.resolve("cases.elf");
        ProcessRunner.Result r = ProcessRunner.run(List.of("sh", src.resolve("build.sh").toString(), kernel.toString()),
            Map.of("PATH", System.getenv("PATH")), null, out, Duration.ofSeconds(120));
        assertEquals(0, r.exit(), "building the guest kernel failed:\n" + r.stderrText());
    }

    static Stream<Arguments> configurations() {
        return Stream.of(
            Arguments.of("lam=on,la57=on", 1),
            Arguments.of("lam=on,la57=off", 1),
            Arguments.of("lam=off,la57=on", 1),
            Arguments.of("lam=off,la57=off", 1),
            Arguments.of("lam=on,la57=off,pcid=off,invpcid=off", 1),
            Arguments.of("lam=on,la57=on", 4),
            Arguments.of("lam=off,la57=off", 4));
    }

    /** The cases that cannot apply to a configuration (each is SKIP with its reason in the guest). */
    static Set<Integer> notApplicable(String cpu) {
        boolean lam = !cpu.contains("lam=off"), la57 = !cpu.contains("la57=off");
        boolean pcid = !cpu.contains("pcid=off") || cpu.contains("invpcid=off") && !cpu.contains(",pcid=off");
        boolean invpcid = !cpu.contains("invpcid=off");
        Set<Integer> s = new TreeSet<>(List.of(18));  // needs 32-bit protected mode: vmm unit test
        if (lam) s.addAll(List.of(1, 4, 5));
        else s.addAll(List.of(2, 6, 7, 8, 12, 13, 31, 32, 33, 34, 35, 36, 37, 38, 39, 41, 42, 43, 44, 45, 50, 59, 60, 62));
        if (pcid) s.add(17);
        else s.addAll(List.of(11, 12, 14, 15, 16, 56, 57, 58, 59, 61, 63));
        if (invpcid) s.add(20);
        else s.addAll(List.of(21, 22, 23, 24, 25, 26, 27, 28, 29, 47, 48, 49, 50, 51, 55, 57));
        if (lam && la57) s.addAll(List.of(36, 37));
        return s;
    }

    /** Builds a one-file assembly kernel linked at 1 MiB (the test kernel's linker script). */
    private static Path tinyKernel(String name, String asm) throws Exception {
        Path dir = TestConfig.targetDir().resolve("sysmode");
        Path src = dir.resolve(name + ".S");
        Path out = dir.resolve(name + ".elf");
        Files.writeString(src, "    .text\n    .globl _start\n_start:\n" + asm + "\n");
        ProcessRunner.Result r = ProcessRunner.run(List.of("gcc", "-nostdlib", "-static", "-no-pie", "-T",
            Path.of("src", "test", "c", "sysmode", "kernel.ld").toAbsolutePath().toString(),
            "-Wl,--build-id=none", "-o", out.toString(), src.toString()), Map.of("PATH", System.getenv("PATH")), null, dir,
            Duration.ofSeconds(60));
        assertEquals(0, r.exit(), r.stderrText());
        return out;
    }

    private static ProcessRunner.Result vm(Path k, String... opts) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(TestConfig.jvmArgs());
        cmd.addAll(List.of("-cp", GuestRunner.classpath(), TestConfig.JX86_MAIN, "vm"));
        cmd.addAll(List.of(opts));
        cmd.add(k.toString());
        return ProcessRunner.run(cmd, Map.of(), null, null, TIMEOUT);
    }

    /** A guest that faults with no IDT triple-faults: status 4 and one jx86: line, no Java trace. */
    @Test
    void tripleFaultEndsTheRun() throws Exception {
        ProcessRunner.Result r = vm(tinyKernel("triple", "    ud2"));
        assertEquals(4, r.exit(), r.stderrText());
        assertTrue(r.stderrText().startsWith("jx86: vcpu0: triple fault"), r.stderrText());
        assertEquals(1, r.stderrText().lines().count(), r.stderrText());
    }

    /** HLT with interrupts off on every vCPU can never wake: status 6. */
    @Test
    void allHaltedEndsTheRun() throws Exception {
        ProcessRunner.Result r = vm(tinyKernel("halt", "    cli\n    hlt"), "--smp", "2");
        assertEquals(6, r.exit(), r.stderrText());
        assertTrue(r.stderrText().contains("all vCPUs halted"), r.stderrText());
    }

    /** Console and exit ports: "hi" on 0xE9, then exit value 21 gives status 43. */
    @Test
    void debugConsoleAndExit() throws Exception {
        ProcessRunner.Result r = vm(tinyKernel("hello",
            "    mov $0xE9, %dx\n    mov $'h', %al\n    outb %al, %dx\n    mov $'i', %al\n    outb %al, %dx\n"
            + "    mov $0xF4, %dx\n    mov $21, %eax\n    outl %eax, %dx"));
        assertEquals(43, r.exit(), r.stderrText());
        assertEquals("hi", r.stdoutText());
    }

    /** 100000 loads through LAM_U57-tagged pointers, the tag changing on every access, then exit 0. */
    private static final int TAGGED_LOADS = 100_000;
    private static String taggedLoopKernel(boolean lamOn) {
        return (lamOn ? "    mov %cr3, %rax\n    bts $61, %rax\n    mov %rax, %cr3\n" : "")
            + "    mov $0x200000, %rbx\n    xor %ecx, %ecx\n    xor %r8d, %r8d\n"
            + "1:  mov %rcx, %rdx\n    and $63, %rdx\n    shl $57, %rdx\n    or %rbx, %rdx\n"
            + "    add (%rdx), %r8\n    inc %rcx\n    cmp $" + TAGGED_LOADS + ", %rcx\n    jne 1b\n"
            + "    mov $0xF4, %dx\n    xor %eax, %eax\n    outl %eax, %dx";
    }

    private static final Pattern FRONT_MISSES = Pattern.compile("front-TLB misses (\\d+)");

    /**
     * With LAM_U57 on, translations untag inline, so tagged loads hit the front TLB: the whole
     * run (boot included) takes far fewer slow-path entries than there are loads (a front TLB
     * keyed by the raw tagged address misses on every tag change, one per load here).
     */
    @Test
    void lamTaggedLoadsHitTheInlineTlb() throws Exception {
        ProcessRunner.Result r = vm(tinyKernel("lamloop", taggedLoopKernel(true)), "--cpu", "lam=on,la57=off", "--stats");
        assertEquals(1, r.exit(), r.stderrText());
        Matcher m = FRONT_MISSES.matcher(r.stderrText());
        assertTrue(m.find(), r.stderrText());
        long misses = Long.parseLong(m.group(1));
        assertTrue(misses < TAGGED_LOADS / 1000, misses + " front-TLB misses for " + TAGGED_LOADS + " loads\n" + r.stderrText());
    }

    /** The same loop with LAM off: the first tagged load is #GP(0) (no IDT, so a triple fault). */
    @Test
    void taggedLoadWithoutLamFaults() throws Exception {
        ProcessRunner.Result r = vm(tinyKernel("nolamloop", taggedLoopKernel(false)), "--cpu", "lam=on,la57=off", "--stats");
        assertEquals(4, r.exit(), r.stderrText());
        assertTrue(r.stderrText().startsWith("jx86: vcpu0: triple fault: delivering #GP"), r.stderrText());
        assertTrue(Pattern.compile("#GP\\s+1\\n").matcher(r.stderrText()).find(), "one #GP\n" + r.stderrText());
    }

    @ParameterizedTest(name = "--cpu {0} --smp {1}")
    @MethodSource("configurations")
    void everyApplicableCasePasses(String cpu, int smp) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(TestConfig.jvmArgs());
        cmd.addAll(List.of("-cp", GuestRunner.classpath(), TestConfig.JX86_MAIN, "vm", "--smp", String.valueOf(smp),
            "--cpu", cpu, "--stats", kernel.toString()));
        ProcessRunner.Result r = ProcessRunner.run(cmd, Map.of(), null, null, TIMEOUT);
        String out = r.stdoutText();
        String context = "\nstdout:\n" + out + "\nstderr:\n" + r.stderrText();
        assertFalse(r.timedOut(), "timed out" + context);
        Map<Integer, Set<String>> verdicts = new TreeMap<>();
        Matcher m = LINE.matcher(out);
        while (m.find()) verdicts.computeIfAbsent(Integer.parseInt(m.group(2)), k -> new TreeSet<>()).add(m.group(1));
        Set<Integer> skip = notApplicable(cpu);
        List<String> wrong = new ArrayList<>();
        IntStream.rangeClosed(1, 63).forEach(n -> {
            Set<String> v = verdicts.getOrDefault(n, Set.of());
            Set<String> want = Set.of(skip.contains(n) ? "SKIP" : "PASS");
            if (!v.equals(want)) wrong.add(n + ": " + v + " (expected " + want + ")");
        });
        assertTrue(wrong.isEmpty(), "cases with the wrong verdict: " + wrong + context);
        assertFalse(out.contains("FAIL"), "a FAIL line" + context);
        for (String extra : List.of("timer-oneshot", "timer-periodic", "timer-tsc-deadline", "syscall-sysret",
                "exc-bp", "exc-de", "exc-ud", "exc-ist", "swapgs", "uart", "lam-modes")) {
            assertTrue(out.contains("PASS " + extra + "\n"), extra + context);
        }
        if (smp > 1) {
            for (int i = 0; i < smp; i++) assertTrue(out.contains("PASS shootdown-vcpu" + i + "\n"), "shootdown on vcpu" + i + context);
        }
        assertTrue(out.endsWith("DONE\n"), "the kernel did not finish" + context);
        assertEquals(1, r.exit(), "exit status (debug exit 0 gives 1)" + context);
        assertTrue(r.stderrText().contains("CR3 writes"), "--stats output" + context);
    }
}

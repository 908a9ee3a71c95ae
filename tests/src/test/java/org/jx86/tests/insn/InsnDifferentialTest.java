package org.jx86.tests.insn;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.jx86.runtime.Engine;
import org.jx86.runtime.EngineOptions;
import org.jx86.runtime.GuestCrash;
import org.jx86.runtime.Tier;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;
import org.jx86.vmm.sse.Mxcsr;

/**
 * The host CPU as oracle for single instructions (DESIGN §7, STYLE §14): every form in
 * {@link InsnForms} runs from the same random-but-seeded states natively (the C harness
 * {@code src/test/c/insn/harness.c}) and under jx86 (tier JIT for every state, INTERP for
 * the first {@value #INTERP_CASES}); GPRs, the defined arithmetic flags, DF, XMM registers,
 * the 64-byte data buffer and the signal must agree.
 *
 * <p>Properties: {@code -Djx86.insn.cases=N} states per form (default 1000),
 * {@code -Djx86.insn.only=REGEX} forms whose name matches, {@code -Djx86.insn.seed=S},
 * {@code -Djx86.insn.verbose=true} prints how many states fault natively per form.
 * Forms expected to fail are listed with a diagnosis in
 * {@code src/test/resources/insn/known-failures.txt}.
 */
class InsnDifferentialTest {
    static final long DATA_PAGE = 0x1000_0000L, BUF = 0x1000_0800L, STACK_LO = 0x1001_0000L,
        RSP0 = 0x1001_8000L, CODE = 0x1020_0000L;
    /** State vector: 0..15 GPRs, 16 RFLAGS, 17..48 XMM0.lo, XMM0.hi, ..., XMM15.hi, 49 MXCSR. */
    static final int FL = 16, X0 = 17, MX = 49, N = 50;
    static final int INTERP_CASES = 100;
    static final int SIGFPE = 8;
    static final long COMPARED_FLAGS = Flags.ARITH | Flags.DF;

    static final int CASES = Integer.getInteger("jx86.insn.cases", 1000);
    static final long SEED = Long.getLong("jx86.insn.seed", 0x5EED_1234L);
    static final String ONLY = System.getProperty("jx86.insn.only");

    /** Thrown by the syscall handler at the SYSCALL that ends each snippet. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() { super(null, null, false, false); }
    }

    static final Stop STOP = new Stop();

    /**
     * One execution's result: signal (0 = none, -1 = jx86 threw something else), state, buffer,
     * and the signal's si_code. After SIGFPE the state's MXCSR is the one at the fault.
     */
    record Result(int signal, long[] st, byte[] mem, String error, int code) {}

    @TestFactory
    Stream<DynamicTest> forms() throws Exception {
        assumeTrue(System.getProperty("os.arch").matches("amd64|x86_64"), "host is not x86-64");
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "host is not Linux");
        assumeTrue(tool("gcc") && tool("as") && tool("objcopy") && tool("nm"), "gcc/as/objcopy/nm missing");
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path harness = target.resolve("insn-harness");
        exec(null, "gcc", "-O1", "-o", harness.toString(), "src/test/c/insn/harness.c");

        String cpuFlags = cpuFlags();
        Pattern only = ONLY == null ? null : Pattern.compile(ONLY);
        List<InsnForms.Form> all = InsnForms.all();
        Map<String, String> known = knownFailures();
        for (String k : known.keySet())
            if (all.stream().noneMatch(f -> f.name().equals(k)))
                fail("known-failures.txt names unknown form " + k);
        List<InsnForms.Form> forms = new ArrayList<>();
        for (InsnForms.Form f : all)
            if (only == null || only.matcher(f.name()).find()) forms.add(f);
        Map<String, byte[]> code = assemble(forms, target);
        return forms.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            if (f.cpuFlag() != null && !(" " + cpuFlags + " ").contains(" " + f.cpuFlag() + " ")) {
                System.out.println("[insn] skipping " + f.name() + ": host CPU lacks " + f.cpuFlag());
                assumeTrue(false, "host CPU lacks " + f.cpuFlag());
            }
            String failure = runForm(f, code.get(f.name()), harness);
            String why = known.get(f.name());
            if (why != null) {
                if (failure == null)
                    fail(f.name() + " now passes: remove it from insn/known-failures.txt (" + why + ")");
                System.out.println("[insn] known failure still fails: " + f.name() + "  # " + why);
                return;
            }
            if (failure != null) fail(failure);
        }));
    }

    // ---- one form

    static String runForm(InsnForms.Form f, byte[] bytes, Path harness) throws Exception {
        long seed = SEED ^ f.name().hashCode();
        SplittableRandom r = new SplittableRandom(seed);
        List<long[]> ins = new ArrayList<>();
        List<byte[]> mems = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            long[] st = new long[N];
            byte[] mem = new byte[64];
            InsnForms.randomState(f, st, mem, r);
            ins.add(st);
            mems.add(mem);
        }
        List<Result> nat = runNative(bytes, ins, mems, harness);
        long faulted = nat.stream().filter(n -> n.signal != 0).count();
        if (faulted * 2 > CASES || Boolean.getBoolean("jx86.insn.verbose")) System.out.println("[insn] " + f.name() + ": " + faulted + " of " + CASES + " states fault natively");
        Runner jit = new Runner(bytes, Tier.JIT), interp = new Runner(bytes, Tier.INTERP);
        StringBuilder out = new StringBuilder();
        int failures = 0;
        for (int i = 0; i < CASES && failures < 4; i++) {
            Result n = nat.get(i);
            for (Runner run : i < INTERP_CASES ? List.of(jit, interp) : List.of(jit)) {
                Result j = run.run(ins.get(i), mems.get(i));
                String d = diff(f, ins.get(i), n, j);
                if (d != null) {
                    if (failures == 0)
                        out.append(f.name()).append(": jx86 disagrees with the host CPU (seed 0x")
                            .append(Long.toHexString(seed)).append(", base seed -Djx86.insn.seed=0x")
                            .append(Long.toHexString(SEED)).append(")\n  bytes ").append(hex(bytes))
                            .append("   rerun: mvn -o test -pl tests -Dtest='org.jx86.tests.insn.**' ")
                            .append("-Dsurefire.failIfNoSpecifiedTests=false -Djx86.insn.only='")
                            .append(Pattern.quote(f.name())).append("'\n");
                    out.append("  case ").append(i).append(" [").append(run.tier).append("] input: ")
                        .append(describe(ins.get(i), mems.get(i))).append("\n    ").append(d).append('\n');
                    failures++;
                    break;
                }
            }
        }
        return failures == 0 ? null : out.toString();
    }

    static String diff(InsnForms.Form f, long[] in, Result n, Result j) {
        StringBuilder d = new StringBuilder();
        if (n.signal != j.signal) {
            d.append("signal: native=").append(n.signal).append(" jx86=").append(j.signal);
            if (j.error != null) d.append(" (").append(j.error).append(')');
            return d.toString();
        }
        if (n.signal == SIGFPE && n.st[MX] != j.st[MX])
            field(d, "mxcsr at #XM", n.st[MX], j.st[MX]);
        if (n.signal == SIGFPE && n.code != j.code)
            d.append("si_code: native=").append(n.code).append(" jx86=").append(j.code).append("; ");
        if (n.signal != 0) return d.length() == 0 ? null : d.toString();
        for (int i = 0; i < 16; i++)
            if (n.st[i] != j.st[i]) field(d, Slots.name(i), n.st[i], j.st[i]);
        long mask = f.flagMask().applyAsLong(in) & COMPARED_FLAGS;
        if (((n.st[FL] ^ j.st[FL]) & mask) != 0)
            d.append("rflags(mask 0x").append(Long.toHexString(mask)).append("): native=")
                .append(flagNames(n.st[FL] & mask)).append(" jx86=").append(flagNames(j.st[FL] & mask)).append("; ");
        for (int i = 0; i < 32; i++)
            if (n.st[X0 + i] != j.st[X0 + i]) field(d, "xmm" + i / 2 + ((i & 1) == 0 ? ".lo" : ".hi"), n.st[X0 + i], j.st[X0 + i]);
        if (n.st[MX] != j.st[MX]) field(d, "mxcsr", n.st[MX], j.st[MX]);
        for (int b = 0; b < 64; b++)
            if (n.mem[b] != j.mem[b]) {
                d.append("mem: native=").append(hex(n.mem)).append(" jx86=").append(hex(j.mem)).append("; ");
                break;
            }
        return d.length() == 0 ? null : d.toString();
    }

    static void field(StringBuilder d, String name, long a, long b) {
        d.append(name).append(": native=0x").append(Long.toHexString(a)).append(" jx86=0x").append(Long.toHexString(b)).append("; ");
    }

    static String flagNames(long f) {
        StringBuilder s = new StringBuilder();
        String[] names = {"CF", "", "PF", "", "AF", "", "ZF", "SF", "", "", "DF", "OF"};
        for (int i = 0; i < names.length; i++) if (!names[i].isEmpty() && (f >>> i & 1) != 0) s.append(names[i]).append(' ');
        return "[" + s.toString().trim() + "]";
    }

    static String describe(long[] st, byte[] mem) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) s.append(Slots.name(i)).append("=0x").append(Long.toHexString(st[i])).append(' ');
        s.append("rflags=").append(flagNames(st[FL])).append(' ');
        for (int i = 0; i < 4; i++)
            s.append("xmm").append(i).append("=0x").append(Long.toHexString(st[X0 + 2 * i + 1])).append(':')
                .append(Long.toHexString(st[X0 + 2 * i])).append(' ');
        s.append("mxcsr=0x").append(Long.toHexString(st[MX])).append(' ');
        return s.append("mem=").append(hex(mem)).toString();
    }

    // ---- jx86 side

    static final class Runner {
        final Tier tier;
        final AddressSpace as = new AddressSpace();
        final Engine engine;
        final Cpu cpu;
        final byte[] zeroPage = new byte[4096];

        Runner(byte[] bytes, Tier tier) {
            this.tier = tier;
            as.map(CODE, 0x1000, Vma.PROT_READ | Vma.PROT_EXEC, "code");
            byte[] c = new byte[bytes.length + 2];
            System.arraycopy(bytes, 0, c, 0, bytes.length);
            c[bytes.length] = 0x0F;
            c[bytes.length + 1] = 0x05;
            as.poke(CODE, c, 0, c.length);
            as.map(DATA_PAGE, 0x1000, Vma.PROT_READ | Vma.PROT_WRITE, "data");
            as.map(STACK_LO, 0x10000, Vma.PROT_READ | Vma.PROT_WRITE, "stack");
            EngineOptions o = new EngineOptions();
            o.tier = tier;
            o.checks = true;
            engine = new Engine(x -> { throw STOP; }, o);
            cpu = new Cpu(as);
        }

        Result run(long[] in, byte[] mem) {
            as.poke(DATA_PAGE, zeroPage, 0, zeroPage.length);
            as.poke(BUF, mem, 0, 64);
            java.util.Arrays.fill(cpu.s, 0);
            cpu.s[Slots.MXCSR] = in[MX];
            System.arraycopy(in, 0, cpu.s, 0, 16);
            Flags.setRflags(cpu, (in[FL] & 0xCD5) | 0x202);
            for (int i = 0; i < 32; i++) cpu.s[Slots.XMM0 + i] = in[X0 + i];
            cpu.rip = CODE;
            int sig = 0, code = 0;
            String err = null;
            try {
                engine.run(cpu);
                sig = -1;
                err = "engine returned without reaching the SYSCALL";
            } catch (Stop expected) {
                // the snippet's final syscall
            } catch (GuestCrash c) {
                sig = c.signal;
                err = c.getMessage();
                code = c.fault == null ? 0 : c.fault.vector == Vector.XM ? Mxcsr.siCode(cpu.s[Slots.MXCSR])
                    : c.fault.vector == Vector.DE ? 1 : 0;   // FPE_FLT* as Linux computes it; FPE_INTDIV
            } catch (RuntimeException | Error e) {
                sig = -1;
                err = e.toString();
            }
            if (sig != 0) {
                long[] st = in.clone();
                st[MX] = cpu.s[Slots.MXCSR];
                return new Result(sig, st, mem, err, code);
            }
            long[] st = new long[N];
            System.arraycopy(cpu.s, 0, st, 0, 16);
            st[FL] = Flags.rflags(cpu);
            for (int i = 0; i < 32; i++) st[X0 + i] = cpu.s[Slots.XMM0 + i];
            st[MX] = cpu.s[Slots.MXCSR];
            byte[] m = new byte[64];
            as.peek(BUF, m, 0, 64);
            return new Result(0, st, m, null, 0);
        }
    }

    // ---- native side

    static List<Result> runNative(byte[] bytes, List<long[]> ins, List<byte[]> mems, Path harness) throws Exception {
        StringBuilder sb = new StringBuilder(ins.size() * 900);
        sb.append("C ").append(hex(bytes)).append('\n');
        for (int i = 0; i < ins.size(); i++) {
            sb.append('S');
            for (long v : ins.get(i)) sb.append(' ').append(Long.toHexString(v));
            sb.append(' ').append(hex(mems.get(i))).append('\n');
        }
        Path input = Files.createTempFile(harness.getParent(), "insn", ".in");
        try {
            Files.writeString(input, sb);
            Process p = new ProcessBuilder(harness.toString()).redirectInput(input.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<Result> out = new ArrayList<>(ins.size());
            try (BufferedReader rd = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = rd.readLine()) != null; ) {
                    String[] t = line.split(" ");
                    long[] st = new long[N];
                    for (int i = 0; i < N; i++) st[i] = Long.parseUnsignedLong(t[2 + i], 16);
                    out.add(new Result(Integer.parseInt(t[1], 16), st, unhex(t[2 + N]), null, Integer.parseInt(t[3 + N], 16)));
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.size() != ins.size())
                throw new IOException("insn harness failed (exit " + p.exitValue() + ", " + out.size() + " results)");
            return out;
        } finally {
            Files.deleteIfExists(input);
        }
    }

    // ---- assembling

    /** Assembles all forms in one `as` run; each form's bytes lie between its label and the next. */
    static Map<String, byte[]> assemble(List<InsnForms.Form> forms, Path target) throws Exception {
        Path dir = Files.createTempDirectory(target, "insn-asm");
        StringBuilder src = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (int i = 0; i < forms.size(); i++) src.append("f_").append(i).append(":\n").append(forms.get(i).asm()).append('\n');
        src.append("f_end:\n");
        Path s = dir.resolve("forms.s"), o = dir.resolve("forms.o"), bin = dir.resolve("forms.bin");
        Files.writeString(s, src);
        exec(null, "as", "-o", o.toString(), s.toString());
        exec(null, "objcopy", "-O", "binary", "-j", ".text", o.toString(), bin.toString());
        byte[] text = Files.readAllBytes(bin);
        Map<String, Long> syms = new HashMap<>();
        for (String line : exec(null, "nm", o.toString()).split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length == 3 && t[2].startsWith("f_")) syms.put(t[2], Long.parseLong(t[0], 16));
        }
        Map<String, byte[]> code = new LinkedHashMap<>();
        for (int i = 0; i < forms.size(); i++) {
            int a = syms.get("f_" + i).intValue();
            int b = syms.get(i + 1 < forms.size() ? "f_" + (i + 1) : "f_end").intValue();
            code.put(forms.get(i).name(), java.util.Arrays.copyOfRange(text, a, b));
        }
        try (var files = Files.list(dir)) {
            files.forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(dir);
        return code;
    }

    // ---- helpers

    static Map<String, String> knownFailures() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = InsnDifferentialTest.class.getResourceAsStream("/insn/known-failures.txt")) {
            if (in == null) return m;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                int h = line.indexOf('#');
                if (h < 0) fail("known-failures.txt entry without a reason: " + line);
                m.put(line.substring(0, h).strip(), line.substring(h + 1).strip());
            }
        }
        return m;
    }

    static String cpuFlags() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
            if (line.startsWith("flags")) return line.substring(line.indexOf(':') + 1).trim();
        return "";
    }

    static boolean tool(String name) {
        try {
            Process p = new ProcessBuilder(name, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        return out;
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) s.append(Character.forDigit(x >> 4 & 15, 16)).append(Character.forDigit(x & 15, 16));
        return s.toString();
    }

    static byte[] unhex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return b;
    }
}

package org.jx86.runtime.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jx86 profile} on {@link HotProgram}: whatever the format, the hottest entry must be
 * crunch(), the function the program spends nearly all its time in, both for the static build
 * (symbols from the program's .symtab) and the dynamic one (program loaded by ld.so at a
 * PIE bias, symbols relocated).
 */
class ProfileCommandTest {
    @TempDir static Path dir;
    static Path staticProg, dynamicProg;

    @BeforeAll
    static void build() {
        staticProg = HotProgram.build(dir, false);
        dynamicProg = HotProgram.build(dir, true);
    }

    private static Path prog(boolean dynamic) { return dynamic ? dynamicProg : staticProg; }

    private static String profile(boolean dynamic, String format, String... extra) throws Exception {
        Path report = Files.createTempFile(dir, "report", "." + format);
        List<String> args = new ArrayList<>(List.of("profile", "--format", format, "--output", report.toString()));
        args.addAll(List.of(extra));
        args.add(prog(dynamic).toString());
        args.add(String.valueOf(HotProgram.ROUNDS));
        HotProgram.Run r = HotProgram.jx86(args.toArray(new String[0]));
        assertEquals(0, r.status(), "jx86 stderr: " + r.err());
        return Files.readString(report);
    }

    @ParameterizedTest(name = "dynamic={0}")
    @ValueSource(booleans = {false, true})
    void tableNamesTheHotFunctionFirst(boolean dynamic) throws Exception {
        String table = profile(dynamic, "table");
        String[] lines = table.split("\n");
        assertTrue(lines[0].startsWith("jx86 profile: " + prog(dynamic) + ": "), table);
        assertTrue(lines[1].trim().startsWith("#  address range"), table);
        String[] top = lines[2].trim().split(" {2,}");
        assertEquals("1", top[0], table);
        assertTrue(top[2].equals("crunch") || top[2].startsWith("crunch+0x"), "top symbol: " + lines[2]);
    }

    @ParameterizedTest(name = "dynamic={0}")
    @ValueSource(booleans = {false, true})
    @SuppressWarnings("unchecked")
    void jsonHasTheFieldsAndTheHotFunctionFirst(boolean dynamic) throws Exception {
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(profile(dynamic, "json", "--disasm", "--ir", "--top", "3"));
        assertEquals(prog(dynamic).toString(), json.get("program"));
        assertTrue((Double) json.get("samples") > 0);
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) json.get("blocks");
        assertEquals(3, blocks.size());
        Map<String, Object> top = blocks.get(0);
        for (String f : List.of("rank", "start", "end", "symbol", "function", "module", "exec_count", "samples", "share",
                "tier", "insns", "disasm", "ir"))
            assertTrue(top.containsKey(f), "missing field " + f + " in " + top);
        assertEquals("crunch", top.get("function"));
        assertEquals(prog(dynamic).getFileName().toString(), top.get("module"));
        assertEquals("jit", top.get("tier"));
        // The hot block is crunch's loop body: it runs once per iteration but the first (or all of them).
        double execs = (Double) top.get("exec_count");
        assertTrue(execs == HotProgram.ROUNDS * (HotProgram.LOOP - 1) || execs == HotProgram.ROUNDS * HotProgram.LOOP,
            "exec_count " + execs);
        long start = Long.decode((String) top.get("start")), end = Long.decode((String) top.get("end"));
        assertTrue(start < end);
        String disasm = (String) top.get("disasm");
        assertEquals(((Double) top.get("insns")).intValue(), disasm.split("\n").length, disasm);
        assertTrue(disasm.startsWith(String.format("%8x:\t", start)), disasm);
        assertTrue(((String) top.get("ir")).contains("insn 0x" + Long.toHexString(start)), (String) top.get("ir"));
        List<Map<String, Object>> stacks = (List<Map<String, Object>>) json.get("stacks");
        assertFalse(stacks.isEmpty());
    }

    private static final Pattern COLLAPSED = Pattern.compile("([^ ;]+(?:;[^ ;]+)*) (\\d+)");

    @ParameterizedTest(name = "dynamic={0}")
    @ValueSource(booleans = {false, true})
    void collapsedStacksEndInTheHotFunction(boolean dynamic) throws Exception {
        String text = profile(dynamic, "collapsed");
        Map<String, Long> byLeaf = new java.util.HashMap<>();
        String hottest = null;
        long hottestCount = -1;
        for (String line : text.split("\n")) {
            Matcher m = COLLAPSED.matcher(line);
            assertTrue(m.matches(), "not 'a;b;c count': " + line);
            long n = Long.parseLong(m.group(2));
            byLeaf.merge(m.group(1).replaceAll(".*;", ""), n, Long::sum);
            if (n > hottestCount) {
                hottest = m.group(1);
                hottestCount = n;
            }
        }
        assertNotNull(hottest);
        assertTrue(hottest.endsWith(";main;crunch"), "hottest stack " + hottest);
        String hottestLeaf = byLeaf.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        assertEquals("crunch", hottestLeaf, text);
    }

    @Test
    void blockDetailsForOneAddress() throws Exception {
        String json = profile(false, "json", "--top", "1");
        String start = json.replaceAll("(?s).*?\"start\":\"(0x[0-9a-f]+)\".*", "$1");
        String detail = profile(false, "table", "--block", start, "--disasm", "--bytecode");
        assertTrue(detail.contains("guest code:\n"), detail);
        assertTrue(detail.contains("bytecode:\n"), detail);
        assertTrue(detail.contains("extends org/jx86/jit/CompiledBlock"), detail);
        String missing = profile(false, "table", "--block", "0x10");
        assertTrue(missing.contains("no translated block contains 0x10"), missing);
    }

    @Test
    void badOptionsAreUsageErrors() {
        HotProgram.Run r = HotProgram.jx86("profile", "--format", "xml", staticProg.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("jx86: "), r.err());
        r = HotProgram.jx86("profile", "--interval", "5us", staticProg.toString());
        assertEquals(2, r.status());
        assertEquals("jx86: --interval must be between 10us and 10s, got '5us'", r.err().split("\n")[0]);
    }

    @Test
    void unwritableOutputIsAnError() {
        HotProgram.Run r = HotProgram.jx86("profile", "--output", dir.resolve("no/such/dir/r.txt").toString(),
            staticProg.toString(), "1");
        assertEquals(74, r.status(), r.err());
        assertTrue(r.err().startsWith("jx86: cannot write "), r.err());
    }
}

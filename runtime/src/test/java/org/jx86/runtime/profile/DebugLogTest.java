package org.jx86.runtime.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -d} logging: in_asm against objdump, exec against the program's known loop counts, the IR and bytecode items. */
class DebugLogTest {
    @TempDir Path dir;

    @Test
    void inAsmMatchesObjdumpAndExecCountsEveryBlock() throws Exception {
        Path prog = HotProgram.build(dir, false);
        Path log = dir.resolve("log.txt");
        int rounds = 2;
        HotProgram.Run r = HotProgram.jx86("run", "-d", "in_asm,op,out_asm,exec", "-D", log.toString(), prog.toString(),
            String.valueOf(rounds));
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(log);

        // in_asm: the block starting at crunch, each line as objdump prints it (address column in qemu's form).
        int at = lines.indexOf("IN: crunch");
        assertTrue(at > 0 && lines.get(at - 1).equals("----------------"), "no 'IN: crunch' block");
        List<String> objdump = objdump(prog, "crunch");
        int checked = 0;
        for (int i = at + 1; i < lines.size() && !lines.get(i).isEmpty(); i++, checked++) {
            String ours = lines.get(i);
            long addr = Long.parseLong(ours.substring(2, 18), 16);
            String theirs = objdump.stream().filter(l -> l.startsWith(String.format("%8x:\t", addr))).findFirst()
                .orElseThrow(() -> new AssertionError("objdump has no instruction at " + ours));
            assertEquals(theirs.substring(theirs.indexOf('\t') + 1).replaceAll(" <[^>]*>$", "").replaceAll("0x([0-9a-f]+)$", "$1"),
                ours.substring(ours.indexOf("  ") + 2).replaceAll("0x([0-9a-f]+)$", "$1"), "instruction at " + ours);
        }
        assertTrue(checked >= 2, "IN: crunch has " + checked + " instructions");

        // exec: crunch's entry block runs once per call.
        long crunchEntries = lines.stream().filter(l -> l.startsWith("Trace 0: ") && l.endsWith("] crunch")).count();
        assertEquals(rounds, crunchEntries);
        assertTrue(lines.contains("OP:"), "no op item");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("OUT: [guest 0x")), "no out_asm item");
    }

    @Test
    void helpListsTheItemsAndUnknownItemsAreUsageErrors() {
        HotProgram.Run r = HotProgram.jx86("run", "-d", "nonsense", "/bin/true");
        assertEquals(2, r.status());
        assertEquals("jx86: -d: unknown log item 'nonsense' (try -d help)", r.err().split("\n")[0]);
        String help = DebugLog.help();
        for (String item : List.of("in_asm", "op", "out_asm", "exec")) assertTrue(help.contains("\n" + item + " "), help);
    }

    private static List<String> objdump(Path prog, String symbol) throws Exception {
        Process p = new ProcessBuilder("objdump", "-d", "-M", "intel", "--disassemble=" + symbol, prog.toString())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return new ArrayList<>(List.of(out.split("\n")));
    }
}

package org.jx86.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The start-up shortcut for {@code jx86 run PROGRAM [ARGS...]} must parse exactly as picocli does. */
class RunWithoutOptionsTest {
    private static RunCommand picocli(String... runArgs) {
        RunCommand c = new RunCommand();
        new CommandLine(c).setStopAtPositional(true).parseArgs(runArgs);
        return c;
    }

    private static void assertSame(RunCommand expected, RunCommand actual) {
        assertEquals(expected.program, actual.program);
        assertEquals(expected.args, actual.args);
        assertEquals(expected.sysroot, actual.sysroot);
        assertEquals(expected.seed, actual.seed);
        assertEquals(expected.tier, actual.tier);
        assertEquals(expected.jitThreshold, actual.jitThreshold);
        assertEquals(expected.strace, actual.strace);
        assertEquals(expected.argv0, actual.argv0);
        assertEquals(expected.envEdits, actual.envEdits);
        assertEquals(expected.logItems, actual.logItems);
        assertEquals(expected.debug, actual.debug);
    }

    @Test
    void sameAsPicocli() {
        for (List<String> run : List.of(List.of("prog"), List.of("./a.out", "-x", "--tier", "jit", "--"),
                List.of("/bin/echo", "hello", "world"), List.of("prog", "-d", "exec"))) {
            String[] args = new String[run.size() + 1];
            args[0] = "run";
            for (int i = 0; i < run.size(); i++) args[i + 1] = run.get(i);
            RunCommand quick = RunCommand.withoutOptions(args);
            assertNotNull(quick, Arrays.toString(args));
            assertSame(picocli(run.toArray(new String[0])), quick);
        }
    }

    @Test
    void optionsAndOtherCommandsTakeTheParser() {
        assertNull(RunCommand.withoutOptions(new String[] {"run", "--tier", "jit", "prog"}));
        assertNull(RunCommand.withoutOptions(new String[] {"run", "-E", "A=1", "prog"}));
        assertNull(RunCommand.withoutOptions(new String[] {"run"}));
        assertNull(RunCommand.withoutOptions(new String[] {"profile", "prog"}));
        assertNull(RunCommand.withoutOptions(new String[] {"--debug", "run", "prog"}));
        assertNull(RunCommand.withoutOptions(new String[] {"run", "prog", "@args"}));
        assertNotNull(RunCommand.withoutOptions(new String[0]));   // the demo guest
    }
}

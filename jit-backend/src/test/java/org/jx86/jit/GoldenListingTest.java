package org.jx86.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.IrFunction;
import org.junit.jupiter.api.Test;

/**
 * Golden Textifier listings of generated classes (STYLE.md §13): a change to the code the
 * backend emits shows up as a diff. {@code mvn -Djx86.updateGolden=true} (or
 * {@code -Pupdate-golden}) rewrites the files; review the diff before committing it.
 */
class GoldenListingTest {
    static final boolean UPDATE = Boolean.getBoolean("jx86.updateGolden");
    static final Path SOURCE = Path.of("src/test/resources/golden");

    /** {@code add rax, rcx} at 0x401000: two slots in, one slot out, then exit. */
    static IrFunction addFunction() {
        IrFunction fn = new IrFunction(0x401000);
        IrBuilder b = new IrBuilder(fn);
        b.insn(0x401000);
        b.set(0, b.add(b.get(0), b.get(1)));
        b.exit(b.konst(0x401003), 0);
        return fn;
    }

    @Test
    void addTwoSlotsThenExit() throws IOException {
        golden("add.txt", new BytecodeCompiler(true).listing(addFunction()));
    }

    static void golden(String name, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(SOURCE);
            Files.writeString(SOURCE.resolve(name), actual, StandardCharsets.UTF_8);
            return;
        }
        String expected;
        try (InputStream in = GoldenListingTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "missing golden file " + name + "; run with -Djx86.updateGolden=true to create it");
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected.replace("\r\n", "\n"), actual.replace("\r\n", "\n"),
            "listing of " + name + " changed; if intended, rerun with -Djx86.updateGolden=true and review the diff");
    }
}

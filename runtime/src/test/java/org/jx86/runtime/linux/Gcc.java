package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Builds test programs with the host gcc; tests that need one are skipped without it. */
public final class Gcc {
    private Gcc() {}

    public static final String HELLO = "#include <stdio.h>\n"
        + "int counter = 5; char big[100000];\n"
        + "int main(int argc, char **argv) { printf(\"hello %d\\n\", argc + counter + big[7]); return 3; }\n";

    /**
     * Compiles C source to dir/name with the given extra flags (e.g. -static); skips the test
     * if impossible. With an empty source, the flags name the inputs.
     */
    public static Path compile(Path dir, String name, String source, String... flags) {
        try {
            Path out = dir.resolve(name);
            List<String> cmd = new ArrayList<>(List.of("gcc", "-O1", "-o", out.toString()));
            if (!source.isEmpty()) {
                Path src = dir.resolve(name + ".c");
                Files.writeString(src, source);
                cmd.add(src.toString());
            }
            cmd.addAll(List.of(flags));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            Assumptions.assumeTrue(done && p.exitValue() == 0, "gcc " + String.join(" ", flags) + " failed: " + log);
            return out;
        } catch (IOException e) {
            Assumptions.abort("gcc not available: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Assumptions.abort("interrupted");
            return null;
        }
    }
}

package org.jx86.runtime.profile;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.jx86.runtime.cli.Main;
import org.jx86.runtime.linux.Gcc;
import org.jx86.runtime.linux.GuestRunner;

/** A C program with one clearly dominant function, crunch(), built static and dynamic, and a way to run jx86 on it. */
final class HotProgram {
    private HotProgram() {}

    /** crunch's loop runs LOOP times per call, ROUNDS calls; light() and main are cheap. */
    static final int ROUNDS = 300, LOOP = 20000;

    static final String SOURCE = "#include <stdio.h>\n#include <stdlib.h>\n"
        + "__attribute__((noinline)) unsigned long crunch(unsigned long x, int n) {\n"
        + "    for (int i = 0; i < n; i++) x = x * 6364136223846793005UL + 1442695040888963407UL ^ (x >> 17);\n"
        + "    return x;\n}\n"
        + "__attribute__((noinline)) unsigned long light(unsigned long x) { return x ^ (x << 7); }\n"
        + "int main(int argc, char **argv) {\n"
        + "    int rounds = atoi(argv[1]);\n"
        + "    unsigned long acc = 1;\n"
        + "    for (int r = 0; r < rounds; r++) { acc = crunch(acc, " + LOOP + "); acc = light(acc); }\n"
        + "    printf(\"%lx\\n\", acc);\n    return 0;\n}\n";

    static Path build(Path dir, boolean dynamic) {
        return dynamic ? Gcc.compile(dir, "hot-dyn", SOURCE) : Gcc.compile(dir, "hot-static", SOURCE, "-static");
    }

    /** Result of one jx86 command line. */
    record Run(int status, String err) {}

    static Run jx86(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = new Main(new PrintWriter(out, true), new PrintWriter(err, true), GuestRunner::run).run(args);
        return new Run(status, err.toString());
    }
}

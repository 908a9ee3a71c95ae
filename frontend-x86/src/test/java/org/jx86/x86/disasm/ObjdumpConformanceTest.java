package org.jx86.x86.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jx86.x86.decode.CodeReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder and disassembler against {@code objdump -d -M intel} on real binaries of this
 * machine: every instruction objdump decodes in .text must have the same length and, after
 * rewriting objdump's {@code <symbol>} addresses to plain ones, the same text. AVX/AVX-512 and the
 * extensions listed in known-divergences.txt must be rejected and are counted separately.
 * Binaries that are not installed are skipped.
 */
class ObjdumpConformanceTest {
  @BeforeAll
  static void needsObjdump() {
    assumeTrue(ObjdumpListing.available(), "objdump (binutils) is not installed");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/bin/busybox",
    "/usr/lib/x86_64-linux-gnu/libc.so.6",
    "/usr/lib/x86_64-linux-gnu/libm.so.6",
    "/lib64/ld-linux-x86-64.so.2",
    "/usr/bin/python3"
  })
  void matchesObjdump(String file) throws Exception {
    assumeTrue(Files.isRegularFile(Path.of(file)), file + " is not installed");
    List<ObjdumpListing.Line> lines = ObjdumpListing.disassemble(file, ".text");
    assumeTrue(!lines.isEmpty(), file + " has no .text");
    CodeReader code = Conformance.reader(lines);
    Conformance c = new Conformance();
    for (ObjdumpListing.Line line : lines) {
      c.check(line, code);
    }
    System.out.println(c.report(file));
    assertEquals(0, c.failureCount(), c.report(file) + "\nfirst failures:\n" + c.failureText());
  }
}

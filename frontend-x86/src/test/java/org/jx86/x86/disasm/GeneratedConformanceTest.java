package org.jx86.x86.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jx86.x86.decode.CodeReader;
import org.jx86.x86.decode.Decoder;
import org.jx86.x86.decode.Insn;
import org.junit.jupiter.api.Test;

/**
 * Structured random instructions against objdump, to reach the table slots compilers never
 * emit: a few legacy prefixes, an optional REX, an opcode from one of the maps (or a VEX BMI
 * opcode), then random ModRM/SIB/displacement/immediate bytes. Each candidate sits in its own
 * 32-byte slot padded with NOPs, so objdump resynchronises before the next one; the slot holds
 * the candidate cut to the length the decoder found (15 bytes if it rejected it), so a length
 * disagreement shows up as a length mismatch. The seed is fixed and printed; another one can be
 * tried with {@code -Djx86.generated.seed=...}.
 */
class GeneratedConformanceTest {
  static final long SEED = 0x5EED_0B1DL;
  static final int SLOTS = 150_000;
  /** Room for a 15-byte candidate plus whatever objdump makes of a rejected one. */
  static final int SLOT = 32;
  /** Legacy prefixes the generator picks from; LOCK is left to the unit and binary tests. */
  static final int[] LEGACY = {0x66, 0x67, 0xf2, 0xf3, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65};
  static final int[] BMI_OPCODES = {0xf0, 0xf2, 0xf3, 0xf5, 0xf6, 0xf7};

  @Test
  void randomEncodingsMatchObjdump() throws Exception {
    assumeTrue(ObjdumpListing.available(), "objdump (binutils) is not installed");
    long seed = Long.getLong("jx86.generated.seed", SEED);
    Random r = new Random(seed);
    byte[] blob = new byte[SLOTS * SLOT];
    Decoder decoder = new Decoder();
    Insn insn = new Insn();
    for (int i = 0; i < SLOTS; i++) {
      byte[] c = candidate(r);
      boolean ok = decoder.decode(addr -> c[(int) addr] & 0xff, 0, insn);
      int n = ok ? insn.length : Decoder.MAX_LENGTH;
      System.arraycopy(c, 0, blob, i * SLOT, n);
      for (int at = i * SLOT + n, end = (i + 1) * SLOT; at < end; ) {
        byte[] nop = NOPS[Math.min(end - at, 15)];
        System.arraycopy(nop, 0, blob, at, nop.length);
        at += nop.length;
      }
    }
    Path file = Files.createTempFile("jx86-generated", ".bin");
    List<ObjdumpListing.Line> lines;
    try {
      Files.write(file, blob);
      lines = ObjdumpListing.disassemble(file.toString(), null, "-D", "-b", "binary", "-m",
          "i386:x86-64");
    } finally {
      Files.delete(file);
    }
    CodeReader code = addr -> blob[(int) addr] & 0xff;
    Conformance c = new Conformance();
    for (ObjdumpListing.Line line : lines) {
      if (line.address() % SLOT == 0) {
        c.check(line, code);
      }
    }
    String report = c.report("generated (seed 0x" + Long.toHexString(seed) + ")");
    System.out.println(report);
    assertTrue(c.checked > SLOTS / 2, "too few candidates decoded: " + report);
    assertEquals(0, c.failureCount(), report + "\nfirst failures:\n" + c.failureText());
  }

  /** A single NOP instruction of each length 1..15, so a slot's padding is a few listing lines. */
  static final byte[][] NOPS = new byte[16][];

  static {
    int[][] base = {{}, {0x90}, {0x66, 0x90}, {0x0f, 0x1f, 0x00}, {0x0f, 0x1f, 0x40, 0x00},
      {0x0f, 0x1f, 0x44, 0x00, 0x00}, {0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
      {0x0f, 0x1f, 0x80, 0, 0, 0, 0}, {0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0}};
    for (int n = 1; n < 16; n++) {
      int[] nop = base[Math.min(n, 8)];
      byte[] b = new byte[n];
      int pad = n - nop.length; // extra 66 prefixes in front of the 8-byte form
      Arrays.fill(b, 0, pad, (byte) 0x66);
      for (int i = 0; i < nop.length; i++) {
        b[pad + i] = (byte) nop[i];
      }
      NOPS[n] = b;
    }
    NOPS[0] = new byte[0];
  }

  /** One candidate: prefixes, REX, opcode and 12+ random bytes, 16 bytes in all. */
  static byte[] candidate(Random r) {
    byte[] c = new byte[16];
    int k = 0;
    boolean segment = false;
    boolean rep = false;
    while (r.nextInt(100) < 30 && k < 3) {
      int p = LEGACY[r.nextInt(LEGACY.length)];
      boolean isSegment = p != 0x66 && p != 0x67 && p != 0xf2 && p != 0xf3;
      boolean isRep = p == 0xf2 || p == 0xf3;
      if (contains(c, k, p) || (isSegment && segment) || (isRep && rep)) {
        continue; // duplicates only test objdump's prefix bookkeeping
      }
      segment |= isSegment;
      rep |= isRep;
      c[k++] = (byte) p;
    }
    if (r.nextInt(100) < 40) {
      c[k++] = (byte) (0x40 | r.nextInt(16));
    }
    int map = r.nextInt(100);
    if (map < 40) {
      int op;
      do {
        op = r.nextInt(256);
      } while (PrefixPrinter.isPrefix(op) || op == 0x9b || op == 0x0f || op == 0xc4 || op == 0xc5);
      c[k++] = (byte) op;
    } else if (map < 75) {
      c[k++] = 0x0f;
      int op;
      do {
        op = r.nextInt(256);
      } while (op == 0x38 || op == 0x3a);
      c[k++] = (byte) op;
    } else if (map < 95) {
      if (k == 0 && r.nextBoolean()) {
        c[k++] = 0x66; // most of 0F 38 and all of 0F 3A need it
      }
      c[k++] = 0x0f;
      c[k++] = (byte) (map < 87 ? 0x38 : 0x3a);
      c[k++] = (byte) r.nextInt(256);
    } else {
      k = 0; // VEX may not follow legacy prefixes or REX
      int op = BMI_OPCODES[r.nextInt(BMI_OPCODES.length)];
      c[k++] = (byte) 0xc4;
      c[k++] = (byte) (r.nextInt(8) << 5 | (op == 0xf0 ? 3 : 2));
      int l = r.nextInt(8) == 0 ? 4 : 0;
      c[k++] = (byte) (r.nextInt(2) << 7 | r.nextInt(16) << 3 | l | r.nextInt(4));
      c[k++] = (byte) op;
    }
    while (k < c.length) {
      c[k++] = (byte) r.nextInt(256);
    }
    return c;
  }

  private static boolean contains(byte[] c, int n, int b) {
    for (int i = 0; i < n; i++) {
      if ((c[i] & 0xff) == b) {
        return true;
      }
    }
    return false;
  }
}

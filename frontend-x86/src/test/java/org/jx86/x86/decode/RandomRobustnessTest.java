package org.jx86.x86.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.jx86.x86.disasm.Disassembler;
import org.junit.jupiter.api.Test;

/**
 * One million random byte strings: decode never throws, an accepted instruction is at most 15
 * bytes with well-formed operands, the disassembler can print it, and a fault raised by the
 * reader at any byte comes out of decode unchanged. The seed is in every failure message.
 */
class RandomRobustnessTest {
  static final long SEED = 0x5EED;
  static final int STRINGS = 1_000_000;

  @Test
  void randomBytesNeverBreakTheDecoder() {
    Random r = new Random(SEED);
    byte[] buf = new byte[16];
    CodeReader code = addr -> buf[(int) (addr & 15)] & 0xff;
    Decoder decoder = new Decoder();
    Insn insn = new Insn();
    int accepted = 0;
    for (int n = 0; n < STRINGS; n++) {
      r.nextBytes(buf);
      if (n % 4 == 0) {
        buf[0] = (byte) 0x0f; // reach the two- and three-byte maps more often
      }
      long rip = r.nextLong() & ~15L;
      boolean ok;
      try {
        ok = decoder.decode(code, rip, insn);
      } catch (RuntimeException e) {
        throw new AssertionError(context(n, buf) + " threw " + e, e);
      }
      if (!ok) {
        continue;
      }
      accepted++;
      check(n, buf, insn);
    }
    assertTrue(accepted > STRINGS / 3, "only " + accepted + " accepted, seed 0x"
        + Long.toHexString(SEED));
  }

  @Test
  void readerFaultsAtAnyBytePropagate() {
    Random r = new Random(SEED + 1);
    byte[] buf = new byte[16];
    Decoder decoder = new Decoder();
    Insn insn = new Insn();
    RuntimeException fault = new RuntimeException("guest page fault");
    for (int n = 0; n < 100_000; n++) {
      r.nextBytes(buf);
      int faultAt = r.nextInt(16);
      CodeReader code = addr -> {
        if (addr >= faultAt) {
          throw fault;
        }
        return buf[(int) addr] & 0xff;
      };
      try {
        if (decoder.decode(code, 0, insn)) {
          ensure(insn.length <= faultAt, n, buf, "read past the fault");
        }
      } catch (RuntimeException e) {
        if (e != fault) {
          throw new AssertionError(context(n, buf) + " replaced the fault with " + e, e);
        }
      }
    }
  }

  private static void check(int n, byte[] buf, Insn insn) {
    ensure(insn.length >= 1 && insn.length <= Decoder.MAX_LENGTH, n, buf, "length");
    ensure(insn.sem != null && insn.mnemonic != null && insn.form != null, n, buf, "no sem");
    ensure(insn.nops >= 0 && insn.nops <= 4, n, buf, "nops");
    ensure(insn.opSize == 1 || insn.opSize == 2 || insn.opSize == 4 || insn.opSize == 8, n, buf,
        "opSize");
    for (int i = 0; i < insn.nops; i++) {
      Operand o = insn.ops[i];
      switch (o.kind) {
        case GPR:
          ensure(o.reg >= 0 && o.reg < 16 && (!o.highByte || (o.reg < 4 && insn.rex == 0)),
              n, buf, "register " + o);
          break;
        case MEM:
          ensure(o.base >= -1 && o.base <= Operand.RIP && o.index >= -1 && o.index < 16
              && (o.index != 4 || (insn.rex & 2) != 0), n, buf, "address " + o);
          ensure(o.scale == 1 || o.scale == 2 || o.scale == 4 || o.scale == 8, n, buf, "scale");
          break;
        case NONE:
          ensure(false, n, buf, "operand " + i + " is NONE");
          break;
        default:
          break;
      }
    }
    String text;
    try {
      text = Disassembler.format(insn);
    } catch (RuntimeException e) {
      throw new AssertionError(context(n, buf) + " cannot be printed", e);
    }
    ensure(text.contains(insn.mnemonic), n, buf, "text " + text);
  }

  /** Builds the failure context only when a check fails. */
  private static void ensure(boolean ok, int n, byte[] buf, String what) {
    if (!ok) {
      fail(context(n, buf) + ": " + what);
    }
  }

  private static String context(int n, byte[] buf) {
    StringBuilder sb = new StringBuilder("seed 0x" + Long.toHexString(SEED) + " string #" + n
        + " [");
    for (byte b : buf) {
      sb.append(String.format(" %02x", b & 0xff));
    }
    return sb.append(" ]").toString();
  }
}

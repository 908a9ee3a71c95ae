package org.jx86.x86.disasm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jx86.x86.decode.CodeReader;
import org.jx86.x86.decode.Decoder;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.Sem;

/**
 * Compares the decoder and disassembler with objdump, one listing line at a time, and keeps the
 * counts and the first failures for the report.
 */
final class Conformance {
  private static final int KEEP = Integer.getInteger("jx86.conformance.keep", 20);
  private static final Set<String> BMI = Set.of("andn", "bextr", "blsi", "blsmsk", "blsr",
      "bzhi", "mulx", "pdep", "pext", "rorx", "sarx", "shlx", "shrx");

  private final KnownDivergences known = new KnownDivergences();
  private final Decoder decoder = new Decoder();
  private final Insn insn = new Insn();
  private final Insn waited = new Insn();

  long total;
  long checked;
  long matched;
  long unsupported;
  long objdumpBad;
  long fwaitMerged;
  final Map<String, Long> explained = new TreeMap<>();
  long lengthFailures;
  long textFailures;
  long otherFailures;
  final List<String> failures = new ArrayList<>();

  /** Builds a reader over the bytes of a listing (objdump -z prints every byte). */
  static CodeReader reader(List<ObjdumpListing.Line> lines) {
    long lo = lines.get(0).address();
    long hi = lo;
    for (ObjdumpListing.Line l : lines) {
      hi = Math.max(hi, l.address() + l.bytes().length);
    }
    byte[] code = new byte[Math.toIntExact(hi - lo)];
    for (ObjdumpListing.Line l : lines) {
      System.arraycopy(l.bytes(), 0, code, (int) (l.address() - lo), l.bytes().length);
    }
    return addr -> {
      long i = addr - lo;
      if (i < 0 || i >= code.length) {
        throw new IndexOutOfBoundsException("outside the listing: 0x" + Long.toHexString(addr));
      }
      return code[(int) i] & 0xff;
    };
  }

  void check(ObjdumpListing.Line line, CodeReader code) {
    total++;
    String obj = ObjdumpListing.normalize(line.text());
    byte[] b = line.bytes();
    boolean ok = decode(code, line.address(), insn);
    String mine = ok ? Disassembler.format(insn) : "(bad)";
    if (obj.startsWith(".byte")) {
      objdumpBad++; // objdump ran out of bytes at the end of the section
      return;
    }
    if (obj.contains("(bad)")) {
      objdumpBad++;
      if (ok && !explain(obj, mine)) {
        fail(line, "accepted what objdump rejects", obj, mine);
        otherFailures++;
      }
      return;
    }
    if ((b[0] & 0xff) == 0x9b && b.length > 1) {
      fwait(line, code, obj, ok);
      return;
    }
    int op = 0;
    while (op < b.length - 1 && PrefixPrinter.isPrefix(b[op] & 0xff)) {
      op++;
    }
    int first = b[op] & 0xff;
    String mnemonic = mnemonicOf(obj);
    // VEX, EVEX, and AMD's XOP (8F with a map field >= 8, which objdump names v...)
    boolean vexOrEvex = first == 0xc4 || first == 0xc5 || first == 0x62
        || (first == 0x8f && mnemonic.startsWith("v"));
    if (!ok) {
      if ((vexOrEvex && !BMI.contains(mnemonic)) || known.unsupported(obj) != null) {
        unsupported++;
      } else if (!explain(obj, mine)) {
        fail(line, "not decoded", obj, mine);
        otherFailures++;
      }
      return;
    }
    if (vexOrEvex && !BMI.contains(mnemonic)) {
      fail(line, "VEX/EVEX beyond BMI must be rejected", obj, mine);
      otherFailures++;
      return;
    }
    checked++;
    if (insn.length != b.length) {
      if (!explain(obj, mine)) {
        fail(line, "length " + insn.length + " != " + b.length, obj, mine);
        lengthFailures++;
      }
      return;
    }
    if (mine.equals(obj)) {
      matched++;
    } else if (!explain(obj, mine)) {
      fail(line, "text", obj, mine);
      textFailures++;
    }
  }

  /**
   * objdump folds FWAIT into a following x87 instruction and prints the waiting form (9B DF E0
   * is fstsw ax); CPUs and the decoder see FWAIT followed by FNSTSW.
   */
  private void fwait(ObjdumpListing.Line line, CodeReader code, String obj, boolean ok) {
    fwaitMerged++;
    boolean second = decode(code, line.address() + 1, waited);
    if (!ok || insn.sem != Sem.FWAIT || insn.length != 1 || !second
        || waited.length != line.bytes().length - 1) {
      fail(line, "FWAIT + x87 split", obj, ok ? Disassembler.format(insn) : "(bad)");
      lengthFailures++;
      return;
    }
    if (waited.mnemonic.startsWith("fn")) {
      waited.mnemonic = "f" + waited.mnemonic.substring(2);
    }
    String mine = Disassembler.format(waited);
    if (!mine.equals(obj)) {
      fail(line, "text of the waiting form", obj, mine);
      textFailures++;
    }
  }

  private boolean decode(CodeReader code, long addr, Insn out) {
    try {
      return decoder.decode(code, addr, out);
    } catch (IndexOutOfBoundsException e) {
      return false; // ran off the end of the listing
    }
  }

  private boolean explain(String obj, String mine) {
    String rule = known.rule(insn, obj, mine);
    if (rule == null) {
      return false;
    }
    explained.merge(rule, 1L, Long::sum);
    return true;
  }

  private static String mnemonicOf(String text) {
    for (String w : text.split(" +")) {
      if (!w.isEmpty() && !isPrefixName(w)) {
        return w;
      }
    }
    return "";
  }

  private static boolean isPrefixName(String w) {
    return w.startsWith("rex") || Set.of("data16", "addr32", "lock", "rep", "repz", "repnz",
        "cs", "ds", "es", "ss", "fs", "gs", "bnd", "notrack", "xacquire", "xrelease").contains(w);
  }

  private void fail(ObjdumpListing.Line line, String what, String obj, String mine) {
    if (failures.size() < KEEP) {
      StringBuilder hex = new StringBuilder();
      for (byte x : line.bytes()) {
        hex.append(String.format("%02x ", x & 0xff));
      }
      failures.add(String.format("%x: %s| %s | objdump: %s | jx86: %s", line.address(), hex,
          what, obj, mine));
    }
  }

  long failureCount() {
    return lengthFailures + textFailures + otherFailures;
  }

  String report(String name) {
    return String.format("%s: %d instructions, %d checked, %d matched, %d unsupported "
        + "(AVX/AVX-512/XOP/listed), %d objdump (bad), %d FWAIT-merged, explained %s, "
        + "failures: %d length, %d text, %d other", name, total, checked, matched, unsupported,
        objdumpBad, fwaitMerged, explained, lengthFailures, textFailures, otherFailures);
  }

  String failureText() {
    return String.join("\n", failures);
  }
}

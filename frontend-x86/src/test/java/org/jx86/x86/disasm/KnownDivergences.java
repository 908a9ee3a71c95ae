package org.jx86.x86.disasm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jx86.x86.decode.Form;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.Sem;

/** The deliberate differences from objdump listed in {@code known-divergences.txt}. */
final class KnownDivergences {
  private final Map<String, String> unsupported = new HashMap<>();
  private final Map<String, String> rules = new HashMap<>();

  private static final Set<String> RULES = Set.of("NEAR_BRANCH_66", "REX_B_PAUSE", "F2_BSF_BSR",
      "OPSIZE_WITH_REX_W", "HINT_NOP_SPACE", "MMX_XMM_MOVES_66", "UD_REGISTERS", "FAR_INDIRECT",
      "LONE_REX");
  private static final Pattern LONE_REX = Pattern.compile("(\\S+ )*rex(\\.[WRXB]+)?");
  private static final Pattern X87_ENV_16 =
      Pattern.compile("\\b(fldenv|fnstenv|frstor|fnsave)w\\b");
  private static final Pattern UD_REGISTER = Pattern.compile(
      "\\bcr(1|5|6|7|9|1[0-5])\\b|\\bdr(8|9|1[0-5])\\b|\\?|\\bmov +cs,");

  KnownDivergences() {
    try (InputStream in = KnownDivergences.class.getResourceAsStream("known-divergences.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\|");
        String reason = f[2].trim();
        switch (f[0].trim()) {
          case "unsupported":
            for (String m : f[1].trim().split("\\s+")) {
              unsupported.put(m, reason);
            }
            break;
          case "rule":
            String name = f[1].trim();
            if (!RULES.contains(name)) {
              throw new IllegalStateException("unknown rule " + name);
            }
            rules.put(name, reason);
            break;
          default:
            throw new IllegalStateException("bad line: " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reason objdump's instruction is deliberately not decoded, or null. */
  String unsupported(String objdumpText) {
    for (String word : objdumpText.split("[ ,]+")) {
      String reason = unsupported.get(word);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  /**
   * The rule that explains a difference between objdump's text and a decoded instruction, or
   * null. mine is the decoder's text ("(bad)" if it rejected the bytes).
   */
  String rule(Insn insn, String objdumpText, String mine) {
    if (LONE_REX.matcher(objdumpText).matches()) {
      return named("LONE_REX");
    }
    if (insn.sem == null) {
      return rejected(insn, objdumpText);
    }
    Form f = insn.form;
    boolean has66 = (insn.prefixes & Insn.PFX_OPSIZE) != 0 || hasByte(insn, 0x66);
    boolean rexW = (insn.rex & 8) != 0;
    if (has66 && f.has(Form.F64)) {
      return named("NEAR_BRANCH_66");
    }
    if (insn.sem == Sem.XCHG && insn.map == 0 && insn.opcode == 0x90
        && (insn.prefixes & Insn.PFX_REP) != 0 && objdumpText.contains("pause")) {
      return named("REX_B_PAUSE");
    }
    if ((insn.sem == Sem.BSF || insn.sem == Sem.BSR) && (insn.prefixes & Insn.PFX_REPNE) != 0
        && objdumpText.contains("(bad)")) {
      return named("F2_BSF_BSR");
    }
    if (has66 && rexW && withoutOperandSize(mine).equals(withoutOperandSize(objdumpText))) {
      return named("OPSIZE_WITH_REX_W");
    }
    if (insn.sem == Sem.NOP && insn.map == 1 && insn.opcode >= 0x18 && insn.opcode <= 0x1f
        && (prefixed(insn) || objdumpText.contains("prefetchit"))) {
      return named("HINT_NOP_SPACE");
    }
    if ((insn.sem == Sem.MOVQ2DQ || insn.sem == Sem.MOVDQ2Q || insn.sem == Sem.PMOVMSKB)
        && has66 && (insn.prefixes & (Insn.PFX_REP | Insn.PFX_REPNE)) != 0
        || (insn.sem == Sem.MOVQ2DQ || insn.sem == Sem.MOVDQ2Q) && has66) {
      return named("MMX_XMM_MOVES_66");
    }
    return null;
  }

  /** Rules for encodings the decoder rejects; insn.bytes still holds what was read. */
  private String rejected(Insn insn, String objdumpText) {
    if (UD_REGISTER.matcher(objdumpText).find()) {
      return named("UD_REGISTERS");
    }
    int i = 0;
    while (i < insn.bytes.length - 1 && PrefixPrinter.isPrefix(insn.bytes[i] & 0xff)) {
      i++;
    }
    int reg = i + 1 < insn.bytes.length ? insn.bytes[i + 1] >> 3 & 7 : 0;
    if ((insn.bytes[i] & 0xff) == 0xff && (reg == 3 || reg == 5)) {
      return named("FAR_INDIRECT");
    }
    return null;
  }

  private String named(String rule) {
    return rules.containsKey(rule) ? rule : null;
  }

  private static boolean prefixed(Insn insn) {
    return PrefixPrinter.isPrefix(insn.bytes[0] & 0xff);
  }

  private static boolean hasByte(Insn insn, int b) {
    for (int i = 0; i < insn.length && PrefixPrinter.isPrefix(insn.bytes[i] & 0xff); i++) {
      if ((insn.bytes[i] & 0xff) == b) {
        return true;
      }
    }
    return false;
  }

  /** Text without data16 and without the 16-bit x87 environment suffix (fnstenvw). */
  private static String withoutOperandSize(String s) {
    return X87_ENV_16.matcher(s.replace("data16 ", "")).replaceAll("$1").replaceAll(" +", " ");
  }
}

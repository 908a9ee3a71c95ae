package org.jx86.x86.disasm;

import org.jx86.x86.decode.Form;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Spec;

/**
 * Formats a decoded instruction exactly as {@code objdump -d -M intel} prints its text column
 * (binutils 2.40): unused prefixes by name, the mnemonic padded to six columns plus a space when
 * operands follow, operands in Intel order separated by commas, and for a RIP-relative operand
 * the comment {@code "        # 0x<target>"}. Branch targets and the comment address are printed
 * as objdump prints them for a file without symbols ({@code 0x401020}); objdump adds
 * {@code " <sym>"} and drops the {@code 0x} when it knows a symbol.
 */
public final class Disassembler {
  private Disassembler() {}

  /** objdump pads prefixes plus mnemonic to this width before the operands. */
  private static final int MNEMONIC_WIDTH = 6;

  public static String format(Insn insn) {
    if (insn.sem == null) {
      return "(bad)";
    }
    StringBuilder sb = new StringBuilder(48);
    PrefixPrinter.append(sb, insn);
    sb.append(insn.mnemonic);
    int operandsAt = sb.length();
    Form f = insn.form;
    // a compare predicate folded into the mnemonic (cmpltps) is not printed as an operand
    int count = f.specCount();
    if (f.has(Form.CMP_PRED) && !insn.mnemonic.equals(f.mnemonic)) {
      count--;
    }
    long ripTarget = 0;
    boolean ripRelative = false;
    int k = 0;
    for (int i = 0; i < count; i++) {
      int spec = f.spec(i);
      sb.append(i == 0 ? "" : ",");
      if (Spec.isHidden(spec)) {
        OperandPrinter.hidden(sb, insn, spec);
        continue;
      }
      Operand o = insn.ops[k++];
      OperandPrinter.explicit(sb, insn, spec, o);
      if (o.kind == OpKind.MEM && o.base == Operand.RIP && !ripRelative) {
        ripRelative = true;
        ripTarget = insn.next() + o.disp;
      }
    }
    if (sb.length() > operandsAt) {
      int pad = Math.max(MNEMONIC_WIDTH - operandsAt, 0) + 1;
      sb.insert(operandsAt, " ".repeat(pad));
    }
    if (ripRelative) {
      sb.append("        # ");
      OperandPrinter.hex(sb, ripTarget);
    }
    return sb.toString();
  }
}

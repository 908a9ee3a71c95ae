package org.jx86.x86.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jx86.x86.disasm.Disassembler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every slot of every opcode table: each decodable slot must have a semantic key, a
 * well-formed operand spec and a mnemonic; every form must be reachable from real encodings
 * (found by enumerating opcodes x prefixes x REX x ModRM) and printable by the disassembler; and
 * every {@link Sem} constant must be used by some row.
 */
class TableWalkTest {
  private static final Pattern MNEMONIC = Pattern.compile("[a-z][a-z0-9]*");
  private static final Set<Integer> IMPLICIT =
      Set.of(Spec.X, Spec.Y, Spec.XB, Spec.FIX_GPR, Spec.FIX_XMM);

  /** Every form in the tables, with where it was found. */
  private static final Map<Form, String> FORMS = new IdentityHashMap<>();

  @BeforeAll
  static void collect() {
    String[] names = {"one-byte", "0F", "0F38", "0F3A"};
    Node[][] tables = {OneByteMap.TABLE, TwoByteMap.TABLE, Map0F38.TABLE, Map0F3A.TABLE};
    for (int t = 0; t < tables.length; t++) {
      for (int op = 0; op < 256; op++) {
        walk(tables[t][op], names[t] + String.format(" %02X", op));
      }
    }
    for (int map = 1; map <= 3; map++) {
      for (int op = 0; op < 256; op++) {
        walk(VexMap.TABLES[map][op], "VEX map " + map + String.format(" %02X", op));
      }
    }
  }

  private static void walk(Node n, String where) {
    if (n == null) {
      return;
    }
    if (n.level < 0) {
      FORMS.putIfAbsent(n.form, where);
      return;
    }
    assertEquals(Key.FANOUT[n.level], n.kids.length, where);
    for (int i = 0; i < n.kids.length; i++) {
      walk(n.kids[i], where + " " + Key.NAMES[n.level] + "=" + i);
    }
  }

  @Test
  void everySlotHasSemanticsOperandsAndMnemonic() {
    assertTrue(FORMS.size() > 700, "only " + FORMS.size() + " forms");
    for (Map.Entry<Form, String> e : FORMS.entrySet()) {
      Form f = e.getKey();
      String where = e.getValue() + " " + f;
      assertTrue(f.sem != null, where + ": no Sem");
      assertTrue(f.mnemonic != null && MNEMONIC.matcher(f.mnemonic).matches(),
          where + ": bad mnemonic");
      int visible = 0;
      for (int i = 0; i < f.specCount(); i++) {
        int s = f.spec(i);
        int m = Spec.method(s);
        assertTrue(m > 0 && m < Spec.METHOD_COUNT, where + ": operand method " + m);
        assertTrue(Spec.size(s) > 0 && Spec.size(s) < Spec.SIZE_COUNT, where + ": size code");
        if (Spec.isHidden(s)) {
          assertTrue(IMPLICIT.contains(m), where + ": method " + m + " cannot be implicit");
        } else {
          assertTrue(m != Spec.X && m != Spec.Y && m != Spec.XB, where + ": must be implicit");
          visible++;
        }
      }
      assertTrue(visible <= 4, where + ": more than four operands");
      boolean conditional = f.sem == Sem.JCC || f.sem == Sem.SETCC || f.sem == Sem.CMOVCC
          || f.sem == Sem.FCMOVCC;
      assertEquals(conditional, f.cond >= 0, where + ": condition code");
    }
  }

  @Test
  void everySemConstantIsUsed() {
    Set<Sem> unused = EnumSet.allOf(Sem.class);
    for (Form f : FORMS.keySet()) {
      unused.remove(f.sem);
    }
    assertTrue(unused.isEmpty(), "Sem constants without a row: " + unused);
  }

  @Test
  void everyFormIsReachableAndPrintable() {
    Map<Form, String> reached = new IdentityHashMap<>();
    Decoder decoder = new Decoder();
    Insn insn = new Insn();
    byte[] buf = new byte[32];
    CodeReader code = addr -> buf[(int) (addr - 0x1000)] & 0xff;
    int[][] prefixes = {{}, {0x66}, {0xf3}, {0xf2}, {0x66, 0xf3}, {0x66, 0xf2}, {0x67},
      {0x67, 0x66}};
    int[] rexes = {0, 0x41, 0x48};
    int[][] escapes = {{}, {0x0f}, {0x0f, 0x38}, {0x0f, 0x3a}};
    for (int[] escape : escapes) {
      for (int op = 0; op < 256; op++) {
        for (int[] pfx : prefixes) {
          for (int rex : rexes) {
            for (int modrm = 0; modrm < 256; modrm++) {
              int k = 0;
              for (int p : pfx) {
                buf[k++] = (byte) p;
              }
              if (rex != 0) {
                buf[k++] = (byte) rex;
              }
              for (int e : escape) {
                buf[k++] = (byte) e;
              }
              buf[k++] = (byte) op;
              buf[k++] = (byte) modrm;
              java.util.Arrays.fill(buf, k, buf.length, (byte) 0);
              visit(decoder, code, insn, reached);
            }
          }
        }
      }
    }
    for (int map = 1; map <= 3; map++) {
      for (int op = 0; op < 256; op++) {
        for (int pp = 0; pp < 4; pp++) {
          for (int w = 0; w < 2; w++) {
            for (int modrm = 0; modrm < 256; modrm++) {
              buf[0] = (byte) 0xc4;
              buf[1] = (byte) (0xe0 | map);
              buf[2] = (byte) (w << 7 | 0x78 | pp);
              buf[3] = (byte) op;
              buf[4] = (byte) modrm;
              java.util.Arrays.fill(buf, 5, buf.length, (byte) 0);
              visit(decoder, code, insn, reached);
            }
          }
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<Form, String> e : FORMS.entrySet()) {
      if (!reached.containsKey(e.getKey())) {
        missing.add(e.getValue() + " " + e.getKey());
      }
    }
    assertTrue(missing.isEmpty(), "forms no encoding reaches: " + missing);
  }

  private static void visit(Decoder decoder, CodeReader code, Insn insn,
      Map<Form, String> reached) {
    if (!decoder.decode(code, 0x1000, insn) || reached.containsKey(insn.form)) {
      return;
    }
    String text;
    try {
      text = Disassembler.format(insn);
    } catch (RuntimeException e) {
      throw new AssertionError(insn + " cannot be printed", e);
    }
    if (!text.contains(insn.mnemonic)) {
      fail(insn + " printed as " + text);
    }
    reached.put(insn.form, text);
  }
}

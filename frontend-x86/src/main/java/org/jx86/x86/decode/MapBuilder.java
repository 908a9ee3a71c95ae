package org.jx86.x86.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds one opcode map from rows, the way FEX's {@code InstallToTable} does, and fails at class
 * load when rows collide.
 *
 * <p>A row is {@code row(opcode, [key,] sem, [mnemonic,] operands and attributes...)}. The key
 * (see {@link Key}) narrows the row to a mandatory prefix, a ModRM reg value, register or memory
 * forms and so on. Where several rows match the same decode path the most specific one wins: a
 * row wins over another only if it claims every level the other claims and more. Two rows with
 * the same key, or two matching rows neither of which is more specific, are an error. {@link
 * #bad} rows claim a path for "invalid", like objdump's {@code Bad_Opcode}.
 */
abstract class MapBuilder {
  // ---- keys ----
  static final int NP = Key.of(Key.PREFIX, 0);
  static final int P66 = Key.of(Key.PREFIX, 1);
  static final int PF3 = Key.of(Key.PREFIX, 2);
  static final int PF2 = Key.of(Key.PREFIX, 3);
  static final int W0 = Key.of(Key.W, 0);
  static final int W1 = Key.of(Key.W, 1);
  static final int O16 = Key.of(Key.OSZ, 0);
  static final int O32 = Key.of(Key.OSZ, 1);
  static final int O64 = Key.of(Key.OSZ, 2);
  static final int A32 = Key.of(Key.ASZ, 0);
  static final int A64 = Key.of(Key.ASZ, 1);
  static final int B0 = Key.of(Key.REXB, 0);
  static final int B1 = Key.of(Key.REXB, 1);
  static final int MEM = Key.of(Key.MOD, 0);
  static final int REG = Key.of(Key.MOD, 1);

  /** ModRM reg field = n. */
  static int r(int n) {
    return Key.of(Key.REG, n);
  }

  /** Register form with ModRM r/m = n. */
  static int rm(int n) {
    return REG | Key.of(Key.RM, n);
  }

  /** The exact register-form ModRM byte (C0..FF). */
  static int modrm(int b) {
    return r(b >> 3 & 7) | rm(b & 7);
  }

  // ---- attributes: tagged so they can follow the operand specs in the same varargs ----
  private static final int ATTR = 1 << 30;
  private static final int COND = 1 << 29;
  private static final int KEEP = 1 << 20;
  static final int LOCK = ATTR | Form.LOCKABLE;
  static final int D64 = ATTR | Form.D64;
  static final int F64 = ATTR | Form.F64;
  static final int STR = ATTR | Form.STRING;
  static final int REPZ = ATTR | Form.REPZ | Form.STRING;
  static final int BND = ATTR | Form.BND;
  static final int NOTRACK = ATTR | Form.NOTRACK;
  static final int HLE_ANY = ATTR | Form.HLE_ANY;
  static final int HLE_REL = ATTR | Form.HLE_REL;
  static final int CMP_PRED = ATTR | Form.CMP_PRED;
  static final int NO_VVVV = ATTR | Form.NO_VVVV;
  /** The prefix column selected the row but the prefix keeps its usual meaning: 66 is still the
   *  operand-size prefix (MOVBE), F3 still prints as repz (the 0F 1B hint NOP). */
  static final int KEEP_PREFIX = ATTR | KEEP;

  /** Condition code attribute of the Jcc/SETcc/CMOVcc/FCMOVcc rows. */
  static int cc(int c) {
    return COND | c;
  }

  /** objdump's condition suffixes, indexed by the condition code. */
  static final String[] CC = {
    "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"
  };

  private static final class Row {
    final int opcode;
    final int key;
    final Sem sem;
    final String mnemonic;
    final int[] specs;
    final int attrs;
    final int cond;
    Form form;

    Row(int opcode, int key, Sem sem, String mnemonic, int[] specs, int attrs, int cond) {
      this.opcode = opcode;
      this.key = key;
      this.sem = sem;
      this.mnemonic = mnemonic;
      this.specs = specs;
      this.attrs = attrs;
      this.cond = cond;
    }
  }

  private final String name;
  private final List<List<Row>> slots = new ArrayList<>();

  MapBuilder(String name) {
    for (int i = 0; i < 256; i++) {
      slots.add(new ArrayList<>());
    }
    this.name = name;
  }

  final void row(int opcode, Sem sem, int... operands) {
    add(opcode, 0, sem, null, operands);
  }

  final void row(int opcode, int key, Sem sem, int... operands) {
    add(opcode, key, sem, null, operands);
  }

  final void row(int opcode, Sem sem, String mnemonic, int... operands) {
    add(opcode, 0, sem, mnemonic, operands);
  }

  final void row(int opcode, int key, Sem sem, String mnemonic, int... operands) {
    add(opcode, key, sem, mnemonic, operands);
  }

  /** Claims a decode path as invalid. */
  final void bad(int opcode, int key) {
    add(opcode, key, null, null, new int[0]);
  }

  private void add(int opcode, int key, Sem sem, String mnemonic, int[] operands) {
    if (opcode < 0 || opcode > 0xff) {
      throw new IllegalArgumentException(name + ": opcode out of range " + opcode);
    }
    List<Integer> specs = new ArrayList<>();
    int attrs = 0;
    int cond = -1;
    for (int x : operands) {
      if (x == 0) {
        continue; // an attribute passed conditionally, e.g. no LOCK for CMP
      } else if ((x & ATTR) != 0) {
        attrs |= x & ~ATTR;
      } else if ((x & COND) != 0) {
        cond = x & 0xf;
      } else {
        specs.add(x);
      }
    }
    int[] s = specs.stream().mapToInt(Integer::intValue).toArray();
    slots.get(opcode).add(new Row(opcode, key, sem, mnemonic, s, attrs, cond));
  }

  /** Builds the 256 decode trees; throws if two rows claim the same slot. */
  final Node[] build() {
    Node[] table = new Node[256];
    for (int op = 0; op < 256; op++) {
      List<Row> rows = slots.get(op);
      Map<Integer, Row> byKey = new HashMap<>();
      for (Row row : rows) {
        Row other = byKey.put(row.key, row);
        if (other != null) {
          throw conflict(op, other, row);
        }
        if (row.sem != null) {
          row.form = makeForm(row);
        }
      }
      int levels = 0;
      for (Row row : rows) {
        for (int l = 0; l < Key.LEVELS; l++) {
          if (Key.specifies(row.key, l)) {
            levels |= 1 << l;
          }
        }
      }
      int[] path = new int[Key.LEVELS];
      java.util.Arrays.fill(path, -1);
      table[op] = split(op, rows, levels, 0, path, new IdentityHashMap<>());
    }
    return table;
  }

  private Node split(int op, List<Row> rows, int levels, int level, int[] path,
      Map<Form, Node> leaves) {
    if (level == Key.LEVELS) {
      return leafFor(op, rows, path, leaves);
    }
    // r/m only selects among register forms; memory forms have no such level
    boolean skip = (levels & 1 << level) == 0 || (level == Key.RM && path[Key.MOD] != 1);
    if (skip) {
      return split(op, rows, levels, level + 1, path, leaves);
    }
    Node[] kids = new Node[Key.FANOUT[level]];
    boolean same = true;
    for (int v = 0; v < kids.length; v++) {
      path[level] = v;
      kids[v] = split(op, rows, levels, level + 1, path, leaves);
      same &= kids[v] == kids[0];
    }
    path[level] = -1;
    return same ? kids[0] : Node.select(level, kids);
  }

  private Node leafFor(int op, List<Row> rows, int[] path, Map<Form, Node> leaves) {
    List<Row> matching = new ArrayList<>();
    for (Row row : rows) {
      if (matches(row.key, path)) {
        matching.add(row);
      }
    }
    Row best = null;
    for (Row row : matching) {
      boolean dominated = false;
      for (Row other : matching) {
        dominated |= other != row && moreSpecific(other.key, row.key);
      }
      if (!dominated) {
        if (best != null) {
          throw conflict(op, best, row);
        }
        best = row;
      }
    }
    if (best == null || best.form == null) {
      return null;
    }
    return leaves.computeIfAbsent(best.form, Node::leaf);
  }

  private static boolean matches(int key, int[] path) {
    for (int l = 0; l < Key.LEVELS; l++) {
      int v = Key.get(key, l);
      if (v >= 0 && v != path[l]) {
        return false;
      }
    }
    return true;
  }

  /** a claims every level b claims (with the same value) and at least one more. */
  private static boolean moreSpecific(int a, int b) {
    boolean more = false;
    for (int l = 0; l < Key.LEVELS; l++) {
      int va = Key.get(a, l);
      int vb = Key.get(b, l);
      if (vb >= 0 && va != vb) {
        return false;
      }
      more |= va >= 0 && vb < 0;
    }
    return more;
  }

  private IllegalStateException conflict(int op, Row a, Row b) {
    return new IllegalStateException(String.format("%s opcode %02X: rows %s and %s claim the"
        + " same slot (keys %08x, %08x)", name, op, a.sem, b.sem, a.key, b.key));
  }

  private static Form makeForm(Row row) {
    int col = Key.get(row.key, Key.PREFIX);
    int mandatory = col == 1 ? 0x66 : col == 2 ? 0xf3 : col == 3 ? 0xf2 : 0;
    if ((row.attrs & KEEP) != 0) {
      mandatory = 0;
    }
    if (Key.specifies(row.key, Key.OSZ) && col == 1) {
      // the OSZ level sees 66 as an operand-size prefix; it cannot also be mandatory
      throw new IllegalStateException(row.sem + ": a row cannot select both 66 and a size");
    }
    String mnemonic = row.mnemonic != null ? row.mnemonic : defaultMnemonic(row.sem, row.cond);
    return new Form(row.sem, mnemonic, row.cond, row.specs, row.attrs & ~KEEP, mandatory,
        row.key);
  }

  private static final String[] FCMOV = {
    null, null, "b", "nb", "e", "ne", "be", "nbe", null, null, "u", "nu"
  };

  private static String defaultMnemonic(Sem sem, int cond) {
    if (cond >= 0) {
      switch (sem) {
        case JCC: return "j" + CC[cond];
        case SETCC: return "set" + CC[cond];
        case CMOVCC: return "cmov" + CC[cond];
        case FCMOVCC: return "fcmov" + FCMOV[cond];
        default: throw new IllegalStateException(sem + " takes no condition");
      }
    }
    return sem.name().toLowerCase(Locale.ROOT);
  }
}

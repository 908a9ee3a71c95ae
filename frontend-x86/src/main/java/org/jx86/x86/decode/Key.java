package org.jx86.x86.decode;

/**
 * Selector keys of table rows. A row's key says which values of which selector levels it claims;
 * unspecified levels mean "any". Packed as one nibble per level, holding value + 1 (0 = any).
 *
 * <pre>
 *  31  28 27  24 23  20 19  16 15  12 11   8 7    4 3    0
 * |  rm  | reg  | mod  | rexb | asz  | osz  |  w   |prefix|
 * </pre>
 *
 * The decoder tests the levels in this order. Prefix values: 0 none, 1 = 66, 2 = F3, 3 = F2.
 * W: REX.W or VEX.W. OSZ: 0 = 16, 1 = 32, 2 = 64-bit operand size. ASZ: 0 = 32, 1 = 64-bit
 * address size. REXB: REX.B (only 90 cares). MOD: 0 memory, 1 register.
 */
final class Key {
  private Key() {}

  static final int PREFIX = 0;
  static final int W = 1;
  static final int OSZ = 2;
  static final int ASZ = 3;
  static final int REXB = 4;
  static final int MOD = 5;
  static final int REG = 6;
  static final int RM = 7;
  static final int LEVELS = 8;

  /** Number of children of a selector at each level. */
  static final int[] FANOUT = {4, 2, 3, 2, 2, 2, 8, 8};

  static final String[] NAMES = {"prefix", "w", "osz", "asz", "rexb", "mod", "reg", "rm"};

  static int of(int level, int value) {
    return (value + 1) << (level * 4);
  }

  /** The value a key claims at a level, or -1 for any. */
  static int get(int key, int level) {
    return ((key >>> (level * 4)) & 0xf) - 1;
  }

  static boolean specifies(int key, int level) {
    return get(key, level) >= 0;
  }
}

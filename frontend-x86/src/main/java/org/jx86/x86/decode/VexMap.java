package org.jx86.x86.decode;

import static org.jx86.x86.decode.Sem.*;
import static org.jx86.x86.decode.Spec.*;

/**
 * VEX-encoded instructions (C4/C5 prefix): only the BMI1/BMI2 general-purpose instructions, all
 * with VEX.L = 0. The prefix column is VEX.pp; W is VEX.W. Every other VEX encoding (AVX, AVX2,
 * FMA ...) has no row and decodes as invalid.
 */
final class VexMap {
  private VexMap() {}

  /** Decode trees indexed by VEX.mmmmm (1 = 0F, 2 = 0F38, 3 = 0F3A); index 0 is unused. */
  static final Node[][] TABLES = {
    null, new Map0F().build(), new Map38().build(), new Map3A().build()
  };

  /** VEX.0F: nothing supported. */
  private static final class Map0F extends MapBuilder {
    Map0F() {
      super("VEX 0F map");
    }
  }

  /** VEX.0F38: BMI1 and BMI2. */
  private static final class Map38 extends MapBuilder {
    Map38() {
      super("VEX 0F38 map");
      row(0xf2, NP, ANDN, Gy, By, Ey);
      Groups.group17(this, 0xf3);
      row(0xf5, NP, BZHI, Gy, Ey, By);
      row(0xf5, PF3, PEXT, Gy, By, Ey);
      row(0xf5, PF2, PDEP, Gy, By, Ey);
      row(0xf6, PF2, MULX, Gy, By, Ey);
      row(0xf7, NP, BEXTR, Gy, Ey, By);
      row(0xf7, P66, SHLX, Gy, Ey, By);
      row(0xf7, PF3, SARX, Gy, Ey, By);
      row(0xf7, PF2, SHRX, Gy, Ey, By);
    }
  }

  /** VEX.0F3A: RORX. */
  private static final class Map3A extends MapBuilder {
    Map3A() {
      super("VEX 0F3A map");
      row(0xf0, PF2, RORX, Gy, Ey, Ib, NO_VVVV);
    }
  }
}

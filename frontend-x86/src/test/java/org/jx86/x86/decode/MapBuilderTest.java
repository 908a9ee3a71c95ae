package org.jx86.x86.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The table builder's slot rules: collisions fail, the most specific row wins, bad() claims. */
class MapBuilderTest {
  /** A throwaway map whose rows are given by the test. */
  private static final class TestMap extends MapBuilder {
    TestMap(Consumer<MapBuilder> rows) {
      super("test map");
      rows.accept(this);
    }
  }

  private static Node[] build(Consumer<MapBuilder> rows) {
    return new TestMap(rows).build();
  }

  @Test
  void twoRowsWithTheSameKeyFail() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> build(m -> {
      m.row(0x01, Sem.ADD, Spec.Ev, Spec.Gv);
      m.row(0x01, Sem.SUB, Spec.Ev, Spec.Gv);
    }));
    assertTrue(e.getMessage().contains("opcode 01"), e.getMessage());
  }

  @Test
  void rowsThatOverlapWithoutOneBeingMoreSpecificFail() {
    assertThrows(IllegalStateException.class, () -> build(m -> {
      m.row(0x10, MapBuilder.PF3, Sem.MOVSS, Spec.Vx, Spec.Wd);
      m.row(0x10, MapBuilder.MEM, Sem.MOVUPS, Spec.Vx, Spec.Wx);
    }));
  }

  @Test
  void theMoreSpecificRowWins() {
    Node[] t = build(m -> {
      m.row(0xbc, Sem.BSF, Spec.Gv, Spec.Ev);
      m.row(0xbc, MapBuilder.PF3, Sem.TZCNT, Spec.Gv, Spec.Ev);
    });
    Node n = t[0xbc];
    assertEquals(Key.PREFIX, n.level);
    assertSame(Sem.BSF, n.kids[0].form.sem);
    assertSame(Sem.BSF, n.kids[1].form.sem);
    assertSame(Sem.TZCNT, n.kids[2].form.sem);
    assertSame(Sem.BSF, n.kids[3].form.sem);
    assertSame(n.kids[0], n.kids[1], "identical leaves are shared");
    assertEquals(0xf3, n.kids[2].form.mandatoryPrefix());
    assertEquals(0, n.kids[0].form.mandatoryPrefix());
  }

  @Test
  void badClaimsAPathAsInvalid() {
    Node[] t = build(m -> {
      m.row(0x09, Sem.WBINVD);
      m.bad(0x09, MapBuilder.PF2);
    });
    assertNull(t[0x09].kids[3]);
    assertSame(Sem.WBINVD, t[0x09].kids[0].form.sem);
  }

  @Test
  void unclaimedSlotsAreInvalidAndUnsplitSlotsAreLeaves() {
    Node[] t = build(m -> m.row(0x90, Sem.NOP));
    assertNull(t[0x91]);
    assertEquals(-1, t[0x90].level);
  }

  @Test
  void registerOnlySelectionDoesNotSplitMemoryForms() {
    Node[] t = build(m -> {
      m.row(0x01, MapBuilder.MEM | MapBuilder.r(2), Sem.LGDT, Spec.M0);
      m.row(0x01, MapBuilder.modrm(0xd0), Sem.XGETBV);
    });
    Node mod = t[0x01];
    assertEquals(Key.MOD, mod.level);
    assertSame(Sem.LGDT, mod.kids[0].kids[2].form.sem);
    Node rm = mod.kids[1].kids[2];
    assertEquals(Key.RM, rm.level);
    assertSame(Sem.XGETBV, rm.kids[0].form.sem);
    assertNull(rm.kids[1]);
  }
}

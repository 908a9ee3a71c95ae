package org.jx86.runtime.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.jx86.vmm.sys.Lam;

/**
 * Translations are looked up by (RIP, LAM mode): two different pairs must never share a
 * key, for canonical RIPs of either linear width, so a LAM mode change can never pick up a
 * translation that untags differently (spec §7.4).
 */
class SysCodeCacheKeyTest {
    private static final long SEED = 0xC0DE_CAC4EL;

    @Test
    void keysOfCanonicalRipsAndModesAreUnique() {
        SplittableRandom r = new SplittableRandom(SEED);
        Map<Long, String> seen = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            int width = i % 2 == 0 ? 48 : 57;
            long rip = r.nextLong() << (64 - width) >> (64 - width);   // canonical for width
            if (i < 8) rip = new long[] {0, -1, 0x7FFF_FFFF_FFFFL, -0x8000_0000_0000L,
                0xFF_FFFF_FFFF_FFFFL, -0x100_0000_0000_0000L, 0x40_1000, 0xFFFF_FFFF_8000_0000L}[i];
            assertTrue(Lam.isCanonical(rip, 57));
            for (int mode = 0; mode < Lam.MODES; mode++) {
                String who = String.format("rip %#x mode %d", rip, mode);
                String old = seen.put(SysCodeCache.key(rip, mode), who);
                assertTrue(old == null || old.equals(who), "seed " + SEED + ": " + who + " collides with " + old);
            }
        }
        assertEquals(0x40_1000L, SysCodeCache.key(0x40_1000L, 0), "mode 0 keeps the plain RIP");
    }
}

package org.jx86.x86.lift;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.jx86.ir.IrFunction;
import org.jx86.ir.IrVerifier;
import org.jx86.ir.Passes;
import org.jx86.x86.decode.Decoder;
import org.jx86.x86.decode.Insn;

/**
 * Every byte string the decoder accepts must lift to valid IR (at worst a #UD exit): a
 * Java exception here would be an internal error in a guest run. Also checks every
 * instruction's IR survives the optimisation pipeline with verification on.
 */
class LifterRobustnessTest {
    private static final long SEED = 0x11F7_5EEDL;

    @Test
    void randomBytesLiftToValidIr() {
        SplittableRandom r = new SplittableRandom(SEED);
        Decoder dec = new Decoder();
        Insn insn = new Insn();
        Lifter lifter = new Lifter();
        byte[] code = new byte[32];
        Map<String, String> failures = new HashMap<>();
        int lifted = 0;
        for (int i = 0; i < 300_000 && failures.size() < 20; i++) {
            r.nextBytes(code);
            // Bias toward the two-byte and VEX/prefix maps, which random bytes rarely reach.
            switch (i % 4) {
                case 1 -> code[0] = 0x0F;
                case 2 -> { code[0] = 0x66; code[1] = 0x0F; }
                case 3 -> { code[0] = (byte) 0xF2; code[1] = 0x0F; }
                default -> { }
            }
            long rip = 0x401000;
            if (!dec.decode(a -> code[(int) (a - rip)] & 0xFF, rip, insn)) continue;
            // Lift just this instruction: the block ends at the next one's page... so make the
            // following bytes a RET, which ends the block right after it.
            byte[] one = new byte[32];
            System.arraycopy(code, 0, one, 0, insn.length);
            one[insn.length] = (byte) 0xC3;
            try {
                IrFunction fn = lifter.lift(a -> one[(int) (a - rip)] & 0xFF, rip);
                IrVerifier.verify(fn);
                Passes.optimize(fn, true);
                lifted++;
            } catch (RuntimeException e) {
                failures.putIfAbsent(insn.mnemonic, hex(one, insn.length) + ": " + e);
            }
        }
        if (!failures.isEmpty())
            fail("lifting failed (seed 0x" + Long.toHexString(SEED) + ", " + lifted + " lifted):\n"
                + String.join("\n", failures.values()));
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(String.format("%02x ", b[i]));
        return sb.toString().trim();
    }
}

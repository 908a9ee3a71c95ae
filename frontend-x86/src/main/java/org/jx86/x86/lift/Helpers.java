package org.jx86.x86.lift;

import static org.jx86.ir.Helper.CONTEXT;
import static org.jx86.ir.Helper.MAY_FAULT;
import static org.jx86.ir.Helper.PURE;
import static org.jx86.ir.Helper.SYNC_STATE;

import org.jx86.ir.Helper;
import org.jx86.vmm.Flags;
import org.jx86.vmm.cpu.Bits;
import org.jx86.vmm.cpu.Div;
import org.jx86.vmm.cpu.StringOps;
import org.jx86.vmm.cpu.SystemOps;
import org.jx86.vmm.cpu.Traps;
import org.jx86.vmm.mem.Atomics;

/** The helper methods the lifter calls, each declared once with its flags. */
final class Helpers {
    private Helpers() {}

    static final Helper FLAGS_COMPUTE = Helper.of(Flags.class, "compute", PURE);
    static final Helper FLAGS_COND = Helper.of(Flags.class, "cond", PURE);
    static final Helper FLAGS_TEST = Helper.of(Flags.class, "test", PURE);

    static final Helper DIV_CHECK_U = Helper.of(Div.class, "checkU", MAY_FAULT);
    static final Helper DIV_CHECK_S = Helper.of(Div.class, "checkS", MAY_FAULT);
    static final Helper DIVQ = Helper.of(Div.class, "divq", MAY_FAULT);
    static final Helper REMQ = Helper.of(Div.class, "remq", MAY_FAULT);
    static final Helper IDIVQ = Helper.of(Div.class, "idivq", MAY_FAULT);
    static final Helper IREMQ = Helper.of(Div.class, "iremq", MAY_FAULT);

    static final Helper RCL = Helper.of(Bits.class, "rcl", PURE);
    static final Helper RCL_FLAGS = Helper.of(Bits.class, "rclFlags", PURE);
    static final Helper RCR = Helper.of(Bits.class, "rcr", PURE);
    static final Helper RCR_FLAGS = Helper.of(Bits.class, "rcrFlags", PURE);
    static final Helper ROT_FLAGS = Helper.of(Bits.class, "rotFlags", PURE);
    static final Helper PDEP = Helper.of(Bits.class, "pdep", PURE);
    static final Helper PEXT = Helper.of(Bits.class, "pext", PURE);
    static final Helper CRC32C = Helper.of(Bits.class, "crc32c", PURE);

    static final Helper MOVS = Helper.of(StringOps.class, "movs", SYNC_STATE | MAY_FAULT);
    static final Helper STOS = Helper.of(StringOps.class, "stos", SYNC_STATE | MAY_FAULT);
    static final Helper LODS = Helper.of(StringOps.class, "lods", SYNC_STATE | MAY_FAULT);
    static final Helper SCAS = Helper.of(StringOps.class, "scas", SYNC_STATE | MAY_FAULT);
    static final Helper CMPS = Helper.of(StringOps.class, "cmps", SYNC_STATE | MAY_FAULT);

    static final Helper CPUID = Helper.of(SystemOps.class, "cpuid", SYNC_STATE);
    static final Helper RDTSC = Helper.of(SystemOps.class, "rdtsc", 0);

    static final Helper RAISE = Helper.of(Traps.class, "raise", MAY_FAULT);
    static final Helper RAISE_IF = Helper.of(Traps.class, "raiseIf", MAY_FAULT);
    static final Helper CHECK_ALIGN16 = Helper.of(Traps.class, "checkAlign16", MAY_FAULT);

    static final Helper ATOMIC_RMW = Helper.of(Atomics.class, "rmw", CONTEXT | MAY_FAULT);
    static final Helper ATOMIC_CMPXCHG = Helper.of(Atomics.class, "cmpxchg", CONTEXT | MAY_FAULT);
    static final Helper ATOMIC_CMPXCHG16 = Helper.of(Atomics.class, "cmpxchg16", SYNC_STATE | MAY_FAULT);
    static final Helper FENCE = Helper.of(Atomics.class, "fence", 0);

    static final int CTX = CONTEXT;
}

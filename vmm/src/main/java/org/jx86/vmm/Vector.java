package org.jx86.vmm;

/** x86 exception vectors (SDM Vol. 3A, Table 6-1). */
public final class Vector {
    private Vector() {}

    public static final int DE = 0, DB = 1, BP = 3, OF = 4, BR = 5, UD = 6, NM = 7, DF = 8,
        TS = 10, NP = 11, SS = 12, GP = 13, PF = 14, MF = 16, AC = 17, MC = 18, XM = 19;

    public static String name(int v) {
        return switch (v) {
            case DE -> "#DE";
            case DB -> "#DB";
            case BP -> "#BP";
            case OF -> "#OF";
            case BR -> "#BR";
            case UD -> "#UD";
            case NM -> "#NM";
            case DF -> "#DF";
            case TS -> "#TS";
            case NP -> "#NP";
            case SS -> "#SS";
            case GP -> "#GP";
            case PF -> "#PF";
            case MF -> "#MF";
            case AC -> "#AC";
            case MC -> "#MC";
            case XM -> "#XM";
            default -> "vector " + v;
        };
    }
}
